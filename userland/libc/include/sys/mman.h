/* Ringel libc: <sys/mman.h> */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H
#include <sys/types.h>
#include <uapi/mman.h>      /* PROT_, MAP_, MREMAP_, MS_, MADV_ */
#define MAP_ANON MAP_ANONYMOUS
#define MAP_FAILED ((void *)-1)
void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...);
int madvise(void *addr, size_t len, int advice);
int msync(void *addr, size_t len, int flags);
int mincore(void *addr, size_t len, unsigned char *vec);
/* an anonymous file in memory (MFD_ flags) */
int memfd_create(const char *name, unsigned flags);
/* POSIX shared memory: files in /dev/shm (a tmpfs) */
int shm_open(const char *name, int flags, mode_t mode);
int shm_unlink(const char *name);
#endif

/* Ringel libc: memory mappings (<sys/mman.h>). */
#include <sys/mman.h>
#include "../internal.h"

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)sys(SYS_mmap, addr, len, prot, flags, fd, off);
}
int munmap(void *addr, size_t len) { return sys(SYS_munmap, addr, len); }
int mprotect(void *addr, size_t len, int prot) { return sys(SYS_mprotect, addr, len, prot); }

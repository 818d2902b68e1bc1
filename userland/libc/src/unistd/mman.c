/* Ringel libc: memory mappings (<sys/mman.h>). */
#include <sys/mman.h>
#include <stdarg.h>
#include "../internal.h"

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)sys(SYS_mmap, addr, len, prot, flags, fd, off);
}
int munmap(void *addr, size_t len) { return sys(SYS_munmap, addr, len); }
int mprotect(void *addr, size_t len, int prot) { return sys(SYS_mprotect, addr, len, prot); }

void *mremap(void *old, size_t old_len, size_t new_len, int flags, ...)
{
	void *new_addr = NULL;
	if (flags & MREMAP_FIXED) {
		va_list ap;
		va_start(ap, flags);
		new_addr = va_arg(ap, void *);
		va_end(ap);
	}
	return (void *)sys(SYS_mremap, old, old_len, new_len, flags, new_addr);
}
int madvise(void *addr, size_t len, int advice) { return sys(SYS_madvise, addr, len, advice); }
int msync(void *addr, size_t len, int flags) { return sys(SYS_msync, addr, len, flags); }
int mincore(void *addr, size_t len, unsigned char *vec) { return sys(SYS_mincore, addr, len, vec); }

/* Ringel libc: malloc's memory from the kernel — brk for the heap,
 * anonymous mappings for big blocks. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "malloc_os.h"

void *__malloc_morecore(intptr_t incr)
{
	void *p = sbrk(incr);
	return p == (void *)-1 ? NULL : p;
}

void *__malloc_map(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

void __malloc_unmap(void *p, size_t len)
{
	munmap(p, len);
}

_Noreturn void __malloc_fail(const char *what)
{
	write(2, what, strlen(what));
	write(2, "\n", 1);
	abort();
}

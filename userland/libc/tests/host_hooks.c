/* Ringel libc host tests: memory for the libc's malloc in the tests that
 * only use it in passing (strdup, asprintf, qsort's buffer).  The heap is
 * a reserved stretch of address space grown like brk; big blocks are real
 * mappings.  (malloc_test.c has its own, instrumented, version.) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

#define ARENA (256ul << 20)
static char *arena;
static size_t used;

void *rl___malloc_morecore(intptr_t incr)
{
	if (!arena) {
		arena = mmap(NULL, ARENA, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
		if (arena == MAP_FAILED) {
			arena = NULL;
			return NULL;
		}
	}
	if (incr < 0 ? (size_t)-incr > used : used + (size_t)incr > ARENA)
		return NULL;
	char *old = arena + used;
	used += (size_t)incr;
	return old;
}

void *rl___malloc_map(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

void rl___malloc_unmap(void *p, size_t len)
{
	munmap(p, len);
}

_Noreturn void rl___malloc_fail(const char *what)
{
	printf("FAIL: the libc's malloc reported: %s\n", what);
	abort();
}

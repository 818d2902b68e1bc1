/* Ringel libc: where malloc's memory comes from (malloc_os.c on Ringel and
 * Linux; the host tests supply their own over a private arena). */
#ifndef _MALLOC_OS_H
#define _MALLOC_OS_H
#include <stddef.h>
#include <stdint.h>
/* Move the heap's end by incr (which may be negative); the old end, or
 * NULL if that cannot be done. */
void *__malloc_morecore(intptr_t incr);
/* len bytes of fresh zeroed memory (len a multiple of the page size), or NULL. */
void *__malloc_map(size_t len);
void __malloc_unmap(void *p, size_t len);
/* A corrupted heap or a bad pointer: report and stop. */
_Noreturn void __malloc_fail(const char *what);
#endif

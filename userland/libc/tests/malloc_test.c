/* Ringel libc host test: malloc, free, calloc, realloc and posix_memalign
 * over a private arena.  The libc's memory hooks are supplied here: the
 * "heap" is a reserved stretch of address space grown like brk (and
 * sometimes refused, so the mapped-segment path runs too), big blocks are
 * real mappings that are counted so the test can check they are returned.
 *
 * Random sequences of operations keep a table of live blocks, each filled
 * with a pattern derived from its id; every operation checks alignment, no
 * overlap with the other live blocks, and that contents survive (realloc
 * keeps the common prefix).  Usage: libc_malloc_test [OPERATIONS [SEED]] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "rl.h"

int rl_passed, rl_failed;
uint64_t rl_seed = 0x13198a2e03707344ull;

/* ---- the hooks (rl___malloc_* after renaming) */
#define ARENA (512ul << 20)
static char *arena;
static size_t arena_used;
static int refuse_brk;       /* make morecore fail, as when something is mapped above brk */
static long live_maps;
static size_t mapped_bytes;

void *rl___malloc_morecore(intptr_t incr)
{
	if (refuse_brk && incr > 0)
		return NULL;
	if (incr < 0 ? (size_t)-incr > arena_used : arena_used + (size_t)incr > ARENA)
		return NULL;
	char *old = arena + arena_used;
	arena_used += (size_t)incr;
	if (incr < 0)   /* like brk: memory given back reads as zero when regrown */
		madvise(arena + arena_used, (size_t)-incr, MADV_DONTNEED);
	return old;
}

void *rl___malloc_map(size_t len)
{
	RL_CHECK(len % 4096 == 0, "map of %zu bytes, not whole pages", len);
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	live_maps++;
	mapped_bytes += len;
	return p;
}

void rl___malloc_unmap(void *p, size_t len)
{
	RL_CHECK(munmap(p, len) == 0, "munmap(%p, %zu) failed", p, len);
	live_maps--;
	mapped_bytes -= len;
}

_Noreturn void rl___malloc_fail(const char *what)
{
	printf("FAIL malloc reported: %s\n", what);
	printf("%d passed, %d failed\n", rl_passed, rl_failed + 1);
	exit(1);
}

/* ---- the model */
#define SLOTS 512
struct block {
	unsigned char *p;
	size_t size;
	unsigned id;
};
static struct block live[SLOTS];
static unsigned next_id = 1;

static unsigned char pattern(unsigned id, size_t i) { return (unsigned char)(id * 131 + i * 7 + (i >> 8)); }

static void fill(struct block *b)
{
	for (size_t i = 0; i < b->size; i++)
		b->p[i] = pattern(b->id, i);
}

static int intact(const struct block *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b->p[i] != pattern(b->id, i))
			return 0;
	return 1;
}

static void check_placement(int slot)
{
	struct block *b = &live[slot];
	RL_CHECK((uintptr_t)b->p % 16 == 0, "block %p not 16-aligned", (void *)b->p);
	RL_CHECK(rl_malloc_usable_size(b->p) >= b->size, "usable size %zu < %zu",
		 rl_malloc_usable_size(b->p), b->size);
	for (int j = 0; j < SLOTS; j++) {
		struct block *o = &live[j];
		if (j == slot || !o->p)
			continue;
		int apart = b->p + (b->size ? b->size : 1) <= o->p || o->p + (o->size ? o->size : 1) <= b->p;
		if (!apart) {
			RL_CHECK(0, "blocks overlap: %p+%zu and %p+%zu", (void *)b->p, b->size,
				 (void *)o->p, o->size);
			return;
		}
	}
	rl_passed++;
}

static size_t random_size(void)
{
	switch (rl_below(10)) {
	case 0: return rl_below(300000);        /* big: mapped */
	case 1: return rl_below(20000);
	case 2: return 0;
	default: return rl_below(600);
	}
}

int main(int argc, char **argv)
{
	long ops = argc > 1 ? atol(argv[1]) : 200000;
	if (argc > 2)
		rl_seed = strtoull(argv[2], NULL, 0);
	/* Reserve the heap's address space; pages appear as they are touched. */
	arena = mmap(NULL, ARENA, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (arena == MAP_FAILED) {
		printf("no arena\n0 passed, 1 failed\n");
		return 1;
	}

	for (long op = 0; op < ops; op++) {
		int s = (int)rl_below(SLOTS);
		struct block *b = &live[s];
		refuse_brk = rl_below(10) == 0;
		unsigned what = rl_below(10);
		if (!b->p) {
			size_t n = random_size();
			if (what < 6) {
				b->p = rl_malloc(n);
			} else if (what < 8) {
				size_t k = 1 + rl_below(8);
				n = n / k * k;
				b->p = rl_calloc(k, n / k);
				if (b->p) {
					size_t nonzero = 0;
					for (size_t i = 0; i < n; i++)
						nonzero += b->p[i] != 0;
					RL_CHECK(nonzero == 0, "calloc(%zu, %zu) not zeroed", k, n / k);
				}
			} else if (what < 9) {
				void *p = NULL;
				size_t align = (size_t)16 << rl_below(9);
				int e = rl_posix_memalign(&p, align, n);
				RL_CHECK(e == 0 && (uintptr_t)p % align == 0, "posix_memalign(%zu, %zu): %d %p",
					 align, n, e, p);
				b->p = p;
			} else {
				b->p = rl_realloc(NULL, n);
			}
			RL_CHECK(b->p != NULL, "allocation of %zu failed", n);
			if (!b->p)
				continue;
			b->size = n;
			b->id = next_id++;
			fill(b);
			check_placement(s);
		} else if (what < 5) {
			RL_CHECK(intact(b, b->size), "block %u (%zu bytes) corrupted before free", b->id, b->size);
			rl_free(b->p);
			b->p = NULL;
		} else {
			size_t n = random_size();
			unsigned char *q = rl_realloc(b->p, n);
			if (n == 0) {   /* frees, like glibc */
				RL_CHECK(q == NULL, "realloc(p, 0) returned %p", (void *)q);
				b->p = NULL;
				continue;
			}
			RL_CHECK(q != NULL, "realloc to %zu failed", n);
			if (!q)
				continue;
			b->p = q;
			size_t keep = n < b->size ? n : b->size;
			RL_CHECK(intact(b, keep), "realloc %zu -> %zu lost contents", b->size, n);
			b->size = n;
			fill(b);
			check_placement(s);
		}
	}
	for (int s = 0; s < SLOTS; s++) {
		if (live[s].p) {
			RL_CHECK(intact(&live[s], live[s].size), "block %u corrupted at the end", live[s].id);
			rl_free(live[s].p);
		}
	}
	/* Big blocks go back to the kernel; the mapped heap segments (made
	 * when brk was refused) stay, each one GROW_MIN-sized at least. */
	printf("after freeing everything: %ld mappings (%zu KiB) left, heap %zu KiB\n", live_maps,
	       mapped_bytes / 1024, arena_used / 1024);
	RL_CHECK(arena_used <= 1024 * 1024, "the heap was not trimmed: %zu bytes", arena_used);
	printf("%d passed, %d failed\n", rl_passed, rl_failed);
	return rl_failed != 0;
}

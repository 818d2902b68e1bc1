/* Ringel libc: malloc, free, calloc, realloc.
 *
 * Small and medium blocks come from the heap, grown with brk; big ones
 * (MMAP_MIN and up) get a mapping each, returned to the kernel by free.
 *
 * The heap is a sequence of chunks, each with a 16-byte header:
 *
 *     prev_size   size of the chunk before (0: this is a segment's first)
 *     head        this chunk's size | IN_USE | MAPPED
 *     ...         the user's bytes (16-aligned), or, when free, the links
 *                 of its free list
 *
 * so from any chunk both neighbours can be found, and free merges a chunk
 * with free neighbours at once: two free chunks are never adjacent.  A
 * segment (one contiguous stretch of heap) ends with a fence, an in-use
 * chunk of size 0 that stops the walk; when brk extends a segment, its
 * fence becomes the start of the new space.  If brk cannot grow (something
 * is mapped above it) a new segment is mapped instead.
 *
 * Free chunks sit in 64 lists by size: exact sizes below 512 bytes, then a
 * list per power of two; a bitmap says which lists are non-empty, so
 * finding the smallest list that can serve a request is a bit scan.
 *
 * Where memory comes from is malloc_os.c's business (__malloc_morecore,
 * __malloc_map, __malloc_unmap), so the host tests can run this file over
 * an arena of their own. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "malloc_os.h"

#define ALIGN 16
#define HDR 16                    /* header size: the user pointer is chunk + HDR */
#define MIN_CHUNK 32              /* header + the two free-list links */
#define IN_USE 1ul
#define MAPPED 2ul
#define FLAGS (IN_USE | MAPPED)
#define MMAP_MIN (128 * 1024)     /* requests this big get their own mapping */
#define GROW_MIN (32 * 1024)      /* the heap grows at least this much at a time: every
                                   * fork commits the whole heap (strict accounting) */
#define TRIM_AT (256 * 1024)      /* a free top chunk this big is given back... */
#define TRIM_KEEP (64 * 1024)     /* ...except this much */
#define NBINS 64

struct chunk {
	size_t prev_size;
	size_t head;
	struct chunk *next, *prev;   /* free chunks only */
};

static struct chunk *bins[NBINS];
static uint64_t bin_map;          /* bit i: bins[i] is not empty */
static struct chunk *brk_fence;   /* the fence of the brk segment, if any */

static size_t size_of(const struct chunk *c) { return c->head & ~FLAGS; }
static int in_use(const struct chunk *c) { return (c->head & IN_USE) != 0; }
static struct chunk *next_chunk(struct chunk *c) { return (struct chunk *)((char *)c + size_of(c)); }
static struct chunk *prev_chunk(struct chunk *c)
{
	return c->prev_size ? (struct chunk *)((char *)c - c->prev_size) : NULL;
}
static void *to_user(struct chunk *c) { return (char *)c + HDR; }
static struct chunk *from_user(void *p) { return (struct chunk *)((char *)p - HDR); }

/* Set a chunk's size and state, and tell its successor where it starts. */
static void set_chunk(struct chunk *c, size_t size, size_t flags)
{
	c->head = size | flags;
	next_chunk(c)->prev_size = size;
}

static int floor_log2(size_t n)
{
	return 63 - __builtin_clzl(n);
}

static int bin_of(size_t size)
{
	if (size < 512)
		return (int)(size / 16);           /* 2..31: one size each */
	int b = 32 + floor_log2(size) - 9;         /* 32..: [2^k, 2^(k+1)) */
	return b < NBINS ? b : NBINS - 1;
}

static void bin_insert(struct chunk *c)
{
	int b = bin_of(size_of(c));
	c->prev = NULL;
	c->next = bins[b];
	if (c->next)
		c->next->prev = c;
	bins[b] = c;
	bin_map |= 1ull << b;
}

static void bin_remove(struct chunk *c)
{
	int b = bin_of(size_of(c));
	if (c->prev)
		c->prev->next = c->next;
	else
		bins[b] = c->next;
	if (c->next)
		c->next->prev = c->prev;
	if (!bins[b])
		bin_map &= ~(1ull << b);
}

/* Make c (not in any list, not in use) a free chunk, merged with free
 * neighbours, and list it.  Returns the merged chunk. */
static struct chunk *release_chunk(struct chunk *c)
{
	size_t size = size_of(c);
	struct chunk *n = next_chunk(c);
	if (!in_use(n)) {
		bin_remove(n);
		size += size_of(n);
	}
	struct chunk *p = prev_chunk(c);
	if (p && !in_use(p)) {
		bin_remove(p);
		size += size_of(p);
		c = p;
	}
	set_chunk(c, size, 0);
	bin_insert(c);
	return c;
}

/* Cut c (in use) down to size, freeing the rest if it is worth a chunk. */
static void split(struct chunk *c, size_t size)
{
	size_t rest = size_of(c) - size;
	if (rest < MIN_CHUNK)
		return;
	set_chunk(c, size, IN_USE);
	struct chunk *r = next_chunk(c);
	set_chunk(r, rest, IN_USE);
	release_chunk(r);
}

/* A free chunk of at least size from the lists, taken out of them. */
static struct chunk *take_free(size_t size)
{
	int b = bin_of(size);
	/* The request's own list may hold chunks too small (above 512 bytes
	 * a list spans a power of two): first fit in it. */
	for (struct chunk *c = bins[b]; c && b >= 32; c = c->next)
		if (size_of(c) >= size) {
			bin_remove(c);
			return c;
		}
	if (b < 32 && bins[b]) {
		struct chunk *c = bins[b];
		bin_remove(c);
		return c;
	}
	/* Any chunk of a larger list fits. */
	uint64_t larger = b + 1 < NBINS ? bin_map & ~((2ull << b) - 1) : 0;
	if (!larger)
		return NULL;
	struct chunk *c = bins[__builtin_ctzll(larger)];
	bin_remove(c);
	return c;
}

/* Fresh memory for a request of size: extend the brk segment (its fence
 * turns into the new free space), or map a new segment.  The new space is
 * listed as a free chunk (merged with a free chunk before it). */
static int grow(size_t size)
{
	size_t want = size + HDR;   /* room for the new fence */
	if (want < GROW_MIN)
		want = GROW_MIN;
	want = (want + 4095) & ~(size_t)4095;
	char *p = __malloc_morecore((intptr_t)want);
	if (p) {
		struct chunk *start;
		size_t len;
		if (brk_fence && (char *)brk_fence + HDR == p) {
			start = brk_fence;                  /* contiguous: the fence becomes space */
			len = want;
		} else {
			/* A new brk segment (the first, or after a gap): align its start. */
			char *a = (char *)(((uintptr_t)p + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1));
			start = (struct chunk *)a;
			start->prev_size = 0;
			len = (want - (size_t)(a - p) - HDR) & ~(size_t)(ALIGN - 1);
		}
		start->head = len | IN_USE;         /* set_chunk writes the fence's prev_size */
		brk_fence = next_chunk(start);
		brk_fence->prev_size = len;
		brk_fence->head = IN_USE;
		release_chunk(start);
		return 0;
	}
	/* No brk: a mapped segment, chunk then fence. */
	char *m = __malloc_map(want);
	if (!m)
		return -1;
	struct chunk *start = (struct chunk *)m;
	start->prev_size = 0;
	start->head = (want - HDR) | IN_USE;
	struct chunk *fence = next_chunk(start);
	fence->prev_size = want - HDR;
	fence->head = IN_USE;
	release_chunk(start);
	return 0;
}

/* Give back the top of the brk segment if a big free chunk ends there. */
static void trim(struct chunk *c)
{
	if (!brk_fence || next_chunk(c) != brk_fence || size_of(c) < TRIM_AT)
		return;
	size_t give = (size_of(c) - TRIM_KEEP) & ~(size_t)4095;
	if (!give || !__malloc_morecore(-(intptr_t)give))
		return;
	bin_remove(c);
	set_chunk(c, size_of(c) - give, IN_USE);
	brk_fence = next_chunk(c);
	brk_fence->head = IN_USE;
	release_chunk(c);
}

/* The chunk size serving a request of n bytes, or 0 if n is absurd. */
static size_t chunk_size(size_t n)
{
	if (n > SIZE_MAX / 2)
		return 0;
	size_t s = (n + HDR + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	return s < MIN_CHUNK ? MIN_CHUNK : s;
}

static void *map_big(size_t size)
{
	size_t len = (size + 4095) & ~(size_t)4095;
	struct chunk *c = __malloc_map(len);
	if (!c)
		return NULL;
	c->prev_size = 0;
	c->head = len | IN_USE | MAPPED;
	return to_user(c);
}

void *malloc(size_t n)
{
	size_t size = chunk_size(n);
	if (!size) {
		errno = ENOMEM;
		return NULL;
	}
	if (size >= MMAP_MIN) {
		void *p = map_big(size);
		if (!p)
			errno = ENOMEM;
		return p;
	}
	struct chunk *c = take_free(size);
	if (!c) {
		if (grow(size) < 0 || !(c = take_free(size))) {
			errno = ENOMEM;
			return NULL;
		}
	}
	set_chunk(c, size_of(c), IN_USE);
	split(c, size);
	return to_user(c);
}

/* The chunk behind a pointer given to free or realloc, checked enough to
 * catch a double free or a pointer that never came from malloc. */
static struct chunk *checked(void *p, const char *who)
{
	struct chunk *c = from_user(p);
	if ((uintptr_t)p % ALIGN || !in_use(c) || size_of(c) < MIN_CHUNK ||
	    (!(c->head & MAPPED) && next_chunk(c)->prev_size != size_of(c)))
		__malloc_fail(who);
	return c;
}

void free(void *p)
{
	if (!p)
		return;
	struct chunk *c = checked(p, "free(): invalid pointer or double free");
	if (c->head & MAPPED) {
		__malloc_unmap(c, size_of(c));
		return;
	}
	trim(release_chunk(c));
}

void *calloc(size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	void *p = malloc(n * size);
	/* A fresh mapping is already zero. */
	if (p && !(from_user(p)->head & MAPPED))
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t n)
{
	if (!p)
		return malloc(n);
	if (!n) {
		free(p);
		return NULL;
	}
	struct chunk *c = checked(p, "realloc(): invalid pointer");
	size_t size = chunk_size(n), have = size_of(c);
	if (!size) {
		errno = ENOMEM;
		return NULL;
	}
	if (c->head & MAPPED) {
		/* Keep the mapping while it fits and is not mostly waste. */
		if (size <= have && size > have / 2)
			return p;
	} else if (size <= have) {
		split(c, size);
		return p;
	} else {
		/* Grow into a free neighbour, extending the heap first if this
		 * chunk is the last before the brk fence. */
		struct chunk *nx = next_chunk(c);
		if (nx == brk_fence && size < MMAP_MIN)
			grow(size - have);
		nx = next_chunk(c);
		if (!in_use(nx) && have + size_of(nx) >= size) {
			bin_remove(nx);
			set_chunk(c, have + size_of(nx), IN_USE);
			split(c, size);
			return p;
		}
	}
	void *q = malloc(n);
	if (!q)
		return NULL;
	size_t keep = have - HDR < n ? have - HDR : n;
	memcpy(q, p, keep);
	free(p);
	return q;
}

void *reallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		errno = ENOMEM;
		return NULL;
	}
	return realloc(p, n * size);
}

size_t malloc_usable_size(void *p)
{
	return p ? size_of(from_user(p)) - HDR : 0;
}

/* Aligned blocks: over-allocate, then free the part before the aligned
 * point as a chunk of its own. */
int posix_memalign(void **out, size_t align, size_t n)
{
	if (align < sizeof(void *) || (align & (align - 1)))
		return EINVAL;
	if (align <= ALIGN) {
		void *p = malloc(n);
		if (!p)
			return ENOMEM;
		*out = p;
		return 0;
	}
	size_t size = chunk_size(n);
	if (!size || size > SIZE_MAX / 2 - align)
		return ENOMEM;
	/* Taken from the heap even when big, so the front can be split off. */
	size_t total = size + align + MIN_CHUNK;
	struct chunk *c = take_free(total);
	if (!c && (grow(total) < 0 || !(c = take_free(total))))
		return ENOMEM;
	set_chunk(c, size_of(c), IN_USE);
	uintptr_t u = (uintptr_t)to_user(c);
	uintptr_t a = (u + MIN_CHUNK + align - 1) & ~(uintptr_t)(align - 1);
	if (a != u) {
		struct chunk *front = c;
		c = from_user((void *)a);
		size_t lead = (size_t)((char *)c - (char *)front);
		set_chunk(c, size_of(front) - lead, IN_USE);
		c->prev_size = lead;
		set_chunk(front, lead, IN_USE);
		release_chunk(front);
	}
	split(c, size);
	*out = to_user(c);
	return 0;
}

void *aligned_alloc(size_t align, size_t n)
{
	void *p;
	int e = posix_memalign(&p, align, n);
	if (e) {
		errno = e;
		return NULL;
	}
	return p;
}

void *memalign(size_t align, size_t n) { return aligned_alloc(align, n); }

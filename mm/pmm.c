/* The physical page allocator: one bit per page over [base, end) of RAM.
 *
 * Built from the boot_info: every page starts "in use"; the usable RAM
 * ranges are then freed, and the reserved ranges, the kernel image and the
 * bitmap itself are taken again.  The bitmap lives in the first free RAM
 * large enough, reached through the direct map.  Allocation scans from a
 * hint, so the common case (allocate, free later) stays cheap. */
#include <pmm.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>

static uint64_t *bitmap;      /* bit set = page in use (or not RAM) */
static uint16_t *refs;        /* users of each allocated page (copy-on-write sharing) */
static uint64_t base_pfn;     /* first page the bitmap covers */
static size_t npages;         /* pages covered */
static size_t nfree, ntotal;
static size_t hint;           /* where the next search starts */

static bool test_bit(size_t i) { return bitmap[i / 64] & (1ULL << (i % 64)); }
static void set_bit(size_t i) { bitmap[i / 64] |= 1ULL << (i % 64); }
static void clear_bit(size_t i) { bitmap[i / 64] &= ~(1ULL << (i % 64)); }

/* Clip [base, base+size) to whole pages inside the bitmap: page indexes
 * [*first, *last).  false if nothing is left. */
static bool page_span(uint64_t base, uint64_t size, size_t *first, size_t *last)
{
	if (size == 0 || base + size < base)
		return false;
	uint64_t lo = ALIGN_UP(base, PAGE_SIZE) / PAGE_SIZE;
	uint64_t hi = ALIGN_DOWN(base + size, PAGE_SIZE) / PAGE_SIZE;
	uint64_t a = lo > base_pfn ? lo - base_pfn : 0;
	uint64_t b = hi > base_pfn ? hi - base_pfn : 0;
	if (b > npages)
		b = npages;
	if (a >= b)
		return false;
	*first = a;
	*last = b;
	return true;
}

/* Reserve whole pages touched by [base, base+size) (rounded outward). */
static void reserve(uint64_t base, uint64_t size)
{
	if (size == 0)
		return;
	uint64_t lo = ALIGN_DOWN(base, PAGE_SIZE);
	uint64_t hi = base + size < base ? UINT64_MAX : ALIGN_UP(base + size, PAGE_SIZE);
	size_t a, b;
	if (!page_span(lo, hi - lo, &a, &b))
		return;
	for (size_t i = a; i < b; i++) {
		if (!test_bit(i)) {
			set_bit(i);
			nfree--;
			ntotal--;
		}
	}
}

static bool overlaps(uint64_t a, uint64_t asz, uint64_t b, uint64_t bsz)
{
	return a < b + bsz && b < a + asz;
}

/* First page-aligned spot of 'size' bytes in usable RAM that touches no
 * reserved range and not the kernel image.  0 if none. */
static uint64_t find_spot(const struct boot_info *bi, uint64_t size, uint64_t kbase, uint64_t ksize)
{
	for (unsigned i = 0; i < bi->n_mem; i++) {
		uint64_t start = ALIGN_UP(bi->mem[i].base, PAGE_SIZE);
		uint64_t end = ALIGN_DOWN(bi->mem[i].base + bi->mem[i].size, PAGE_SIZE);
		if (start == 0)
			start = PAGE_SIZE;
		for (uint64_t p = start; p + size <= end; ) {
			uint64_t bump = 0;
			if (overlaps(p, size, kbase, ksize))
				bump = ALIGN_UP(kbase + ksize, PAGE_SIZE);
			for (unsigned r = 0; !bump && r < bi->n_reserved; r++)
				if (overlaps(p, size, bi->reserved[r].base, bi->reserved[r].size))
					bump = ALIGN_UP(bi->reserved[r].base + bi->reserved[r].size, PAGE_SIZE);
			if (!bump)
				return p;
			p = bump;
		}
	}
	return 0;
}

int pmm_init(const struct boot_info *bi, uint64_t kimg_base, uint64_t kimg_size)
{
	uint64_t lo = UINT64_MAX, hi = 0;
	for (unsigned i = 0; i < bi->n_mem; i++) {
		lo = MIN(lo, bi->mem[i].base);
		hi = MAX(hi, bi->mem[i].base + bi->mem[i].size);
	}
	if (hi > DIRECT_MAP_SIZE)
		hi = DIRECT_MAP_SIZE;
	if (lo >= hi)
		return -1;
	base_pfn = lo / PAGE_SIZE;
	npages = ALIGN_UP(hi, PAGE_SIZE) / PAGE_SIZE - base_pfn;
	uint64_t map_bytes = ALIGN_UP((npages + 63) / 64 * 8, 8);
	uint64_t bytes = ALIGN_UP(map_bytes + npages * sizeof(uint16_t), PAGE_SIZE);
	uint64_t spot = find_spot(bi, bytes, kimg_base, kimg_size);
	if (!spot)
		return -1;
	bitmap = phys_to_virt(spot);
	memset(bitmap, 0xff, map_bytes);
	refs = (uint16_t *)((char *)bitmap + map_bytes);
	memset(refs, 0, npages * sizeof(uint16_t));
	nfree = ntotal = 0;
	for (unsigned i = 0; i < bi->n_mem; i++) {
		size_t a, b;
		if (!page_span(bi->mem[i].base, bi->mem[i].size, &a, &b))
			continue;
		for (size_t p = a; p < b; p++) {
			if (test_bit(p)) {
				clear_bit(p);
				nfree++;
				ntotal++;
			}
		}
	}
	reserve(0, PAGE_SIZE);   /* page 0 is never handed out: 0 means "none" */
	for (unsigned i = 0; i < bi->n_reserved; i++)
		reserve(bi->reserved[i].base, bi->reserved[i].size);
	reserve(kimg_base, kimg_size);
	reserve(spot, bytes);
	hint = 0;
	return nfree ? 0 : -1;
}

uint64_t pmm_alloc_pages(size_t n)
{
	if (n == 0 || n > nfree)
		return 0;
	for (size_t pass = 0; pass < 2; pass++) {
		size_t start = pass == 0 ? hint : 0;
		size_t run = 0;
		for (size_t i = start; i < npages; i++) {
			if (i % 64 == 0 && bitmap[i / 64] == ~0ULL) {   /* skip full words */
				run = 0;
				i += 63;
				continue;
			}
			if (test_bit(i)) {
				run = 0;
				continue;
			}
			if (++run == n) {
				size_t first = i + 1 - n;
				for (size_t p = first; p <= i; p++) {
					set_bit(p);
					refs[p] = 1;
				}
				nfree -= n;
				hint = i + 1;
				return (base_pfn + first) * PAGE_SIZE;
			}
		}
	}
	return 0;
}

uint64_t pmm_alloc_page(void)
{
	return pmm_alloc_pages(1);
}

/* Index of page pa, or -1 if it is not one the allocator manages. */
static long page_index(uint64_t pa)
{
	if (pa % PAGE_SIZE || pa / PAGE_SIZE < base_pfn || pa / PAGE_SIZE - base_pfn >= npages)
		return -1;
	return (long)(pa / PAGE_SIZE - base_pfn);
}

void pmm_free_pages(uint64_t pa, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		long i = page_index(pa + k * PAGE_SIZE);
		if (i < 0 || !test_bit((size_t)i))
			panic("pmm: freeing page %#lx that is not allocated",
			      (unsigned long)(pa + k * PAGE_SIZE));
		if (refs[i] > 1)
			panic("pmm: freeing page %#lx that has %u users",
			      (unsigned long)(pa + k * PAGE_SIZE), refs[i]);
		refs[i] = 0;
		clear_bit((size_t)i);
		nfree++;
		if ((size_t)i < hint)
			hint = (size_t)i;
	}
}

void pmm_free_page(uint64_t pa)
{
	pmm_free_pages(pa, 1);
}

int pmm_page_in_use(uint64_t pa)
{
	long i = page_index(pa);
	return i >= 0 && test_bit((size_t)i);
}

size_t pmm_free_count(void)
{
	return nfree;
}

size_t pmm_total_count(void)
{
	return ntotal;
}

void pmm_page_ref(uint64_t pa)
{
	long i = page_index(pa);
	if (i < 0 || !test_bit((size_t)i) || refs[i] == 0 || refs[i] == UINT16_MAX)
		panic("pmm: reference to page %#lx that is not allocated", (unsigned long)pa);
	refs[i]++;
}

void pmm_page_unref(uint64_t pa)
{
	long i = page_index(pa);
	if (i < 0 || refs[i] == 0)
		panic("pmm: dropping a reference to page %#lx that has none", (unsigned long)pa);
	if (--refs[i] == 0) {
		refs[i] = 1;
		pmm_free_page(pa);
	}
}

unsigned pmm_page_refs(uint64_t pa)
{
	long i = page_index(pa);
	return i < 0 ? 0 : refs[i];
}

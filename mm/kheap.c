/* kmalloc/kfree: the kernel heap.
 *
 * Small requests (up to 2 KiB with the header) come from power-of-two size
 * classes; each class carves whole pages from the page allocator into equal
 * blocks on a free list.  Larger requests get their own run of pages.  Every
 * block starts with a 16-byte header (a magic number and its class), so
 * kfree needs no size and catches double frees and wild pointers. */
#include <mm.h>
#include <pmm.h>
#include <kernel.h>
#include <string.h>

#define HDR_SIZE    16
#define MIN_SHIFT   5            /* 32-byte blocks (16 usable) */
#define MAX_SHIFT   11           /* 2 KiB blocks */
#define NCLASSES    (MAX_SHIFT - MIN_SHIFT + 1)
#define MAGIC_USED  0x6b6d616cu  /* "kmal" */
#define MAGIC_FREE  0x66726565u  /* "free" */
#define LARGE       0xffu

struct hdr {
	uint32_t magic;
	uint32_t cls;       /* size class index, or LARGE */
	uint64_t npages;    /* LARGE only */
};

struct free_block {
	struct hdr h;
	struct free_block *next;
};

static struct free_block *free_lists[NCLASSES];
static size_t bytes_in_use;

void kheap_init(void)
{
	for (unsigned i = 0; i < NCLASSES; i++)
		free_lists[i] = NULL;
	bytes_in_use = 0;
}

static unsigned class_for(size_t total)
{
	unsigned c = 0;
	while ((1UL << (MIN_SHIFT + c)) < total)
		c++;
	return c;
}

static bool refill(unsigned c)
{
	uint64_t pa = pmm_alloc_page();
	if (!pa)
		return false;
	size_t bsize = 1UL << (MIN_SHIFT + c);
	char *page = phys_to_virt(pa);
	for (size_t off = 0; off + bsize <= PAGE_SIZE; off += bsize) {
		struct free_block *b = (struct free_block *)(page + off);
		b->h.magic = MAGIC_FREE;
		b->h.cls = c;
		b->next = free_lists[c];
		free_lists[c] = b;
	}
	return true;
}

void *kmalloc(size_t size)
{
	if (size == 0 || size > (1UL << 40))
		return NULL;
	size_t total = size + HDR_SIZE;
	struct hdr *h;
	if (total > (1UL << MAX_SHIFT)) {
		size_t n = ALIGN_UP(total, PAGE_SIZE) / PAGE_SIZE;
		uint64_t pa = pmm_alloc_pages(n);
		if (!pa)
			return NULL;
		h = phys_to_virt(pa);
		h->cls = LARGE;
		h->npages = n;
		bytes_in_use += n * PAGE_SIZE;
	} else {
		unsigned c = class_for(total);
		if (!free_lists[c] && !refill(c))
			return NULL;
		struct free_block *b = free_lists[c];
		free_lists[c] = b->next;
		h = &b->h;
		bytes_in_use += 1UL << (MIN_SHIFT + c);
	}
	h->magic = MAGIC_USED;
	return (char *)h + HDR_SIZE;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);
	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(void *p)
{
	if (!p)
		return;
	struct hdr *h = (struct hdr *)((char *)p - HDR_SIZE);
	if (h->magic == MAGIC_FREE)
		panic("kfree: double free of %p", p);
	if (h->magic != MAGIC_USED || (h->cls != LARGE && h->cls >= NCLASSES))
		panic("kfree: %p was not returned by kmalloc (header %#x)", p, h->magic);
	if (h->cls == LARGE) {
		h->magic = 0;
		bytes_in_use -= h->npages * PAGE_SIZE;
		pmm_free_pages(virt_to_phys(h), h->npages);
		return;
	}
	struct free_block *b = (struct free_block *)h;
	b->h.magic = MAGIC_FREE;
	b->next = free_lists[h->cls];
	free_lists[h->cls] = b;
	bytes_in_use -= 1UL << (MIN_SHIFT + h->cls);
}

size_t kheap_bytes_in_use(void)
{
	return bytes_in_use;
}

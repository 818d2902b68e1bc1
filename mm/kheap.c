/* kmalloc/kfree: the kernel heap.
 *
 * Small requests come from power-of-two size classes (32 bytes to 1 KiB,
 * header included).  Each class owns whole pages: a page starts with a
 * small page header (its class, how many blocks are in use, its own free
 * list) and is cut into equal blocks.  Pages with a free block sit on their
 * class's list; a page whose blocks are all free goes straight back to the
 * page allocator, so the heap never hoards memory.  Larger requests get
 * their own run of pages.  Every block starts with a 16-byte header (a
 * magic number and its class), so kfree needs no size and catches double
 * frees and wild pointers. */
#include <mm.h>
#include <pmm.h>
#include <kmem.h>
#include <kernel.h>
#include <string.h>

#define HDR_SIZE    16
#define PAGE_HDR    64           /* room for struct page_hdr, keeps blocks 16-aligned */
#define MIN_SHIFT   5            /* 32-byte blocks (16 usable) */
#define MAX_SHIFT   10           /* 1 KiB blocks */
#define NCLASSES    (MAX_SHIFT - MIN_SHIFT + 1)
#define MAGIC_USED  0x6b6d616cu  /* "kmal" */
#define MAGIC_FREE  0x66726565u  /* "free" */
#define MAGIC_PAGE  0x736c6162u  /* "slab" */
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

struct page_hdr {
	uint32_t magic, cls;
	uint32_t used, capacity;
	struct free_block *free;
	struct page_hdr *prev, *next;   /* on the class list while it has a free block */
};
_Static_assert(sizeof(struct page_hdr) <= PAGE_HDR, "page header fits");

static struct page_hdr *partial[NCLASSES];
static size_t bytes_in_use;
static size_t pages_in_use;

void kheap_init(void)
{
	for (unsigned i = 0; i < NCLASSES; i++)
		partial[i] = NULL;
	bytes_in_use = 0;
	pages_in_use = 0;
}

static size_t block_size(unsigned c)
{
	return 1UL << (MIN_SHIFT + c);
}

static unsigned class_for(size_t total)
{
	unsigned c = 0;
	while (block_size(c) < total)
		c++;
	return c;
}

static void list_add(struct page_hdr *pg)
{
	pg->prev = NULL;
	pg->next = partial[pg->cls];
	if (pg->next)
		pg->next->prev = pg;
	partial[pg->cls] = pg;
}

static void list_del(struct page_hdr *pg)
{
	if (pg->prev)
		pg->prev->next = pg->next;
	else
		partial[pg->cls] = pg->next;
	if (pg->next)
		pg->next->prev = pg->prev;
	pg->prev = pg->next = NULL;
}

/* Heap pages count against the kernel's budget (mm/kmem.c). */
static uint64_t heap_pages(size_t n)
{
	if (!kmem_charge(n))
		return 0;
	uint64_t pa = n == 1 ? pmm_alloc_page() : pmm_alloc_pages(n);
	if (!pa)
		kmem_uncharge(n);
	return pa;
}

static void heap_free(uint64_t pa, size_t n)
{
	pmm_free_pages(pa, n);
	kmem_uncharge(n);
}

static struct page_hdr *new_page(unsigned c)
{
	uint64_t pa = heap_pages(1);
	if (!pa)
		return NULL;
	struct page_hdr *pg = phys_to_virt(pa);
	size_t bsize = block_size(c);
	pg->magic = MAGIC_PAGE;
	pg->cls = c;
	pg->used = 0;
	pg->capacity = 0;
	pg->free = NULL;
	pages_in_use++;
	for (size_t off = PAGE_HDR; off + bsize <= PAGE_SIZE; off += bsize) {
		struct free_block *b = (struct free_block *)((char *)pg + off);
		b->h.magic = MAGIC_FREE;
		b->h.cls = c;
		b->next = pg->free;
		pg->free = b;
		pg->capacity++;
	}
	list_add(pg);
	return pg;
}

static void *alloc_large(size_t total)
{
	size_t n = ALIGN_UP(total, PAGE_SIZE) / PAGE_SIZE;
	uint64_t pa = heap_pages(n);
	if (!pa)
		return NULL;
	struct hdr *h = phys_to_virt(pa);
	h->magic = MAGIC_USED;
	h->cls = LARGE;
	h->npages = n;
	bytes_in_use += n * PAGE_SIZE;
	pages_in_use += n;
	return (char *)h + HDR_SIZE;
}

void *kmalloc(size_t size)
{
	if (size == 0 || size > (1UL << 40))
		return NULL;
	size_t total = size + HDR_SIZE;
	if (total > block_size(NCLASSES - 1))
		return alloc_large(total);
	unsigned c = class_for(total);
	struct page_hdr *pg = partial[c] ? partial[c] : new_page(c);
	if (!pg)
		return NULL;
	struct free_block *b = pg->free;
	pg->free = b->next;
	if (++pg->used == pg->capacity)
		list_del(pg);
	bytes_in_use += block_size(c);
	b->h.magic = MAGIC_USED;
	return (char *)b + HDR_SIZE;
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
		pages_in_use -= h->npages;
		heap_free(virt_to_phys(h), h->npages);
		return;
	}
	struct page_hdr *pg = (struct page_hdr *)ALIGN_DOWN((uintptr_t)h, PAGE_SIZE);
	if (pg->magic != MAGIC_PAGE || pg->cls != h->cls)
		panic("kfree: %p: its page is not a heap page", p);
	struct free_block *b = (struct free_block *)h;
	b->h.magic = MAGIC_FREE;
	b->next = pg->free;
	pg->free = b;
	if (pg->used-- == pg->capacity)
		list_add(pg);   /* it was full: it has room again */
	bytes_in_use -= block_size(h->cls);
	if (pg->used == 0) {
		list_del(pg);
		pg->magic = 0;
		pages_in_use--;
		heap_free(virt_to_phys(pg), 1);
	}
}

size_t kheap_bytes_in_use(void)
{
	return bytes_in_use;
}

size_t kheap_pages_in_use(void)
{
	return pages_in_use;
}

/* Kernel-half virtual memory: the direct map, the kernel page tables,
 * mapping pages and devices. */
#ifndef RINGEL_MM_H
#define RINGEL_MM_H
#include <stdint.h>
#include <stddef.h>
#include <arch.h>

static inline void *phys_to_virt(uint64_t pa) { return (void *)(uintptr_t)(pa + DIRECT_MAP_BASE); }
static inline uint64_t virt_to_phys(const void *va) { return (uint64_t)(uintptr_t)va - DIRECT_MAP_BASE; }
/* Physical address of something inside the kernel image. */
static inline uint64_t kimg_to_phys(const void *va)
{
	extern char _kernel_start[];
	return (uint64_t)((uintptr_t)va - (uintptr_t)_kernel_start) + kernel_phys_base;
}

/* mm/pgtable.c: the portable 4-level walker.  alloc returns the physical
 * address of a zeroed page for a new table (0 = none). */
typedef uint64_t (*pt_alloc_fn)(void);
int pt_map(uint64_t root_pa, uintptr_t va, uint64_t pa, size_t size, unsigned vm_flags,
	   pt_alloc_fn alloc);
int pt_prealloc_root(uint64_t root_pa, uintptr_t va, size_t size, pt_alloc_fn alloc);
/* Unmap [va, va+size); tables are kept. Returns the number of pages unmapped. */
size_t pt_unmap(uint64_t root_pa, uintptr_t va, size_t size);
/* The 4 KiB leaf entry for va (tables created with alloc, if given). */
pte_t *pt_leaf(uint64_t root_pa, uintptr_t va, pt_alloc_fn alloc);
/* Call fn for every valid 4 KiB leaf in [start, end); stops at the first
 * non-zero return and passes it back. */
int pt_for_each_leaf(uint64_t root_pa, uintptr_t start, uintptr_t end,
		     int (*fn)(pte_t *e, uintptr_t va, void *arg), void *arg);
/* The same with a preemption point every few hundred leaves: only for a
 * space whose lock the caller holds (vm_lock), or that nobody else can
 * reach any more; fn must hold nothing across calls that another thread
 * could change. */
int pt_for_each_leaf_preempt(uint64_t root_pa, uintptr_t start, uintptr_t end,
			     int (*fn)(pte_t *e, uintptr_t va, void *arg), void *arg);
/* Free every page-table page below the user-half entries of a user root
 * (the pages they mapped must have been released already). */
void pt_free_user_tables(uint64_t root_pa);
/* The address of the first mapping (page or block) under root_pa that is
 * both writable and executable, 0 if none: the W^X check at boot. */
uintptr_t pt_find_wx(uint64_t root_pa);
/* Look up va: returns 0 and fills pa/flags if mapped, -1 if not. */
int pt_lookup(uint64_t root_pa, uintptr_t va, uint64_t *pa, unsigned *vm_flags);

/* mm/kmap.c */
struct boot_info;
void kmap_init(const struct boot_info *bi);   /* build + activate the final kernel tables */
void kmap_use_pmm(void);                       /* page tables from the allocator from now on */
uint64_t kmap_root(void);                      /* physical address of the kernel root table */
uint64_t pt_alloc_page(void);                  /* boot pool, then the page allocator */
/* Map [pa, pa+size) of device registers; NULL if out of space. */
void *ioremap(uint64_t pa, size_t size);
/* The end of what ioremap has used: [IOREMAP_BASE, end) holds its mappings. */
uintptr_t kmap_ioremap_end(void);
/* Map/unmap fresh pages in the vmalloc area (self-tests, later stacks). */
int kmap_pages(uintptr_t va, uint64_t pa, size_t size, unsigned vm_flags);
void kunmap_pages(uintptr_t va, size_t size);
/* The physical RAM ranges kmap_init put in the direct map (for /proc/kmaps). */
struct kmap_range {
	uint64_t start, end;    /* physical, [start, end) */
};
unsigned kmap_direct_ranges(const struct kmap_range **out);

/* mm/kheap.c */
void kheap_init(void);
void *kmalloc(size_t size);
void *kzalloc(size_t size);
void kfree(void *p);
size_t kheap_bytes_in_use(void);
size_t kheap_pages_in_use(void);   /* pages the heap holds (in the direct map) */

#endif

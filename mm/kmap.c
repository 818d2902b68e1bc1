/* The kernel half of every address space, built once at boot:
 *   - the kernel image, section by section: text R-X, rodata R--, data RW-;
 *   - the direct map: every usable RAM range at DIRECT_MAP_BASE + phys, RW-;
 *   - device registers mapped on demand in the ioremap area.
 * The arch's early tables are thrown away when these go live.  Page-table
 * pages come from a pool inside the kernel image until the page allocator
 * exists (it needs the direct map to run). */
#include <mm.h>
#include <pmm.h>
#include <bootinfo.h>
#include <kernel.h>
#include <string.h>

#define BOOT_POOL_PAGES 128
static uint8_t boot_pool[BOOT_POOL_PAGES][PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));
static unsigned boot_pool_used;
static bool pmm_ready;
static uint64_t kernel_root;
static uintptr_t ioremap_next = IOREMAP_BASE;
static struct kmap_range direct[BOOT_MAX_RANGES];   /* what map_direct mapped, for /proc/kmaps */
static unsigned n_direct;

uint64_t pt_alloc_page(void)
{
	if (pmm_ready)
		return pmm_alloc_page();
	if (boot_pool_used == BOOT_POOL_PAGES)
		return 0;
	return kimg_to_phys(boot_pool[boot_pool_used++]);
}

uint64_t kmap_root(void)
{
	return kernel_root;
}

static void map_image_part(char *start, char *end, unsigned flags)
{
	uintptr_t va = (uintptr_t)start;
	size_t size = ALIGN_UP((uintptr_t)end, PAGE_SIZE) - va;
	if (size && pt_map(kernel_root, va, kimg_to_phys(start), size, flags, pt_alloc_page) < 0)
		boot_fail("out of boot page-table pages mapping the kernel image");
}

static void map_direct(const struct boot_info *bi)
{
	for (unsigned i = 0; i < bi->n_mem; i++) {
		uint64_t base = ALIGN_UP(bi->mem[i].base, PAGE_SIZE);
		uint64_t end = ALIGN_DOWN(bi->mem[i].base + bi->mem[i].size, PAGE_SIZE);
		if (end > DIRECT_MAP_SIZE)
			end = DIRECT_MAP_SIZE;   /* RAM beyond 64 TiB is ignored */
		if (end <= base)
			continue;
		if (pt_map(kernel_root, DIRECT_MAP_BASE + base, base, end - base,
			   VM_READ | VM_WRITE, pt_alloc_page) < 0)
			boot_fail("cannot direct-map RAM %#lx-%#lx (boot page-table pool of %d pages exhausted)",
				  (unsigned long)base, (unsigned long)end, BOOT_POOL_PAGES);
		direct[n_direct++] = (struct kmap_range){ base, end };
	}
}

void kmap_init(const struct boot_info *bi)
{
	kernel_root = pt_alloc_page();
	memset(phys_to_virt(kernel_root), 0, PAGE_SIZE);
	map_image_part(_text_start, _text_end, VM_READ | VM_EXEC);
	map_image_part(_rodata_start, _rodata_end, VM_READ);
	map_image_part(_data_start, _kernel_end, VM_READ | VM_WRITE);
	map_direct(bi);
	/* The vmalloc and ioremap areas get their root entries now, so the
	 * kernel half's root entries are final before any process exists. */
	if (pt_prealloc_root(kernel_root, VMALLOC_BASE, VMALLOC_SIZE, pt_alloc_page) < 0 ||
	    pt_prealloc_root(kernel_root, IOREMAP_BASE, IOREMAP_SIZE, pt_alloc_page) < 0)
		boot_fail("out of boot page-table pages for the vmalloc/ioremap areas");
	arch_pt_activate_kernel(kernel_root);
}

unsigned kmap_direct_ranges(const struct kmap_range **out)
{
	*out = direct;
	return n_direct;
}

/* Called by kmain once pmm_init has run: page tables now come from it. */
void kmap_use_pmm(void)
{
	pmm_ready = true;
}

void *ioremap(uint64_t pa, size_t size)
{
	uint64_t base = ALIGN_DOWN(pa, PAGE_SIZE);
	size_t len = ALIGN_UP(pa + size, PAGE_SIZE) - base;
	if (ioremap_next + len > IOREMAP_BASE + IOREMAP_SIZE)
		return NULL;
	uintptr_t va = ioremap_next;
	if (pt_map(kernel_root, va, base, len, VM_READ | VM_WRITE | VM_DEVICE, pt_alloc_page) < 0)
		return NULL;
	ioremap_next += len + PAGE_SIZE;   /* a guard page between mappings */
	return (void *)(va + (pa - base));
}

uintptr_t kmap_ioremap_end(void)
{
	return ioremap_next;
}

int kmap_pages(uintptr_t va, uint64_t pa, size_t size, unsigned vm_flags)
{
	return pt_map(kernel_root, va, pa, size, vm_flags, pt_alloc_page);
}

void kunmap_pages(uintptr_t va, size_t size)
{
	pt_unmap(kernel_root, va, size);
}

/* Kernel stacks: KSTACK_SIZE bytes each in the vmalloc area, with an
 * unmapped guard page below, so an overflow faults instead of silently
 * overwriting the neighbour.  Slot i belongs to process-table slot i; slots
 * NPROC and up to the idle threads of the CPUs other than the boot CPU.
 * A stack's pages count against the kernel's budget (mm/kmem.c): past it
 * kstack_alloc fails and fork answers EAGAIN. */
#include <kstack.h>
#include <mm.h>
#include <pmm.h>
#include <kmem.h>
#include <proc.h>
#include <kernel.h>

#define SLOT_SIZE (KSTACK_SIZE + PAGE_SIZE)

/* Create the page tables under every stack slot now, so that the first
 * use of a high slot later does not take a page for good (the in-guest
 * leak check counts free pages exactly). */
void kstack_init(void)
{
	uintptr_t end = VMALLOC_BASE + (uintptr_t)(NPROC + MAX_CPUS) * SLOT_SIZE;
	for (uintptr_t va = VMALLOC_BASE; va < end + (2UL << 20); va += 2UL << 20)
		if (!pt_leaf(kmap_root(), MIN(va, end - 1), pt_alloc_page))
			panic("kstack: no memory for the stack page tables");
}

uintptr_t kstack_alloc(unsigned slot)
{
	uintptr_t base = VMALLOC_BASE + (uintptr_t)slot * SLOT_SIZE + PAGE_SIZE;
	if (!kmem_charge(KSTACK_SIZE / PAGE_SIZE))
		return 0;
	for (size_t off = 0; off < KSTACK_SIZE; off += PAGE_SIZE) {
		uint64_t pa = pmm_alloc_page();
		if (!pa || kmap_pages(base + off, pa, PAGE_SIZE, VM_READ | VM_WRITE) < 0) {
			if (pa)
				pmm_free_page(pa);
			kstack_free(base, off);
			kmem_uncharge(KSTACK_SIZE / PAGE_SIZE - off / PAGE_SIZE);
			return 0;
		}
	}
	return base;
}

void kstack_free(uintptr_t base, size_t mapped)
{
	for (size_t off = 0; off < mapped; off += PAGE_SIZE) {
		uint64_t pa;
		if (pt_lookup(kmap_root(), base + off, &pa, NULL) == 0) {
			kunmap_pages(base + off, PAGE_SIZE);
			pmm_free_page(pa);
			kmem_uncharge(1);
		}
	}
}

/* Kernel stacks: KSTACK_SIZE bytes each in the vmalloc area, with an
 * unmapped guard page below, so an overflow faults instead of silently
 * overwriting the neighbour.  Stacks live in numbered slots; a thread
 * takes the lowest free one, so the slots in use stay packed at the
 * bottom.  There are as many slots as processes could exist (PID_MAX, or
 * fewer when memory could not hold that many: each process is charged
 * PROC_PAGES) plus one idle thread per CPU.  A stack is paid for by that
 * commit charge, not by the kernel's budget (mm/kmem.c). */
#include <kstack.h>
#include <mm.h>
#include <pmm.h>
#include <proc.h>
#include <kernel.h>

#define SLOT_SIZE (KSTACK_SIZE + PAGE_SIZE)
#define MAX_SLOTS (PID_MAX + MAX_CPUS)

static uint64_t slot_used[(MAX_SLOTS + 63) / 64];
static unsigned nslots;
static unsigned first_free;   /* no slot below it is free */

/* Create the page tables under every slot now, so that the first use of a
 * high slot later does not take a page for good (the in-guest leak check
 * counts free pages exactly).  They cost a 512th of the stacks they could
 * hold: 0.05% of memory. */
void kstack_init(void)
{
	size_t procs = MIN(pmm_total_count() / PROC_PAGES, (size_t)PID_MAX);
	nslots = (unsigned)procs + MAX_CPUS;
	uintptr_t end = VMALLOC_BASE + (uintptr_t)nslots * SLOT_SIZE;
	for (uintptr_t va = VMALLOC_BASE; va < end + (2UL << 20); va += 2UL << 20)
		if (!pt_leaf(kmap_root(), MIN(va, end - 1), pt_alloc_page))
			panic("kstack: no memory for the stack page tables");
}

static uintptr_t slot_base(unsigned slot)
{
	return VMALLOC_BASE + (uintptr_t)slot * SLOT_SIZE + PAGE_SIZE;
}

static void unmap_stack(uintptr_t base, size_t mapped)
{
	for (size_t off = 0; off < mapped; off += PAGE_SIZE) {
		uint64_t pa;
		if (pt_lookup(kmap_root(), base + off, &pa, NULL) == 0) {
			kunmap_pages(base + off, PAGE_SIZE);
			pmm_free_page(pa);
		}
	}
}

/* The lowest free slot, marked used; nslots if none. */
static unsigned take_slot(void)
{
	for (unsigned w = first_free / 64; w * 64 < nslots; w++) {
		uint64_t free = ~slot_used[w];
		if (!free)
			continue;
		unsigned s = w * 64 + (unsigned)__builtin_ctzll(free);
		if (s >= nslots)
			break;
		slot_used[w] |= 1ULL << (s % 64);
		first_free = s + 1;
		return s;
	}
	return nslots;
}

static void give_slot(unsigned s)
{
	slot_used[s / 64] &= ~(1ULL << (s % 64));
	if (s < first_free)
		first_free = s;
}

uintptr_t kstack_alloc(unsigned *slot_out)
{
	unsigned slot = take_slot();
	if (slot >= nslots)
		return 0;
	uintptr_t base = slot_base(slot);
	for (size_t off = 0; off < KSTACK_SIZE; off += PAGE_SIZE) {
		uint64_t pa = pmm_alloc_page();
		if (!pa || kmap_pages(base + off, pa, PAGE_SIZE, VM_READ | VM_WRITE) < 0) {
			if (pa)
				pmm_free_page(pa);
			unmap_stack(base, off);
			give_slot(slot);
			return 0;
		}
	}
	if (slot_out)
		*slot_out = slot;
	return base;
}

void kstack_free(uintptr_t base)
{
	if (!base)
		return;
	unmap_stack(base, KSTACK_SIZE);
	give_slot((unsigned)((base - PAGE_SIZE - VMALLOC_BASE) / SLOT_SIZE));
}

/* x86-64 page-table entries for the portable walker (mm/pgtable.c), and
 * switching/flushing the tables.  4-level paging: level 3 = PML4, 2 = PDPT
 * (a leaf there is a 1 GiB page), 1 = PD (2 MiB page), 0 = PT (4 KiB). */
#include <kernel.h>
#include <arch.h>
#include "x86.h"

#define PTE_P    (1ULL << 0)
#define PTE_RW   (1ULL << 1)
#define PTE_US   (1ULL << 2)
#define PTE_PWT  (1ULL << 3)
#define PTE_PCD  (1ULL << 4)
#define PTE_PS   (1ULL << 7)    /* leaf at level 1 or 2 */
#define PTE_NX   (1ULL << 63)
#define PTE_ADDR 0x000ffffffffff000ULL

/* Intermediate entries grant everything; the leaf alone decides (access is
 * the intersection of all levels, so this lets user leaves work later). */
pte_t arch_pte_table(uint64_t table_pa)
{
	return (table_pa & PTE_ADDR) | PTE_P | PTE_RW | PTE_US;
}

pte_t arch_pte_leaf(uint64_t pa, unsigned vm_flags, unsigned level)
{
	pte_t e = (pa & PTE_ADDR) | PTE_P;
	if (vm_flags & VM_WRITE)
		e |= PTE_RW;
	if (vm_flags & VM_USER)
		e |= PTE_US;
	if (vm_flags & VM_DEVICE)
		e |= PTE_PCD | PTE_PWT;   /* uncached (PAT entry 3 at reset) */
	if (!(vm_flags & VM_EXEC) && x86_cpu.nx)
		e |= PTE_NX;
	if (level > 0)
		e |= PTE_PS;
	return e;
}

bool arch_pte_valid(pte_t e)
{
	return e & PTE_P;
}

bool arch_pte_is_table(pte_t e, unsigned level)
{
	return level > 0 && !(e & PTE_PS);
}

uint64_t arch_pte_pa(pte_t e, unsigned level)
{
	/* In a 2 MiB / 1 GiB leaf, bit 12 is PAT and the low address bits
	 * are reserved: mask to the page size. */
	if (level > 0 && (e & PTE_PS))
		return e & PTE_ADDR & ~((PAGE_SIZE << (9 * level)) - 1);
	return e & PTE_ADDR;
}

unsigned arch_pte_flags(pte_t e, unsigned level)
{
	unsigned f = VM_READ;
	if (e & PTE_RW)
		f |= VM_WRITE;
	if (e & PTE_US)
		f |= VM_USER;
	if (!(e & PTE_NX))
		f |= VM_EXEC;
	if (e & PTE_PCD)
		f |= VM_DEVICE;
	return f;
}

bool arch_pt_block_ok(unsigned level)
{
	if (level == 1)
		return true;
	if (level == 2)
		return x86_cpu.pdpe1gb;
	return false;
}

/* The kernel's own tables replace boot.S's: from here on the identity map
 * of low memory is gone, and only the image, the direct map of RAM and
 * what the core maps exist. */
void arch_pt_activate_kernel(uint64_t root_pa)
{
	write_cr3(root_pa);
}

void arch_tlb_flush_page(uintptr_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

void arch_tlb_flush_all(void)
{
	write_cr3(read_cr3());   /* no global pages are used */
}

void arch_pt_sync(void)
{
	/* x86 page walks see ordinary stores in program order: nothing to do. */
}

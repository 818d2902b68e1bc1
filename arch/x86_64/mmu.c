/* x86-64 page-table entries for the portable walker (mm/pgtable.c), and
 * switching/flushing the tables.  4-level paging: level 3 = PML4, 2 = PDPT
 * (a leaf there is a 1 GiB page), 1 = PD (2 MiB page), 0 = PT (4 KiB). */
#include <kernel.h>
#include <arch.h>
#include <mm.h>
#include <string.h>
#include "x86.h"

/* Intermediate entries grant everything; the leaf alone decides (access is
 * the intersection of all levels).  So user mode reaches only leaves with
 * U/S set: VM_USER pages in the lower half.  Every leaf in the kernel half
 * has U/S clear, whatever tables lead to it. */
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

/* The kernel's own tables replace head.S's: from here on the identity map
 * of low memory is gone, and only the image, the direct map of RAM and
 * what the core maps exist. */
void arch_pt_activate_kernel(uint64_t root_pa)
{
	write_cr3(root_pa);
	x86_uspace_forget();
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

void arch_dcache_flush(const void *p, size_t n)
{
	/* Device accesses snoop the caches on x86: nothing to do. */
	(void)p;
	(void)n;
}

/* ---------------------------------------------------------------- user spaces
 * One root per process, loaded into CR3: its lower half (entries 0-255) is
 * the process's own, its upper half a copy of the kernel root's entries,
 * which kmap_init made final at boot, so the copies never go stale.
 * Without PCIDs a CR3 load drops every user translation, so only the space
 * in CR3 ever needs its TLB entries flushed. */
#define USER_ROOT_ENTRIES 256

static uint32_t cur_space_id;      /* 0: no user space in CR3 */
static uint64_t cur_space_root;

unsigned arch_pt_user_root_entries(void)
{
	return USER_ROOT_ENTRIES;
}

void arch_pt_user_root_init(uint64_t root_pa)
{
	pte_t *root = phys_to_virt(root_pa);
	const pte_t *kroot = phys_to_virt(kmap_root());
	memcpy(root + USER_ROOT_ENTRIES, kroot + USER_ROOT_ENTRIES,
	       (PT_ENTRIES - USER_ROOT_ENTRIES) * sizeof(pte_t));
}

/* CR3 no longer holds a user space (the kernel root went in). */
void x86_uspace_forget(void)
{
	cur_space_id = 0;
	cur_space_root = 0;
}

static bool space_is_current(uint32_t id)
{
	return id && id == cur_space_id && (read_cr3() & PTE_ADDR) == cur_space_root;
}

/* root_pa 0: no user space (a process is being torn down): back to the
 * kernel root, so the old root's pages can be freed. */
void arch_uspace_activate(uint64_t root_pa, uint32_t id)
{
	if (!root_pa) {
		if (cur_space_id || (read_cr3() & PTE_ADDR) != kmap_root())
			arch_pt_activate_kernel(kmap_root());
		return;
	}
	if (space_is_current(id) && cur_space_root == root_pa)
		return;
	write_cr3(root_pa);
	cur_space_id = id;
	cur_space_root = root_pa;
}

void arch_uspace_flush_page(uint32_t id, uintptr_t va)
{
	if (space_is_current(id))
		arch_tlb_flush_page(va);
}

void arch_uspace_flush_all(uint32_t id)
{
	if (space_is_current(id))
		arch_tlb_flush_all();
}

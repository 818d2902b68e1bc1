/* VMSAv8-64 translation tables for the portable walker (mm/pgtable.c): the
 * descriptor encoding, TLB maintenance, switching the kernel's root, and
 * the user half of each process in TTBR0_EL1 with ASIDs.
 *
 * Levels are numbered the arch.h way, 0 = 4 KiB pages (Arm's level 3) up to
 * 3 = the root (Arm's level 0). */
#include <kernel.h>
#include <arch.h>
#include <mm.h>
#include "aarch64.h"
#include "sysreg.h"
#include <cpu.h>

/* TTBR0_EL1 while no process is current: an empty table (ASID 0), the
 * lower half maps nothing. */
static pte_t empty_root[PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));

static uint64_t level_size(unsigned level)
{
	return PAGE_SIZE << (9 * level);
}

pte_t arch_pte_table(uint64_t table_pa)
{
	return (table_pa & PTE_ADDR_MASK) | PTE_TABLE;
}

pte_t arch_pte_leaf(uint64_t pa, unsigned vm_flags, unsigned level)
{
	pte_t e = (pa & PTE_ADDR_MASK & ~(level_size(level) - 1)) | PTE_AF;
	e |= level == 0 ? PTE_PAGE : PTE_BLOCK;
	if (vm_flags & VM_DEVICE)
		e |= PTE_ATTRIDX(MAIR_DEVICE_IDX) | PTE_PXN | PTE_UXN;
	else
		e |= PTE_ATTRIDX(MAIR_NORMAL_IDX) | PTE_SH_INNER;
	if (!(vm_flags & VM_WRITE))
		e |= PTE_AP_RO;
	if (vm_flags & VM_USER) {
		/* EL1 never executes user pages; EL0 only VM_EXEC ones. */
		e |= PTE_AP_USER | PTE_NG | PTE_PXN;
		if (!(vm_flags & VM_EXEC))
			e |= PTE_UXN;
	} else {
		e |= PTE_UXN;
		if (!(vm_flags & VM_EXEC))
			e |= PTE_PXN;
	}
	return e;
}

unsigned arch_pte_flags(pte_t e, unsigned level)
{
	(void)level;
	unsigned f = VM_READ;
	if (!(e & PTE_AP_RO))
		f |= VM_WRITE;
	if (e & PTE_AP_USER) {
		f |= VM_USER;
		if (!(e & PTE_UXN))
			f |= VM_EXEC;
	} else if (!(e & PTE_PXN)) {
		f |= VM_EXEC;
	}
	if ((e & PTE_ATTRIDX_MASK) == PTE_ATTRIDX(MAIR_DEVICE_IDX))
		f |= VM_DEVICE;
	return f;
}

bool arch_pt_block_ok(unsigned level)
{
	return level == 1 || level == 2;
}

/* The switch itself runs from the identity map (head.S); then the lower
 * half is emptied. */
void arch_pt_activate_kernel(uint64_t root_pa)
{
	aarch64_switch_ttbr1(root_pa, kimg_to_phys(aarch64_early_idmap),
			     kimg_to_phys(aarch64_ttbr1_switch_low));
	write_sysreg(ttbr0_el1, kimg_to_phys(empty_root));
	isb();
	arch_tlb_flush_all();
}

void arch_tlb_flush_page(uintptr_t va)
{
	__asm__ volatile("dsb ishst\n"
			 "tlbi vaae1is, %0\n"
			 "dsb ish\n"
			 "isb" : : "r"((va >> PAGE_SHIFT) & ((1UL << 44) - 1)) : "memory");
}

void arch_tlb_flush_all(void)
{
	__asm__ volatile("dsb ishst\n"
			 "tlbi vmalle1is\n"
			 "dsb ish\n"
			 "isb" : : : "memory");
}

void arch_pt_sync(void)
{
	/* Descriptor stores must reach the table walker before a new mapping
	 * is used. */
	__asm__ volatile("dsb ishst\n"
			 "isb" : : : "memory");
}

/* Clean and invalidate by virtual address to the point of coherency, one
 * cache line at a time (the smallest data line, from CTR_EL0.DminLine). */
void arch_dcache_flush(const void *p, size_t n)
{
	uint64_t ctr;
	__asm__ volatile("mrs %0, ctr_el0" : "=r"(ctr));
	uintptr_t line = 4u << ((ctr >> 16) & 0xf);
	uintptr_t a = (uintptr_t)p & ~(line - 1), end = (uintptr_t)p + n;
	__asm__ volatile("dsb sy" ::: "memory");
	for (; a < end; a += line)
		__asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
	__asm__ volatile("dsb sy" ::: "memory");
}

/* ---------------------------------------------------------------- user address spaces
 * The lower half of each process is its own table in TTBR0_EL1, tagged with
 * an ASID so switching needs no TLB flush.  Address-space ids (unbounded)
 * map onto the ASIDs the CPU has (8 or 16 bits, ID_AA64MMFR0_EL1.ASIDBits)
 * by a fixed hash; ASID 0 is the empty table's.  When an id takes an ASID
 * that last belonged to another space, that ASID's TLB entries are flushed
 * on every CPU first (TLBI ...IS), so no space ever sees another's
 * translations.
 *
 * Several CPUs: an ASID is never taken from a space that another CPU runs
 * (its TTBR0 still holds it, and its walks would refill the ASID with the
 * old space's entries).  A space whose hashed ASID is busy that way runs
 * instead under the CPU's own private ASID (one per CPU, at the top of the
 * range), flushed on this CPU each time it is taken, so its entries stay
 * on this CPU only.  Flushes by id reach the hashed ASID, and the private
 * ASID of every CPU running the id in it.
 *
 * Broadcast TLBIs cost every CPU something (under QEMU's multi-threaded TCG
 * each one stops all vCPUs: a fork/exec/exit loop ran 40 times slower at
 * -smp 2).  So each ASID remembers which CPUs have used it since it was
 * last flushed everywhere; while that is only the running CPU, its flushes
 * stay local (TLBI without IS, DSB NSH).  All of this runs under the
 * kernel lock (the scheduler, the address-space code). */
#define ASID_SLOTS_MAX 1024

static unsigned asid_slots = 256;                /* ASIDs used: 1 .. asid_slots-1 */
static struct { uint64_t root; uint32_t id; bool used; } asid_owner[ASID_SLOTS_MAX];
/* Per CPU: the ASID its TTBR0 holds (0: the empty table) and for which id. */
static struct { unsigned asid; uint32_t id; } active[MAX_CPUS];
/* Per ASID: the CPUs that may hold entries under it (bit = cpu.h index). */
static uint32_t asid_cpus[ASID_SLOTS_MAX];

void aarch64_asid_init(void)
{
	uint64_t tcr = read_sysreg(tcr_el1) & ~(TCR_A1 | TCR_EPD0);
	if (ID_FIELD(read_sysreg(id_aa64mmfr0_el1), MMFR0_ASIDBITS) == 2) {
		tcr |= TCR_AS;
		asid_slots = ASID_SLOTS_MAX;
	}
	write_sysreg(tcr_el1, tcr);
	isb();
	arch_tlb_flush_all();
}

static unsigned asid_of(uint32_t id)
{
	return 1 + id % (asid_slots - MAX_CPUS - 1);
}

static unsigned private_asid(unsigned cpu)
{
	return asid_slots - MAX_CPUS + cpu;
}

static bool asid_owned(unsigned asid, uint32_t id)
{
	return asid_owner[asid].used && asid_owner[asid].id == id;
}

/* Does a CPU other than 'me' have asid in its TTBR0? */
static bool asid_live_elsewhere(unsigned asid, unsigned me)
{
	for (unsigned c = 0; c < ncpus; c++)
		if (c != me && active[c].asid == asid)
			return true;
	return false;
}

/* Only this CPU may hold entries under asid. */
static bool asid_local(unsigned asid)
{
	return !(asid_cpus[asid] & ~(1u << this_cpu()->index));
}

static void flush_asid(unsigned asid)
{
	if (asid_local(asid)) {
		__asm__ volatile("dsb nshst\n"
				 "tlbi aside1, %0\n"
				 "dsb nsh\n"
				 "isb" : : "r"((uint64_t)asid << TTBR_ASID_SHIFT) : "memory");
	} else {
		__asm__ volatile("dsb ishst\n"
				 "tlbi aside1is, %0\n"
				 "dsb ish\n"
				 "isb" : : "r"((uint64_t)asid << TTBR_ASID_SHIFT) : "memory");
	}
	/* Gone everywhere: only the CPUs running it now may refill it. */
	uint32_t running = 0;
	for (unsigned c = 0; c < ncpus; c++)
		if (active[c].asid == asid)
			running |= 1u << c;
	asid_cpus[asid] = running;
}


void arch_pt_user_root_init(uint64_t root_pa)
{
	(void)root_pa;    /* the kernel half is in TTBR1: nothing to share */
}

unsigned arch_pt_user_root_entries(void)
{
	return PT_ENTRIES;
}

static void set_ttbr0(uint64_t root_pa, unsigned asid)
{
	write_sysreg(ttbr0_el1, root_pa | (uint64_t)asid << TTBR_ASID_SHIFT);
	isb();
}

void arch_uspace_activate(uint64_t root_pa, uint32_t id)
{
	unsigned me = this_cpu()->index;
	uint64_t empty = kimg_to_phys(empty_root);
	if (!root_pa) {
		set_ttbr0(empty, 0);
		active[me].asid = 0;
		return;
	}
	unsigned asid = asid_of(id);
	if (!asid_owned(asid, id) || asid_owner[asid].root != root_pa) {
		/* Off the old table before flushing, so no walk can refill the
		 * ASID with its entries in between. */
		set_ttbr0(empty, 0);
		active[me].asid = 0;
		if (asid_live_elsewhere(asid, me)) {
			asid = private_asid(me);
			asid_cpus[asid] = 1u << me;   /* a private ASID is this CPU's alone */
			flush_asid(asid);
		} else {
			flush_asid(asid);
			asid_owner[asid].root = root_pa;
			asid_owner[asid].id = id;
			asid_owner[asid].used = true;
		}
	}
	active[me].asid = asid;
	active[me].id = id;
	asid_cpus[asid] |= 1u << me;
	set_ttbr0(root_pa, asid);
}

/* The ASIDs id's entries may be under: its hashed one if it owns it, and
 * the private ASID of each CPU running it there.  Returns how many. */
static unsigned asids_of(uint32_t id, unsigned out[MAX_CPUS + 1])
{
	unsigned n = 0;
	if (asid_owned(asid_of(id), id))
		out[n++] = asid_of(id);
	for (unsigned c = 0; c < ncpus; c++)
		if (active[c].id == id && active[c].asid == private_asid(c))
			out[n++] = private_asid(c);
	return n;
}

void arch_uspace_flush_page(uint32_t id, uintptr_t va)
{
	unsigned asids[MAX_CPUS + 1], n = asids_of(id, asids);
	for (unsigned i = 0; i < n; i++) {
		uint64_t arg = (uint64_t)asids[i] << TTBR_ASID_SHIFT |
			       ((va >> PAGE_SHIFT) & ((1UL << 44) - 1));
		if (asid_local(asids[i]))
			__asm__ volatile("dsb nshst\n"
					 "tlbi vae1, %0\n"
					 "dsb nsh\n"
					 "isb" : : "r"(arg) : "memory");
		else
			__asm__ volatile("dsb ishst\n"
					 "tlbi vae1is, %0\n"
					 "dsb ish\n"
					 "isb" : : "r"(arg) : "memory");
	}
}

void arch_uspace_flush_all(uint32_t id)
{
	unsigned asids[MAX_CPUS + 1], n = asids_of(id, asids);
	for (unsigned i = 0; i < n; i++)
		flush_asid(asids[i]);
}

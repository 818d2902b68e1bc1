/* x86-64 page-table entries for the portable walker (mm/pgtable.c), and
 * switching/flushing the tables.  4-level paging: level 3 = PML4, 2 = PDPT
 * (a leaf there is a 1 GiB page), 1 = PD (2 MiB page), 0 = PT (4 KiB). */
#include <kernel.h>
#include <arch.h>
#include <cpu.h>
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

static void flush_page_here(uintptr_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static void flush_all_here(void)
{
	write_cr3(read_cr3());   /* no global pages are used */
}

/* ---------------------------------------------------------------- shootdowns
 * A CPU caches translations of the tables it walked: after a change, every
 * CPU that may hold the old entry must drop it before the page is reused.
 * The initiator (holding the kernel lock, so one at a time; tlb_lock makes
 * sure of it) writes the request, sets tlb_pending on each target CPU and
 * sends it VEC_TLB; the target flushes and clears its flag, from the
 * interrupt (user mode, idle) or from arch_smp_poll while it spins with
 * interrupts off for the kernel lock.  The initiator waits for every flag
 * to clear.  Targets: for the kernel half every other CPU that answers
 * shootdowns (tlb_online), for a user space the CPUs that have it in CR3
 * (which changes only under the kernel lock the initiator holds). */
static struct {
	uintptr_t va;
	bool all;
} tlb_req;
static uint32_t tlb_lock;
uint32_t x86_tlb_cpus;

#define TLB_WARN_S   2      /* a target that has not answered: say so */
#define TLB_GIVEUP_S 30     /* and panic: something is stuck with interrupts off */

void x86_tlb_answer(void)
{
	struct x86_percpu *p = this_x86();
	if (!__atomic_load_n(&p->tlb_pending, __ATOMIC_ACQUIRE))
		return;
	if (tlb_req.all)
		flush_all_here();
	else
		flush_page_here(tlb_req.va);
	__atomic_store_n(&p->tlb_pending, 0, __ATOMIC_RELEASE);
}

/* While waiting: answer a request to this CPU (there is only one
 * initiator, but answering costs nothing), and stop if a panic elsewhere
 * says so (its NMI may not get through: an NMI handler is running). */
static void tlb_wait_poll(void)
{
	x86_tlb_answer();
	if (__atomic_load_n(&this_cpu()->ipi_pending, __ATOMIC_ACQUIRE) & IPI_STOP)
		ipi_handle();
	arch_cpu_relax();
}

/* A halted CPU is not interrupted for a shootdown: it flushes everything
 * when it wakes, before its interrupt handler touches anything but the
 * idle thread's stack and the static per-CPU structures (x86_idle_exit).
 * The state moves by atomic operations only: either the initiator marks
 * the flush before the CPU's wake-up exchange (which then sees it), or it
 * finds the CPU awake and asks it the usual way. */
void x86_idle_enter(void)
{
	__atomic_store_n(&this_x86()->idle_state, IDLE_HALTED, __ATOMIC_SEQ_CST);
}

void x86_idle_wake(void)
{
	uint32_t old = __atomic_exchange_n(&this_x86()->idle_state, IDLE_AWAKE, __ATOMIC_SEQ_CST);
	if (old & IDLE_FLUSH)
		flush_all_here();
}

static bool tlb_defer(struct x86_percpu *p)
{
	uint32_t s = IDLE_HALTED;
	return __atomic_compare_exchange_n(&p->idle_state, &s, IDLE_HALTED | IDLE_FLUSH, false,
					   __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) ||
	       s == (IDLE_HALTED | IDLE_FLUSH);
}

static bool tlb_target(const struct x86_percpu *p, bool kernel, uint32_t id)
{
	if (!__atomic_load_n(&p->tlb_online, __ATOMIC_ACQUIRE))
		return false;
	return kernel || (id && p->space_id == id);
}

static void tlb_wait(struct x86_percpu *p)
{
	uint64_t t0 = rdtsc(), hz = x86_tsc_hz ? x86_tsc_hz : 1000000000;
	bool warned = false;
	while (__atomic_load_n(&p->tlb_pending, __ATOMIC_ACQUIRE)) {
		tlb_wait_poll();
		uint64_t waited = rdtsc() - t0;
		if (!warned && waited > TLB_WARN_S * hz) {
			printk("x86-64: TLB shootdown: CPU %u has not answered for %d s (%s %#lx)\n",
			       p->index, TLB_WARN_S, tlb_req.all ? "all" : "page",
			       (unsigned long)tlb_req.va);
			warned = true;
		}
		if (waited > TLB_GIVEUP_S * hz)
			panic("TLB shootdown: CPU %u never answered (%d s)", p->index, TLB_GIVEUP_S);
	}
}

/* Flush on every other CPU concerned; the caller flushes its own. */
static void shootdown(bool kernel, uint32_t id, uintptr_t va, bool all)
{
	/* The caller's page-table write must be visible before we read who
	 * may cache it: a CPU turning tlb_online on reloads CR3 after
	 * (x86_ap_main), and a store followed by a load needs a full fence. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	/* One CPU (the common case under one vCPU, and before the others
	 * start): no one to ask, not even a look at the 16 slots.  A CPU
	 * counts itself before it turns tlb_online on and reloads CR3 after,
	 * so one this read misses caches nothing older. */
	if (__atomic_load_n(&x86_tlb_cpus, __ATOMIC_ACQUIRE) <= 1)
		return;
	struct x86_percpu *self = this_x86();
	bool any = false;
	for (unsigned i = 0; i < X86_MAX_CPUS && !any; i++)
		any = &x86_percpus[i] != self && tlb_target(&x86_percpus[i], kernel, id);
	if (!any)
		return;
	unsigned long flags = arch_irq_save();
	uint32_t free = 0;
	while (!__atomic_compare_exchange_n(&tlb_lock, &free, 1, false, __ATOMIC_ACQUIRE,
					    __ATOMIC_RELAXED)) {
		free = 0;
		tlb_wait_poll();
	}
	uint64_t t0 = rdtsc();
	tlb_req.va = va;
	tlb_req.all = all;
	for (unsigned i = 0; i < X86_MAX_CPUS; i++) {
		struct x86_percpu *p = &x86_percpus[i];
		if (p == self || !tlb_target(p, kernel, id))
			continue;
		if (tlb_defer(p)) {
			x86_smp_stats.deferred++;
			continue;
		}
		__atomic_store_n(&p->tlb_pending, 1, __ATOMIC_RELEASE);
		lapic_send(p->apic_id, VEC_TLB);
	}
	for (unsigned i = 0; i < X86_MAX_CPUS; i++)
		if (&x86_percpus[i] != self)
			tlb_wait(&x86_percpus[i]);
	x86_smp_stats.shootdowns++;
	x86_smp_stats.shootdown_tsc += rdtsc() - t0;
	__atomic_store_n(&tlb_lock, 0, __ATOMIC_RELEASE);
	arch_irq_restore(flags);
}

void arch_tlb_flush_page(uintptr_t va)
{
	flush_page_here(va);
	shootdown(true, 0, va, false);
}

void arch_tlb_flush_all(void)
{
	flush_all_here();
	shootdown(true, 0, 0, true);
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
 * Without PCIDs a CR3 load drops every user translation, so only the CPUs
 * with the space in CR3 (x86_percpu.space_id) ever need its TLB entries
 * flushed. */
#define USER_ROOT_ENTRIES 256

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
	struct x86_percpu *p = this_x86();
	p->space_id = 0;
	p->space_root = 0;
}

static bool space_is_current(uint32_t id)
{
	struct x86_percpu *p = this_x86();
	return id && id == p->space_id && (read_cr3() & PTE_ADDR) == p->space_root;
}

/* root_pa 0: no user space (a process is being torn down): back to the
 * kernel root, so the old root's pages can be freed. */
void arch_uspace_activate(uint64_t root_pa, uint32_t id)
{
	struct x86_percpu *p = this_x86();
	if (!root_pa) {
		if (p->space_id || (read_cr3() & PTE_ADDR) != kmap_root())
			arch_pt_activate_kernel(kmap_root());
		return;
	}
	if (space_is_current(id) && p->space_root == root_pa)
		return;
	write_cr3(root_pa);
	p->space_id = id;
	p->space_root = root_pa;
}

void arch_uspace_flush_page(uint32_t id, uintptr_t va)
{
	if (space_is_current(id))
		flush_page_here(va);
	shootdown(false, id, va, false);
}

void arch_uspace_flush_all(uint32_t id)
{
	if (space_is_current(id))
		flush_all_here();
	shootdown(false, id, 0, true);
}

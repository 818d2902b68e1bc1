/* x86-64: several CPUs.  The boot CPU finds the others in the ACPI MADT
 * (acpi.c: every enabled local APIC and x2APIC entry) and starts them one
 * at a time with INIT, then STARTUP IPIs (Intel SDM vol. 3, 8.4.4 and the
 * MP specification's B.4: INIT, 10 ms, STARTUP, 200 us, STARTUP if the CPU
 * has not answered), timed on the calibrated TSC.  A STARTUP IPI starts a
 * CPU in real mode at a page below 1 MiB: the trampoline (trampoline.S),
 * copied to TRAMPOLINE_PA, which setup.c kept out of the page allocator.
 * It climbs to long mode and calls x86_ap_main(), which gives the CPU the
 * boot CPU's state (control registers, its own GDT/TSS/IST stacks, the
 * IDT, the syscall MSRs and GS per-CPU area, FPU, local APIC) and enters
 * the core's smp_secondary_main().  A CPU that has not arrived within
 * AP_WAIT_MS is reported and skipped; if it arrives later it halts.
 *
 * IPIs go through the local APIC's command register: VEC_IPI for the
 * core's requests (ipi_handle), an NMI for IPI_STOP so a CPU stops even
 * with interrupts off, VEC_TLB for shootdowns (mmu.c). */
#include <kernel.h>
#include <arch.h>
#include <cpu.h>
#include <mm.h>
#include <string.h>
#include "x86.h"

_Static_assert(X86_MAX_CPUS == MAX_CPUS, "one x86_percpu per struct cpu");

extern const char x86_trampoline[], x86_trampoline_end[];
struct x86_smp_stats x86_smp_stats;

/* Interrupt command register, low word (SDM vol. 3, 10.6.1). */
#define ICR_FIXED    0x000
#define ICR_NMI      0x400
#define ICR_INIT     0x500
#define ICR_STARTUP  0x600
#define ICR_ASSERT   0x4000
#define ICR_LEVEL    0x8000

#define AP_WAIT_MS 2000      /* from the first STARTUP IPI to x86_ap_main's arrival */

/* The boot CPU's control registers, which every other CPU copies. */
static uint64_t boot_cr0, boot_cr4, boot_efer;

/* The CPU being started: the boot CPU waits (WAITING) until it arrives or
 * gives up; whichever changes the state first wins. */
enum { AP_NONE, AP_WAITING, AP_ARRIVED, AP_ABANDONED };
static uint32_t ap_state;

void arch_set_this_cpu(struct cpu *c)
{
	this_x86()->core = c;
}

static uint8_t *tramp(void)
{
	return phys_to_virt(TRAMPOLINE_PA);
}

#define PARAM(off, type) (*(volatile type *)(tramp() + TRAMP_PARAMS + (off)))

/* x2APIC ids come from CPUID leaf 0xb when the APIC is in x2APIC mode (they
 * may not fit 8 bits), else from CPUID leaf 1 (what xAPIC mode uses). */
static uint32_t id_leaf(void)
{
	return lapic_x2apic() ? 0xb : 1;
}

noreturn void x86_ap_main(unsigned idx);

noreturn void x86_ap_main(unsigned idx)
{
	write_cr0(boot_cr0);
	write_cr4(boot_cr4);
	wrmsr(MSR_EFER, boot_efer);
	gdt_init(idx);
	idt_load();
	syscall_init(idx);    /* after gdt_init, as on the boot CPU */
	fpu_cpu_init();
	lapic_ap_init();
	x86_uspace_forget();
	uint32_t waiting = AP_WAITING;
	if (!__atomic_compare_exchange_n(&ap_state, &waiting, AP_ARRIVED, false, __ATOMIC_SEQ_CST,
					 __ATOMIC_SEQ_CST))
		arch_halt();  /* given up on: the index is someone else's now */
	/* From here kernel-half shootdowns reach this CPU; the CR3 reload
	 * drops whatever it cached before (mmu.c's ordering argument). */
	__atomic_fetch_add(&x86_tlb_cpus, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&x86_percpus[idx].tlb_online, true, __ATOMIC_SEQ_CST);
	write_cr3(read_cr3());
	smp_secondary_main(idx);
}

/* The trampoline and its tables: the low PML4 maps the first 2 MiB at 0
 * (supervisor only) and shares the kernel root's upper half, so the jump
 * into the kernel image works before CR3 gets the kernel root. */
static void trampoline_setup(void)
{
	uint8_t *t = tramp();
	size_t len = (size_t)(x86_trampoline_end - x86_trampoline);
	if (len > TRAMP_PARAMS)
		panic("x86-64: the SMP trampoline (%zu bytes) overlaps its parameters", len);
	memset(t, 0, TRAMPOLINE_PAGES * PAGE_SIZE);
	memcpy(t, x86_trampoline, len);
	uint64_t *pml4 = (uint64_t *)(t + PAGE_SIZE);
	uint64_t *pdpt = (uint64_t *)(t + 2 * PAGE_SIZE);
	uint64_t *pd = (uint64_t *)(t + 3 * PAGE_SIZE);
	const uint64_t *kroot = phys_to_virt(kmap_root());
	memcpy(pml4 + 256, kroot + 256, 256 * sizeof *pml4);
	pml4[0] = (TRAMPOLINE_PA + 2 * PAGE_SIZE) | PTE_P | PTE_RW;
	pdpt[0] = (TRAMPOLINE_PA + 3 * PAGE_SIZE) | PTE_P | PTE_RW;
	pd[0] = 0 | PTE_P | PTE_RW | PTE_PS;

	boot_cr0 = read_cr0();
	boot_cr4 = read_cr4();
	boot_efer = rdmsr(MSR_EFER) & (EFER_SCE | EFER_LME | EFER_NXE);
	PARAM(TP_CR3_LOW, uint32_t) = TRAMPOLINE_PA + PAGE_SIZE;
	PARAM(TP_EFER, uint32_t) = (uint32_t)(boot_efer & (EFER_LME | EFER_NXE));
	PARAM(TP_ID_LEAF, uint32_t) = id_leaf();
	PARAM(TP_CR3, uint64_t) = kmap_root();
	PARAM(TP_APIC_ID, uint32_t) = 0xffffffff;
}

static bool ms_passed(uint64_t t0, uint64_t ms)
{
	return rdtsc() - t0 > ms * (x86_tsc_hz / 1000);
}

/* Start the CPU with this APIC id as index idx; true once it arrived. */
static bool start_cpu(unsigned idx, uint32_t apic_id)
{
	if (!gdt_alloc_ist(idx)) {
		printk("x86-64: CPU with APIC id %u: no memory for its IST stacks: skipped\n", apic_id);
		return false;
	}
	uintptr_t sp = smp_prepare_cpu(idx);
	struct x86_percpu *p = &x86_percpus[idx];
	p->apic_id = apic_id;
	p->index = idx;
	p->core = &cpus[idx];
	PARAM(TP_APIC_ID, uint32_t) = apic_id;
	PARAM(TP_STACK, uint64_t) = sp;
	PARAM(TP_INDEX, uint64_t) = idx;
	PARAM(TP_ALIVE, uint32_t) = 0;
	__atomic_store_n(&ap_state, AP_WAITING, __ATOMIC_SEQ_CST);

	bool sent = lapic_send(apic_id, ICR_INIT | ICR_ASSERT | ICR_LEVEL);
	x86_delay_us(10000);
	if (!lapic_x2apic())   /* x2APIC mode has no INIT de-assert */
		sent &= lapic_send(apic_id, ICR_INIT | ICR_LEVEL);
	uint64_t t0 = rdtsc();
	for (int i = 0; i < 2 && !PARAM(TP_ALIVE, uint32_t); i++) {
		sent &= lapic_send(apic_id, ICR_STARTUP | ICR_ASSERT | (TRAMPOLINE_PA >> 12));
		x86_delay_us(200);
	}
	while (__atomic_load_n(&ap_state, __ATOMIC_SEQ_CST) == AP_WAITING && !ms_passed(t0, AP_WAIT_MS))
		arch_cpu_relax();
	uint32_t waiting = AP_WAITING;
	if (__atomic_compare_exchange_n(&ap_state, &waiting, AP_ABANDONED, false, __ATOMIC_SEQ_CST,
					__ATOMIC_SEQ_CST)) {
		printk("x86-64: CPU with APIC id %u did not start (%s within %d ms): skipped\n",
		       apic_id, !sent ? "the IPIs were not sent" :
		       PARAM(TP_ALIVE, uint32_t) ? "it ran the trampoline but did not arrive" :
		       "no sign of life", AP_WAIT_MS);
		return false;
	}
	return true;
}

/* What a kernel-half shootdown costs with every other CPU waiting for the
 * kernel lock (they answer from arch_smp_poll): printed once, for people. */
static void measure_shootdown(unsigned n)
{
	enum { ROUNDS = 64 };
	uint64_t before = x86_smp_stats.shootdown_tsc, count = x86_smp_stats.shootdowns;
	for (int i = 0; i < ROUNDS; i++)
		arch_tlb_flush_page((uintptr_t)x86_trampoline);
	count = x86_smp_stats.shootdowns - count;
	if (count)
		printk("x86-64: a kernel TLB shootdown to %u other CPU%s: %lu TSC ticks (mean of %lu)\n",
		       n - 1, n == 2 ? "" : "s",
		       (unsigned long)((x86_smp_stats.shootdown_tsc - before) / count),
		       (unsigned long)count);
}

unsigned arch_smp_start(unsigned max)
{
	x86_percpus[0].apic_id = lapic_id();
	x86_percpus[0].core = &cpus[0];
	__atomic_fetch_add(&x86_tlb_cpus, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&x86_percpus[0].tlb_online, true, __ATOMIC_SEQ_CST);
	unsigned listed = x86_madt.ncpus_listed;
	if (max <= 1 || listed <= 1)
		return 1;
	if (!x86_trampoline_ok) {
		printk("x86-64: no RAM reserved below 1 MiB for the start-up trampoline: one CPU\n");
		return 1;
	}
	if (listed > x86_madt.ncpus)
		printk("x86-64: the MADT lists %u CPUs; only the first %u are considered\n", listed,
		       x86_madt.ncpus);
	trampoline_setup();
	uint64_t t0 = rdtsc();
	unsigned n = 1;
	for (unsigned i = 0; i < x86_madt.ncpus && n < max; i++) {
		uint32_t id = x86_madt.cpu_apic_ids[i];
		if (id == x86_percpus[0].apic_id)
			continue;
		if (!lapic_x2apic() && id > 0xfe) {
			printk("x86-64: CPU with x2APIC id %u cannot be reached in xAPIC mode: skipped\n", id);
			continue;
		}
		if (start_cpu(n, id))
			n++;
	}
	PARAM(TP_APIC_ID, uint32_t) = 0xffffffff;   /* latecomers halt */
	__atomic_store_n(&ap_state, AP_NONE, __ATOMIC_SEQ_CST);
	uint64_t took = rdtsc() - t0;
	x86_smp_stats.start_tsc = took;
	printk("x86-64: %u CPU%s running (%u in the MADT), the others started in %lu ms "
	       "(%lu TSC ticks), trampoline at %#x\n", n, n == 1 ? "" : "s", listed,
	       (unsigned long)(took / (x86_tsc_hz / 1000)), (unsigned long)took, TRAMPOLINE_PA);
	if (n > 1)
		measure_shootdown(n);
	return n;
}

void arch_cpu_timer_start(void)
{
	lapic_timer_start();
}

void arch_ipi_send(unsigned idx)
{
	if (idx >= X86_MAX_CPUS)
		return;
	bool stop = __atomic_load_n(&cpus[idx].ipi_pending, __ATOMIC_ACQUIRE) & IPI_STOP;
	lapic_send(x86_percpus[idx].apic_id, ICR_ASSERT | (stop ? ICR_NMI : ICR_FIXED | VEC_IPI));
}

void arch_smp_poll(void)
{
	x86_tlb_answer();
}

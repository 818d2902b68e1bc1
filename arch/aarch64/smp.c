/* AArch64: several CPUs.  The device tree's /cpus nodes name the others
 * (reg = their MPIDR affinity) and how to start each (enable-method):
 * "psci" = a PSCI CPU_ON call through the conduit the /psci node names
 * (QEMU virt; the CPU starts at EL1, or at EL2 with virtualization=on), or
 * "spin-table" = write the entry's physical address to the CPU's
 * cpu-release-addr and wake it with sev (the Raspberry Pi firmware's and
 * U-Boot's parking loop; the CPU starts at EL2).  Either way the CPU enters
 * aarch64_secondary_entry (head.S) with its MMU off, one at a time, and
 * comes here in aarch64_secondary_main.
 *
 * IPIs are the root interrupt controller's (an SGI on a GIC, a mailbox on
 * the BCM2836 per-core controller), handled without the kernel lock.  TLB
 * maintenance needs no IPI: mmu.c uses the inner-shareable broadcast forms
 * of TLBI, which every CPU sees, so arch_smp_poll has nothing to do. */
#include <kernel.h>
#include <arch.h>
#include <cpu.h>
#include <dt.h>
#include <mm.h>
#include <irqchip.h>
#include <string.h>
#include <stddef.h>
#include "aarch64.h"
#include "sysreg.h"
#include "smp.h"

_Static_assert(SMP_SLOTS == MAX_CPUS, "one slot per CPU");
_Static_assert(sizeof(struct aarch64_smp_slot) == SMP_SLOT_SIZE, "slot layout (smp.h)");
_Static_assert(offsetof(struct aarch64_smp_slot, sp) == SMP_SLOT_SP, "slot layout (smp.h)");
_Static_assert(offsetof(struct aarch64_smp_slot, exc_sp) == SMP_SLOT_EXC_SP, "slot layout (smp.h)");
_Static_assert(offsetof(struct aarch64_smp_slot, cpu) == SMP_SLOT_CPU, "slot layout (smp.h)");
_Static_assert(offsetof(struct aarch64_smp_regs, ttbr1) == SMP_REGS_TTBR1, "regs layout (smp.h)");
_Static_assert(offsetof(struct cpu, index) == CPU_INDEX_OFFSET, "struct cpu layout (smp.h)");

#define EXC_STACK_SIZE   (8 * 1024)
#define ARRIVE_WAIT_NS   5000000000ull    /* generous: several vCPUs on few host CPUs */
#define SLOT_FREE        (~0ull)
#define SLOT_ABANDONED   (~1ull)

extern char exc_stack_top[];
uintptr_t aarch64_exc_stack_tops[MAX_CPUS] = { (uintptr_t)exc_stack_top };

struct aarch64_smp_regs aarch64_smp_regs;
struct aarch64_smp_slot aarch64_smp_slots[SMP_SLOTS] __attribute__((aligned(SMP_SLOT_SIZE)));

void arch_set_this_cpu(struct cpu *c)
{
	__asm__ volatile("msr tpidr_el1, %0" : : "r"(c) : "memory");
}

static void ipi_irq(struct arch_regs *regs, void *arg)
{
	(void)regs, (void)arg;
	ipi_handle();
}

/* A cpu node's reg: #address-cells (1 or 2) of /cpus. */
static bool cpu_hwid(const struct dt *d, int node, uint32_t cells, uint64_t *out)
{
	int len;
	const uint8_t *p = dt_prop(d, node, "reg", &len);
	if (!p || (cells != 1 && cells != 2) || len < (int)(4 * cells))
		return false;
	uint64_t v = 0;
	for (unsigned i = 0; i < 4 * cells; i++)
		v = v << 8 | p[i];
	*out = v;
	return true;
}

/* The spin table: the entry's physical address into the 64-bit release
 * word, pushed to the point of coherency (the parked CPU reads memory
 * with its caches off), then an event to end its wfe. */
static const char *spin_table_release(const struct dt *d, int node, uint64_t entry)
{
	int len;
	const uint8_t *p = dt_prop(d, node, "cpu-release-addr", &len);
	if (!p || (len != 4 && len != 8))
		return "no cpu-release-addr";
	uint64_t addr = 0;
	for (int i = 0; i < len; i++)
		addr = addr << 8 | p[i];
	if (addr & 7)
		return "cpu-release-addr is not 8-byte aligned";
	volatile uint64_t *word = phys_to_virt(addr);
	if (pt_lookup(kmap_root(), (uintptr_t)word, NULL, NULL) != 0) {
		/* Outside the RAM the direct map covers: map it uncached. */
		uint8_t *page = ioremap(addr & ~(uint64_t)(PAGE_SIZE - 1), PAGE_SIZE);
		if (!page)
			return "cannot map cpu-release-addr";
		word = (volatile uint64_t *)(page + (addr & (PAGE_SIZE - 1)));
	}
	*word = entry;
	arch_dcache_flush((const void *)word, sizeof *word);
	__asm__ volatile("dsb sy\n"
			 "sev" : : : "memory");
	return NULL;
}

static const char *start_cpu(const struct dt *d, int node, uint64_t hwid, uint64_t entry,
			     const char **how)
{
	const char *method = dt_prop_str(d, node, "enable-method");
	*how = method ? method : "no enable-method";
	if (method && !strcmp(method, "psci")) {
		int64_t err = psci_cpu_on(hwid, entry, 0);
		return err ? psci_strerror(err) : NULL;
	}
	if (method && !strcmp(method, "spin-table"))
		return spin_table_release(d, node, entry);
	return "enable-method not supported";
}

static bool wait_arrival(struct aarch64_smp_slot *s)
{
	uint64_t t0 = arch_clock_ns();
	while (!__atomic_load_n(&s->arrived, __ATOMIC_ACQUIRE)) {
		if (arch_clock_ns() - t0 > ARRIVE_WAIT_NS)
			return false;
		arch_cpu_relax();
	}
	return true;
}

unsigned arch_smp_start(unsigned max)
{
	const struct dt *d = aarch64_irq_dt();
	const struct irqchip *chip = irqchip_get();
	int cpus_node = d ? dt_path(d, "/cpus") : -1;
	if (max <= 1 || cpus_node < 0)
		return 1;
	if (!chip || !chip->send_ipi || !chip->cpu_init) {
		printk("smp: the interrupt controller cannot send IPIs: one CPU\n");
		return 1;
	}
	if (irq_request(chip->ipi_irq, IRQ_EDGE, ipi_irq, NULL) < 0) {
		printk("smp: the IPI interrupt %u is taken: one CPU\n", chip->ipi_irq);
		return 1;
	}
	irq_set_lockless(chip->ipi_irq);

	/* What a secondary reads with its MMU off. */
	aarch64_smp_regs.tcr = read_sysreg(tcr_el1);
	aarch64_smp_regs.ttbr0 = kimg_to_phys(aarch64_early_idmap);
	aarch64_smp_regs.ttbr1 = read_sysreg(ttbr1_el1);
	arch_dcache_flush(&aarch64_smp_regs, sizeof aarch64_smp_regs);
	for (unsigned i = 0; i < SMP_SLOTS; i++)
		aarch64_smp_slots[i].mpidr = SLOT_FREE;
	__asm__ volatile("dsb ish" : : : "memory");

	uint32_t cells = 1;
	(void)dt_prop_u32(d, cpus_node, "#address-cells", &cells);
	uint64_t self = read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
	uint64_t entry = kimg_to_phys(aarch64_secondary_entry);
	unsigned running = 1, tried = 0, failed = 0, left_out = 0;
	const char *how = "";
	uint64_t t0 = arch_clock_ns();

	for (int n = dt_first_child(d, cpus_node); n >= 0; n = dt_next_sibling(d, n)) {
		const char *type = dt_prop_str(d, n, "device_type");
		uint64_t hwid;
		if (!type || strcmp(type, "cpu") != 0 || !cpu_hwid(d, n, cells, &hwid))
			continue;
		const char *status = dt_prop_str(d, n, "status");
		if ((hwid & MPIDR_AFF_MASK) == self || (status && strcmp(status, "okay") != 0))
			continue;
		if (running >= max || tried >= SMP_SLOTS || running >= MAX_CPUS) {
			left_out++;
			continue;
		}
		unsigned idx = running;
		struct aarch64_smp_slot *s = &aarch64_smp_slots[tried++];
		if (!aarch64_exc_stack_tops[idx]) {
			uint8_t *exc = kzalloc(EXC_STACK_SIZE);
			if (!exc) {
				printk("smp: no memory for an exception stack; %u CPUs\n", running);
				break;
			}
			aarch64_exc_stack_tops[idx] = ((uintptr_t)exc + EXC_STACK_SIZE) & ~(uintptr_t)15;
		}
		s->sp = smp_prepare_cpu(idx);
		s->exc_sp = aarch64_exc_stack_tops[idx];
		s->cpu = &cpus[idx];
		s->arrived = 0;
		__atomic_store_n(&s->mpidr, hwid & MPIDR_AFF_MASK, __ATOMIC_RELEASE);
		__asm__ volatile("dsb ish" : : : "memory");

		const char *err = start_cpu(d, n, hwid, entry, &how);
		if (!err && !wait_arrival(s))
			err = "did not arrive within 5 s";
		if (err) {
			/* A latecomer finds no slot and parks. */
			__atomic_store_n(&s->mpidr, SLOT_ABANDONED, __ATOMIC_RELEASE);
			printk("smp: CPU %s (MPIDR %#lx, %s): %s; skipped\n", dt_node_name(d, n),
			       (unsigned long)hwid, how, err);
			failed++;
			continue;
		}
		running++;
	}
	if (running > 1 || failed)
		printk("smp: %u secondary CPU%s started (%s) in %lu us, %u failed%s\n", running - 1,
		       running == 2 ? "" : "s", how, (unsigned long)((arch_clock_ns() - t0) / 1000),
		       failed, left_out ? ", more left out (maxcpus)" : "");
	return running;
}

/* head.S, on the new CPU: MMU on, on its idle thread's stack, TPIDR_EL1 =
 * its struct cpu, interrupts masked. */
void aarch64_secondary_main(struct aarch64_smp_slot *slot)
{
	struct cpu *c = slot->cpu;
	/* Off the identity map head.S came through; its global entries go. */
	arch_uspace_activate(0, 0);
	__asm__ volatile("tlbi vmalle1\n"
			 "dsb nsh\n"
			 "isb" : : : "memory");
	aarch64_cpu_init();
	write_sysreg(cntv_ctl_el0, CNTV_CTL_IMASK);
	irqchip_cpu_init();
	__atomic_store_n(&slot->arrived, 1, __ATOMIC_RELEASE);
	smp_secondary_main(c->index);
}

void arch_ipi_send(unsigned idx)
{
	const struct irqchip *chip = irqchip_get();
	/* The message (cpu->ipi_pending) before the interrupt that says so. */
	__asm__ volatile("dsb ishst" : : : "memory");
	if (chip && chip->send_ipi)
		chip->send_ipi(idx);
}

void arch_smp_poll(void)
{
	/* Nothing waits on this CPU: TLB maintenance is broadcast (above). */
}

/* Time and interrupts on AArch64: the generic timer (EL1 virtual timer,
 * CNTV_*), the interrupt mask (PSTATE.DAIF), the idle wait, and the
 * interrupt controller found in the device tree (drivers/irqchip). */
#include <kernel.h>
#include <arch.h>
#include <bootinfo.h>
#include <dt.h>
#include <mm.h>
#include <irqchip.h>
#include "aarch64.h"
#include "sysreg.h"

#define VIRT_TIMER_INDEX 2     /* /timer interrupts: secure, non-secure phys, virtual, hyp */
#define VIRT_TIMER_PPI   27    /* its usual INTID, when the tree has no /timer node */

static uint64_t clock_base, clock_freq;
static uint64_t tick_interval, next_deadline;
static struct dt irq_dt;
static bool irq_dt_ok;

static uint64_t counter(void)
{
	isb();   /* not read early, ahead of the code before it */
	return read_sysreg(cntvct_el0);
}

void aarch64_clock_init(void)
{
	clock_freq = read_sysreg(cntfrq_el0);
	clock_base = counter();
}

uint64_t arch_cycle_counter(void)
{
	return counter();
}

/* Whole seconds and the remainder apart, so nothing overflows for as long
 * as the 64-bit counter runs (centuries at GHz rates). */
uint64_t arch_clock_ns(void)
{
	if (!clock_freq)
		return 0;
	uint64_t t = counter() - clock_base;
	return t / clock_freq * 1000000000ull + t % clock_freq * 1000000000ull / clock_freq;
}

/* ---------------------------------------------------------------- DAIF */

unsigned long arch_irq_save(void)
{
	unsigned long daif = read_sysreg(daif);
	__asm__ volatile("msr daifset, #0x2" : : : "memory");
	return daif;
}

void arch_irq_restore(unsigned long state)
{
	write_sysreg(daif, state);
}

void arch_irq_enable(void)
{
	__asm__ volatile("msr daifclr, #0x2" : : : "memory");
}

/* WFI with IRQs still masked: a pending interrupt wakes the CPU whatever
 * PSTATE.I says, so one that arrived after the caller last looked for work
 * is never slept through.  Unmasking then takes it (the ISB makes the
 * unmask effective before the mask comes back). */
void arch_idle(void)
{
	__asm__ volatile("dsb sy\n"
			 "wfi\n"
			 "msr daifclr, #0x2\n"
			 "isb\n"
			 "msr daifset, #0x2" : : : "memory");
}

/* ---------------------------------------------------------------- interrupts */

void aarch64_irq_init(const struct boot_info *bi)
{
	if (!bi->dtb_size ||
	    dt_init(&irq_dt, phys_to_virt(bi->dtb_base), bi->dtb_size) != DT_OK) {
		printk("aarch64: no device tree: no interrupt controller, no timer\n");
		return;
	}
	irq_dt_ok = irqchip_init(&irq_dt) == 0;
}

void aarch64_irq(struct arch_regs *regs)
{
	irq_dispatch(regs);
}

/* ---------------------------------------------------------------- timer */

/* Periodic by comparing against an absolute deadline (CNTV_CVAL) that
 * advances by one interval each tick, so ticks do not drift by the
 * interrupt latency; after a long stall it restarts from now rather than
 * firing a burst of late ticks. */
static void timer_irq(struct arch_regs *regs, void *arg)
{
	(void)arg;
	uint64_t now = counter();
	next_deadline += tick_interval;
	if ((int64_t)(next_deadline - now) <= 0)
		next_deadline = now + tick_interval;
	write_sysreg(cntv_cval_el0, next_deadline);
	isb();
	timer_tick(regs);
}

void arch_timer_init(unsigned hz)
{
	unsigned flags = 0;
	int irq = -1;

	if (!irq_dt_ok || !hz || !clock_freq) {
		printk("timer: %s; no timer interrupts\n",
		       !irq_dt_ok ? "no interrupt controller" : !clock_freq ? "CNTFRQ_EL0 is 0"
		       : "0 Hz asked");
		return;
	}
	int node = dt_find_compatible(&irq_dt, -1, "arm,armv8-timer");
	if (node < 0)
		node = dt_find_compatible(&irq_dt, -1, "arm,armv7-timer");
	if (node >= 0)
		irq = irq_of_dt(&irq_dt, node, VIRT_TIMER_INDEX, &flags);
	if (irq < 0) {
		irq = VIRT_TIMER_PPI;
		flags = 0;
	}
	tick_interval = clock_freq / hz;
	write_sysreg(cntv_ctl_el0, CNTV_CTL_IMASK);
	if (irq_request((unsigned)irq, flags, timer_irq, NULL) < 0) {
		printk("timer: interrupt %d unavailable\n", irq);
		return;
	}
	next_deadline = counter() + tick_interval;
	write_sysreg(cntv_cval_el0, next_deadline);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
	printk("timer: generic timer %lu Hz, virtual timer interrupt %d, tick %u Hz\n",
	       (unsigned long)clock_freq, irq, hz);
}

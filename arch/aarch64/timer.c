/* Time on AArch64: the generic timer (EL1 virtual timer, CNTV_*), the
 * clock and the periodic tick.  Its interrupt comes through the controller
 * irq.c started. */
#include <kernel.h>
#include <arch.h>
#include <dt.h>
#include <irqchip.h>
#include "aarch64.h"
#include "sysreg.h"

#define VIRT_TIMER_INDEX 2     /* /timer interrupts: secure, non-secure phys, virtual, hyp */
#define VIRT_TIMER_PPI   27    /* its usual INTID, when the tree has no /timer node */

static uint64_t clock_base, clock_freq;
static uint64_t tick_interval, next_deadline;

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
	const struct dt *dt = aarch64_irq_dt();

	if (!dt || !hz || !clock_freq) {
		printk("timer: %s; no timer interrupts\n",
		       !dt ? "no interrupt controller" : !clock_freq ? "CNTFRQ_EL0 is 0"
		       : "0 Hz asked");
		return;
	}
	int node = dt_find_compatible(dt, -1, "arm,armv8-timer");
	if (node < 0)
		node = dt_find_compatible(dt, -1, "arm,armv7-timer");
	if (node >= 0)
		irq = irq_of_dt(dt, node, VIRT_TIMER_INDEX, &flags);
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

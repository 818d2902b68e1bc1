/* Time on AArch64: the generic timer (EL1 virtual timer, CNTV_*), the
 * clock and the periodic tick.  Its interrupt comes through the controller
 * irq.c started.  Every CPU has its own comparator (and its own copy of the
 * timer's per-CPU interrupt): each runs its own tick, with its own
 * deadline; the counter they compare against is one for the system. */
#include <kernel.h>
#include <arch.h>
#include <dt.h>
#include <irqchip.h>
#include <cpu.h>
#include "aarch64.h"
#include "sysreg.h"

#define VIRT_TIMER_INDEX 2     /* /timer interrupts: secure, non-secure phys, virtual, hyp */
#define VIRT_TIMER_PPI   27    /* its usual INTID, when the tree has no /timer node */

static uint64_t clock_base, clock_freq;
static uint64_t tick_interval;
static uint64_t next_deadline[MAX_CPUS];   /* by cpu.h's index */

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
	uint64_t *next = &next_deadline[this_cpu()->index];
	*next += tick_interval;
	if ((int64_t)(*next - now) <= 0)
		*next = now + tick_interval;
	write_sysreg(cntv_cval_el0, *next);
	isb();
	timer_tick(regs);
}

/* This CPU's comparator: the first tick one interval from now. */
static void start_comparator(void)
{
	uint64_t *next = &next_deadline[this_cpu()->index];
	*next = counter() + tick_interval;
	write_sysreg(cntv_cval_el0, *next);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
}

/* On a secondary CPU: its interrupt controller part (irqchip_cpu_init)
 * already enabled the timer's per-CPU interrupt there. */
void arch_cpu_timer_start(void)
{
	if (tick_interval)
		start_comparator();
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
	write_sysreg(cntv_ctl_el0, CNTV_CTL_IMASK);
	if (irq_request((unsigned)irq, flags, timer_irq, NULL) < 0) {
		printk("timer: interrupt %d unavailable\n", irq);
		return;
	}
	tick_interval = clock_freq / hz;
	start_comparator();
	printk("timer: generic timer %lu Hz, virtual timer interrupt %d, tick %u Hz\n",
	       (unsigned long)clock_freq, irq, hz);
}

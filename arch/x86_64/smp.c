/* x86-64: several CPUs.  For now only the boot CPU runs: this file is where
 * the MADT's other CPUs will be started (INIT-SIPI-SIPI) and IPIs sent. */
#include <arch.h>
#include <cpu.h>
#include "x86.h"

void arch_set_this_cpu(struct cpu *c)
{
	x86_percpu.core = c;
}

unsigned arch_smp_start(unsigned max)
{
	(void)max;
	return 1;
}

void arch_cpu_timer_start(void)
{
}

void arch_ipi_send(unsigned idx)
{
	(void)idx;
}

void arch_smp_poll(void)
{
}

/* AArch64: several CPUs.  For now only the boot CPU runs: this file is where
 * the device tree's other CPUs will be started (PSCI CPU_ON, spin table)
 * and IPIs sent. */
#include <arch.h>
#include <cpu.h>

void arch_set_this_cpu(struct cpu *c)
{
	__asm__ volatile("msr tpidr_el1, %0" : : "r"(c) : "memory");
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

/* Interrupts on x86-64: the interrupt flag (RFLAGS.IF) and the idle wait.
 * The controllers are the local APIC (lapic.c) and the IOAPIC (ioapic.c);
 * the vectors land in traps.c. */
#include <arch.h>
#include "x86.h"

void arch_irq_disable(void)
{
	__asm__ volatile("cli" ::: "memory");
}

void arch_irq_enable(void)
{
	__asm__ volatile("sti" ::: "memory");
}

unsigned long arch_irq_save(void)
{
	unsigned long flags;
	__asm__ volatile("pushfq; popq %0; cli" : "=r"(flags) : : "memory");
	return flags & RFLAGS_IF;
}

void arch_irq_restore(unsigned long state)
{
	if (state & RFLAGS_IF)
		__asm__ volatile("sti" ::: "memory");
	else
		__asm__ volatile("cli" ::: "memory");
}

/* While halted, a CPU takes TLB shootdowns as a flush on waking (mmu.c):
 * no IPI round trip to a CPU that has nothing to do.  And a CPU other than
 * the boot CPU (whose tick keeps time, wakes sleepers and polls the
 * console) halts without its tick: an idle CPU's tick does nothing but
 * count, and takes the kernel lock to do it; it is woken by IPI when there
 * is work.  (With a few vCPUs on a busy host, idle ticks queueing for the
 * lock left no time for real work.)
 * sti takes effect after the next instruction, so an interrupt that is
 * already pending is taken after hlt has started and wakes it: none can
 * slip in between the check the caller made and the halt. */
void arch_idle(void)
{
	bool tickless = this_x86()->index != 0;
	if (tickless)
		lapic_timer_mask(true);
	x86_idle_enter();
	__asm__ volatile("sti; hlt; cli" ::: "memory");
	x86_idle_exit();
	if (tickless)
		lapic_timer_mask(false);
}

/* Interrupts on AArch64: the mask (PSTATE.DAIF), the idle wait, and the
 * interrupt controller found in the device tree (drivers/irqchip), which
 * every IRQ exception is handed to.  The controller's CPU interface, where
 * it is system registers (GICv3), is in gic_cpuif.c. */
#include <kernel.h>
#include <arch.h>
#include <bootinfo.h>
#include <dt.h>
#include <mm.h>
#include <irqchip.h>
#include "aarch64.h"
#include "sysreg.h"

static struct dt irq_dt;
static bool irq_dt_ok;

/* ---------------------------------------------------------------- DAIF */

/* Everything masked (debug, SError, IRQ, FIQ): for panic and halting. */
void arch_irq_disable(void)
{
	__asm__ volatile("msr daifset, #0xf" : : : "memory");
}

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
	/* the isb: a pending interrupt is taken here, before the caller
	 * masks it again (cond_resched opens only such a moment) */
	__asm__ volatile("msr daifclr, #0x2\n\tisb" : : : "memory");
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

/* ---------------------------------------------------------------- the controller */

void aarch64_irq_init(const struct boot_info *bi)
{
	if (!bi->dtb_size ||
	    dt_init(&irq_dt, phys_to_virt(bi->dtb_base), bi->dtb_size) != DT_OK) {
		printk("aarch64: no device tree: no interrupt controller, no timer\n");
		return;
	}
	irq_dt_ok = irqchip_init(&irq_dt) == 0;
}

const struct dt *aarch64_irq_dt(void)
{
	return irq_dt_ok ? &irq_dt : NULL;
}

void aarch64_irq(struct arch_regs *regs)
{
	irq_dispatch(regs);
}

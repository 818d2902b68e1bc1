/* The hardware protections, checked at every boot: on each CPU as it comes
 * up, the switches its arch turned on (x86-64: CR0.WP, EFER.NXE, CR4.SMEP
 * and SMAP; AArch64: the MMU, PSTATE.PAN; arch_protection_missing) are
 * still on; and before the first process, no mapping of the kernel's
 * tables is both writable and executable (the property AArch64's
 * SCTLR_EL1.WXN would enforce; why it stays off is in docs/memory-layout.md).
 * One log line each; the suite's boot tests expect them and the utest
 * protection_log reads them back. */
#include <protection.h>
#include <kernel.h>
#include <arch.h>
#include <cpu.h>
#include <mm.h>

void protection_check_cpu(void)
{
	unsigned cpu = this_cpu()->index;
	const char *off = arch_protection_missing();
	if (off)
		printk("protection: cpu %u: %s is OFF\n", cpu, off);
	else
		printk("protection: cpu %u: %s on\n", cpu, arch_protection_names());
}

void protection_check_wx(void)
{
	uintptr_t va = pt_find_wx(kmap_root());
	if (va)
		printk("protection: the kernel maps %#lx writable and executable\n", (unsigned long)va);
	else
		printk("protection: no kernel mapping is writable and executable\n");
}

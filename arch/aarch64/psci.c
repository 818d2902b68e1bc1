/* Power off and reset through PSCI (the Arm Power State Coordination
 * Interface), when the device tree has a /psci node: its "method" says
 * whether the firmware (or QEMU) listens on hvc or smc.  The Raspberry Pi
 * has none: there the machine is only halted. */
#include <kernel.h>
#include <arch.h>
#include <dt.h>
#include <string.h>
#include "aarch64.h"

#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u

static void psci_call(uint32_t fn)
{
	const struct dt *d = aarch64_irq_dt();
	int node = d ? dt_path(d, "/psci") : -1;
	const char *method = node >= 0 ? dt_prop_str(d, node, "method") : NULL;
	register uint64_t x0 __asm__("x0") = fn;
	if (method && !strcmp(method, "hvc"))
		__asm__ volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	else if (method && !strcmp(method, "smc"))
		__asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
}

noreturn void arch_power_off(void)
{
	psci_call(PSCI_SYSTEM_OFF);
	printk("power off: no PSCI; halted instead\n");
	arch_halt();
}

noreturn void arch_reboot(void)
{
	psci_call(PSCI_SYSTEM_RESET);
	printk("reboot: no PSCI; halted instead\n");
	arch_halt();
}

/* PSCI (the Arm Power State Coordination Interface), when the device tree
 * has a /psci node: its "method" says whether the firmware (or QEMU)
 * listens on hvc or smc.  Power off, reset, and CPU_ON for the secondary
 * CPUs whose enable-method is "psci" (smp.c).  The Raspberry Pi has none:
 * there the machine is only halted, and its CPUs start from a spin table. */
#include <kernel.h>
#include <arch.h>
#include <dt.h>
#include <string.h>
#include "aarch64.h"

#define PSCI_SYSTEM_OFF 0x84000008u
#define PSCI_SYSTEM_RESET 0x84000009u
#define PSCI_CPU_ON_64  0xc4000003u

/* x0 = fn, x1-x3 the arguments; the firmware's x0, or PSCI_NO_CONDUIT. */
static int64_t psci_call(uint32_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
	const struct dt *d = aarch64_irq_dt();
	int node = d ? dt_path(d, "/psci") : -1;
	const char *method = node >= 0 ? dt_prop_str(d, node, "method") : NULL;
	register uint64_t x0 __asm__("x0") = fn;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;
	if (method && !strcmp(method, "hvc"))
		__asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	else if (method && !strcmp(method, "smc"))
		__asm__ volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : : "memory");
	else
		return PSCI_NO_CONDUIT;
	return (int64_t)x0;
}

int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry_pa, uint64_t context)
{
	return psci_call(PSCI_CPU_ON_64, mpidr, entry_pa, context);
}

const char *psci_strerror(int64_t err)
{
	switch (err) {
	case -1: return "not supported";
	case -2: return "invalid parameters";
	case -3: return "denied";
	case -4: return "already on";
	case -5: return "on pending";
	case -6: return "internal failure";
	case -9: return "invalid address";
	case PSCI_NO_CONDUIT: return "no /psci node with method hvc or smc";
	default: return "unknown error";
	}
}

noreturn void arch_power_off(void)
{
	psci_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	printk("power off: no PSCI; halted instead\n");
	arch_halt();
}

noreturn void arch_reboot(void)
{
	psci_call(PSCI_SYSTEM_RESET, 0, 0, 0);
	printk("reboot: no PSCI; halted instead\n");
	arch_halt();
}

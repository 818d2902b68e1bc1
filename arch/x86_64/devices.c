/* What only firmware tables describe on a PC: PCI (pci_host.c) and the
 * CMOS clock (cmos_rtc.c). */
#include <arch.h>
#include "x86.h"

void arch_probe_devices(void)
{
	cmos_rtc_init();
	pci_x86_probe();
}

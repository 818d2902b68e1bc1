/* Devices found through the device tree: the console named by /chosen
 * stdout-path, matched by compatible against the drivers this build
 * carries; later (devices_init) the PCI host bridge, virtio-mmio slots and
 * the real-time clock; and what the arch finds in its firmware tables. */
#include <devices.h>
#include <bootinfo.h>
#include <dt.h>
#include <uart.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <arch.h>
#include <pci.h>
#include <rtc.h>
#include <virtio.h>

const struct dt_uart_driver dt_uart_drivers[] = {
	{ "arm,pl011", pl011_probe },
	{ "brcm,bcm2835-aux-uart", bcm2835_aux_probe },
	{ "ns16550a", ns16550_dt_probe },
	{ "ns16550", ns16550_dt_probe },
	{ "snps,dw-apb-uart", ns16550_dt_probe },
	{ NULL, NULL },
};

static struct dt boot_dt;

void devices_init_console(const struct boot_info *bi)
{
	if (!bi->dtb_size)
		return;
	if (dt_init(&boot_dt, phys_to_virt(bi->dtb_base), bi->dtb_size) != DT_OK)
		return;   /* the arch already validated it; nothing to add */
	int node = dt_stdout_node(&boot_dt);
	if (node < 0) {
		printk("devices: the device tree names no stdout-path console\n");
		return;
	}
	for (const struct dt_uart_driver *drv = dt_uart_drivers; drv->compatible; drv++) {
		if (!dt_is_compatible(&boot_dt, node, drv->compatible))
			continue;
		uint64_t pa, size;
		if (dt_reg_translated(&boot_dt, node, 0, &pa, &size) != DT_OK || size == 0)
			continue;
		void *base = ioremap(pa, size);
		if (base && drv->probe(&boot_dt, node, base) == 0) {
			printk("console: %s (%s) at %#lx\n", dt_node_name(&boot_dt, node),
			       drv->compatible, (unsigned long)pa);
			return;
		}
	}
	printk("devices: no driver for the stdout-path console %s\n", dt_node_name(&boot_dt, node));
}

/* Built only where the device tree's interrupt controllers are driven
 * (drivers/virtio/CMakeLists.txt): absent, the call is skipped. */
void virtio_mmio_probe_dt(const struct dt *d) __attribute__((weak));
void sdhci_probe_dt(const struct dt *d) __attribute__((weak));
void sdhost_probe_dt(const struct dt *d) __attribute__((weak));

void devices_init(const struct boot_info *bi)
{
	if (bi->dtb_size && boot_dt.blob) {
		pl031_probe_dt(&boot_dt);
		if (virtio_mmio_probe_dt)
			virtio_mmio_probe_dt(&boot_dt);
		pci_dt_probe(&boot_dt);
		if (sdhci_probe_dt)
			sdhci_probe_dt(&boot_dt);
		if (sdhost_probe_dt)
			sdhost_probe_dt(&boot_dt);
	}
	arch_probe_devices();
}

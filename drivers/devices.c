/* Devices found at run time: the console named by the device tree's /chosen
 * stdout-path, matched by compatible against the drivers this build
 * carries; a screen for the text console, from the boot loader's
 * framebuffer or the device tree's displays; later (devices_init) the PCI
 * host bridge, virtio-mmio slots and the real-time clock; and what the arch
 * finds in its firmware tables. */
#include <devices.h>
#include <bootinfo.h>
#include <dt.h>
#include <uart.h>
#include <screen.h>
#include <video.h>
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

/* Displays in the device tree, in order of preference: one the firmware
 * already shows, then ones the kernel sets up. */
static const struct {
	const char *compatible;
	int (*probe)(const struct dt *d, int node);
} dt_displays[] = {
	{ "simple-framebuffer", simplefb_probe },
	{ "qemu,fw-cfg-mmio", ramfb_probe },
	{ "brcm,bcm2835-mbox", bcm2835_fb_probe },
};

/* The boot loader's framebuffer (Multiboot2): RGB pixels, or the PC's
 * text screen. */
static int boot_framebuffer(const struct boot_framebuffer *bf)
{
	if (bf->type == 2) {
		void *base = ioremap(bf->addr, (size_t)bf->width * bf->height * 2);
		return egacon_start(base, bf->width, bf->height);
	}
	if (bf->type != 1) {
		printk("devices: the boot framebuffer has indexed colours; no screen console\n");
		return -1;
	}
	struct fb_info fb = {
		.phys = bf->addr, .width = bf->width, .height = bf->height, .pitch = bf->pitch,
		.bpp = bf->bpp,
		.red_pos = bf->rgb[0], .red_size = bf->rgb[1], .green_pos = bf->rgb[2],
		.green_size = bf->rgb[3], .blue_pos = bf->rgb[4], .blue_size = bf->rgb[5],
	};
	if (!fb.red_size && !fb.green_size && !fb.blue_size) {
		fb.red_pos = 16, fb.green_pos = 8, fb.blue_pos = 0;
		fb.red_size = fb.green_size = fb.blue_size = 8;
	}
	fb.base = ioremap(bf->addr, (size_t)bf->pitch * bf->height);
	return fbcon_start(&fb, "boot loader's");
}

void devices_init_display(const struct boot_info *bi)
{
	if (cmdline_has("noscreen"))
		return;
	if (bi->fb.addr && boot_framebuffer(&bi->fb) == 0)
		return;
	if (!boot_dt.blob)
		return;
	for (unsigned i = 0; i < sizeof dt_displays / sizeof dt_displays[0]; i++)
		for (int node = dt_find_compatible(&boot_dt, -1, dt_displays[i].compatible); node >= 0;
		     node = dt_find_compatible(&boot_dt, node, dt_displays[i].compatible))
			if (dt_displays[i].probe(&boot_dt, node) == 0)
				return;
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

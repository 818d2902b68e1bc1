/* The device tree's PCI host bridge, "pci-host-ecam-generic" (QEMU's AArch64
 * virt machine): configuration space is the ECAM region in reg, bus-range
 * the buses, and ranges the windows where the CPU sees PCI memory.  Without
 * firmware (QEMU -kernel) nobody has placed the BARs, so we place them in
 * the 32-bit memory window. */
#include <pci.h>
#include <dt.h>
#include <kernel.h>
#include <string.h>

/* pci_intx.c is built only where drivers/irqchip is. */
void pci_dt_intx_init(const struct dt *d, int node) __attribute__((weak));
int pci_dt_intx(struct pci_host *h, struct pci_dev *d, unsigned pin, unsigned *flags)
	__attribute__((weak));
int pci_dt_irq_attach(struct pci_host *h, struct pci_dev *d, void (*fn)(void *), void *arg)
	__attribute__((weak));

static struct pci_ecam ecam;
static struct pci_host host = { .name = "pci-host-ecam-generic", .ops = &pci_ecam_ops, .priv = &ecam };

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t cells(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v = v << 32 | be32(p + 4 * i);
	return v;
}

/* The 32-bit memory window from ranges: (pci address: 3 cells, cpu
 * address: the parent's #address-cells, size: our #size-cells). */
static bool find_window(const struct dt *d, int node, struct pci_window *w)
{
	int len;
	const uint8_t *r = dt_prop(d, node, "ranges", &len);
	unsigned pac = dt_address_cells(d, dt_parent(d, node)), sc = dt_size_cells(d, node);
	unsigned per = 3 + pac + sc;
	if (!r || pac > 2 || sc > 2)
		return false;
	for (unsigned i = 0; (i + 1) * per * 4 <= (unsigned)len; i++) {
		const uint8_t *e = r + i * per * 4;
		unsigned space = (be32(e) >> 24) & 3;
		if (space != 2)
			continue;       /* 1: I/O, 3: 64-bit memory */
		w->pci_base = cells(e + 4, 2);
		w->cpu_base = cells(e + 12, pac);
		w->size = cells(e + 12 + 4 * pac, sc);
		w->used = 0;
		return w->size != 0;
	}
	return false;
}

void pci_dt_probe(const struct dt *d)
{
	int node = dt_find_compatible(d, -1, "pci-host-ecam-generic");
	if (node < 0)
		return;
	uint64_t base, size;
	if (dt_reg_translated(d, node, 0, &base, &size) != DT_OK || size < (1u << 20)) {
		printk("pci: %s: no usable ECAM region in reg\n", dt_node_name(d, node));
		return;
	}
	unsigned first = 0, last = (unsigned)(size >> 20) - 1;
	int len;
	const uint8_t *br = dt_prop(d, node, "bus-range", &len);
	if (br && len == 8) {
		first = be32(br);
		last = be32(br + 4);
	}
	if (last > 255 || first > last || ((uint64_t)(last - first + 1) << 20) > size) {
		printk("pci: %s: bus-range %u-%u does not fit its ECAM region\n", dt_node_name(d, node),
		       first, last);
		return;
	}
	if (!find_window(d, node, &host.mem)) {
		printk("pci: %s: no 32-bit memory window in ranges\n", dt_node_name(d, node));
		return;
	}
	ecam.base = base;
	host.bus_first = first;
	host.bus_last = last;
	host.assign_bars = true;
	if (pci_dt_intx_init) {         /* INTx where the interrupt controllers are driven */
		pci_dt_intx_init(d, node);
		host.intx = pci_dt_intx;
		host.irq_attach = pci_dt_irq_attach;
	}
	pci_host_scan(&host);
}

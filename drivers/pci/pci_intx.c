/* Legacy PCI interrupts (INTA-INTD) on device-tree machines: the host
 * bridge's interrupt-map says, for a device address and pin (masked by
 * interrupt-map-mask), which interrupt of which controller the line is.
 * Built where the tree's interrupt controllers are driven (drivers/irqchip);
 * the interrupt-map's parent must be one of them, with #address-cells
 * unit-address cells and #interrupt-cells specifier cells per entry. */
#include <pci.h>
#include <dt.h>
#include <irqchip.h>
#include <kernel.h>
#include <mm.h>

static const struct dt *tree;
static int bridge = -1;

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The node whose phandle is ph, searched from node down. */
static int by_phandle(const struct dt *d, int node, uint32_t ph)
{
	uint32_t v;
	if ((dt_prop_u32(d, node, "phandle", &v) == DT_OK || dt_prop_u32(d, node, "linux,phandle", &v) == DT_OK) &&
	    v == ph)
		return node;
	for (int c = dt_first_child(d, node); c >= 0; c = dt_next_sibling(d, c)) {
		int r = by_phandle(d, c, ph);
		if (r >= 0)
			return r;
	}
	return -1;
}

void pci_dt_intx_init(const struct dt *d, int node)
{
	tree = d;
	bridge = node;
}

int pci_dt_intx(struct pci_host *h, struct pci_dev *dev, unsigned pin, unsigned *flags)
{
	(void)h;
	int len, mlen;
	const uint8_t *map = tree ? dt_prop(tree, bridge, "interrupt-map", &len) : NULL;
	const uint8_t *mask = tree ? dt_prop(tree, bridge, "interrupt-map-mask", &mlen) : NULL;
	if (!map || !mask || mlen != 16)
		return -1;
	uint32_t key[4] = { dev->bus << 16 | dev->dev << 11 | dev->fn << 8, 0, 0, pin };
	for (int i = 0; i < 4; i++)
		key[i] &= be32(mask + 4 * i);
	for (int off = 0; off + 20 <= len;) {
		const uint8_t *e = map + off;
		int parent = by_phandle(tree, dt_root(tree), be32(e + 16));
		uint32_t pac = 0, pic = 0;
		if (parent < 0)
			return -1;
		dt_prop_u32(tree, parent, "#address-cells", &pac);
		if (dt_prop_u32(tree, parent, "#interrupt-cells", &pic) != DT_OK || pic == 0 || pic > 4 ||
		    pac > 4)
			return -1;
		int size = (int)(20 + 4 * (pac + pic));
		if (off + size > len)
			return -1;
		bool match = true;
		for (int i = 0; i < 4; i++)
			match = match && be32(e + 4 * i) == key[i];
		if (match) {
			uint32_t cells[4];
			for (uint32_t i = 0; i < pic; i++)
				cells[i] = be32(e + 20 + 4 * (pac + i));
			const struct irqchip *chip = irqchip_get();
			/* The root controller's numbers are global ones. */
			return chip ? chip->xlate(cells, pic, flags) : -1;
		}
		off += size;
	}
	return -1;
}

struct intx_call {
	void (*fn)(void *);
	void *arg;
};

static void intx_call(struct arch_regs *regs, void *p)
{
	(void)regs;
	struct intx_call *c = p;
	c->fn(c->arg);
}

/* The line is level-triggered and may be shared in the map; one driver
 * per line here (irq_request refuses a second: that device polls). */
int pci_dt_irq_attach(struct pci_host *h, struct pci_dev *d, void (*fn)(void *), void *arg)
{
	(void)h;
	if (d->irq < 0)
		return -1;
	struct intx_call *c = kmalloc(sizeof *c);
	if (!c)
		return -1;
	c->fn = fn;
	c->arg = arg;
	if (irq_request((unsigned)d->irq, d->irq_flags, intx_call, c) < 0) {
		kfree(c);
		return -1;
	}
	return 0;
}

/* PCI enumeration (see <pci.h>): every function on the host's buses, its
 * memory BARs sized (and placed in the host's window when firmware did not),
 * its INTx interrupt, and the driver that matches it. */
#include <pci.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <virtio.h>
#include <arch.h>

static const struct pci_driver drivers[] = {
	{ 0x1af4, 0x1000, 0x107f, virtio_pci_probe },   /* virtio, transitional and modern */
};

#define MAX_DEVS 32
static struct pci_dev devs[MAX_DEVS];
static unsigned ndevs;

uint32_t pci_read32(struct pci_dev *d, unsigned off)
{
	return d->host->ops->read32(d->host, d->bus, d->dev, d->fn, off & ~3u);
}

uint16_t pci_read16(struct pci_dev *d, unsigned off)
{
	return (uint16_t)(pci_read32(d, off) >> (8 * (off & 2)));
}

uint8_t pci_read8(struct pci_dev *d, unsigned off)
{
	return (uint8_t)(pci_read32(d, off) >> (8 * (off & 3)));
}

void pci_write32(struct pci_dev *d, unsigned off, uint32_t v)
{
	d->host->ops->write32(d->host, d->bus, d->dev, d->fn, off & ~3u, v);
}

void pci_write16(struct pci_dev *d, unsigned off, uint16_t v)
{
	uint32_t old = pci_read32(d, off);
	unsigned shift = 8 * (off & 2);
	pci_write32(d, off, (old & ~(0xffffu << shift)) | (uint32_t)v << shift);
}

unsigned pci_find_cap(struct pci_dev *d, uint8_t id, unsigned from)
{
	if (!(pci_read16(d, PCI_STATUS) & PCI_STATUS_CAPS))
		return 0;
	unsigned off = from ? pci_read8(d, from + 1) : pci_read8(d, PCI_CAP_PTR);
	for (int hops = 0; off >= 0x40 && hops < 48; hops++) {   /* bounded: a looping list ends */
		off &= ~3u;
		if (pci_read8(d, off) == id)
			return off;
		off = pci_read8(d, off + 1);
	}
	return 0;
}

int pci_msix_vector(struct pci_dev *d, unsigned entry, void (*fn)(void *), void *arg)
{
	unsigned cap = pci_find_cap(d, PCI_CAP_MSIX, 0);
	if (!cap)
		return -1;
	uint16_t ctrl = pci_read16(d, cap + 2);
	uint32_t where = pci_read32(d, cap + 4);
	unsigned bir = where & 7, size = (ctrl & 0x7ff) + 1u;
	uint64_t off = where & ~7u;
	if (entry >= size || bir > 5 || !d->bar[bir] || off + 16ull * size > d->bar_size[bir])
		return -1;
	uint64_t addr;
	uint32_t data;
	if (arch_msi_alloc(fn, arg, &addr, &data) < 0)
		return -1;
	volatile uint32_t *e = ioremap(d->bar[bir] + off + 16ull * entry, 16);
	if (!e)
		return -1;
	e[0] = (uint32_t)addr;
	e[1] = (uint32_t)(addr >> 32);
	e[2] = data;
	e[3] = 0;                               /* unmasked */
	/* MSI-X on (bit 15), the function not masked (bit 14); INTx off. */
	pci_write16(d, cap + 2, (uint16_t)((ctrl | 0x8000) & ~0x4000));
	pci_write16(d, PCI_COMMAND, pci_read16(d, PCI_COMMAND) | PCI_CMD_INTX_DISABLE);
	return 0;
}

int pci_irq_attach(struct pci_dev *d, void (*fn)(void *), void *arg)
{
	if (d->irq < 0 || !d->host->irq_attach)
		return -1;
	return d->host->irq_attach(d->host, d, fn, arg);
}

/* Size memory BAR i (and place it when the host says so); returns how
 * many BAR slots it used (2 for a 64-bit BAR). */
static int size_bar(struct pci_dev *d, int i)
{
	unsigned off = 0x10 + 4 * (unsigned)i;
	uint32_t orig = pci_read32(d, off);
	if (orig & 1)
		return 1;       /* I/O space: no driver here uses it */
	bool is64 = ((orig >> 1) & 3) == 2 && i < 5;
	uint32_t orig_hi = is64 ? pci_read32(d, off + 4) : 0;
	pci_write32(d, off, 0xffffffffu);
	uint64_t mask = pci_read32(d, off) & ~0xfu;
	if (is64) {
		pci_write32(d, off + 4, 0xffffffffu);
		mask |= (uint64_t)pci_read32(d, off + 4) << 32;
	} else {
		mask |= 0xffffffff00000000ull;
	}
	pci_write32(d, off, orig);
	if (is64)
		pci_write32(d, off + 4, orig_hi);
	if ((mask & 0xffffffffu) == 0 && !is64)
		return 1;       /* not implemented */
	uint64_t size = ~mask + 1;
	if (size == 0)
		return is64 ? 2 : 1;
	uint64_t addr = ((uint64_t)orig_hi << 32) | (orig & ~0xfu);
	struct pci_window *w = &d->host->mem;
	if (d->host->assign_bars) {
		uint64_t at = ALIGN_UP(w->pci_base + w->used, size);
		if (at + size > w->pci_base + w->size) {
			printk("pci: %02x:%02x.%u: no room for BAR %d (%lu bytes)\n", d->bus, d->dev,
			       d->fn, i, (unsigned long)size);
			return is64 ? 2 : 1;
		}
		w->used = at + size - w->pci_base;
		pci_write32(d, off, (uint32_t)at | (orig & 0xf));
		if (is64)
			pci_write32(d, off + 4, (uint32_t)(at >> 32));
		addr = at;
	}
	if (addr) {
		d->bar[i] = addr - w->pci_base + w->cpu_base;
		d->bar_size[i] = size;
	}
	return is64 ? 2 : 1;
}

static void probe_function(struct pci_host *h, unsigned bus, unsigned dev, unsigned fn, uint32_t id)
{
	if (ndevs == MAX_DEVS)
		return;
	struct pci_dev *d = &devs[ndevs];
	memset(d, 0, sizeof *d);
	d->host = h;
	d->bus = bus, d->dev = dev, d->fn = fn;
	d->vendor = (uint16_t)id;
	d->device = (uint16_t)(id >> 16);
	uint32_t cls = pci_read32(d, 0x08);
	d->class = (uint8_t)(cls >> 24);
	d->subclass = (uint8_t)(cls >> 16);
	d->irq = -1;
	const struct pci_driver *drv = NULL;
	for (size_t i = 0; i < ARRAY_SIZE(drivers); i++)
		if (drivers[i].vendor == d->vendor && d->device >= drivers[i].device_first &&
		    d->device <= drivers[i].device_last)
			drv = &drivers[i];
	printk("pci: %02x:%02x.%u %04x:%04x class %02x%02x%s\n", bus, dev, fn, d->vendor, d->device,
	       d->class, d->subclass, drv ? "" : " (no driver)");
	if (!drv)
		return;
	uint8_t hdr = pci_read8(d, 0x0e) & 0x7f;
	if (hdr != 0)
		return;
	/* BARs are sized with decoding off, then decoding and mastering on. */
	uint16_t cmd = pci_read16(d, PCI_COMMAND);
	pci_write16(d, PCI_COMMAND, cmd & ~(PCI_CMD_MEM | PCI_CMD_MASTER));
	for (int i = 0; i < 6;)
		i += size_bar(d, i);
	pci_write16(d, PCI_COMMAND, (cmd | PCI_CMD_MEM | PCI_CMD_MASTER) & ~PCI_CMD_INTX_DISABLE);
	unsigned pin = pci_read8(d, PCI_INT_PIN);
	if (pin >= 1 && pin <= 4 && h->intx)
		d->irq = h->intx(h, d, pin, &d->irq_flags);
	ndevs++;
	int err = drv->probe(d);
	if (err)
		printk("pci: %02x:%02x.%u: driver refused it (error %d)\n", bus, dev, fn, -err);
}

void pci_host_scan(struct pci_host *h)
{
	printk("pci: %s: buses %u-%u%s\n", h->name, h->bus_first, h->bus_last,
	       h->assign_bars ? ", assigning BARs" : "");
	/* Bus 0 and what bridges firmware numbered are enough for the
	 * machines we boot on: they have no bridges without firmware. */
	for (unsigned bus = h->bus_first; bus <= h->bus_last && bus < h->bus_first + 8; bus++) {
		for (unsigned dev = 0; dev < 32; dev++) {
			uint32_t id = h->ops->read32(h, bus, dev, 0, 0);
			if ((id & 0xffff) == 0xffff)
				continue;
			uint32_t hdr = h->ops->read32(h, bus, dev, 0, 0x0c);
			unsigned nfn = (hdr >> 16) & 0x80 ? 8 : 1;
			for (unsigned fn = 0; fn < nfn; fn++) {
				if (fn)
					id = h->ops->read32(h, bus, dev, fn, 0);
				if ((id & 0xffff) != 0xffff)
					probe_function(h, bus, dev, fn, id);
			}
		}
	}
}

/* ---------------------------------------------------------------- ECAM */
static volatile uint8_t *ecam_at(struct pci_host *h, unsigned bus, unsigned dev, unsigned fn,
				 unsigned off)
{
	struct pci_ecam *e = h->priv;
	if (bus < h->bus_first || bus > h->bus_last || dev > 31 || fn > 7 || off > 4095)
		return NULL;
	unsigned b = bus - h->bus_first;
	if (!e->bus_va[b]) {
		e->bus_va[b] = ioremap(e->base + ((uint64_t)b << 20), 1u << 20);
		if (!e->bus_va[b])
			return NULL;
	}
	return e->bus_va[b] + (dev << 15 | fn << 12 | off);
}

static uint32_t ecam_read32(struct pci_host *h, unsigned bus, unsigned dev, unsigned fn, unsigned off)
{
	volatile uint8_t *p = ecam_at(h, bus, dev, fn, off);
	return p ? *(volatile uint32_t *)p : 0xffffffffu;
}

static void ecam_write32(struct pci_host *h, unsigned bus, unsigned dev, unsigned fn, unsigned off,
			 uint32_t v)
{
	volatile uint8_t *p = ecam_at(h, bus, dev, fn, off);
	if (p)
		*(volatile uint32_t *)p = v;
}

const struct pci_config_ops pci_ecam_ops = { ecam_read32, ecam_write32 };

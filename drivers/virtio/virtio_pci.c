/* The virtio PCI transport, modern (virtio 1.x, section 4.1): vendor
 * capabilities point into the BARs at the common configuration, the
 * notification area, the interrupt status and the device configuration.
 * A transitional device has them too; a legacy-only one is refused. */
#include <virtio.h>
#include <pci.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <uapi/errno.h>

#define CAP_COMMON 1
#define CAP_NOTIFY 2
#define CAP_ISR 3
#define CAP_DEVICE 4

/* struct virtio_pci_common_cfg offsets */
#define C_DFSELECT 0
#define C_DF 4
#define C_GFSELECT 8
#define C_GF 12
#define C_STATUS 20
#define C_Q_SELECT 22
#define C_Q_SIZE 24
#define C_Q_MSIX 26
#define C_Q_ENABLE 28
#define C_Q_NOFF 30
#define C_Q_DESC 32
#define C_Q_DRIVER 40
#define C_Q_DEVICE 48

struct vpci {
	struct virtio_dev v;
	volatile uint8_t *common, *notify, *isr, *device;
	uint32_t notify_mult;
	bool msix;                    /* queue interrupts through MSI-X entry 0 */
};

static struct vpci *P(struct virtio_dev *v) { return v->tpriv; }
static void w8(volatile uint8_t *b, unsigned o, uint8_t x) { *(volatile uint8_t *)(b + o) = x; }
static void w16(volatile uint8_t *b, unsigned o, uint16_t x) { *(volatile uint16_t *)(b + o) = x; }
static void w32(volatile uint8_t *b, unsigned o, uint32_t x) { *(volatile uint32_t *)(b + o) = x; }
static uint8_t r8(volatile uint8_t *b, unsigned o) { return *(volatile uint8_t *)(b + o); }
static uint16_t r16(volatile uint8_t *b, unsigned o) { return *(volatile uint16_t *)(b + o); }
static uint32_t r32(volatile uint8_t *b, unsigned o) { return *(volatile uint32_t *)(b + o); }
static void w64(volatile uint8_t *b, unsigned o, uint64_t x)
{
	w32(b, o, (uint32_t)x);
	w32(b, o + 4, (uint32_t)(x >> 32));
}

static uint64_t features(struct virtio_dev *v)
{
	volatile uint8_t *c = P(v)->common;
	w32(c, C_DFSELECT, 0);
	uint64_t lo = r32(c, C_DF);
	w32(c, C_DFSELECT, 1);
	return lo | (uint64_t)r32(c, C_DF) << 32;
}

static void set_features(struct virtio_dev *v, uint64_t f)
{
	volatile uint8_t *c = P(v)->common;
	w32(c, C_GFSELECT, 0);
	w32(c, C_GF, (uint32_t)f);
	w32(c, C_GFSELECT, 1);
	w32(c, C_GF, (uint32_t)(f >> 32));
}

static uint8_t status(struct virtio_dev *v) { return r8(P(v)->common, C_STATUS); }

static void set_status(struct virtio_dev *v, uint8_t s)
{
	w8(P(v)->common, C_STATUS, s);
	if (s == 0)
		while (r8(P(v)->common, C_STATUS) != 0)
			;       /* the reset is done when the device reads back 0 */
}

static unsigned queue_max(struct virtio_dev *v, unsigned q)
{
	w16(P(v)->common, C_Q_SELECT, (uint16_t)q);
	return r16(P(v)->common, C_Q_SIZE);
}

static int queue_enable(struct virtio_dev *v, unsigned q, unsigned size, uint64_t desc,
			uint64_t avail, uint64_t used)
{
	volatile uint8_t *c = P(v)->common;
	w16(c, C_Q_SELECT, (uint16_t)q);
	w16(c, C_Q_SIZE, (uint16_t)size);
	w16(c, C_Q_MSIX, P(v)->msix ? 0 : 0xffff);
	if (P(v)->msix && r16(c, C_Q_MSIX) != 0) {
		P(v)->msix = false;     /* the device could not take the vector: poll */
		v->irq = -1;
		w16(c, C_Q_MSIX, 0xffff);
	}
	w64(c, C_Q_DESC, desc);
	w64(c, C_Q_DRIVER, avail);
	w64(c, C_Q_DEVICE, used);
	w16(c, C_Q_ENABLE, 1);
	return 0;
}

static void notify(struct virtio_dev *v, unsigned q)
{
	struct vpci *p = P(v);
	w16(p->common, C_Q_SELECT, (uint16_t)q);
	unsigned off = r16(p->common, C_Q_NOFF);
	w16(p->notify, off * p->notify_mult, (uint16_t)q);
}

static void config_read(struct virtio_dev *v, unsigned off, void *buf, unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		((uint8_t *)buf)[i] = r8(P(v)->device, off + i);
}

static uint32_t interrupt_ack(struct virtio_dev *v)
{
	return r8(P(v)->isr, 0);        /* reading acknowledges */
}

static const struct virtio_transport pci_transport = {
	features, set_features, status, set_status, queue_max, queue_enable, notify,
	config_read, interrupt_ack,
};

static void pci_interrupt(void *arg)
{
	virtio_interrupt(arg);
}

/* Map the region a capability points to. */
static volatile uint8_t *cap_region(struct pci_dev *d, unsigned cap)
{
	unsigned bar = pci_read8(d, cap + 4);
	uint32_t off = pci_read32(d, cap + 8), len = pci_read32(d, cap + 12);
	if (bar > 5 || !d->bar[bar] || (uint64_t)off + len > d->bar_size[bar] || len == 0)
		return NULL;
	return ioremap(d->bar[bar] + off, len);
}

int virtio_pci_probe(struct pci_dev *d)
{
	struct vpci *p = kzalloc(sizeof *p);
	if (!p)
		return -ENOMEM;
	for (unsigned cap = pci_find_cap(d, PCI_CAP_VENDOR, 0); cap;
	     cap = pci_find_cap(d, PCI_CAP_VENDOR, cap)) {
		uint8_t type = pci_read8(d, cap + 3);
		volatile uint8_t **slot = type == CAP_COMMON ? &p->common : type == CAP_NOTIFY ? &p->notify :
					  type == CAP_ISR ? &p->isr : type == CAP_DEVICE ? &p->device : NULL;
		if (!slot || *slot)
			continue;       /* the first of each kind is the preferred one */
		*slot = cap_region(d, cap);
		if (type == CAP_NOTIFY)
			p->notify_mult = pci_read32(d, cap + 16);
	}
	snprintf(p->v.where, sizeof p->v.where, "pci %02x:%02x.%u", d->bus, d->dev, d->fn);
	if (!p->common || !p->notify || !p->isr) {
		printk("virtio: %s: no modern virtio capabilities (a legacy device?): not supported\n",
		       p->v.where);
		kfree(p);
		return -ENODEV;
	}
	p->v.t = &pci_transport;
	p->v.tpriv = p;
	/* Modern ids are 0x1040 + type; transitional ones name the type in
	 * the subsystem id. */
	p->v.device_id = d->device >= 0x1040 ? d->device - 0x1040u : pci_read16(d, 0x2e);
	p->v.irq = d->irq;
	p->v.irq_flags = d->irq_flags;
	if (pci_msix_vector(d, 0, pci_interrupt, &p->v) == 0) {
		p->msix = true;
		p->v.irq = 0;
	} else if (pci_irq_attach(d, pci_interrupt, &p->v) != 0) {
		p->v.irq = -1;          /* no interrupt: polled */
	}
	return virtio_device_found(&p->v);
}

/* The virtio MMIO transport, version 2 (virtio 1.x, section 4.2), from the
 * device tree's "virtio,mmio" nodes.  QEMU's virt machine has 32 of them,
 * most empty (device id 0).  QEMU 7.2 presents version 1 (legacy) unless
 * started with -global virtio-mmio.force-legacy=false: that is refused
 * with a message. */
#include <virtio.h>
#include <dt.h>
#include <irqchip.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <uapi/errno.h>

#define MAGIC 0x000
#define VERSION 0x004
#define DEVICE_ID 0x008
#define DEV_FEATURES 0x010
#define DEV_FEATURES_SEL 0x014
#define DRV_FEATURES 0x020
#define DRV_FEATURES_SEL 0x024
#define QUEUE_SEL 0x030
#define QUEUE_NUM_MAX 0x034
#define QUEUE_NUM 0x038
#define QUEUE_READY 0x044
#define QUEUE_NOTIFY 0x050
#define INT_STATUS 0x060
#define INT_ACK 0x064
#define STATUS 0x070
#define Q_DESC 0x080
#define Q_DRIVER 0x090
#define Q_DEVICE 0x0a0
#define CONFIG 0x100

struct vmmio {
	struct virtio_dev v;
	volatile uint8_t *base;
	uint64_t pa;
};

static volatile uint8_t *B(struct virtio_dev *v) { return ((struct vmmio *)v->tpriv)->base; }
static uint32_t rd(struct virtio_dev *v, unsigned o) { return *(volatile uint32_t *)(B(v) + o); }
static void wr(struct virtio_dev *v, unsigned o, uint32_t x) { *(volatile uint32_t *)(B(v) + o) = x; }

static uint64_t features(struct virtio_dev *v)
{
	wr(v, DEV_FEATURES_SEL, 0);
	uint64_t lo = rd(v, DEV_FEATURES);
	wr(v, DEV_FEATURES_SEL, 1);
	return lo | (uint64_t)rd(v, DEV_FEATURES) << 32;
}

static void set_features(struct virtio_dev *v, uint64_t f)
{
	wr(v, DRV_FEATURES_SEL, 0);
	wr(v, DRV_FEATURES, (uint32_t)f);
	wr(v, DRV_FEATURES_SEL, 1);
	wr(v, DRV_FEATURES, (uint32_t)(f >> 32));
}

static uint8_t status(struct virtio_dev *v) { return (uint8_t)rd(v, STATUS); }
static void set_status(struct virtio_dev *v, uint8_t s) { wr(v, STATUS, s); }

static unsigned queue_max(struct virtio_dev *v, unsigned q)
{
	wr(v, QUEUE_SEL, q);
	return rd(v, QUEUE_READY) ? 0 : rd(v, QUEUE_NUM_MAX);
}

static int queue_enable(struct virtio_dev *v, unsigned q, unsigned size, uint64_t desc,
			uint64_t avail, uint64_t used)
{
	wr(v, QUEUE_SEL, q);
	wr(v, QUEUE_NUM, size);
	wr(v, Q_DESC, (uint32_t)desc);
	wr(v, Q_DESC + 4, (uint32_t)(desc >> 32));
	wr(v, Q_DRIVER, (uint32_t)avail);
	wr(v, Q_DRIVER + 4, (uint32_t)(avail >> 32));
	wr(v, Q_DEVICE, (uint32_t)used);
	wr(v, Q_DEVICE + 4, (uint32_t)(used >> 32));
	wr(v, QUEUE_READY, 1);
	return 0;
}

static void notify(struct virtio_dev *v, unsigned q) { wr(v, QUEUE_NOTIFY, q); }

static void config_read(struct virtio_dev *v, unsigned off, void *buf, unsigned len)
{
	for (unsigned i = 0; i < len; i++)
		((uint8_t *)buf)[i] = *(volatile uint8_t *)(B(v) + CONFIG + off + i);
}

static uint32_t interrupt_ack(struct virtio_dev *v)
{
	uint32_t s = rd(v, INT_STATUS);
	wr(v, INT_ACK, s);
	return s;
}

static const struct virtio_transport mmio_transport = {
	features, set_features, status, set_status, queue_max, queue_enable, notify,
	config_read, interrupt_ack,
};

static void mmio_irq(struct arch_regs *regs, void *arg)
{
	(void)regs;
	virtio_interrupt(arg);
}

static void probe_node(const struct dt *d, int node)
{
	uint64_t pa, size;
	if (dt_reg_translated(d, node, 0, &pa, &size) != DT_OK || size < 0x100)
		return;
	volatile uint8_t *base = ioremap(pa, size);
	if (!base)
		return;
	uint32_t magic = *(volatile uint32_t *)(base + MAGIC);
	uint32_t version = *(volatile uint32_t *)(base + VERSION);
	uint32_t id = *(volatile uint32_t *)(base + DEVICE_ID);
	if (magic != 0x74726976 || id == 0)
		return;         /* not virtio, or an empty slot */
	if (version != 2) {
		printk("virtio: mmio %#lx: version %u (legacy) not supported; QEMU: -global "
		       "virtio-mmio.force-legacy=false\n", (unsigned long)pa, version);
		return;
	}
	struct vmmio *m = kzalloc(sizeof *m);
	if (!m)
		return;
	m->base = base;
	m->pa = pa;
	m->v.t = &mmio_transport;
	m->v.tpriv = m;
	m->v.device_id = id;
	snprintf(m->v.where, sizeof m->v.where, "mmio %#lx", (unsigned long)pa);
	m->v.irq = irq_of_dt(d, node, 0, &m->v.irq_flags);
	if (m->v.irq >= 0 && irq_request((unsigned)m->v.irq, m->v.irq_flags, mmio_irq, &m->v) < 0)
		m->v.irq = -1;  /* polled then */
	int err = virtio_device_found(&m->v);
	if (err)
		printk("virtio: %s: driver refused it (error %d)\n", m->v.where, -err);
}

void virtio_mmio_probe_dt(const struct dt *d)
{
	for (int node = dt_find_compatible(d, -1, "virtio,mmio"); node >= 0;
	     node = dt_find_compatible(d, node, "virtio,mmio"))
		probe_node(d, node);
}

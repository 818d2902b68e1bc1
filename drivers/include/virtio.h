/* Virtio 1.x (drivers/virtio/): one core, split virtqueues, two
 * transports (PCI with the modern capabilities: virtio_pci.c; MMIO version
 * 2 from the device tree: virtio_mmio.c), and the device drivers
 * (virtio_blk.c) that see only struct virtio_dev.
 *
 * A transport finds a device, fills a struct virtio_dev and calls
 * virtio_device_found(), which starts the driver for its device id.  The
 * driver negotiates features with virtio_negotiate() (VERSION_1 always),
 * makes its queues with virtq_create(), then virtio_driver_ok().  Requests
 * are chains of buffers (physical addresses) put on a queue with virtq_add,
 * made visible to the device by virtq_kick; completions come back through
 * virtq_get_used, found by the device's interrupt (virtio_interrupt) or by
 * polling where there is none. */
#ifndef RINGEL_VIRTIO_H
#define RINGEL_VIRTIO_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define VIRTIO_F_VERSION_1 32

#define VIRTIO_STATUS_ACK 1
#define VIRTIO_STATUS_DRIVER 2
#define VIRTIO_STATUS_DRIVER_OK 4
#define VIRTIO_STATUS_FEATURES_OK 8
#define VIRTIO_STATUS_FAILED 128

#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2
#define VIRTIO_ID_INPUT 18

struct virtio_dev;
struct pci_dev;
struct dt;

struct virtio_transport {
	uint64_t (*features)(struct virtio_dev *v);                    /* the device's */
	void (*set_features)(struct virtio_dev *v, uint64_t f);        /* the driver's */
	uint8_t (*status)(struct virtio_dev *v);
	void (*set_status)(struct virtio_dev *v, uint8_t s);           /* 0 resets */
	unsigned (*queue_max)(struct virtio_dev *v, unsigned q);       /* 0: no such queue */
	/* Give queue q of size entries its three areas and enable it. */
	int (*queue_enable)(struct virtio_dev *v, unsigned q, unsigned size, uint64_t desc,
			    uint64_t avail, uint64_t used);
	void (*notify)(struct virtio_dev *v, unsigned q);
	/* Device-specific configuration, bytes at off. */
	void (*config_read)(struct virtio_dev *v, unsigned off, void *buf, unsigned len);
	/* Read and acknowledge the interrupt status (bit 0: a queue used
	 * buffers, bit 1: the configuration changed). */
	uint32_t (*interrupt_ack)(struct virtio_dev *v);
};

struct virtq;

struct virtio_dev {
	const struct virtio_transport *t;
	void *tpriv;                  /* the transport's */
	uint32_t device_id;
	char where[32];               /* for messages: "pci 00:02.0", "mmio 0xa003e00" */
	int irq;                      /* >= 0: the device interrupts (its number, or 0 for
	                               * MSI-X); -1: completions are polled */
	unsigned irq_flags;
	struct virtq *queues[4];
	void *driver;                 /* the device driver's */
};

/* A transport found a device: start the driver for its id.  0 or -errno. */
int virtio_device_found(struct virtio_dev *v);
/* Reset, acknowledge, offer the wanted features the device has plus
 * VERSION_1 and check the device accepts them.  0 (with *got) or -errno. */
int virtio_negotiate(struct virtio_dev *v, uint64_t wanted, uint64_t *got);
void virtio_driver_ok(struct virtio_dev *v);
/* An interrupt of the device: acknowledge it, then completion callbacks
 * run for each queue (virtq->done). */
void virtio_interrupt(struct virtio_dev *v);

/* ---------------------------------------------------------------- split virtqueues */
struct virtq_buf {
	uint64_t pa;
	uint32_t len;
	bool device_writes;           /* the device fills it (a read's data, a status) */
};

struct virtq {
	struct virtio_dev *dev;
	unsigned index, size;
	volatile struct vring_desc *desc;
	volatile struct vring_avail *avail;
	volatile struct vring_used *used;
	uint16_t free_head, nfree, last_used;
	void **cookie;                /* per descriptor head */
	/* Called (from virtio_interrupt) when the device used buffers. */
	void (*done)(struct virtq *q);
};

/* Queue q of up to max entries.  0 or -errno. */
int virtq_create(struct virtio_dev *v, unsigned q, unsigned max, struct virtq **out);
/* Put one chain (device-read buffers first) with a cookie the completion
 * returns.  0, or -EAGAIN if there are too few free descriptors. */
int virtq_add(struct virtq *q, const struct virtq_buf *bufs, unsigned n, void *cookie);
void virtq_kick(struct virtq *q);
/* The next completed chain's cookie (its descriptors freed), or NULL. */
void *virtq_get_used(struct virtq *q, uint32_t *written);
/* Physical address of kernel memory (the direct map or the kernel heap). */
uint64_t virtio_pa(const void *p);

/* Transports. */
int virtio_pci_probe(struct pci_dev *d);
void virtio_mmio_probe_dt(const struct dt *d);
/* Drivers. */
int virtio_blk_probe(struct virtio_dev *v);
#endif

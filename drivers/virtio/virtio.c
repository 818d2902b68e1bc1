/* The virtio core (see <virtio.h>): device status and feature negotiation
 * (virtio 1.x only: VERSION_1 is required, a legacy-only device is
 * refused), split virtqueues, interrupt dispatch to the queues. */
#include <virtio.h>
#include <kernel.h>
#include <mm.h>
#include <pmm.h>
#include <string.h>
#include <uapi/errno.h>

struct vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags, next;
};
#define VRING_DESC_F_NEXT 1
#define VRING_DESC_F_WRITE 2

struct vring_avail {
	uint16_t flags, idx;
	uint16_t ring[];
};

struct vring_used_elem {
	uint32_t id, len;
};
struct vring_used {
	uint16_t flags, idx;
	struct vring_used_elem ring[];
};

/* The device sees our writes to the rings before the index / the notify,
 * and we read its ring entries only after its index. */
static inline void dma_fence(void)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static const struct {
	uint32_t id;
	int (*probe)(struct virtio_dev *v);
} drivers[] = {
	{ VIRTIO_ID_BLOCK, virtio_blk_probe },
};

int virtio_device_found(struct virtio_dev *v)
{
	for (size_t i = 0; i < ARRAY_SIZE(drivers); i++)
		if (drivers[i].id == v->device_id)
			return drivers[i].probe(v);
	printk("virtio: %s: device type %u, no driver\n", v->where, v->device_id);
	return 0;
}

int virtio_negotiate(struct virtio_dev *v, uint64_t wanted, uint64_t *got)
{
	const struct virtio_transport *t = v->t;
	t->set_status(v, 0);
	t->set_status(v, VIRTIO_STATUS_ACK);
	t->set_status(v, VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER);
	uint64_t offered = t->features(v);
	if (!(offered & (1ull << VIRTIO_F_VERSION_1))) {
		printk("virtio: %s: a legacy device (no VERSION_1): not supported\n", v->where);
		t->set_status(v, VIRTIO_STATUS_FAILED);
		return -ENODEV;
	}
	uint64_t f = (offered & wanted) | (1ull << VIRTIO_F_VERSION_1);
	t->set_features(v, f);
	t->set_status(v, VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK);
	if (!(t->status(v) & VIRTIO_STATUS_FEATURES_OK)) {
		printk("virtio: %s: the device refused features %#lx\n", v->where, (unsigned long)f);
		t->set_status(v, VIRTIO_STATUS_FAILED);
		return -ENODEV;
	}
	*got = f;
	return 0;
}

void virtio_driver_ok(struct virtio_dev *v)
{
	v->t->set_status(v, VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER | VIRTIO_STATUS_FEATURES_OK |
			     VIRTIO_STATUS_DRIVER_OK);
}

void virtio_interrupt(struct virtio_dev *v)
{
	v->t->interrupt_ack(v);
	for (size_t i = 0; i < ARRAY_SIZE(v->queues); i++)
		if (v->queues[i] && v->queues[i]->done)
			v->queues[i]->done(v->queues[i]);
}

uint64_t virtio_pa(const void *p)
{
	uintptr_t va = (uintptr_t)p;
	if (va >= KERNEL_IMAGE_BASE)
		return kimg_to_phys(p);
	if (va >= DIRECT_MAP_BASE && va < DIRECT_MAP_BASE + DIRECT_MAP_SIZE)
		return virt_to_phys(p);
	return 0;       /* vmalloc (a kernel stack): not contiguous, not for DMA */
}

/* ---------------------------------------------------------------- virtqueues */
int virtq_create(struct virtio_dev *v, unsigned index, unsigned max, struct virtq **out)
{
	unsigned size = v->t->queue_max(v, index);
	if (size == 0)
		return -ENODEV;
	if (size > max)
		size = max;
	if (size & (size - 1))          /* split queues: a power of two */
		size = 1u << (31 - __builtin_clz(size));
	/* The descriptor table and available ring share the first page(s),
	 * the used ring starts on its own page. */
	size_t first = ALIGN_UP(16 * size + 6 + 2 * size, PAGE_SIZE);
	size_t second = ALIGN_UP(6 + 8 * size, PAGE_SIZE);
	size_t pages = (first + second) / PAGE_SIZE;
	uint64_t pa = pmm_alloc_pages(pages);
	struct virtq *q = kzalloc(sizeof *q);
	void **cookie = kzalloc(size * sizeof *cookie);
	if (!pa || !q || !cookie) {
		if (pa)
			pmm_free_pages(pa, pages);
		kfree(q);
		kfree(cookie);
		return -ENOMEM;
	}
	uint8_t *mem = phys_to_virt(pa);
	memset(mem, 0, pages * PAGE_SIZE);
	q->dev = v;
	q->index = index;
	q->size = size;
	q->desc = (volatile struct vring_desc *)mem;
	q->avail = (volatile struct vring_avail *)(mem + 16 * size);
	q->used = (volatile struct vring_used *)(mem + first);
	q->cookie = cookie;
	for (unsigned i = 0; i < size; i++)
		q->desc[i].next = (uint16_t)(i + 1);
	q->nfree = (uint16_t)size;
	int err = v->t->queue_enable(v, index, size, pa, pa + 16 * size, pa + first);
	if (err) {
		pmm_free_pages(pa, pages);
		kfree(q);
		kfree(cookie);
		return err;
	}
	if (index < ARRAY_SIZE(v->queues))
		v->queues[index] = q;
	*out = q;
	return 0;
}

int virtq_add(struct virtq *q, const struct virtq_buf *bufs, unsigned n, void *cookie)
{
	if (n == 0 || n > q->nfree)
		return -EAGAIN;
	uint16_t head = q->free_head, at = head, prev = head;
	for (unsigned i = 0; i < n; i++) {
		volatile struct vring_desc *d = &q->desc[at];
		d->addr = bufs[i].pa;
		d->len = bufs[i].len;
		d->flags = (uint16_t)((bufs[i].device_writes ? VRING_DESC_F_WRITE : 0) |
				      (i + 1 < n ? VRING_DESC_F_NEXT : 0));
		prev = at;
		at = d->next;
	}
	(void)prev;
	q->free_head = at;
	q->nfree = (uint16_t)(q->nfree - n);
	q->cookie[head] = cookie;
	uint16_t idx = q->avail->idx;
	q->avail->ring[idx % q->size] = head;
	dma_fence();
	q->avail->idx = (uint16_t)(idx + 1);
	return 0;
}

void virtq_kick(struct virtq *q)
{
	dma_fence();
	q->dev->t->notify(q->dev, q->index);
}

void *virtq_get_used(struct virtq *q, uint32_t *written)
{
	if (q->last_used == q->used->idx)
		return NULL;
	dma_fence();
	volatile struct vring_used_elem *e = &q->used->ring[q->last_used % q->size];
	uint32_t head = e->id;
	if (written)
		*written = e->len;
	q->last_used++;
	if (head >= q->size)
		return NULL;            /* a broken device: ignore the entry */
	void *cookie = q->cookie[head];
	q->cookie[head] = NULL;
	/* Return the chain to the free list. */
	uint16_t at = (uint16_t)head, n = 1;
	while ((q->desc[at].flags & VRING_DESC_F_NEXT) && n < q->size) {
		at = q->desc[at].next;
		n++;
	}
	q->desc[at].next = q->free_head;
	q->free_head = (uint16_t)head;
	q->nfree = (uint16_t)(q->nfree + n);
	return cookie;
}

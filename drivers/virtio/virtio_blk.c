/* virtio-blk (virtio 1.x, section 5.2): a disk as a struct blkdev named
 * vda, vdb, ... in the order the transports find them.  A request is a
 * chain of three buffers: the header (type, sector), the data, and a status
 * byte the device writes.  A large transfer is cut into requests of at most
 * CHUNK bytes, all put on the queue before the first is waited for, so
 * several are in flight.  Completion: the device's interrupt wakes the
 * process that sleeps on the request; without an interrupt (or before
 * there are processes) the used ring is polled. */
#include <virtio.h>
#include <blkdev.h>
#include <kernel.h>
#include <mm.h>
#include <proc.h>
#include <string.h>
#include <uapi/errno.h>

#define VIRTIO_BLK_F_SIZE_MAX 1
#define VIRTIO_BLK_F_SEG_MAX 2
#define VIRTIO_BLK_F_RO 5
#define VIRTIO_BLK_F_BLK_SIZE 6
#define VIRTIO_BLK_F_FLUSH 9

#define T_IN 0
#define T_OUT 1
#define T_FLUSH 4

#define CHUNK (128 * KiB)
#define QUEUE_MAX 128

struct req {
	/* the header, then the status byte: device-read, device-written */
	uint32_t type, reserved;
	uint64_t sector;
	volatile uint8_t status;
	volatile bool done;
};

struct vblk {
	struct blkdev disk;
	struct virtio_dev *v;
	struct virtq *q;
	uint32_t size_max;
	bool flush;
};

static unsigned ndisks;

/* Collect finished requests (the interrupt handler and the pollers). */
static void reap(struct virtq *q)
{
	struct req *r;
	while ((r = virtq_get_used(q, NULL))) {
		r->done = true;
		wakeup(r);
	}
}

static void wait_for(struct vblk *b, struct req *r)
{
	while (!r->done) {
		if (b->v->irq >= 0 && current && current->pid > 0)
			sleep_on(r, false);
		else
			reap(b->q);
	}
}

/* Issue requests for [first, first + count) and wait for all.  op: T_IN,
 * T_OUT or T_FLUSH (buf, count unused). */
static int transfer(struct vblk *b, int op, uint64_t first, void *buf, size_t count)
{
	size_t bytes = count * BLK_SECTOR;
	size_t chunk = MIN((size_t)CHUNK, (size_t)b->size_max) & ~(size_t)(BLK_SECTOR - 1);
	size_t nreq = op == T_FLUSH ? 1 : (bytes + chunk - 1) / chunk;
	uint64_t data_pa = buf ? virtio_pa(buf) : 0;
	if (buf && !data_pa) {
		printk("virtio-blk: %s: buffer %p is not direct-mapped memory\n", b->disk.name, buf);
		return -EINVAL;
	}
	struct req *reqs = kzalloc(nreq * sizeof *reqs);
	if (!reqs)
		return -ENOMEM;
	int err = 0;
	size_t issued = 0, waited = 0;
	while (waited < nreq) {
		/* Fill the queue, then wait for the oldest. */
		while (issued < nreq) {
			struct req *r = &reqs[issued];
			size_t off = issued * chunk;
			size_t len = op == T_FLUSH ? 0 : MIN(chunk, bytes - off);
			r->type = (uint32_t)op;
			r->sector = first + off / BLK_SECTOR;
			r->status = 0xff;
			struct virtq_buf bufs[3] = {
				{ virtio_pa(r), 16, false },
				{ data_pa + off, (uint32_t)len, op == T_IN },
				{ virtio_pa((const void *)&r->status), 1, true },
			};
			if (op == T_FLUSH)
				bufs[1] = bufs[2];
			if (virtq_add(b->q, bufs, op == T_FLUSH ? 2 : 3, r))
				break;
			issued++;
		}
		virtq_kick(b->q);
		wait_for(b, &reqs[waited]);
		if (reqs[waited].status != 0 && !err) {
			printk("virtio-blk: %s: %s at sector %lu failed (status %u)\n", b->disk.name,
			       op == T_IN ? "read" : op == T_OUT ? "write" : "flush",
			       (unsigned long)reqs[waited].sector, reqs[waited].status);
			err = -EIO;
		}
		waited++;
	}
	kfree(reqs);
	return err;
}

static int vblk_read(struct blkdev *d, uint64_t first, void *buf, size_t count)
{
	return transfer(d->priv, T_IN, first, buf, count);
}

static int vblk_write(struct blkdev *d, uint64_t first, const void *buf, size_t count)
{
	return transfer(d->priv, T_OUT, first, (void *)buf, count);
}

static int vblk_flush(struct blkdev *d)
{
	struct vblk *b = d->priv;
	return b->flush ? transfer(b, T_FLUSH, 0, NULL, 0) : 0;
}

static const struct blkdev_ops vblk_ops = { vblk_read, vblk_write, vblk_flush };

static void vblk_done(struct virtq *q)
{
	reap(q);
}

int virtio_blk_probe(struct virtio_dev *v)
{
	uint64_t f;
	int err = virtio_negotiate(v, 1ull << VIRTIO_BLK_F_RO | 1ull << VIRTIO_BLK_F_FLUSH |
				       1ull << VIRTIO_BLK_F_SIZE_MAX | 1ull << VIRTIO_BLK_F_SEG_MAX |
				       1ull << VIRTIO_BLK_F_BLK_SIZE, &f);
	if (err)
		return err;
	struct vblk *b = kzalloc(sizeof *b);
	if (!b)
		return -ENOMEM;
	b->v = v;
	err = virtq_create(v, 0, QUEUE_MAX, &b->q);
	if (err) {
		kfree(b);
		return err;
	}
	b->q->done = vblk_done;
	uint64_t capacity;
	v->t->config_read(v, 0, &capacity, 8);
	b->size_max = UINT32_MAX;
	if (f & (1ull << VIRTIO_BLK_F_SIZE_MAX))
		v->t->config_read(v, 8, &b->size_max, 4);
	if (b->size_max < BLK_SECTOR)
		b->size_max = BLK_SECTOR;
	b->flush = f & (1ull << VIRTIO_BLK_F_FLUSH);
	v->driver = b;
	virtio_driver_ok(v);
	snprintf(b->disk.name, sizeof b->disk.name, "vd%c", 'a' + (char)ndisks++);
	b->disk.nsectors = capacity;
	b->disk.readonly = f & (1ull << VIRTIO_BLK_F_RO);
	b->disk.ops = &vblk_ops;
	b->disk.priv = b;
	printk("virtio-blk: %s on %s, %s\n", b->disk.name, v->where,
	       v->irq >= 0 ? "interrupt-driven" : "polled");
	return blkdev_register(&b->disk);
}

/* The block cache: see <bcache.h>.
 *
 * Blocks live in a hash table keyed by (device, block number) and on one
 * LRU list, most recently used first.  Eviction walks the list from the
 * cold end for a block nobody holds: a clean one is freed; when only dirty
 * ones are left and the cache is at its cap, the coldest is written first.
 *
 * The flusher is a kernel thread rather than work done from the timer
 * interrupt, because writing a block may sleep until the disk answers,
 * which an interrupt handler cannot do.  It wakes once a second and writes
 * what has been dirty for longer than BCACHE_MAX_AGE_NS, so an unsynced
 * change reaches the disk within about six seconds. */
#include <bcache.h>
#include <blkdev.h>
#include <mm.h>
#include <pmm.h>
#include <proc.h>
#include <kernel.h>
#include <uapi.h>
#include <arch.h>
#include <string.h>

#define NHASH 256
#define SECTORS_PER_BLOCK (BCACHE_BLOCK / BLK_SECTOR)

static struct bbuf *hash[NHASH];
static struct bbuf *lru_head, *lru_tail;
static size_t npages, ndirty, limit_pages;

size_t bcache_pages(void)
{
	return npages;
}

size_t bcache_dirty_pages(void)
{
	return ndirty;
}

void bcache_set_limit(size_t pages)
{
	limit_pages = pages;
}

static size_t limit(void)
{
	if (!limit_pages)
		limit_pages = MAX(pmm_total_count() / 4, 16);
	return limit_pages;
}

static unsigned hash_of(struct blkdev *d, uint64_t blockno)
{
	uint64_t h = (uint64_t)(uintptr_t)d ^ (blockno * 0x9e3779b97f4a7c15ull);
	return (unsigned)((h >> 32) ^ h) % NHASH;
}

static void lru_unlink(struct bbuf *b)
{
	if (b->lprev)
		b->lprev->lnext = b->lnext;
	else
		lru_head = b->lnext;
	if (b->lnext)
		b->lnext->lprev = b->lprev;
	else
		lru_tail = b->lprev;
	b->lprev = b->lnext = NULL;
}

static void lru_front(struct bbuf *b)
{
	b->lprev = NULL;
	b->lnext = lru_head;
	if (lru_head)
		lru_head->lprev = b;
	lru_head = b;
	if (!lru_tail)
		lru_tail = b;
}

static struct bbuf *find(struct blkdev *d, uint64_t blockno)
{
	for (struct bbuf *b = hash[hash_of(d, blockno)]; b; b = b->hnext)
		if (b->dev == d && b->blockno == blockno)
			return b;
	return NULL;
}

static void hash_remove(struct bbuf *b)
{
	struct bbuf **pp = &hash[hash_of(b->dev, b->blockno)];
	while (*pp != b)
		pp = &(*pp)->hnext;
	*pp = b->hnext;
}

static void block_free(struct bbuf *b)
{
	hash_remove(b);
	lru_unlink(b);
	pmm_free_page(virt_to_phys(b->data));
	kfree(b);
	npages--;
}

/* The sectors of block b that exist on its device. */
static size_t block_sectors(struct blkdev *d, uint64_t blockno)
{
	uint64_t first = blockno * SECTORS_PER_BLOCK;
	if (first >= d->nsectors)
		return 0;
	return (size_t)MIN((uint64_t)SECTORS_PER_BLOCK, d->nsectors - first);
}

static void set_clean(struct bbuf *b)
{
	if (b->dirty) {
		b->dirty = false;
		ndirty--;
	}
}

/* Write b to its device.  b must be held or otherwise kept from eviction
 * across the sleep (the callers hold a reference). */
static int write_block(struct bbuf *b)
{
	/* The disk's wait may sleep (or the writer be preempted), and another
	 * process may change the block meanwhile: it is clean afterwards only
	 * if nobody dirtied it again since the copy went out. */
	uint32_t gen = b->gen;
	int err = blkdev_write(b->dev, b->blockno * SECTORS_PER_BLOCK, b->data, b->valid / BLK_SECTOR);
	if (err) {
		printk("bcache: %s: writing block %lu failed (error %d); kept in memory\n", b->dev->name,
		       (unsigned long)b->blockno, -err);
		return err;
	}
	if (b->gen == gen)
		set_clean(b);
	return 0;
}

static int write_dirty(struct blkdev *d, unsigned order);

/* Make room for one more block: evict the coldest clean unheld block; when
 * at the cap and none is clean, write the coldest dirty one out first.
 * Returns false only when every block is held. */
static bool evict_one(void)
{
	for (struct bbuf *b = lru_tail; b; b = b->lprev) {
		if (b->refs == 0 && !b->dirty) {
			block_free(b);
			return true;
		}
	}
	for (struct bbuf *b = lru_tail; b; b = b->lprev) {
		if (b->refs == 0) {
			b->refs++;
			/* An entry block goes out only after the data and FAT. */
			int err = b->order ? write_dirty(NULL, 0) : 0;
			if (!err && b->dirty)
				err = write_block(b);
			b->refs--;
			if (err)
				return false;
			if (b->refs == 0 && !b->dirty) {
				block_free(b);
				return true;
			}
			return evict_one();
		}
	}
	return false;
}

size_t bcache_reclaim(size_t want)
{
	size_t freed = 0;
	struct bbuf *b = lru_tail;
	while (b && freed < want) {
		struct bbuf *prev = b->lprev;
		if (b->refs == 0 && !b->dirty) {
			block_free(b);
			freed++;
		}
		b = prev;
	}
	return freed;
}

static struct bbuf *block_new(struct blkdev *d, uint64_t blockno, int *err)
{
	while (npages >= limit() && evict_one())
		;
	struct bbuf *b = kzalloc(sizeof *b);
	uint64_t pa = b ? pmm_alloc_page() : 0;
	while (b && !pa && bcache_reclaim(1))
		pa = pmm_alloc_page();
	if (!pa) {
		kfree(b);
		*err = -ENOMEM;
		return NULL;
	}
	b->data = phys_to_virt(pa);
	b->dev = d;
	b->blockno = blockno;
	b->valid = (uint32_t)(block_sectors(d, blockno) * BLK_SECTOR);
	unsigned h = hash_of(d, blockno);
	b->hnext = hash[h];
	hash[h] = b;
	lru_front(b);
	npages++;
	return b;
}

struct bbuf *bcache_get(struct blkdev *d, uint64_t blockno, bool read, int *err)
{
	struct bbuf *b = find(d, blockno);
	if (b) {
		lru_unlink(b);
		lru_front(b);
		b->refs++;
		/* Another caller is reading it from the disk: wait for that. */
		while (b->loading)
			sleep_on(b, false);
		if (b->failed) {
			*err = -EIO;
			bcache_put(b);
			return NULL;
		}
		return b;
	}
	if (!block_sectors(d, blockno)) {
		*err = -EINVAL;
		return NULL;
	}
	b = block_new(d, blockno, err);
	if (!b)
		return NULL;
	b->refs = 1;
	if (b->valid < BCACHE_BLOCK)
		memset(b->data + b->valid, 0, BCACHE_BLOCK - b->valid);
	if (read) {
		b->loading = true;
		int e = blkdev_read(d, blockno * SECTORS_PER_BLOCK, b->data, b->valid / BLK_SECTOR);
		b->loading = false;
		wakeup(b);
		if (e) {
			/* Those who found it while it loaded see 'failed'; the last
			 * holder frees it (bcache_put). */
			b->failed = true;
			*err = e;
			bcache_put(b);
			return NULL;
		}
	}
	return b;
}

void bcache_put(struct bbuf *b)
{
	if (b->refs <= 0)
		panic("bcache_put: block %lu of %s not held", (unsigned long)b->blockno, b->dev->name);
	b->refs--;
	if (b->refs == 0 && b->failed)
		block_free(b);
}

void bcache_dirty_order(struct bbuf *b, unsigned order)
{
	bcache_dirty(b);
	if (order > b->order)
		b->order = (uint8_t)order;
}

void bcache_dirty(struct bbuf *b)
{
	b->gen++;
	if (!b->dirty) {
		b->order = 0;
		b->dirty = true;
		b->dirtied_ns = arch_clock_ns();
		ndirty++;
	}
}

void bcache_invalidate(struct bbuf *b)
{
	set_clean(b);
	b->failed = true;
}

/* Walk [off, off + n) of d block by block: fn moves the piece at byte
 * 'in' of block b. */
static int walk(struct blkdev *d, uint64_t off, size_t n, bool write, unsigned order,
		void (*fn)(struct bbuf *b, size_t in, size_t k, void *arg, size_t done), void *arg)
{
	size_t done = 0;
	if (off > d->nsectors * BLK_SECTOR || n > d->nsectors * BLK_SECTOR - off)
		return -EIO;
	while (n > 0) {
		uint64_t blockno = off / BCACHE_BLOCK;
		size_t in = (size_t)(off % BCACHE_BLOCK);
		size_t k = MIN(n, (size_t)BCACHE_BLOCK - in);
		int err = 0;
		/* A write of a whole block need not read it first. */
		bool whole = write && in == 0 && k == BCACHE_BLOCK;
		struct bbuf *b = bcache_get(d, blockno, !whole, &err);
		if (!b)
			return err;
		fn(b, in, k, arg, done);
		if (write)
			bcache_dirty_order(b, order);
		bcache_put(b);
		off += k;
		n -= k;
		done += k;
	}
	return 0;
}

static void copy_out(struct bbuf *b, size_t in, size_t k, void *dst, size_t done)
{
	memcpy((char *)dst + done, b->data + in, k);
}

static void copy_in(struct bbuf *b, size_t in, size_t k, void *src, size_t done)
{
	memcpy(b->data + in, (const char *)src + done, k);
}

int bcache_read(struct blkdev *d, uint64_t off, void *buf, size_t n)
{
	return walk(d, off, n, false, 0, copy_out, buf);
}

int bcache_write_order(struct blkdev *d, uint64_t off, const void *buf, size_t n, unsigned order)
{
	if (d->readonly)
		return -EROFS;
	return walk(d, off, n, true, order, copy_in, (void *)buf);
}

int bcache_write(struct blkdev *d, uint64_t off, const void *buf, size_t n)
{
	return bcache_write_order(d, off, buf, n, 0);
}

static void zero_in(struct bbuf *b, size_t in, size_t k, void *unused, size_t done)
{
	(void)unused;
	(void)done;
	memset(b->data + in, 0, k);
}

int bcache_zero(struct blkdev *d, uint64_t off, size_t n)
{
	if (d->readonly)
		return -EROFS;
	return walk(d, off, n, true, 0, zero_in, NULL);
}

/* Write the dirty blocks of d (or all) of one write order, in device and
 * block order so a disk sees runs. */
static int write_dirty(struct blkdev *d, unsigned order)
{
	int first_err = 0;
	for (;;) {
		/* Pick the lowest (device, block) still to write; a sleep in the
		 * write may change the lists, so search again each time. */
		struct bbuf *pick = NULL;
		for (struct bbuf *b = lru_head; b; b = b->lnext) {
			if (!b->dirty || b->skip || (d && b->dev != d) || b->order != order)
				continue;
			if (!pick || (uintptr_t)b->dev < (uintptr_t)pick->dev ||
			    (b->dev == pick->dev && b->blockno < pick->blockno))
				pick = b;
		}
		if (!pick)
			break;
		pick->refs++;
		int err = write_block(pick);
		pick->refs--;
		if (err && !first_err)
			first_err = err;
		/* Failed, or changed while it was written (what it held when
		 * this pass began did go out): the next pass takes it. */
		if (pick->dirty)
			pick->skip = true;
	}
	for (struct bbuf *b = lru_head; b; b = b->lnext)
		b->skip = false;
	return first_err;
}

static int flush_devs(struct blkdev *d)
{
	if (d)
		return blkdev_flush(d->parent ? d->parent : d);
	int first_err = 0;
	/* Flush each distinct disk that has blocks here once. */
	for (struct bbuf *b = lru_head; b; b = b->lnext) {
		struct blkdev *disk = b->dev->parent ? b->dev->parent : b->dev;
		bool seen = false;
		for (struct bbuf *c = lru_head; c != b; c = c->lnext)
			if ((c->dev->parent ? c->dev->parent : c->dev) == disk)
				seen = true;
		if (seen)
			continue;
		int err = blkdev_flush(disk);
		if (err && !first_err)
			first_err = err;
	}
	return first_err;
}

/* Order 0 first (file data, the FAT), a flush as a barrier, then order 1
 * (directory entries): an entry never reaches the disk before the chain
 * and the data it points to, so a power cut leaves at worst clusters no
 * entry names (lost clusters), not an entry naming free ones. */
int bcache_sync(struct blkdev *d)
{
	int err = write_dirty(d, 0);
	int ferr = flush_devs(d);
	int err1 = write_dirty(d, 1);
	int ferr1 = flush_devs(d);
	return err ? err : ferr ? ferr : err1 ? err1 : ferr1;
}

/* When anything has been dirty too long, everything goes (in order): a
 * part of the dirty set could break the order the entries need. */
int bcache_writeback_old(uint64_t age_ns)
{
	uint64_t now = arch_clock_ns();
	if (now < age_ns)
		return 0;
	for (struct bbuf *b = lru_head; b; b = b->lnext)
		if (b->dirty && b->dirtied_ns <= now - age_ns)
			return bcache_sync(NULL);
	return 0;
}

void bcache_drop(struct blkdev *d)
{
	bcache_sync(d);
	struct bbuf *b = lru_head;
	while (b) {
		struct bbuf *next = b->lnext;
		if (b->dev == d && b->refs == 0) {
			set_clean(b);
			block_free(b);
		}
		b = next;
	}
}

/* ---------------------------------------------------------------- the flusher */
static bool flusher_started;
static const char flusher_chan;

static void flusher(void *unused)
{
	(void)unused;
	for (;;) {
		sleep_until(&flusher_chan, arch_clock_ns() + 1000000000ull, false);
		if (ndirty)
			bcache_writeback_old(BCACHE_MAX_AGE_NS);
	}
}

void bcache_start_flusher(void)
{
	if (flusher_started)
		return;
	struct proc *p = kthread_create("bflush", flusher, NULL);
	flusher_started = p != NULL;
	/* Nobody's child: init, powering off, waits for all its children, and
	 * this one never exits. */
	if (p)
		p->parent = NULL;
	if (!flusher_started)
		printk("bcache: cannot start the flusher thread: dirty blocks wait for sync\n");
}

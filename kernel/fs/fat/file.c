/* File contents: a chain of clusters from the directory entry's first
 * cluster.  Mapping a byte offset walks the chain; each node remembers the
 * last cluster it reached, so sequential reads and writes walk each link
 * once.  A chain that loops, leaves the disk, or ends before the size says
 * marks the file bad: -EIO from then on, the rest of the disk unaffected.
 *
 * Growing a file zeroes the bytes between the old end and the new data
 * (the clusters it gets may hold anything), so holes read as zeros as
 * POSIX wants. */
#include "fat.h"
#include <bcache.h>
#include <kernel.h>
#include <mm.h>
#include <uapi.h>
#include <string.h>
#include <cpu.h>

static int broken(struct fnode *n)
{
	n->bad = true;
	n->cur_clu = 0;
	return -EIO;
}

int fat_bmap(struct fnode *n, uint32_t idx, bool grow, bool zero, uint32_t *clu)
{
	struct fatfs *fs = n->fs;
	if (n->bad)
		return -EIO;
	uint32_t c, i;
	if (n->first == 0) {
		if (!grow)
			return -ENOENT;
		int err = fat_alloc(fs, 0, zero, &c);
		if (err)
			return err;
		n->first = c;
		i = 0;
	} else if (n->first < 2 || n->first > fat_max_cluster(fs)) {
		fat_complain(fs, "a file starts at cluster %u, outside the disk", n->first);
		return broken(n);
	} else if (n->cur_clu && n->cur_idx <= idx) {
		c = n->cur_clu;
		i = n->cur_idx;
	} else {
		c = n->first;
		i = 0;
	}
	while (i < idx) {
		uint32_t next;
		int err = fat_next(fs, c, &next);
		if (err)
			return err == -EIO ? broken(n) : err;
		if (!next) {
			if (!grow) {
				n->cur_idx = i;
				n->cur_clu = c;
				return -ENOENT;
			}
			err = fat_alloc(fs, c, zero, &next);
			if (err)
				return err;
		}
		c = next;
		if (++i > fs->nclusters) {
			fat_complain(fs, "a cluster chain loops (through cluster %u)", c);
			return broken(n);
		}
	}
	n->cur_idx = i;
	n->cur_clu = c;
	*clu = c;
	return 0;
}

long fat_chain_len(struct fnode *n)
{
	if (n->first == 0)
		return 0;
	uint32_t c;
	long len = 0;
	for (;;) {
		int err = fat_bmap(n, (uint32_t)len, false, false, &c);
		if (err == -ENOENT)
			return len;
		if (err)
			return err;
		len++;
	}
}

/* Walk [off, off + len) of n's data cluster by cluster and block by block:
 * fn gets each piece's device offset.  grow: allocate as needed. */
static long walk(struct fnode *n, uint64_t off, size_t len, bool grow,
		 int (*fn)(struct fatfs *fs, uint64_t dev_off, size_t k, void *arg), void *arg)
{
	struct fatfs *fs = n->fs;
	size_t done = 0, pieces = 0;
	while (done < len) {
		/* a long transfer lets others in between clusters (reading a
		 * block sleeps on the disk anyway; a cached one does not) */
		if (pieces >= 16) {
			pieces = 0;
			cond_resched();
		}
		uint32_t idx = (uint32_t)(off / fs->csize), clu;
		size_t in = (size_t)(off % fs->csize);
		int err = fat_bmap(n, idx, grow, false, &clu);
		if (err == -ENOENT) {
			fat_complain(fs, "a file's chain is shorter than its size");
			err = broken(n);
		}
		if (err)
			return done ? (long)done : err;
		uint64_t dev = fat_cluster_off(fs, clu) + in;
		size_t k = MIN(len - done, (size_t)fs->csize - in);
		/* Pieces that stay inside one cache block. */
		while (k > 0) {
			size_t kk = MIN(k, (size_t)(BCACHE_BLOCK - dev % BCACHE_BLOCK));
			err = fn(fs, dev, kk, arg);
			if (err)
				return done ? (long)done : err;
			dev += kk;
			off += kk;
			done += kk;
			k -= kk;
			pieces++;
		}
	}
	return (long)done;
}

static int read_piece(struct fatfs *fs, uint64_t dev, size_t k, void *arg)
{
	int err = 0;
	struct bbuf *b = bcache_get(fs->dev, dev / BCACHE_BLOCK, true, &err);
	if (!b)
		return err;
	err = uio_copyout(arg, b->data + dev % BCACHE_BLOCK, k);
	bcache_put(b);
	return err;
}

static int write_piece(struct fatfs *fs, uint64_t dev, size_t k, void *arg)
{
	int err = 0;
	bool whole = k == BCACHE_BLOCK;
	struct bbuf *b = bcache_get(fs->dev, dev / BCACHE_BLOCK, !whole, &err);
	if (!b)
		return err;
	err = uio_copyin(arg, b->data + dev % BCACHE_BLOCK, k);
	if (err && whole && !b->dirty)
		bcache_invalidate(b);       /* not read first: half of it is garbage */
	else
		bcache_dirty(b);
	bcache_put(b);
	return err;
}

static int zero_piece(struct fatfs *fs, uint64_t dev, size_t k, void *arg)
{
	(void)arg;
	return bcache_zero(fs->dev, dev, k);
}

/* Before a file's first use: its chain must end, and hold its size.  A
 * loop inside the size would otherwise read as data, over and over. */
static int check_chain(struct fnode *n)
{
	if (n->checked)
		return n->bad ? -EIO : 0;
	n->checked = true;
	long len = fat_chain_len(n);
	if (len < 0)
		return -EIO;
	if ((uint64_t)len * n->fs->csize < n->v.size) {
		fat_complain(n->fs, "a file's chain (%ld clusters) is shorter than its size (%lu bytes)", len,
			     (unsigned long)n->v.size);
		return broken(n);
	}
	n->cur_clu = 0;
	return 0;
}

long fat_file_read(struct fnode *n, struct uio *u, uint64_t off)
{
	if (check_chain(n))
		return -EIO;
	if (off >= n->v.size)
		return 0;
	size_t len = (size_t)MIN((uint64_t)u->resid, n->v.size - off);
	return walk(n, off, len, false, read_piece, u);
}

static void modified(struct fnode *n)
{
	n->v.mtime_ns = n->v.ctime_ns = fat_now_ns();
	n->attr |= FAT_ATTR_ARCHIVE;
}

long fat_file_write(struct fnode *n, struct uio *u, uint64_t off)
{
	if (n->fs->ro)
		return -EROFS;
	if (check_chain(n))
		return -EIO;
	if (off >= FAT_MAX_FILE)
		return -EFBIG;
	size_t len = (size_t)MIN((uint64_t)u->resid, FAT_MAX_FILE - off);
	if (off > n->v.size) {
		long z = walk(n, n->v.size, (size_t)(off - n->v.size), true, zero_piece, NULL);
		if (z < 0)
			return z;
		if ((uint64_t)z < off - n->v.size) {
			n->v.size += (uint64_t)z;
			fat_node_update(n);
			return -ENOSPC;
		}
		n->v.size = off;
	}
	long r = walk(n, off, len, true, write_piece, u);
	if (r > 0 && off + (uint64_t)r > n->v.size)
		n->v.size = off + (uint64_t)r;
	if (r > 0)
		modified(n);
	int err = fat_node_update(n);
	if (r >= 0 && err)
		return err;
	return r;
}

int fat_file_truncate(struct fnode *n, uint64_t size)
{
	struct fatfs *fs = n->fs;
	if (fs->ro)
		return -EROFS;
	if (check_chain(n))
		return -EIO;
	if (size > FAT_MAX_FILE)
		return -EFBIG;
	if (size > n->v.size) {
		uint64_t want = size - n->v.size;
		long z = walk(n, n->v.size, (size_t)want, true, zero_piece, NULL);
		if (z < 0)
			return (int)z;
		n->v.size += (uint64_t)z;
		modified(n);
		int err = fat_node_update(n);
		return (uint64_t)z < want ? -ENOSPC : err;
	}
	uint32_t keep = (uint32_t)((size + fs->csize - 1) / fs->csize);
	int err = 0;
	if (keep == 0 && n->first) {
		uint32_t first = n->first;
		n->first = 0;
		n->cur_clu = 0;
		err = fat_free_chain(fs, first);
	} else if (n->first) {
		uint32_t last, next;
		err = fat_bmap(n, keep - 1, false, false, &last);
		if (err == -ENOENT)
			err = broken(n);
		if (!err)
			err = fat_next(fs, last, &next);
		if (!err && next) {
			err = fat_set(fs, last, FAT_EOC);
			if (!err)
				err = fat_free_chain(fs, next);
		}
	}
	n->v.size = size;
	modified(n);
	int uerr = fat_node_update(n);
	return err ? err : uerr;
}

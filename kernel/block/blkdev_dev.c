/* Block devices as files: /dev/NAME nodes of type S_IFBLK whose rdev names
 * a registered struct blkdev.  read/write/pread/pwrite move bytes at any
 * offset: whole sectors go through a bounce buffer, and a write that
 * covers part of a sector reads the sector first (read-modify-write).
 * There is no cache here: every call reaches the disk, so what write()
 * returned is on the device (fsync flushes the device's own cache). */
#include <blkdev.h>
#include <vfs.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <uaccess.h>
#include <uapi.h>
#include "block.h"

#define BOUNCE (64 * KiB)   /* bytes moved per request */

int blkdev_node_create(struct blkdev *d)
{
	struct vnode *root = vfs_root();
	if (!root)
		return -ENOENT;
	char path[8 + BLKDEV_NAME_MAX];
	snprintf(path, sizeof path, "/dev/%s", d->name);
	int err = vfs_mknodat(root, path, S_IFBLK | 0660, d->rdev);
	return err == -EEXIST ? 0 : err;
}

static uint64_t blkdev_bytes(const struct blkdev *d)
{
	return d->nsectors * BLK_SECTOR;
}

/* Fill bounce[head, head + n) from the user's buffer for a write at sector
 * sec, first reading the sectors the bytes only partly cover. */
static int fill_for_write(struct blkdev *d, struct uio *u, char *bounce, uint64_t sec,
			  size_t head, size_t n, size_t nsec)
{
	if (head) {
		int err = blkdev_read(d, sec, bounce, 1);
		if (err)
			return err;
	}
	if ((head + n) % BLK_SECTOR && (nsec > 1 || !head)) {
		int err = blkdev_read(d, sec + nsec - 1, bounce + (nsec - 1) * BLK_SECTOR, 1);
		if (err)
			return err;
	}
	return uio_copyin(u, bounce + head, n);
}

static long blk_rw(struct file *f, struct uio *u, uint64_t *pos, bool write)
{
	struct blkdev *d = f->priv;
	uint64_t size = blkdev_bytes(d);
	if (u->resid == 0)
		return 0;
	if (*pos >= size)
		return write ? -ENOSPC : 0;
	uint64_t want = MIN((uint64_t)u->resid, size - *pos);
	char *bounce = kmalloc(BOUNCE);
	if (!bounce)
		return -ENOMEM;
	uint64_t done = 0;
	int err = 0;
	while (done < want) {
		uint64_t off = *pos + done;
		uint64_t sec = off / BLK_SECTOR;
		size_t head = (size_t)(off % BLK_SECTOR);
		size_t n = (size_t)MIN(want - done, (uint64_t)(BOUNCE - head));
		size_t nsec = (head + n + BLK_SECTOR - 1) / BLK_SECTOR;
		if (write) {
			err = fill_for_write(d, u, bounce, sec, head, n, nsec);
			if (!err)
				err = blkdev_write(d, sec, bounce, nsec);
		} else {
			err = blkdev_read(d, sec, bounce, nsec);
			if (!err)
				err = uio_copyout(u, bounce + head, n);
		}
		if (err)
			break;
		done += n;
	}
	kfree(bounce);
	*pos += done;
	return done ? (long)done : err;
}

static long blk_read(struct file *f, struct uio *u, uint64_t *pos)
{
	return blk_rw(f, u, pos, false);
}

static long blk_write(struct file *f, struct uio *u, uint64_t *pos)
{
	return blk_rw(f, u, pos, true);
}

static long blk_ioctl(struct file *f, unsigned long cmd, uintptr_t arg)
{
	struct blkdev *d = f->priv;
	switch (cmd) {
	case BLKGETSIZE64: {
		uint64_t bytes = blkdev_bytes(d);
		return copy_to_user(arg, &bytes, sizeof bytes);
	}
	case BLKGETSIZE: {
		unsigned long sectors = (unsigned long)d->nsectors;
		return copy_to_user(arg, &sectors, sizeof sectors);
	}
	case BLKSSZGET: {
		int ssz = BLK_SECTOR;
		return copy_to_user(arg, &ssz, sizeof ssz);
	}
	case BLKROGET: {
		int ro = d->readonly || (d->parent && d->parent->readonly);
		return copy_to_user(arg, &ro, sizeof ro);
	}
	case BLKFLSBUF:
		return blkdev_flush(d);
	default:
		return -ENOTTY;
	}
}

uint64_t blkdev_file_size(struct file *f)
{
	return blkdev_bytes(f->priv);
}

static int blk_fsync(struct file *f)
{
	return blkdev_flush(f->priv);
}

static const struct file_ops blk_fops = {
	.read = blk_read,
	.write = blk_write,
	.ioctl = blk_ioctl,
	.fsync = blk_fsync,
	.seekable = true,
};

int blkdev_open(struct vnode *v, int flags, struct file **out)
{
	struct blkdev *d = blkdev_by_rdev(v->rdev);
	if (!d)
		return -ENXIO;
	if ((flags & O_ACCMODE) != O_RDONLY && (d->readonly || (d->parent && d->parent->readonly)))
		return -EROFS;
	struct file *f = file_alloc(v, (unsigned)flags, &blk_fops, d);
	if (!f)
		return -ENOMEM;
	*out = f;
	return 0;
}

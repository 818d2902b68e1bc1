/* A block device backed by a host file, and what the block layer and the
 * scheduler give the FAT code in the kernel, for the host tests and the
 * fuzzer (the real block-device registry is not built on the host). */
#define _GNU_SOURCE
#include "fat_hostdev_test.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

long hostdev_reads, hostdev_writes, hostdev_flushes;

static int file_read(struct blkdev *d, uint64_t first, void *buf, size_t count)
{
	struct hostdev *h = d->priv;
	hostdev_reads++;
	if (h->mem) {
		memcpy(buf, h->mem + first * BLK_SECTOR, count * BLK_SECTOR);
		return 0;
	}
	ssize_t n = pread(h->fd, buf, count * BLK_SECTOR, (off_t)(first * BLK_SECTOR));
	return n == (ssize_t)(count * BLK_SECTOR) ? 0 : -EIO;
}

static int file_write(struct blkdev *d, uint64_t first, const void *buf, size_t count)
{
	struct hostdev *h = d->priv;
	hostdev_writes++;
	if (h->mem) {
		memcpy(h->mem + first * BLK_SECTOR, buf, count * BLK_SECTOR);
		return 0;
	}
	ssize_t n = pwrite(h->fd, buf, count * BLK_SECTOR, (off_t)(first * BLK_SECTOR));
	return n == (ssize_t)(count * BLK_SECTOR) ? 0 : -EIO;
}

static int file_flush(struct blkdev *d)
{
	struct hostdev *h = d->priv;
	hostdev_flushes++;
	return h->mem ? 0 : fdatasync(h->fd) ? -EIO : 0;
}

static const struct blkdev_ops file_ops = { file_read, file_write, file_flush };

static void setup(struct hostdev *h, const char *name, uint64_t bytes)
{
	memset(&h->d, 0, sizeof h->d);
	snprintf(h->d.name, sizeof h->d.name, "%s", name);
	h->d.nsectors = bytes / BLK_SECTOR;
	h->d.ops = &file_ops;
	h->d.priv = h;
}

int hostdev_open(struct hostdev *h, const char *path, bool readonly)
{
	h->mem = NULL;
	h->fd = open(path, readonly ? O_RDONLY : O_RDWR);
	if (h->fd < 0)
		return -1;
	off_t size = lseek(h->fd, 0, SEEK_END);
	setup(h, "hostimg", (uint64_t)size);
	h->d.readonly = readonly;
	return 0;
}

void hostdev_mem(struct hostdev *h, uint8_t *mem, size_t size)
{
	h->fd = -1;
	h->mem = mem;
	setup(h, "fuzzimg", size);
}

void hostdev_close(struct hostdev *h)
{
	if (h->fd >= 0)
		close(h->fd);
	h->fd = -1;
}

/* ---------------------------------------------------------------- the block layer's calls */
int blkdev_read(struct blkdev *d, uint64_t sector, void *buf, size_t count)
{
	if (sector > d->nsectors || count > d->nsectors - sector)
		return -EINVAL;
	return d->ops->read(d, sector, buf, count);
}

int blkdev_write(struct blkdev *d, uint64_t sector, const void *buf, size_t count)
{
	if (d->readonly)
		return -EROFS;
	if (sector > d->nsectors || count > d->nsectors - sector)
		return -EINVAL;
	return d->ops->write(d, sector, buf, count);
}

int blkdev_flush(struct blkdev *d)
{
	return d->ops->flush ? d->ops->flush(d) : 0;
}

struct hostdev *hostdev_registered;

struct blkdev *blkdev_by_rdev(uint32_t rdev)
{
	return hostdev_registered && hostdev_registered->d.rdev == rdev ? &hostdev_registered->d : NULL;
}

/* ---------------------------------------------------------------- the rest of the kernel */
uint64_t hostdev_realtime = 1700000000ull * 1000000000ull;   /* 2023-11-14 */

uint64_t wallclock_ns(void)
{
	return hostdev_realtime;
}

struct proc;
uint64_t wallclock_ns(void);
struct proc *kthread_create(const char *name, void (*fn)(void *), void *arg);

struct proc *kthread_create(const char *name, void (*fn)(void *), void *arg)
{
	(void)name, (void)fn, (void)arg;
	/* A thread that never runs (sync does its work here): room for a
	 * struct proc, whose header this file cannot include beside the
	 * host's; the caller sets a field or two. */
	static _Alignas(64) char pretend[65536];
	return (struct proc *)(void *)pretend;
}

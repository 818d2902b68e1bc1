/* The block-device registry (see <blkdev.h>): disks and their partitions
 * by name and device number, range-checked sector I/O that adds a
 * partition's offset, and the text of /proc/partitions.
 *
 * Device numbers follow Linux's so tools that know them (lsblk, mount by
 * number) read them the same way: virtio disks on major 254 with 16 minors
 * each (vda = 254:0, vda1 = 254:1), MMC cards on 179 with 8 (mmcblk0p1 =
 * 179:1), RAM disks on 1, anything else and partitions past a disk's
 * minors on 259 (Linux's "blkext"). */
#include <blkdev.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <uapi/errno.h>
#include <vfs.h>
#include "block.h"
#include "partition.h"

#define MAX_BLKDEVS 64
#define EXT_MAJOR 259

static struct blkdev *devs[MAX_BLKDEVS];
static unsigned next_ext_minor;

struct numbering {
	const char *prefix;     /* disk names starting with it */
	unsigned major, minors; /* minors per disk (disk + partitions) */
};
static const struct numbering numbering[] = {
	{ "vd", 254, 16 },
	{ "mmcblk", 179, 8 },
	{ "ram", 1, 1 },
};

/* A free minor on the extended major. */
static uint32_t ext_rdev(void)
{
	unsigned minor = next_ext_minor++;
	return MKDEV(EXT_MAJOR, minor);
}

/* The number of a new disk: its kind's major and the next free block of
 * minors on it. */
static uint32_t disk_rdev(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(numbering); i++) {
		const struct numbering *n = &numbering[i];
		if (strncmp(name, n->prefix, strlen(n->prefix)) != 0)
			continue;
		for (unsigned minor = 0; minor < 256 * n->minors; minor += n->minors)
			if (!blkdev_by_rdev(MKDEV(n->major, minor)))
				return MKDEV(n->major, minor);
	}
	return ext_rdev();
}

/* Partition number index (1-based) of disk: inside the disk's block of
 * minors if it fits, else on the extended major. */
static uint32_t part_rdev(const struct blkdev *disk, unsigned index)
{
	for (size_t i = 0; i < ARRAY_SIZE(numbering); i++) {
		const struct numbering *n = &numbering[i];
		if (RDEV_MAJOR(disk->rdev) == n->major && index < n->minors)
			return disk->rdev + index;
	}
	return ext_rdev();
}

static int add(struct blkdev *d)
{
	if (blkdev_by_name(d->name))
		return -EEXIST;
	for (int i = 0; i < MAX_BLKDEVS; i++) {
		if (!devs[i]) {
			devs[i] = d;
			int err = blkdev_node_create(d);
			if (err)
				printk("block: no /dev node for %s (error %d)\n", d->name, -err);
			return 0;
		}
	}
	printk("block: no room for %s\n", d->name);
	return -ENOSPC;
}

int blkdev_register(struct blkdev *d)
{
	if (!d->ops || !d->ops->read || d->parent)
		return -EINVAL;
	d->first_sector = 0;
	d->rdev = disk_rdev(d->name);
	int err = add(d);
	if (err)
		return err;
	printk("block: %s: %lu sectors (%lu MiB)%s, device %u:%u\n", d->name,
	       (unsigned long)d->nsectors, (unsigned long)(d->nsectors / 2048),
	       d->readonly ? ", read-only" : "", RDEV_MAJOR(d->rdev), RDEV_MINOR(d->rdev));
	partition_scan(d);
	return 0;
}

int blkdev_add_partition(struct blkdev *disk, unsigned index, uint64_t first, uint64_t nsectors)
{
	struct blkdev *p = kzalloc(sizeof *p);
	if (!p)
		return -ENOMEM;
	/* vda -> vda1; a name ending in a digit takes a 'p': mmcblk0 -> mmcblk0p1 */
	size_t len = strlen(disk->name);
	bool digit = len && disk->name[len - 1] >= '0' && disk->name[len - 1] <= '9';
	snprintf(p->name, sizeof p->name, "%s%s%u", disk->name, digit ? "p" : "", index);
	p->parent = disk;
	p->first_sector = first;
	p->nsectors = nsectors;
	p->readonly = disk->readonly;
	p->rdev = part_rdev(disk, index);
	int err = add(p);
	if (err)
		kfree(p);
	return err;
}

struct blkdev *blkdev_by_rdev(uint32_t rdev)
{
	for (int i = 0; i < MAX_BLKDEVS; i++)
		if (devs[i] && devs[i]->rdev == rdev)
			return devs[i];
	return NULL;
}

struct blkdev *blkdev_by_name(const char *name)
{
	for (int i = 0; i < MAX_BLKDEVS; i++)
		if (devs[i] && strcmp(devs[i]->name, name) == 0)
			return devs[i];
	return NULL;
}

struct blkdev *blkdev_next(struct blkdev *prev)
{
	int i = 0;
	if (prev) {
		while (i < MAX_BLKDEVS && devs[i] != prev)
			i++;
		i++;
	}
	for (; i < MAX_BLKDEVS; i++)
		if (devs[i])
			return devs[i];
	return NULL;
}

/* ---------------------------------------------------------------- partitions */
static int scan_read(void *ctx, uint64_t first, void *buf, size_t count)
{
	return blkdev_read(ctx, first, buf, count);
}

/* Register what the disk's partition table lists; a garbled table is
 * refused whole with the parser's reason, the disk itself stays usable. */
void partition_scan(struct blkdev *disk)
{
	struct part_table *t = kmalloc(sizeof *t);
	char why[PART_WHY_MAX];
	if (!t)
		return;
	if (partition_parse(scan_read, disk, disk->nsectors, t, why, sizeof why)) {
		printk("block: %s: partition table refused: %s\n", disk->name, why);
	} else {
		if (t->note[0])
			printk("block: %s: %s\n", disk->name, t->note);
		if (t->n)
			printk("block: %s: %s partition table, %u partitions\n", disk->name, t->kind, t->n);
		for (unsigned i = 0; i < t->n; i++)
			blkdev_add_partition(disk, t->e[i].number, t->e[i].first, t->e[i].nsectors);
	}
	kfree(t);
}

/* ---------------------------------------------------------------- I/O */
static int check(struct blkdev *d, uint64_t sector, size_t count)
{
	if (sector > d->nsectors || count > d->nsectors - sector)
		return -EINVAL;
	return 0;
}

static struct blkdev *disk_of(struct blkdev *d)
{
	return d->parent ? d->parent : d;
}

int blkdev_read(struct blkdev *d, uint64_t sector, void *buf, size_t count)
{
	int err = check(d, sector, count);
	if (err || count == 0)
		return err;
	struct blkdev *disk = disk_of(d);
	return disk->ops->read(disk, d->first_sector + sector, buf, count);
}

int blkdev_write(struct blkdev *d, uint64_t sector, const void *buf, size_t count)
{
	int err = check(d, sector, count);
	if (err)
		return err;
	struct blkdev *disk = disk_of(d);
	if (d->readonly || disk->readonly || !disk->ops->write)
		return -EROFS;
	if (count == 0)
		return 0;
	return disk->ops->write(disk, d->first_sector + sector, buf, count);
}

int blkdev_flush(struct blkdev *d)
{
	struct blkdev *disk = disk_of(d);
	return disk->ops->flush ? disk->ops->flush(disk) : 0;
}

/* ---------------------------------------------------------------- /proc/partitions */
/* Linux's layout: a header, an empty line, then "major minor #blocks name"
 * per device, #blocks in KiB. */
size_t blkdev_partitions_text(char *buf, size_t cap)
{
	size_t len = 0;
	len += (size_t)snprintf(buf, cap, "major minor  #blocks  name\n\n");
	for (struct blkdev *d = blkdev_next(NULL); d; d = blkdev_next(d)) {
		char *at = len < cap ? buf + len : NULL;
		size_t room = len < cap ? cap - len : 0;
		len += (size_t)snprintf(at, room, "%4u  %7u %10lu %s\n", RDEV_MAJOR(d->rdev),
					RDEV_MINOR(d->rdev), (unsigned long)(d->nsectors / 2), d->name);
	}
	return len;
}

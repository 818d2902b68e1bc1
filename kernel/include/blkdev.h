/* Block devices: the contract between the drivers that move sectors
 * (the disk drivers: virtio-blk, the SD host controllers) and the code that uses them (the
 * partition scan, /dev's block nodes, the block cache, file systems).
 *
 * A disk driver fills a struct blkdev and registers it; the registry scans
 * it for an MBR or GPT partition table and registers one struct blkdev per
 * partition (parent set, first_sector its offset on the parent).  Users
 * address sectors relative to the device they hold: blkdev_read/write
 * check the range and add the partition offset before calling the disk's
 * ops.
 *
 * Sectors are 512 bytes everywhere in this interface (BLK_SECTOR), whatever
 * the medium's own size; a driver whose medium has larger sectors splits or
 * merges.  Calls may sleep (the caller is a process, interrupts may be
 * taken while it waits); they are never made from interrupt context. */
#ifndef RINGEL_BLKDEV_H
#define RINGEL_BLKDEV_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define BLK_SECTOR 512u
#define BLKDEV_NAME_MAX 16

struct blkdev;

struct blkdev_ops {
	/* Move count sectors from the disk's sector first on.  0 or -errno
	 * (-EIO for a device error).  buf is kernel memory that is physically
	 * contiguous: the direct map (kmalloc, pages) or the kernel image, never
	 * a kernel stack (vmalloc): drivers hand its physical address to the
	 * device. */
	int (*read)(struct blkdev *d, uint64_t first, void *buf, size_t count);
	int (*write)(struct blkdev *d, uint64_t first, const void *buf, size_t count);
	/* Make everything written so far durable (a cache flush command);
	 * optional. */
	int (*flush)(struct blkdev *d);
};

struct blkdev {
	char name[BLKDEV_NAME_MAX];   /* "vda", "vda1", "mmcblk0", "mmcblk0p1" */
	uint64_t nsectors;            /* size in BLK_SECTOR units */
	bool readonly;
	uint32_t rdev;                /* the device number its /dev node carries */
	struct blkdev *parent;        /* a partition: the disk it is on; else NULL */
	uint64_t first_sector;        /* a partition: where it starts on parent */
	const struct blkdev_ops *ops; /* a disk's; NULL for partitions */
	void *priv;                   /* the driver's */
};

/* Register a disk (name, nsectors, ops, priv set by the driver): gives it a
 * device number and a /dev node, lists it in /proc/partitions, scans its
 * partition table.  0 or -errno. */
int blkdev_register(struct blkdev *d);
/* The registered device with this number / name, or NULL. */
struct blkdev *blkdev_by_rdev(uint32_t rdev);
struct blkdev *blkdev_by_name(const char *name);
/* The registered devices in registration order (a disk before its
 * partitions): the first with prev NULL, then the one after prev; NULL at
 * the end. */
struct blkdev *blkdev_next(struct blkdev *prev);
/* The text of /proc/partitions into buf (snprintf's contract: the length
 * it needs is returned, at most cap - 1 bytes and a NUL are written). */
size_t blkdev_partitions_text(char *buf, size_t cap);
/* Range-checked sector I/O relative to d (a disk or a partition).
 * -EINVAL outside the device, -EROFS writing a read-only one. */
int blkdev_read(struct blkdev *d, uint64_t sector, void *buf, size_t count);
int blkdev_write(struct blkdev *d, uint64_t sector, const void *buf, size_t count);
int blkdev_flush(struct blkdev *d);

/* The RAM disk /dev/ram0 if the command line asks for one (ramdisk=MiB). */
void ramdisk_init(void);
#endif

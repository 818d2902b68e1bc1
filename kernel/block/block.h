/* Inside kernel/block: what the registry, the partition scan and the /dev
 * nodes share. */
#ifndef RINGEL_BLOCK_H
#define RINGEL_BLOCK_H
#include <blkdev.h>

#define RDEV_MAJOR(r) ((unsigned)(((r) >> 8) & 0xfff))
#define RDEV_MINOR(r) ((unsigned)(((r) & 0xff) | (((r) >> 12) & 0xfff00)))

/* Register partition index (1-based) of disk: sectors [first, first +
 * nsectors) of it.  0 or -errno. */
int blkdev_add_partition(struct blkdev *disk, unsigned index, uint64_t first, uint64_t nsectors);
/* Read disk's partition table (partition.c parses it) and register what
 * it lists (blkdev.c). */
void partition_scan(struct blkdev *disk);
/* Make /dev/NAME for d (blkdev_dev.c). */
int blkdev_node_create(struct blkdev *d);
#endif

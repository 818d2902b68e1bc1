/* A host file (or memory) as a struct blkdev, for FAT's host tests
 * (kernel/fs/fat/fat_hostdev_test.c). */
#ifndef FAT_HOSTDEV_TEST_H
#define FAT_HOSTDEV_TEST_H
#include <blkdev.h>
#include <stdint.h>
#include <stdbool.h>

struct hostdev {
	struct blkdev d;
	int fd;
	uint8_t *mem;
};
extern long hostdev_reads, hostdev_writes, hostdev_flushes;
extern uint64_t hostdev_realtime;
/* The one device blkdev_by_rdev finds (by its d.rdev), for mount(2). */
extern struct hostdev *hostdev_registered;
int hostdev_open(struct hostdev *h, const char *path, bool readonly);
void hostdev_mem(struct hostdev *h, uint8_t *mem, size_t size);
void hostdev_close(struct hostdev *h);
#endif

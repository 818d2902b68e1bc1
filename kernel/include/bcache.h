/* The block cache (kernel/fs/bcache.c): the bytes of block devices held in
 * memory, shared by every file system that sits on a disk.
 *
 * A cache block is one page (BCACHE_BLOCK bytes, eight 512-byte sectors)
 * keyed by (device, block number); the last block of a device whose size is
 * not a multiple of it holds only the sectors that exist.  Users either
 * take a block (bcache_get, then bcache_dirty if they changed it, then
 * bcache_put) or move bytes at a device offset (bcache_read/bcache_write),
 * which work block by block underneath.
 *
 * Write-back: a changed block stays in memory, dirty, until
 *  - bcache_sync(dev) or bcache_sync(NULL) (sync, syncfs, fsync, umount,
 *    power-off) writes it and asks the disk to flush its own cache;
 *  - the flusher thread finds a block older than BCACHE_MAX_AGE_NS (then
 *    everything dirty goes, as by sync);
 *  - the cache is full and it is the least recently used block.
 * Reads are served from memory when the block is there.  Writes go out in
 * two orders (bcache_dirty_order): a file system marks the blocks that
 * point at others (directory entries) 1, and sync writes every order-0
 * block, flushes the disk, then writes the order-1 ones.
 *
 * Memory: at most a quarter of RAM (bcache_set_limit to change it);
 * clean blocks nobody holds are evicted, least recently used first, when
 * the cap is reached or the page allocator runs dry (bcache_reclaim).
 * The page count is /proc/meminfo's Buffers line.
 *
 * One CPU, interrupts off in kernel code: no locks.  Calls that read or
 * write the disk may sleep; a block a caller holds is never evicted. */
#ifndef RINGEL_BCACHE_H
#define RINGEL_BCACHE_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

struct blkdev;

#define BCACHE_BLOCK 4096u
#define BCACHE_MAX_AGE_NS (5ull * 1000000000ull)   /* dirty data older than this goes out */

struct bbuf {
	struct blkdev *dev;
	uint64_t blockno;
	uint8_t *data;          /* BCACHE_BLOCK bytes (one page) */
	uint32_t valid;         /* bytes of data that exist on the device */
	bool dirty;
	bool loading;           /* being read from the disk: others wait */
	bool failed;            /* that read failed: freed when the last holder goes */
	bool skip;              /* its write failed in this pass */
	uint8_t order;          /* write order: 0 first (data, tables), then 1 (entries) */
	uint64_t dirtied_ns;    /* when it became dirty */
	uint32_t gen;           /* counts changes: a write-back that overlapped one leaves it dirty */
	int refs;
	struct bbuf *hnext;     /* hash chain */
	struct bbuf *lprev, *lnext;   /* LRU list, most recent first */
};

/* Block blockno of d, referenced.  read: fill it from the disk if it is not
 * cached (else its contents are undefined and the caller overwrites all of
 * it).  NULL with *err set (-EIO, -ENOMEM, -EINVAL past the end). */
struct bbuf *bcache_get(struct blkdev *d, uint64_t blockno, bool read, int *err);
void bcache_put(struct bbuf *b);
void bcache_dirty(struct bbuf *b);
/* Dirty, and written no earlier than the blocks of lower orders when it
 * goes out (sync writes order 0, flushes, then order 1). */
void bcache_dirty_order(struct bbuf *b, unsigned order);
/* b's contents are garbage (a fill that failed half way): forget it when
 * the last holder puts it. */
void bcache_invalidate(struct bbuf *b);

/* n bytes at byte offset off of d.  0 or -errno. */
int bcache_read(struct blkdev *d, uint64_t off, void *buf, size_t n);
int bcache_write(struct blkdev *d, uint64_t off, const void *buf, size_t n);
int bcache_write_order(struct blkdev *d, uint64_t off, const void *buf, size_t n, unsigned order);
int bcache_zero(struct blkdev *d, uint64_t off, size_t n);

/* Write every dirty block of d (all devices: NULL) and flush the disks.
 * 0, or the first error (the blocks that failed stay dirty). */
int bcache_sync(struct blkdev *d);
/* Write dirty blocks dirtied before now - age_ns (the flusher's work). */
int bcache_writeback_old(uint64_t age_ns);
/* Forget every block of d (after a sync: dirty ones are written first).
 * Held blocks are a caller's bug and are left. */
void bcache_drop(struct blkdev *d);
/* Free up to want clean, unheld blocks; the pages freed. */
size_t bcache_reclaim(size_t want);
/* Pages in use / the cap. */
size_t bcache_pages(void);
size_t bcache_dirty_pages(void);
void bcache_set_limit(size_t pages);
/* Start the flusher thread (once; later calls do nothing). */
void bcache_start_flusher(void);
#endif

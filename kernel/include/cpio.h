/* A reader for cpio archives in the "newc" format (magic 070701, or 070702
 * with checksums), the format of Linux initramfs images (kernel/fs/cpio.c).
 *
 * Pure: it reads only inside [data, data + size), allocates nothing and
 * keeps no state beyond the iterator, so it runs the same in the kernel
 * and in host tests. */
#ifndef RINGEL_CPIO_H
#define RINGEL_CPIO_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

struct cpio_entry {
	const char *name;       /* inside the archive; NUL-terminated */
	size_t namelen;         /* without the NUL */
	uint32_t ino, mode, uid, gid, nlink, mtime;
	uint32_t devmajor, devminor, rdevmajor, rdevminor;
	const void *data;       /* file data (or symlink target, not NUL-terminated) */
	size_t size;
	size_t offset;          /* where the header starts in the archive */
};

struct cpio_iter {
	const uint8_t *base;
	size_t size;
	size_t off;
	char err[96];           /* why the last cpio_next failed */
};

enum {
	CPIO_ENTRY = 1,         /* *e filled */
	CPIO_END = 0,           /* the TRAILER!!! entry */
	CPIO_ERROR = -1,        /* malformed: it->err says why, at which offset */
};

void cpio_init(struct cpio_iter *it, const void *data, size_t size);
int cpio_next(struct cpio_iter *it, struct cpio_entry *e);
/* After CPIO_END: skip zero padding; true if another archive follows
 * (initramfs images may be several archives end to end). */
bool cpio_next_archive(struct cpio_iter *it);

#define CPIO_HEADER_SIZE 110
#endif

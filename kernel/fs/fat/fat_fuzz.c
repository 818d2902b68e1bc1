/* libFuzzer target for the FAT code (kernel/fs/fat/): any bytes as a disk
 * image, mounted (read-write, on a copy in memory) and walked through the
 * vnode operations: every directory listed and looked up, every file read
 * whole, a few changes made (a file written, one removed, a directory
 * made) and the walk done again.  The code must refuse or give EIO, never
 * crash, read out of bounds, loop or leak.  Seeds: small images mkfs.vfat
 * makes (FAT12, FAT16, FAT32) with files mcopy puts in.  Run by
 * host.fuzz.fat_fuzz; long runs: scripts/fuzz-parsers. */
#include "fat_hostdev_test.h"
#include <fat.h>
#include <bcache.h>
#include <vfs.h>
#include <uapi.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t sink;
static int budget;

struct walk_ctx {
	char names[32][64];
	size_t lens[32];
	int n;
};

static int collect(void *c, const char *name, size_t len, uint64_t ino, unsigned dtype, uint64_t next)
{
	struct walk_ctx *w = c;
	(void)ino, (void)dtype, (void)next;
	sink += len;
	if (w->n == 32 || len >= 64 || --budget <= 0)
		return 1;
	memcpy(w->names[w->n], name, len);
	w->lens[w->n++] = len;
	return 0;
}

static void read_file(struct vnode *v)
{
	static char buf[8192];
	for (uint64_t off = 0; off < v->size && off < (1u << 20) && --budget > 0; off += sizeof buf) {
		struct kiov one;
		struct uio u;
		uio_kernel(&u, &one, buf, sizeof buf);
		long r = v->ops->read(v, &u, off);
		if (r <= 0)
			break;
		sink += (uint8_t)buf[0];
	}
}

static void walk(struct vnode *dir, int depth)
{
	struct walk_ctx *w = calloc(1, sizeof *w);
	uint64_t pos = 0;
	dir->ops->readdir(dir, &pos, collect, w);
	for (int i = 0; i < w->n; i++) {
		if ((w->lens[i] == 1 && w->names[i][0] == '.') || (w->lens[i] == 2 && !memcmp(w->names[i], "..", 2)))
			continue;
		struct vnode *v;
		if (dir->ops->lookup(dir, w->names[i], w->lens[i], &v))
			continue;
		struct linux_stat st;
		vnode_stat(v, &st);
		if (V_ISDIR(v) && depth < 6)
			walk(v, depth + 1);
		else if (V_ISREG(v))
			read_file(v);
		vnode_put(v);
	}
	free(w);
}

static void change(struct vnode *root)
{
	struct vnode *v;
	if (!root->ops->create(root, "fuzz file.txt", 13, S_IFREG | 0644, 0, NULL, &v)) {
		static char buf[5000];
		memset(buf, 'z', sizeof buf);
		struct kiov one;
		struct uio u;
		uio_kernel(&u, &one, buf, sizeof buf);
		v->ops->write(v, &u, 3000);
		v->ops->truncate(v, 100);
		vnode_put(v);
	}
	if (!root->ops->create(root, "D", 1, S_IFDIR | 0755, 0, NULL, &v))
		vnode_put(v);
	struct walk_ctx *w = calloc(1, sizeof *w);
	uint64_t pos = 0;
	root->ops->readdir(root, &pos, collect, w);
	if (w->n > 2)
		root->ops->unlink(root, w->names[2], w->lens[2]);
	if (w->n > 3)
		root->ops->rename(root, w->names[3], w->lens[3], root, "renamed", 7);
	free(w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len = size & ~(size_t)(BLK_SECTOR - 1);
	if (len == 0)
		return 0;
	uint8_t *img = malloc(len);
	memcpy(img, data, len);
	struct hostdev h;
	hostdev_mem(&h, img, len);
	struct vnode *root;
	bool ro;
	budget = 20000;
	if (fat_mount(&h.d, false, &root, &ro) == 0) {
		walk(root, 0);
		if (!ro)
			change(root);
		walk(root, 0);
		struct linux_statfs sf;
		root->ops->statfs(root, &sf);
		if (fat_unmount(root) != 0)
			abort();        /* nothing is held: busy would be a leak */
	}
	bcache_drop(&h.d);
	free(img);
	return 0;
}

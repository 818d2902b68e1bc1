/* The boot sector's BIOS parameter block (BPB), FSInfo, and the life of a
 * mounted FAT: every number the BPB gives is checked against the others
 * and against the device before it is used, and the FAT type follows from
 * the cluster count alone, as the specification says (not from the type
 * string, which is only a label).
 *
 * A boot sector that does not add up refuses the mount with a message
 * naming the field.  An image shorter than its BPB says (a truncated copy)
 * is mounted read-only when the tables and root directory are all there,
 * so what can be read still can; files past the end give EIO. */
#include "fat.h"
#include <bcache.h>
#include <mm.h>
#include <kernel.h>
#include <uapi.h>
#include <string.h>
#include <stdarg.h>

static uint32_t next_devno = 0x0800;   /* st_dev numbers of FAT mounts */

void fat_complain(struct fatfs *fs, const char *fmt, ...)
{
	if (fs->complained)
		return;
	fs->complained = true;
	char buf[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	printk("fat: %s: damaged file system: %s (further problems not reported; run fsck.fat)\n",
	       fs->dev->name, buf);
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static bool pow2(uint32_t x)
{
	return x && !(x & (x - 1));
}

#define REFUSE(...) do { printk("fat: %s: not mounted: ", d->name); printk(__VA_ARGS__); \
			 printk("\n"); return -EINVAL; } while (0)

/* Fill fs from boot sector bs.  0, or -EINVAL with the reason printed. */
static int parse_bpb(struct fatfs *fs, struct blkdev *d, const uint8_t *bs, bool *truncated)
{
	if (bs[510] != 0x55 || bs[511] != 0xaa)
		REFUSE("no boot-sector signature (0x55 0xaa at byte 510): not a FAT file system");
	uint32_t bps = le16(bs + 11), spc = bs[13], rsvd = le16(bs + 14), nfats = bs[16];
	uint32_t root_ent = le16(bs + 17), tot = le16(bs + 19), fatsz = le16(bs + 22);
	if (!tot)
		tot = le32(bs + 32);
	if (!fatsz)
		fatsz = le32(bs + 36);
	if (bps < 512 || bps > 4096 || !pow2(bps))
		REFUSE("bytes per sector %u (must be 512, 1024, 2048 or 4096)", bps);
	if (!pow2(spc) || spc * bps > 65536)
		REFUSE("sectors per cluster %u (must be a power of two, clusters at most 64 KiB)", spc);
	if (rsvd == 0)
		REFUSE("no reserved sectors (the boot sector itself is one)");
	if (nfats == 0 || nfats > 4)
		REFUSE("%u FATs", nfats);
	if (fatsz == 0)
		REFUSE("FAT size 0");
	uint64_t root_secs = ((uint64_t)root_ent * FAT_DIRENT + bps - 1) / bps;
	uint64_t meta = rsvd + (uint64_t)nfats * fatsz + root_secs;
	if (tot <= meta)
		REFUSE("%u sectors in all, but %lu before the data area", tot, (unsigned long)meta);
	uint64_t clusters = (tot - meta) / spc;
	if (clusters == 0)
		REFUSE("no data clusters");
	/* FAT32 by its layout (no 16-bit FAT size, no fixed root), as Linux and
	 * fsck.fat decide, so small FAT32 volumes mkfs.vfat makes on request
	 * mount too; FAT12 or 16 by the cluster count, as the spec says. */
	bool layout32 = le16(bs + 22) == 0 && root_ent == 0;
	fs->bits = layout32 ? 32 : clusters < 4085 ? 12 : 16;
	if (!layout32 && clusters >= 65525)
		REFUSE("%lu clusters in a FAT12/16 layout", (unsigned long)clusters);
	if (clusters > 0x0ffffff5)
		REFUSE("%lu clusters: more than FAT32 can number", (unsigned long)clusters);
	uint64_t entries = fs->bits == 12 ? (uint64_t)fatsz * bps * 2 / 3 : (uint64_t)fatsz * bps * 8 / fs->bits;
	if (entries < clusters + 2)
		REFUSE("the FAT (%u sectors) is too small for %lu clusters", fatsz, (unsigned long)clusters);
	if (fs->bits == 32) {
		if (root_ent != 0)
			REFUSE("FAT32 with %u fixed root entries", root_ent);
		fs->root_cluster = le32(bs + 44);
		if (fs->root_cluster < 2 || fs->root_cluster > clusters + 1)
			REFUSE("root directory cluster %u outside the disk", fs->root_cluster);
		uint32_t fsi = le16(bs + 48);
		if (fsi && fsi != 0xffff && fsi < rsvd)
			fs->fsinfo_off = (uint64_t)fsi * bps;
	} else if (root_ent == 0) {
		REFUSE("FAT%u with no root directory entries", fs->bits);
	}
	fs->bps = bps;
	fs->spc = spc;
	fs->csize = bps * spc;
	fs->nfats = nfats;
	fs->fat_off = (uint64_t)rsvd * bps;
	fs->fat_bytes = (uint64_t)fatsz * bps;
	fs->root_off = fs->fat_off + nfats * fs->fat_bytes;
	fs->root_slots = root_ent;
	fs->data_off = meta * bps;
	fs->nclusters = (uint32_t)clusters;
	uint64_t have = d->nsectors * BLK_SECTOR;
	if (fs->data_off > have)
		REFUSE("the device (%lu bytes) ends before the data area (at %lu): truncated image",
		       (unsigned long)have, (unsigned long)fs->data_off);
	*truncated = (uint64_t)tot * bps > have;
	if (*truncated) {
		/* Count only the clusters that exist, so allocation stays on the disk. */
		printk("fat: %s: the file system is %lu bytes but the device only %lu: truncated image, "
		       "mounted read-only\n", d->name, (unsigned long)((uint64_t)tot * bps), (unsigned long)have);
	}
	return 0;
}

static int read_fsinfo(struct fatfs *fs)
{
	uint8_t b[512];
	int err = bcache_read(fs->dev, fs->fsinfo_off, b, sizeof b);
	if (err)
		return err;
	if (le32(b) != 0x41615252 || le32(b + 484) != 0x61417272) {
		printk("fat: %s: FSInfo sector has no signature: ignored\n", fs->dev->name);
		fs->fsinfo_off = 0;
		return 0;
	}
	uint32_t nf = le32(b + 492);
	if (nf >= 2 && nf <= fat_max_cluster(fs))
		fs->next_free = nf;
	return 0;
}

int fat_write_fsinfo(struct fatfs *fs)
{
	if (!fs->fsinfo_off || fs->ro)
		return 0;
	uint8_t v[8];
	for (int i = 0; i < 4; i++) {
		v[i] = (uint8_t)(fs->free_count >> (8 * i));
		v[4 + i] = (uint8_t)(fs->next_free >> (8 * i));
	}
	return bcache_write_order(fs->dev, fs->fsinfo_off + 488, v, sizeof v, 1);
}

int fat_mount(struct blkdev *d, bool readonly, struct vnode **root, bool *readonly_out)
{
	struct fatfs *fs = kzalloc(sizeof *fs);
	uint8_t *bs = kmalloc(512);
	int err = fs && bs ? 0 : -ENOMEM;
	if (!err && d->nsectors == 0) {
		printk("fat: %s: not mounted: the device is empty\n", d->name);
		err = -EINVAL;
	}
	if (!err)
		err = bcache_read(d, 0, bs, 512);
	bool truncated = false;
	if (!err) {
		fs->dev = d;
		err = parse_bpb(fs, d, bs, &truncated);
	}
	kfree(bs);
	if (err) {
		/* Nothing of a refused disk stays cached: a later mount (after
		 * the disk is rewritten through its device node) reads anew. */
		bcache_drop(d);
		kfree(fs);
		return err;
	}
	fs->ro = readonly || truncated || d->readonly;
	fs->devno = next_devno++;
	fs->next_ino = 1;
	fs->next_free = 2;
	err = fat_count_free(fs);
	if (!err && fs->fsinfo_off)
		err = read_fsinfo(fs);
	struct fnode *r = err ? NULL : kzalloc(sizeof *r);
	if (!err && !r)
		err = -ENOMEM;
	if (err) {
		bcache_drop(d);
		kfree(fs);
		return err;
	}
	/* FSInfo may disagree with the table (an unclean shutdown): the scan
	 * wins, and FSInfo is corrected on the first write. */
	r->fs = fs;
	r->is_root = true;
	r->parent = r;
	r->first = fs->bits == 32 ? fs->root_cluster : 0;
	r->attr = FAT_ATTR_DIR;
	r->v.ops = &fat_vnode_ops;
	r->v.mode = S_IFDIR | 0755;
	r->v.nlink = 2;
	r->v.ino = fs->next_ino++;
	r->v.dev = fs->devno;
	r->v.fsdata = fs;
	r->v.refs = 1;
	if (fs->bits == 32) {
		long len = fat_chain_len(r);
		if (len < 0) {
			printk("fat: %s: the root directory's chain is broken: mounted read-only\n", d->name);
			fs->ro = true;
			r->bad = false;
			r->cur_clu = 0;
			len = 1;
		}
		r->v.size = (uint64_t)len * fs->csize;
	} else {
		r->v.size = (uint64_t)fs->root_slots * FAT_DIRENT;
	}
	r->next = fs->nodes;
	fs->nodes = r;
	fs->root = r;
	if (!fs->ro)
		fat_write_fsinfo(fs);
	*root = &r->v;
	if (readonly_out)
		*readonly_out = fs->ro;
	printk("fat: %s: FAT%u, %u clusters of %u bytes, %u free%s\n", d->name, fs->bits, fs->nclusters,
	       fs->csize, fs->free_count, fs->ro ? ", read-only" : "");
	return 0;
}

int fat_sync(struct vnode *root)
{
	struct fatfs *fs = FN(root)->fs;
	if (!fs->ro)
		fat_write_fsinfo(fs);
	return bcache_sync(fs->dev);
}

struct blkdev *fat_device(struct vnode *v)
{
	return FN(v)->fs->dev;
}

int fat_unmount(struct vnode *root)
{
	struct fatfs *fs = FN(root)->fs;
	/* Busy: a node referenced by more than its in-memory children (and,
	 * for the root, the caller's reference). */
	for (struct fnode *n = fs->nodes; n; n = n->next) {
		int children = 0;
		for (struct fnode *c = fs->nodes; c; c = c->next)
			if (c->parent == n && c != n)
				children++;
		if (n->v.refs > children + (n == fs->root ? 1 : 0))
			return -EBUSY;
	}
	int err = fat_sync(root);
	bcache_drop(fs->dev);
	fat_node_free_all(fs);
	kfree(fs);
	return err;
}

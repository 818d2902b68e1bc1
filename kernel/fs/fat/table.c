/* The file allocation table: one entry per cluster saying which cluster
 * comes next in its file, 0 for free, a top value for the end of a chain.
 * FAT12 packs two entries into three bytes, FAT16 uses two bytes, FAT32
 * four of which the top four bits are reserved (kept as found).
 *
 * Every change is written to each copy of the table (nfats) so tools that
 * compare them (fsck.fat) find them equal.  The free count is kept in
 * memory from a scan at mount and written into FSInfo as it changes. */
#include "fat.h"
#include <bcache.h>
#include <kernel.h>
#include <mm.h>
#include <uapi.h>
#include <string.h>

uint32_t fat_max_cluster(const struct fatfs *fs)
{
	return fs->nclusters + 1;
}

uint64_t fat_cluster_off(const struct fatfs *fs, uint32_t clu)
{
	return fs->data_off + (uint64_t)(clu - 2) * fs->csize;
}

static uint64_t entry_off(const struct fatfs *fs, uint32_t clu)
{
	switch (fs->bits) {
	case 12: return clu + clu / 2;
	case 16: return (uint64_t)clu * 2;
	default: return (uint64_t)clu * 4;
	}
}

/* The end-of-chain threshold and the bad-cluster mark, in this FAT's width. */
static uint32_t eoc_min(const struct fatfs *fs)
{
	return fs->bits == 12 ? 0xff8 : fs->bits == 16 ? 0xfff8 : 0x0ffffff8;
}

static uint32_t bad_mark(const struct fatfs *fs)
{
	return fs->bits == 12 ? 0xff7 : fs->bits == 16 ? 0xfff7 : 0x0ffffff7;
}

int fat_get(struct fatfs *fs, uint32_t clu, uint32_t *next)
{
	uint64_t off = fs->fat_off + entry_off(fs, clu);
	uint8_t b[4] = { 0 };
	int err = bcache_read(fs->dev, off, b, fs->bits == 12 ? 2 : fs->bits / 8);
	if (err)
		return err;
	uint32_t v = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	if (fs->bits == 12)
		v = (clu & 1) ? (v >> 4) & 0xfff : v & 0xfff;
	else if (fs->bits == 32)
		v &= 0x0fffffff;
	*next = v;
	return 0;
}

int fat_set(struct fatfs *fs, uint32_t clu, uint32_t val)
{
	if (fs->ro)
		return -EROFS;
	uint64_t rel = entry_off(fs, clu);
	size_t n = fs->bits == 12 ? 2 : fs->bits / 8;
	uint8_t b[4] = { 0 };
	int err = bcache_read(fs->dev, fs->fat_off + rel, b, n);
	if (err)
		return err;
	uint32_t old = (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
	uint32_t v;
	if (fs->bits == 12)
		v = (clu & 1) ? (old & 0x000f) | (val & 0xfff) << 4 : (old & 0xf000) | (val & 0xfff);
	else if (fs->bits == 16)
		v = val & 0xffff;
	else
		v = (old & 0xf0000000) | (val & 0x0fffffff);
	for (unsigned i = 0; i < n; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	for (uint32_t f = 0; f < fs->nfats; f++) {
		err = bcache_write(fs->dev, fs->fat_off + f * fs->fat_bytes + rel, b, n);
		if (err)
			return err;
	}
	return 0;
}

int fat_next(struct fatfs *fs, uint32_t clu, uint32_t *next)
{
	uint32_t v;
	int err = fat_get(fs, clu, &v);
	if (err)
		return err;
	if (v >= eoc_min(fs)) {
		*next = 0;
		return 0;
	}
	if (v < 2 || v > fat_max_cluster(fs) || v == bad_mark(fs)) {
		fat_complain(fs, "cluster %u links to %s cluster %u", clu,
			     v == 0 ? "a free" : v == bad_mark(fs) ? "a bad" : "an out-of-range", v);
		return -EIO;
	}
	*next = v;
	return 0;
}

static void set_free_count(struct fatfs *fs, uint32_t n)
{
	fs->free_count = n;
	fat_write_fsinfo(fs);
}

int fat_alloc(struct fatfs *fs, uint32_t prev, bool zero, uint32_t *out)
{
	if (fs->ro)
		return -EROFS;
	if (fs->free_count == 0)
		return -ENOSPC;
	uint32_t max = fat_max_cluster(fs);
	uint32_t start = fs->next_free >= 2 && fs->next_free <= max ? fs->next_free : 2;
	uint32_t c = start;
	for (uint32_t tries = 0; tries < fs->nclusters; tries++) {
		uint32_t v;
		int err = fat_get(fs, c, &v);
		if (err)
			return err;
		if (v == 0) {
			err = fat_set(fs, c, FAT_EOC);
			if (!err && zero)
				err = bcache_zero(fs->dev, fat_cluster_off(fs, c), fs->csize);
			if (!err && prev)
				err = fat_set(fs, prev, c);
			if (err)
				return err;
			fs->next_free = c + 1 > max ? 2 : c + 1;
			set_free_count(fs, fs->free_count - 1);
			*out = c;
			return 0;
		}
		c = c + 1 > max ? 2 : c + 1;
	}
	/* The count said there was room and the table says not: believe the table. */
	set_free_count(fs, 0);
	return -ENOSPC;
}

int fat_free_chain(struct fatfs *fs, uint32_t clu)
{
	uint32_t freed = 0;
	while (clu) {
		if (clu < 2 || clu > fat_max_cluster(fs) || freed > fs->nclusters) {
			fat_complain(fs, "freeing a chain that leaves the disk or loops (at cluster %u)", clu);
			set_free_count(fs, fs->free_count + freed);
			return -EIO;
		}
		uint32_t next;
		int err = fat_next(fs, clu, &next);
		if (!err)
			err = fat_set(fs, clu, 0);
		if (err) {
			set_free_count(fs, fs->free_count + freed);
			return err;
		}
		freed++;
		clu = next;
	}
	set_free_count(fs, fs->free_count + freed);
	return 0;
}

int fat_count_free(struct fatfs *fs)
{
	uint32_t n = 0, max = fat_max_cluster(fs);
	for (uint32_t c = 2; c <= max; c++) {
		uint32_t v;
		int err = fat_get(fs, c, &v);
		if (err)
			return err;
		if (v == 0)
			n++;
	}
	fs->free_count = n;
	return 0;
}

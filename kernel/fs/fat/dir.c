/* Directories: arrays of 32-byte slots, in the fixed root region on
 * FAT12/16 and in a cluster chain otherwise.  A slot whose first byte is 0
 * ends the directory, 0xe5 is free, attribute 0x0f makes it a piece of a
 * long name; the pieces come in descending order right before the short
 * entry they name.  A long name whose pieces are out of order, or whose
 * checksum does not match the short name after it, is ignored (the short
 * name is used), as the specification asks.
 *
 * Slots never move: a removed entry is marked free in place, so the slot
 * numbers held by in-memory nodes stay right. */
#include "fat.h"
#include <bcache.h>
#include <kernel.h>
#include <mm.h>
#include <uapi.h>
#include <string.h>

/* The device offset of slot in d; grow: extend the directory to reach it. */
static int slot_off(struct fnode *d, uint32_t slot, bool grow, uint64_t *off)
{
	struct fatfs *fs = d->fs;
	if (d->is_root && fs->bits != 32) {
		if (slot >= fs->root_slots)
			return grow ? -ENOSPC : -ENOENT;
		*off = fs->root_off + (uint64_t)slot * FAT_DIRENT;
		return 0;
	}
	if (slot >= FAT_DIR_MAX_SLOTS)
		return grow ? -ENOSPC : -ENOENT;
	uint32_t per = fs->csize / FAT_DIRENT, clu;
	int err = fat_bmap(d, slot / per, grow, true, &clu);
	if (err)
		return err;
	*off = fat_cluster_off(fs, clu) + (uint64_t)(slot % per) * FAT_DIRENT;
	return 0;
}

int fat_dir_read_slot(struct fnode *d, uint32_t slot, struct fat_dirent *e)
{
	uint64_t off;
	int err = slot_off(d, slot, false, &off);
	return err ? err : bcache_read(d->fs->dev, off, e, sizeof *e);
}

int fat_dir_write_slot(struct fnode *d, uint32_t slot, const struct fat_dirent *e)
{
	if (d->fs->ro)
		return -EROFS;
	uint64_t off;
	int err = slot_off(d, slot, true, &off);
	return err ? err : bcache_write_order(d->fs->dev, off, e, sizeof *e, 1);
}

/* Gathering a long name from its pieces. */
struct lfn_state {
	uint16_t ucs[20 * FAT_LFN_CHARS];
	unsigned expect;        /* the next ordinal wanted; 0: none in progress */
	unsigned total;         /* pieces */
	uint8_t csum;
	uint32_t start;         /* its first slot */
	bool ready;             /* piece 1 seen: complete */
};

static void lfn_piece(struct lfn_state *l, const struct fat_lfn *p, uint32_t slot)
{
	unsigned ord = p->ord & 0x1f;
	if (p->ord & FAT_LFN_LAST) {
		l->ready = false;
		if (ord == 0 || ord > 20) {
			l->expect = 0;
			return;
		}
		l->total = ord;
		l->expect = ord;
		l->csum = p->csum;
		l->start = slot;
	} else if (!l->expect || ord != l->expect || p->csum != l->csum) {
		l->expect = 0;
		l->ready = false;
		return;
	}
	uint16_t *u = l->ucs + (ord - 1) * FAT_LFN_CHARS;
	memcpy(u, p->n1, sizeof p->n1);
	memcpy(u + 5, p->n2, sizeof p->n2);
	memcpy(u + 11, p->n3, sizeof p->n3);
	l->expect--;
	l->ready = l->expect == 0;
}

/* The long name gathered, if it is whole, belongs to e and is a name
 * we can hold; its length in ucs, else 0. */
static size_t lfn_take(struct lfn_state *l, const struct fat_dirent *e)
{
	if (!l->ready || l->csum != fat_short_csum(e->name))
		return 0;
	size_t n = 0, max = l->total * FAT_LFN_CHARS;
	while (n < max && l->ucs[n] != 0)
		n++;
	if (n == 0 || n > FAT_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		uint16_t c = l->ucs[i];
		if (c < 0x20 || c == '/' || c == '\\' || (c >= 0xd800 && c < 0xe000))
			return 0;
	}
	if ((n == 1 && l->ucs[0] == '.') || (n == 2 && l->ucs[0] == '.' && l->ucs[1] == '.'))
		return 0;
	return n;
}

int fat_dir_scan(struct fnode *d, uint32_t *pos, int (*fn)(void *ctx, struct fat_found *f), void *ctx)
{
	struct lfn_state *l = kmalloc(sizeof *l);
	struct fat_found *f = kmalloc(sizeof *f);
	int err = 0;
	if (!l || !f) {
		err = -ENOMEM;
		goto out;
	}
	l->expect = 0;
	l->ready = false;
	uint32_t slot = *pos;
	for (;; slot++) {
		struct fat_dirent e;
		err = fat_dir_read_slot(d, slot, &e);
		if (err == -ENOENT) {
			err = 0;
			break;
		}
		if (err)
			break;
		if (e.name[0] == 0)
			break;
		if (e.name[0] == FAT_DELETED) {
			l->expect = 0;
			l->ready = false;
			continue;
		}
		if ((e.attr & 0x3f) == FAT_ATTR_LFN) {
			lfn_piece(l, (const struct fat_lfn *)&e, slot);
			continue;
		}
		bool had_lfn = l->ready;
		size_t n = lfn_take(l, &e);
		l->expect = 0;
		l->ready = false;
		if (e.attr & FAT_ATTR_VOLUME)
			continue;
		if (n) {
			f->len = fat_ucs_to_utf8(l->ucs, n, f->name);
			f->first_slot = l->start;
		} else {
			f->len = fat_short_display(&e, f->name);
			f->first_slot = had_lfn && l->csum == fat_short_csum(e.name) ? l->start : slot;
		}
		if (f->len == 0 || (f->len == 1 && f->name[0] == '.') ||
		    (f->len == 2 && f->name[0] == '.' && f->name[1] == '.'))
			continue;
		f->e = e;
		f->slot = slot;
		if (fn(ctx, f)) {
			slot = f->first_slot;
			break;
		}
	}
	*pos = slot;
out:
	kfree(l);
	kfree(f);
	return err;
}

/* ---------------------------------------------------------------- finding */
struct find_ctx {
	uint16_t ucs[FAT_NAME_MAX];
	int n;
	uint8_t shortname[11];
	bool by_short;
	struct fat_found *out;
	bool found;
};

static int find_fn(void *c, struct fat_found *f)
{
	struct find_ctx *fc = c;
	uint16_t u[FAT_NAME_MAX];
	int n = fat_name_to_ucs(f->name, f->len, u);
	bool hit = n > 0 && fat_ucs_eq_nocase(u, (size_t)n, fc->ucs, (size_t)fc->n);
	if (!hit && fc->by_short)
		hit = memcmp(f->e.name, fc->shortname, 11) == 0;
	if (hit) {
		*fc->out = *f;
		fc->found = true;
	}
	return hit;
}

int fat_dir_find(struct fnode *d, const char *name, size_t len, struct fat_found *out)
{
	struct find_ctx *fc = kmalloc(sizeof *fc);
	if (!fc)
		return -ENOMEM;
	fc->n = fat_name_to_ucs(name, len, fc->ucs);
	int err = -ENOENT;
	if (fc->n > 0) {
		/* "PROGRA~1" finds the file by its short name too. */
		fc->by_short = fat_exact_short(fc->ucs, (size_t)fc->n, fc->shortname);
		if (!fc->by_short) {
			uint16_t up[FAT_NAME_MAX];
			for (int i = 0; i < fc->n; i++)
				up[i] = fc->ucs[i] >= 'a' && fc->ucs[i] <= 'z' ? (uint16_t)(fc->ucs[i] - 32) : fc->ucs[i];
			fc->by_short = fat_exact_short(up, (size_t)fc->n, fc->shortname);
		}
		fc->out = out;
		fc->found = false;
		uint32_t pos = 0;
		err = fat_dir_scan(d, &pos, find_fn, fc);
		if (!err && !fc->found)
			err = -ENOENT;
	} else if (fc->n == -ENAMETOOLONG) {
		err = -ENAMETOOLONG;
	}
	kfree(fc);
	return err;
}

/* Is a short name taken in d? */
static int short_taken(struct fnode *d, const uint8_t name[11])
{
	for (uint32_t slot = 0;; slot++) {
		struct fat_dirent e;
		int err = fat_dir_read_slot(d, slot, &e);
		if (err == -ENOENT)
			return 0;
		if (err)
			return err;
		if (e.name[0] == 0)
			return 0;
		if (e.name[0] == FAT_DELETED || (e.attr & 0x3f) == FAT_ATTR_LFN)
			continue;
		if (memcmp(e.name, name, 11) == 0)
			return 1;
	}
}

/* ---------------------------------------------------------------- adding */
/* The first slot of a run of n free slots (possibly running past the
 * directory's end, which slot_off(grow) then extends). */
static int free_run(struct fnode *d, unsigned n, uint32_t *at)
{
	uint32_t run = 0, start = 0;
	for (uint32_t slot = 0;; slot++) {
		struct fat_dirent e;
		int err = fat_dir_read_slot(d, slot, &e);
		if (err == -ENOENT || (!err && e.name[0] == 0)) {
			/* Everything from here on is free. */
			*at = run ? start : slot;
			return 0;
		}
		if (err)
			return err;
		if (e.name[0] == FAT_DELETED) {
			if (run++ == 0)
				start = slot;
			if (run == n) {
				*at = start;
				return 0;
			}
		} else {
			run = 0;
		}
	}
}

int fat_dir_add(struct fnode *d, const char *name, size_t len, struct fat_dirent *e,
		uint32_t *slot, uint32_t *first_slot)
{
	uint16_t *ucs = kmalloc(FAT_NAME_MAX * sizeof *ucs);
	if (!ucs)
		return -ENOMEM;
	int err = 0;
	int n = fat_name_to_ucs(name, len, ucs);
	if (n < 0) {
		err = n;
		goto out;
	}
	/* An exact upper-case 8.3 name needs no long name, unless another
	 * file's generated short name already is that. */
	bool need_lfn = !fat_exact_short(ucs, (size_t)n, e->name);
	if (!need_lfn) {
		err = short_taken(d, e->name);
		if (err < 0)
			goto out;
		need_lfn = err == 1;
		err = 0;
	}
	if (need_lfn) {
		uint8_t basis[11];
		fat_short_basis(ucs, (size_t)n, basis);
		unsigned i;
		for (i = 1; i < 1000000; i++) {
			memcpy(e->name, basis, 11);
			fat_short_tail(e->name, i);
			err = short_taken(d, e->name);
			if (err <= 0)
				break;
		}
		if (err < 0)
			goto out;
		if (i == 1000000) {
			err = -ENOSPC;
			goto out;
		}
	}
	e->ntres = 0;
	unsigned pieces = need_lfn ? ((unsigned)n + FAT_LFN_CHARS - 1) / FAT_LFN_CHARS : 0;
	uint32_t at;
	err = free_run(d, pieces + 1, &at);
	if (err)
		goto out;
	/* Reach the last slot first, so a directory that cannot grow fails
	 * before anything is written. */
	uint64_t off;
	err = slot_off(d, at + pieces, true, &off);
	if (err)
		goto out;
	uint8_t csum = fat_short_csum(e->name);
	for (unsigned p = 0; p < pieces; p++) {
		unsigned ord = pieces - p;          /* slots run from the last piece down */
		struct fat_lfn l;
		memset(&l, 0, sizeof l);
		l.ord = (uint8_t)(ord | (p == 0 ? FAT_LFN_LAST : 0));
		l.attr = FAT_ATTR_LFN;
		l.csum = csum;
		uint16_t chars[FAT_LFN_CHARS];
		for (unsigned c = 0; c < FAT_LFN_CHARS; c++) {
			unsigned k = (ord - 1) * FAT_LFN_CHARS + c;
			chars[c] = k < (unsigned)n ? ucs[k] : k == (unsigned)n ? 0 : 0xffff;
		}
		memcpy(l.n1, chars, sizeof l.n1);
		memcpy(l.n2, chars + 5, sizeof l.n2);
		memcpy(l.n3, chars + 11, sizeof l.n3);
		err = fat_dir_write_slot(d, at + p, (const struct fat_dirent *)&l);
		if (err)
			goto out;
	}
	err = fat_dir_write_slot(d, at + pieces, e);
	if (err)
		goto out;
	*first_slot = at;
	*slot = at + pieces;
out:
	kfree(ucs);
	return err;
}

int fat_dir_remove(struct fnode *d, uint32_t first_slot, uint32_t slot)
{
	for (uint32_t s = first_slot; s <= slot; s++) {
		struct fat_dirent e;
		int err = fat_dir_read_slot(d, s, &e);
		if (!err) {
			e.name[0] = FAT_DELETED;
			err = fat_dir_write_slot(d, s, &e);
		}
		if (err)
			return err;
	}
	return 0;
}

static int any_fn(void *c, struct fat_found *f)
{
	(void)f;
	*(bool *)c = true;
	return 1;
}

int fat_dir_empty(struct fnode *d)
{
	bool any = false;
	uint32_t pos = 0;
	int err = fat_dir_scan(d, &pos, any_fn, &any);
	return err ? err : !any;
}

int fat_dir_init(struct fatfs *fs, uint32_t clu, uint32_t parent_clu, const struct fat_dirent *tmpl)
{
	struct fat_dirent dots[2];
	for (int i = 0; i < 2; i++) {
		dots[i] = *tmpl;
		memset(dots[i].name, ' ', 11);
		dots[i].name[0] = '.';
		dots[i].attr = FAT_ATTR_DIR;
		dots[i].size = 0;
	}
	dots[1].name[1] = '.';
	fat_dirent_set_first(&dots[0], clu);
	fat_dirent_set_first(&dots[1], parent_clu);
	return bcache_write(fs->dev, fat_cluster_off(fs, clu), dots, sizeof dots);
}

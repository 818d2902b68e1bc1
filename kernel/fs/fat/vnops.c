/* The vnode operations of FAT and its in-memory nodes.
 *
 * FAT has no inode numbers: a file is its directory entry.  A node is
 * made the first time a name is looked up and found again by where its
 * entry is (parent node, slot), so one file has one node and one inode
 * number for the whole mount.  Nodes with names stay until unmount; an
 * unlinked node goes when its last user does, and only then are its
 * clusters freed (an open file keeps its data, as on Linux).
 *
 * What FAT cannot store is refused as Linux's vfat refuses it: symbolic
 * links, device nodes and hard links get EPERM.  Permissions are fixed
 * (0755; the read-only attribute takes the write bits away). */
#include "fat.h"
#include <bcache.h>
#include <kernel.h>
#include <mm.h>
#include <uapi.h>
#include <string.h>

static struct fnode *find_node(struct fatfs *fs, struct fnode *parent, uint32_t slot)
{
	for (struct fnode *n = fs->nodes; n; n = n->next)
		if (n->parent == parent && n->slot == slot && n->v.nlink && !n->is_root)
			return n;
	return NULL;
}

static unsigned mode_of(uint8_t attr)
{
	unsigned perm = attr & FAT_ATTR_RO ? 0555 : 0755;
	return (attr & FAT_ATTR_DIR ? S_IFDIR : S_IFREG) | perm;
}

/* Does a directory starting at clu already appear above parent?  Then the
 * disk's tree has a loop. */
static bool is_ancestor_cluster(struct fnode *parent, uint32_t clu)
{
	for (struct fnode *a = parent;; a = a->parent) {
		if (a->first == clu)
			return true;
		if (a->is_root)
			return false;
	}
}

struct fnode *fat_node_new(struct fatfs *fs, struct fnode *parent, const struct fat_found *f)
{
	struct fnode *n = kzalloc(sizeof *n);
	if (!n)
		return NULL;
	const struct fat_dirent *e = &f->e;
	n->fs = fs;
	n->attr = e->attr;
	n->first = fat_dirent_first(e, fs);
	n->slot = f->slot;
	n->first_slot = f->first_slot;
	n->v.ops = &fat_vnode_ops;
	n->v.mode = mode_of(e->attr);
	n->v.nlink = e->attr & FAT_ATTR_DIR ? 2 : 1;
	n->v.ino = fs->next_ino++;
	n->v.dev = fs->devno;
	n->v.fsdata = fs;
	n->v.mtime_ns = n->v.ctime_ns = fat_time_get(e->mdate, e->mtime, 0);
	n->v.atime_ns = fat_time_get(e->adate, 0, 0);
	if (e->attr & FAT_ATTR_DIR) {
		if (n->first == 0 || is_ancestor_cluster(parent, n->first)) {
			fat_complain(fs, "directory \"%s\" %s", f->name,
				     n->first ? "loops back to a directory above it" : "has no cluster");
			n->bad = true;
		} else {
			long len = fat_chain_len(n);
			n->v.size = len > 0 ? (uint64_t)len * fs->csize : 0;
		}
	} else {
		n->v.size = e->size;
		if (n->first == 0 && e->size) {
			fat_complain(fs, "file \"%s\" has a size but no cluster", f->name);
			n->bad = true;
		}
	}
	n->parent = FN(vnode_get(&parent->v));
	n->next = fs->nodes;
	fs->nodes = n;
	return n;
}

static void node_unlink_list(struct fnode *n)
{
	struct fnode **pp = &n->fs->nodes;
	while (*pp && *pp != n)
		pp = &(*pp)->next;
	if (*pp)
		*pp = n->next;
}

void fat_node_free_all(struct fatfs *fs)
{
	while (fs->nodes) {
		struct fnode *n = fs->nodes;
		fs->nodes = n->next;
		kfree(n);
	}
}

int fat_node_update(struct fnode *n)
{
	if (n->is_root || n->v.nlink == 0)
		return 0;
	if (n->fs->ro)
		return -EROFS;
	struct fat_dirent e;
	int err = fat_dir_read_slot(n->parent, n->slot, &e);
	if (err)
		return err;
	if (!(n->attr & FAT_ATTR_DIR))
		e.size = (uint32_t)n->v.size;
	e.attr = n->attr;
	fat_dirent_set_first(&e, n->first);
	struct fat_stamp m = fat_time_make(n->v.mtime_ns);
	e.mdate = m.date;
	e.mtime = m.time;
	e.adate = fat_time_make(n->v.atime_ns).date;
	return fat_dir_write_slot(n->parent, n->slot, &e);
}

/* A directory's entries changed. */
static void dir_touched(struct fnode *d)
{
	d->v.mtime_ns = d->v.ctime_ns = fat_now_ns();
	fat_node_update(d);
}

/* The node of an entry found in d: the one in memory, or a new one. */
static int node_for(struct fnode *d, const struct fat_found *f, struct fnode **out)
{
	struct fnode *n = find_node(d->fs, d, f->slot);
	if (n) {
		vnode_get(&n->v);
	} else {
		n = fat_node_new(d->fs, d, f);
		if (!n)
			return -ENOMEM;
		n->v.refs = 1;
	}
	*out = n;
	return 0;
}

static int fat_lookup(struct vnode *dir, const char *name, size_t len, struct vnode **out)
{
	struct fnode *d = FN(dir);
	if (len == 1 && name[0] == '.') {
		*out = vnode_get(dir);
		return 0;
	}
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		*out = vnode_get(&d->parent->v);
		return 0;
	}
	if (dir->nlink == 0)
		return -ENOENT;
	if (d->bad)
		return -EIO;
	struct fat_found *f = kmalloc(sizeof *f);
	if (!f)
		return -ENOMEM;
	int err = fat_dir_find(d, name, len, f);
	struct fnode *n = NULL;
	if (!err)
		err = node_for(d, f, &n);
	kfree(f);
	if (!err && n->bad && V_ISDIR(&n->v)) {
		vnode_put(&n->v);
		return -EIO;
	}
	if (!err)
		*out = &n->v;
	return err;
}

static int fat_create(struct vnode *dir, const char *name, size_t len, unsigned mode, uint32_t rdev,
		      const char *target, struct vnode **out)
{
	(void)rdev;
	(void)target;
	struct fnode *d = FN(dir);
	struct fatfs *fs = d->fs;
	if (!MODE_ISDIR(mode) && (mode & S_IFMT) != S_IFREG)
		return -EPERM;
	if (fs->ro)
		return -EROFS;
	if (dir->nlink == 0)
		return -ENOENT;
	if (d->bad)
		return -EIO;
	struct fat_found *f = kzalloc(sizeof *f);
	if (!f)
		return -ENOMEM;
	uint64_t now = fat_now_ns();
	struct fat_dirent *e = &f->e;
	struct fat_stamp st = fat_time_make(now);
	e->cdate = e->mdate = e->adate = st.date;
	e->ctime = e->mtime = st.time;
	e->ctime_cs = st.cs;
	e->attr = MODE_ISDIR(mode) ? FAT_ATTR_DIR : FAT_ATTR_ARCHIVE;
	int err = 0;
	uint32_t clu = 0;
	if (MODE_ISDIR(mode)) {
		err = fat_alloc(fs, 0, true, &clu);
		if (!err)
			err = fat_dir_init(fs, clu, d->is_root ? 0 : d->first, e);
		fat_dirent_set_first(e, clu);
	}
	if (!err)
		err = fat_dir_add(d, name, len, e, &f->slot, &f->first_slot);
	if (err) {
		if (clu)
			fat_free_chain(fs, clu);
		kfree(f);
		return err;
	}
	f->len = MIN(len, sizeof f->name - 1);
	memcpy(f->name, name, f->len);
	struct fnode *n = fat_node_new(fs, d, f);
	kfree(f);
	if (!n)
		return -ENOMEM;
	n->v.refs = 1;
	n->v.mtime_ns = n->v.ctime_ns = n->v.atime_ns = now;
	dir_touched(d);
	*out = &n->v;
	return 0;
}

static int fat_link(struct vnode *dir, const char *name, size_t len, struct vnode *v)
{
	(void)dir, (void)name, (void)len, (void)v;
	return -EPERM;
}

/* Take the name away from n (its entry is already gone). */
static void drop_name(struct fnode *n)
{
	n->v.nlink = 0;
	n->v.ctime_ns = fat_now_ns();
	vnode_put(&n->v);           /* the caller's reference: may free it */
}

static int fat_unlink(struct vnode *dir, const char *name, size_t len)
{
	struct fnode *d = FN(dir);
	if (d->fs->ro)
		return -EROFS;
	struct fat_found *f = kmalloc(sizeof *f);
	if (!f)
		return -ENOMEM;
	struct fnode *n;
	int err = fat_dir_find(d, name, len, f);
	if (!err)
		err = node_for(d, f, &n);
	if (err) {
		kfree(f);
		return err;
	}
	if (V_ISDIR(&n->v) && !n->bad) {
		err = fat_dir_empty(n);
		err = err < 0 ? err : err ? 0 : -ENOTEMPTY;
	}
	if (!err)
		err = fat_dir_remove(d, f->first_slot, f->slot);
	kfree(f);
	if (err) {
		vnode_put(&n->v);
		return err;
	}
	dir_touched(d);
	drop_name(n);
	return 0;
}

static int fat_rename(struct vnode *odir, const char *oname, size_t olen, struct vnode *ndir,
		      const char *nname, size_t nlen)
{
	struct fnode *od = FN(odir), *nd = FN(ndir);
	struct fatfs *fs = od->fs;
	if (fs->ro)
		return -EROFS;
	if (ndir->nlink == 0)
		return -ENOENT;
	struct fat_found *fo = kmalloc(sizeof *fo), *fn = kmalloc(sizeof *fn);
	struct fnode *n = NULL, *victim = NULL;
	int err = fo && fn ? 0 : -ENOMEM;
	if (!err)
		err = fat_dir_find(od, oname, olen, fo);
	if (!err)
		err = node_for(od, fo, &n);
	if (err)
		goto out;
	err = fat_dir_find(nd, nname, nlen, fn);
	if (err == -ENOENT) {
		err = 0;
	} else if (!err) {
		if (nd == od && fn->slot == fo->slot) {
			/* The same file under another case ("a" to "A"): rewrite
			 * its name; nothing is replaced. */
		} else {
			err = node_for(nd, fn, &victim);
			if (!err && V_ISDIR(&victim->v)) {
				err = fat_dir_empty(victim);
				err = err < 0 ? err : err ? 0 : -ENOTEMPTY;
			}
		}
	}
	if (err)
		goto out;
	/* The new entry first: running out of room changes nothing. */
	struct fat_dirent e;
	err = fat_dir_read_slot(od, fo->slot, &e);
	uint32_t slot, first_slot;
	if (!err)
		err = fat_dir_add(nd, nname, nlen, &e, &slot, &first_slot);
	if (err)
		goto out;
	if (victim)
		err = fat_dir_remove(nd, fn->first_slot, fn->slot);
	if (!err)
		err = fat_dir_remove(od, fo->first_slot, fo->slot);
	if (err)
		goto out;
	n->slot = slot;
	n->first_slot = first_slot;
	if (nd != od) {
		struct fnode *old = n->parent;
		n->parent = FN(vnode_get(&nd->v));
		vnode_put(&old->v);
		if (V_ISDIR(&n->v) && !n->bad) {
			/* Its ".." names the new parent (0 for the root). */
			struct fat_dirent dd;
			err = fat_dir_read_slot(n, 1, &dd);
			if (!err && dd.name[0] == '.' && dd.name[1] == '.') {
				fat_dirent_set_first(&dd, nd->is_root ? 0 : nd->first);
				err = fat_dir_write_slot(n, 1, &dd);
			}
		}
	}
	n->v.ctime_ns = fat_now_ns();
	dir_touched(od);
	if (nd != od)
		dir_touched(nd);
	if (victim) {
		drop_name(victim);
		victim = NULL;
	}
out:
	if (victim)
		vnode_put(&victim->v);
	if (n)
		vnode_put(&n->v);
	kfree(fo);
	kfree(fn);
	return err;
}

struct readdir_ctx {
	struct fnode *d;
	filldir_fn fill;
	void *ctx;
};

static int readdir_fn(void *c, struct fat_found *f)
{
	struct readdir_ctx *rc = c;
	struct fnode *n = find_node(rc->d->fs, rc->d, f->slot);
	/* Entries never looked up get a number from where they are, above
	 * the node numbers (which count from 1). */
	uint64_t ino = n ? n->v.ino : (1ull << 32) + (uint64_t)rc->d->first * FAT_DIR_MAX_SLOTS + f->slot;
	unsigned dt = f->e.attr & FAT_ATTR_DIR ? DT_DIR : DT_REG;
	return rc->fill(rc->ctx, f->name, f->len, ino, dt, (uint64_t)f->slot + 3);
}

static int fat_readdir(struct vnode *dir, uint64_t *pos, filldir_fn fill, void *ctx)
{
	struct fnode *d = FN(dir);
	if (*pos == 0) {
		if (fill(ctx, ".", 1, dir->ino, DT_DIR, 1))
			return 0;
		*pos = 1;
	}
	if (*pos == 1) {
		if (fill(ctx, "..", 2, d->parent->v.ino, DT_DIR, 2))
			return 0;
		*pos = 2;
	}
	if (dir->nlink == 0)
		return 0;
	if (d->bad)
		return -EIO;
	if (*pos - 2 > UINT32_MAX)
		return 0;
	struct readdir_ctx rc = { d, fill, ctx };
	uint32_t slot = (uint32_t)(*pos - 2);
	int err = fat_dir_scan(d, &slot, readdir_fn, &rc);
	*pos = (uint64_t)slot + 2;
	return err;
}

static long fat_read(struct vnode *v, struct uio *u, uint64_t off)
{
	return fat_file_read(FN(v), u, off);
}

static long fat_write(struct vnode *v, struct uio *u, uint64_t off)
{
	return fat_file_write(FN(v), u, off);
}

static int fat_truncate(struct vnode *v, uint64_t size)
{
	return fat_file_truncate(FN(v), size);
}

static void fat_release(struct vnode *v)
{
	struct fnode *n = FN(v);
	struct fatfs *fs = n->fs;
	if (n->first && !n->is_root && !n->bad && !fs->ro)
		fat_free_chain(fs, n->first);
	node_unlink_list(n);
	struct fnode *parent = n->parent;
	kfree(n);
	if (parent && parent != n)
		vnode_put(&parent->v);
}

static int fat_statfs(struct vnode *v, struct linux_statfs *st)
{
	struct fatfs *fs = FN(v)->fs;
	st->f_type = MSDOS_SUPER_MAGIC;
	st->f_bsize = fs->csize;
	st->f_frsize = fs->csize;
	st->f_blocks = fs->nclusters;
	st->f_bfree = fs->free_count;
	st->f_bavail = fs->free_count;
	st->f_namelen = FAT_NAME_MAX;
	st->f_fsid[0] = (int32_t)fs->devno;
	st->f_flags = fs->ro ? ST_RDONLY : 0;
	return 0;
}

static int fat_fsync(struct vnode *v, bool datasync)
{
	(void)datasync;     /* the entry (size, first cluster) is needed to find the data anyway */
	return fat_sync(&FN(v)->fs->root->v);
}

const struct vnode_ops fat_vnode_ops = {
	.lookup = fat_lookup,
	.create = fat_create,
	.link = fat_link,
	.unlink = fat_unlink,
	.rename = fat_rename,
	.readdir = fat_readdir,
	.read = fat_read,
	.write = fat_write,
	.truncate = fat_truncate,
	.release = fat_release,
	.statfs = fat_statfs,
	.fsync = fat_fsync,
};

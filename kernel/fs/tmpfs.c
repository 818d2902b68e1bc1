/* tmpfs: the in-memory file system at / (see <vfs.h>).
 *
 * A node is a vnode with its contents:
 *  - a directory is a list of entries in creation order, each with a
 *    sequence number that is its readdir position (stable while entries
 *    come and go), and a pointer to its parent (a reference: a removed
 *    directory that is still someone's cwd keeps its parent alive);
 *  - a regular file is a radix tree of pages: height 0 is one data page,
 *    each level above is a page of 512 pointers, so small files cost one
 *    page and holes cost nothing (they read as zeros);
 *  - a symlink is a kmalloc'd string.
 * Pages come from the page allocator (full pages, no heap header).
 *
 * Each tmpfs has a size limit in pages (file data and the radix trees'
 * index pages), by default half of RAM as on Linux; a write past it fails
 * with ENOSPC.  Every page is also committed (vm_commit_pages) while tmpfs
 * holds it, as Linux's shmem does, so a full tmpfs cannot take memory that
 * was promised to a process: that fails with ENOSPC too. */
#include <vfs.h>
#include <mm.h>
#include <pmm.h>
#include <vm.h>
#include <kernel.h>
#include <uapi.h>
#include <arch.h>
#include <cpu.h>
#include <string.h>

#define SLOTS (PAGE_SIZE / sizeof(void *))   /* 512 */
#define SLOT_BITS 9
#define MAX_HEIGHT 4                          /* 512^4 pages: 2^48 bytes */

struct tdirent {
	struct tdirent *next;
	struct vnode *v;
	uint64_t pos;           /* readdir position */
	size_t len;
	char name[];
};

/* One mounted tmpfs. */
struct tmpfs {
	size_t limit;           /* pages */
	size_t used;
	unsigned nodes;         /* tnodes alive, the root included */
	/* Its files' pages were committed whole by their maker (System V
	 * shm): pages are not charged one by one, and a regular file gives
	 * back its size in pages when it goes (tmpfs_set_precommitted). */
	bool precommitted;
	void (*release_hook)(struct vnode *v);   /* a regular file goes */
};

struct tnode {
	struct vnode v;
	struct tmpfs *fs;
	union {
		struct {
			struct tdirent *head, *tail;
			uint64_t next_pos;
			struct vnode *parent;
		} dir;
		struct {
			void *root;
			unsigned height;
		} reg;
		char *link;
	};
};

static const struct vnode_ops tmpfs_ops;
static uint32_t next_dev = 1;
static uint64_t next_ino = 1;
static size_t pages_in_use;

size_t tmpfs_pages_in_use(void)
{
	return pages_in_use;
}

static struct tnode *T(struct vnode *v)
{
	return (struct tnode *)v;
}

/* A zeroed page for n's data or index: NULL when the file system is at
 * its limit, the page cannot be committed, or there is none. */
static void *page_alloc(struct tnode *n)
{
	struct tmpfs *fs = n->fs;
	if (fs->used >= fs->limit || (!fs->precommitted && vm_commit_pages(1) < 0))
		return NULL;
	uint64_t pa = pmm_alloc_page();
	if (!pa) {
		if (!fs->precommitted)
			vm_uncommit_pages(1);
		return NULL;
	}
	void *p = phys_to_virt(pa);
	memset(p, 0, PAGE_SIZE);
	pages_in_use++;
	fs->used++;
	return p;
}

/* A data page may still be mapped by a process (mmap takes page
 * references): it goes with the last of them. */
static void page_free(struct tnode *n, void *p)
{
	pmm_page_unref(virt_to_phys(p));
	if (!n->fs->precommitted)
		vm_uncommit_pages(1);
	pages_in_use--;
	n->fs->used--;
}

/* Half of RAM, like Linux's tmpfs default. */
static size_t default_limit(void)
{
	return pmm_total_count() / 2;
}

void tmpfs_set_precommitted(struct vnode *root, void (*release_hook)(struct vnode *v))
{
	T(root)->fs->precommitted = true;
	T(root)->fs->release_hook = release_hook;
	T(root)->fs->limit = pmm_total_count();   /* the commit limit governs */
}

void tmpfs_set_limit(struct vnode *root, size_t pages)
{
	T(root)->fs->limit = pages;
}

size_t tmpfs_limit(struct vnode *v, size_t *used)
{
	if (used)
		*used = T(v)->fs->used;
	return T(v)->fs->limit;
}

static void touch(struct vnode *v, bool modified)
{
	uint64_t now = vfs_now_ns();
	if (modified)
		v->mtime_ns = now;
	v->ctime_ns = now;
}

static struct tnode *node_new(struct tmpfs *fs, uint32_t dev, unsigned mode)
{
	struct tnode *n = kzalloc(sizeof *n);
	if (!n)
		return NULL;
	n->fs = fs;
	fs->nodes++;
	n->v.mode = mode;
	n->v.ino = next_ino++;
	n->v.dev = dev;
	n->v.ops = &tmpfs_ops;
	n->v.atime_ns = n->v.mtime_ns = n->v.ctime_ns = vfs_now_ns();
	return n;
}

/* Free node n (its contents are gone); the file system goes with its last node. */
static void node_free(struct tnode *n)
{
	struct tmpfs *fs = n->fs;
	kfree(n);
	if (--fs->nodes == 0)
		kfree(fs);
}

struct vnode *tmpfs_new(unsigned root_mode)
{
	struct tmpfs *fs = kzalloc(sizeof *fs);
	if (!fs)
		return NULL;
	fs->limit = default_limit();
	struct tnode *n = node_new(fs, next_dev++, S_IFDIR | (root_mode & 07777));
	if (!n) {
		kfree(fs);
		return NULL;
	}
	n->v.nlink = 2;
	n->v.size = 40;                 /* like Linux tmpfs: 20 bytes per entry, 2 for . and .. */
	n->dir.next_pos = 2;
	n->dir.parent = &n->v;          /* the root is its own parent (no reference) */
	n->v.refs = 1;
	return &n->v;
}

/* ---------------------------------------------------------------- directories */
static struct tdirent *dir_find(struct tnode *d, const char *name, size_t len, struct tdirent ***link)
{
	struct tdirent **pp = &d->dir.head, *e;
	for (; (e = *pp); pp = &e->next) {
		if (e->len == len && memcmp(e->name, name, len) == 0) {
			if (link)
				*link = pp;
			return e;
		}
	}
	return NULL;
}

static int dir_add(struct tnode *d, const char *name, size_t len, struct vnode *v)
{
	struct tdirent *e = kmalloc(sizeof *e + len + 1);
	if (!e)
		return -ENOSPC;
	e->next = NULL;
	e->v = v;
	e->pos = d->dir.next_pos++;
	e->len = len;
	memcpy(e->name, name, len);
	e->name[len] = 0;
	if (d->dir.tail)
		d->dir.tail->next = e;
	else
		d->dir.head = e;
	d->dir.tail = e;
	d->v.size += 20;                /* like Linux tmpfs: some bytes per entry */
	touch(&d->v, true);
	return 0;
}

/* Unlink entry e (found with its link pp) from d; does not touch e->v. */
static void dir_remove(struct tnode *d, struct tdirent **pp, struct tdirent *e)
{
	*pp = e->next;
	if (d->dir.tail == e) {
		struct tdirent *t = d->dir.head;
		while (t && t->next)
			t = t->next;
		d->dir.tail = t;
	}
	d->v.size -= 20;
	touch(&d->v, true);
	kfree(e);
}

static int tmpfs_lookup(struct vnode *dir, const char *name, size_t len, struct vnode **out)
{
	struct tnode *d = T(dir);
	if (len == 1 && name[0] == '.') {
		*out = vnode_get(dir);
		return 0;
	}
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		*out = vnode_get(d->dir.parent);
		return 0;
	}
	struct tdirent *e = dir_find(d, name, len, NULL);
	if (!e)
		return -ENOENT;
	*out = vnode_get(e->v);
	return 0;
}

static int tmpfs_create(struct vnode *dir, const char *name, size_t len, unsigned mode,
			uint32_t rdev, const char *target, struct vnode **out)
{
	struct tnode *d = T(dir);
	if (dir->nlink == 0)
		return -ENOENT;         /* a removed directory takes no new names */
	if (dir_find(d, name, len, NULL))
		return -EEXIST;
	struct tnode *n = node_new(d->fs, dir->dev, mode);
	if (!n)
		return -ENOSPC;
	switch (mode & S_IFMT) {
	case S_IFDIR:
		n->dir.next_pos = 2;
		n->dir.parent = vnode_get(dir);
		n->v.nlink = 2;
		n->v.size = 40;
		break;
	case S_IFLNK: {
		size_t tl = strlen(target);
		n->link = kmalloc(tl + 1);
		if (!n->link) {
			node_free(n);
			return -ENOSPC;
		}
		memcpy(n->link, target, tl + 1);
		n->v.size = tl;
		n->v.nlink = 1;
		break;
	}
	case S_IFCHR:
	case S_IFBLK:
		n->v.rdev = rdev;
		n->v.nlink = 1;
		break;
	default:
		n->v.nlink = 1;
		break;
	}
	int err = dir_add(d, name, len, &n->v);
	if (err) {
		if (MODE_ISDIR(mode))
			vnode_put(dir);
		kfree(n->link);
		node_free(n);
		return err;
	}
	if (MODE_ISDIR(mode))
		dir->nlink++;
	n->v.refs = 1;
	*out = &n->v;
	return 0;
}

static int tmpfs_link(struct vnode *dir, const char *name, size_t len, struct vnode *v)
{
	struct tnode *d = T(dir);
	if (dir->nlink == 0)
		return -ENOENT;
	if (dir_find(d, name, len, NULL))
		return -EEXIST;
	int err = dir_add(d, name, len, v);
	if (err)
		return err;
	v->nlink++;
	touch(v, false);
	return 0;
}

static bool dir_empty(struct vnode *v)
{
	return T(v)->dir.head == NULL;
}

/* Drop one name of v (its entry is already gone). */
static void drop_name(struct tnode *d, struct vnode *v)
{
	if (MODE_ISDIR(v->mode)) {
		v->nlink = 0;
		d->v.nlink--;
	} else {
		v->nlink--;
	}
	touch(v, false);
	vnode_check_free(v);
}

static int tmpfs_unlink(struct vnode *dir, const char *name, size_t len)
{
	struct tnode *d = T(dir);
	struct tdirent **pp, *e = dir_find(d, name, len, &pp);
	if (!e)
		return -ENOENT;
	struct vnode *v = e->v;
	if (MODE_ISDIR(v->mode) && !dir_empty(v))
		return -ENOTEMPTY;
	dir_remove(d, pp, e);
	drop_name(d, v);
	return 0;
}

static int tmpfs_rename(struct vnode *odir, const char *oname, size_t olen,
			struct vnode *ndir, const char *nname, size_t nlen)
{
	struct tnode *od = T(odir), *nd = T(ndir);
	struct tdirent **opp, *oe = dir_find(od, oname, olen, &opp);
	if (!oe)
		return -ENOENT;
	if (ndir->nlink == 0)
		return -ENOENT;
	struct vnode *v = oe->v;
	struct tdirent **npp, *ne = dir_find(nd, nname, nlen, &npp);
	if (ne && ne->v == v)
		return 0;
	if (ne && MODE_ISDIR(ne->v->mode) && !dir_empty(ne->v))
		return -ENOTEMPTY;
	/* Make the new entry first so running out of memory changes nothing. */
	struct vnode *victim = NULL;
	if (ne) {
		victim = ne->v;
		ne->v = v;
		touch(&nd->v, true);
	} else {
		int err = dir_add(nd, nname, nlen, v);
		if (err)
			return err;
		/* dir_add may have appended to od's list if od == nd: find oe again */
		oe = dir_find(od, oname, olen, &opp);
	}
	dir_remove(od, opp, oe);
	if (MODE_ISDIR(v->mode) && odir != ndir) {
		struct tnode *n = T(v);
		n->dir.parent = vnode_get(ndir);
		odir->nlink--;
		ndir->nlink++;
		vnode_put(odir);
	}
	touch(v, false);
	if (victim)
		drop_name(nd, victim);
	return 0;
}

static int tmpfs_readdir(struct vnode *dir, uint64_t *pos, filldir_fn fill, void *ctx)
{
	struct tnode *d = T(dir);
	if (*pos == 0) {
		if (fill(ctx, ".", 1, dir->ino, DT_DIR, 1))
			return 0;
		*pos = 1;
	}
	if (*pos == 1) {
		if (fill(ctx, "..", 2, d->dir.parent->ino, DT_DIR, 2))
			return 0;
		*pos = 2;
	}
	for (struct tdirent *e = d->dir.head; e; e = e->next) {
		if (e->pos < *pos)
			continue;
		if (fill(ctx, e->name, e->len, e->v->ino, vnode_dtype(e->v), e->pos + 1))
			return 0;
		*pos = e->pos + 1;
	}
	dir->atime_ns = vfs_now_ns();
	return 0;
}

/* ---------------------------------------------------------------- file data */
static uint64_t capacity(unsigned height)
{
	return 1ULL << (SLOT_BITS * height);    /* pages a tree of this height holds */
}

/* The slot holding page idx, growing the tree if alloc; NULL if absent
 * (or out of memory when alloc). */
static void **page_slot(struct tnode *n, uint64_t idx, bool alloc)
{
	if (idx >= capacity(n->reg.height)) {
		if (!alloc)
			return NULL;
		if (!n->reg.root) {
			while (idx >= capacity(n->reg.height))
				n->reg.height++;
		} else {
			while (idx >= capacity(n->reg.height)) {
				void **top = page_alloc(n);
				if (!top)
					return NULL;
				top[0] = n->reg.root;
				n->reg.root = top;
				n->reg.height++;
			}
		}
	}
	void **slot = &n->reg.root;
	for (unsigned h = n->reg.height; h > 0; h--) {
		if (!*slot) {
			if (!alloc)
				return NULL;
			*slot = page_alloc(n);
			if (!*slot)
				return NULL;
		}
		unsigned i = (idx >> (SLOT_BITS * (h - 1))) & (SLOTS - 1);
		slot = &((void **)*slot)[i];
	}
	return slot;
}

static char *page_get(struct tnode *n, uint64_t idx)
{
	void **s = page_slot(n, idx, false);
	return s ? *s : NULL;
}

static char *page_make(struct tnode *n, uint64_t idx)
{
	void **s = page_slot(n, idx, true);
	if (!s)
		return NULL;
	if (!*s)
		*s = page_alloc(n);
	return *s;
}

/* Free the pages of subtree node (of height h, first page base) from page
 * index 'from' on; true if the whole subtree went. */
static bool free_from(struct tnode *n, void *node, unsigned h, uint64_t base, uint64_t from)
{
	if (!node)
		return true;
	if (h == 0) {
		if (base >= from) {
			page_free(n, node);
			return true;
		}
		return false;
	}
	void **slots = node;
	uint64_t span = capacity(h - 1);
	bool all = true;
	for (unsigned i = 0; i < SLOTS; i++) {
		uint64_t b = base + i * span;
		if (b + span <= from) {
			if (slots[i])
				all = false;
			continue;
		}
		if (free_from(n, slots[i], h - 1, b, from))
			slots[i] = NULL;
		else
			all = false;
	}
	if (all) {
		page_free(n, node);
		return true;
	}
	return false;
}

/* Long reads and writes let other threads in every 16 pages (after the
 * first 64 KiB, so that short ones pay nothing): a copy to or from user
 * memory may sleep at a fault anyway, so nothing is kept across the loop's
 * turns but the vnode, which the open file holds. */
#define PREEMPT_BYTES (64 * 1024)

static long tmpfs_read(struct vnode *v, struct uio *u, uint64_t off)
{
	struct tnode *n = T(v);
	size_t total = u->resid;
	while (u->resid > 0 && off < v->size) {
		if (total - u->resid >= PREEMPT_BYTES && (off / PAGE_SIZE) % 16 == 0)
			cond_resched();   /* the page and the size are looked up again below */
		uint64_t idx = off / PAGE_SIZE;
		size_t in = off % PAGE_SIZE;
		size_t k = MIN(u->resid, PAGE_SIZE - in);
		if (k > v->size - off)
			k = (size_t)(v->size - off);
		char *p = page_get(n, idx);
		int err = p ? uio_copyout(u, p + in, k) : uio_zero(u, k);
		if (err)
			return total - u->resid ? (long)(total - u->resid) : err;
		off += k;
	}
	v->atime_ns = vfs_now_ns();
	return (long)(total - u->resid);
}

static long tmpfs_write(struct vnode *v, struct uio *u, uint64_t off)
{
	struct tnode *n = T(v);
	size_t total = u->resid;
	if (total == 0)
		return 0;
	if (off >= TMPFS_MAX_FILE)
		return -EFBIG;
	if (u->resid > TMPFS_MAX_FILE - off)
		u->resid = TMPFS_MAX_FILE - off, total = u->resid;
	long err = 0;
	while (u->resid > 0) {
		if (total - u->resid >= PREEMPT_BYTES && (off / PAGE_SIZE) % 16 == 0)
			cond_resched();
		uint64_t idx = off / PAGE_SIZE;
		size_t in = off % PAGE_SIZE;
		size_t k = MIN(u->resid, PAGE_SIZE - in);
		char *p = page_make(n, idx);
		if (!p) {
			err = -ENOSPC;
			break;
		}
		size_t before = u->resid;
		err = uio_copyin(u, p + in, k);
		off += before - u->resid;
		if (off > v->size)
			v->size = off;
		if (err)
			break;
	}
	size_t done = total - u->resid;
	if (done)
		touch(v, true);
	return done ? (long)done : err;
}

static int tmpfs_truncate(struct vnode *v, uint64_t size)
{
	struct tnode *n = T(v);
	if (size > TMPFS_MAX_FILE)
		return -EFBIG;
	if (size < v->size) {
		uint64_t keep = (size + PAGE_SIZE - 1) / PAGE_SIZE;   /* pages that stay */
		if (free_from(n, n->reg.root, n->reg.height, 0, keep)) {
			n->reg.root = NULL;
			n->reg.height = 0;
		}
		if (size % PAGE_SIZE) {
			char *p = page_get(n, size / PAGE_SIZE);
			if (p)
				memset(p + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
		}
	}
	v->size = size;
	touch(v, true);
	return 0;
}

/* mmap maps the file's own pages (see vnode_ops.getpage). */
static int tmpfs_getpage(struct vnode *v, uint64_t idx, bool alloc, uint64_t *pa)
{
	struct tnode *n = T(v);
	char *p = alloc ? page_make(n, idx) : page_get(n, idx);
	*pa = p ? virt_to_phys(p) : 0;
	return p || !alloc ? 0 : -ENOSPC;
}

static const char *tmpfs_get_link(struct vnode *v)
{
	return T(v)->link;
}

static void tmpfs_release(struct vnode *v)
{
	struct tnode *n = T(v);
	switch (v->mode & S_IFMT) {
	case S_IFDIR:
		if (n->dir.parent != v)
			vnode_put(n->dir.parent);
		break;
	case S_IFREG:
		free_from(n, n->reg.root, n->reg.height, 0, 0);
		if (n->fs->precommitted)
			vm_uncommit_pages(ALIGN_UP(v->size, PAGE_SIZE) / PAGE_SIZE);
		if (n->fs->release_hook)
			n->fs->release_hook(v);
		break;
	case S_IFLNK:
		kfree(n->link);
		break;
	}
	node_free(n);
}

/* Sizes in pages: the limit, and what is not used of it. */
static int tmpfs_statfs(struct vnode *v, struct linux_statfs *st)
{
	struct tmpfs *fs = T(v)->fs;
	st->f_type = TMPFS_MAGIC;
	st->f_bsize = st->f_frsize = PAGE_SIZE;
	st->f_blocks = fs->limit;
	st->f_bfree = st->f_bavail = fs->limit > fs->used ? fs->limit - fs->used : 0;
	st->f_fsid[0] = (int32_t)v->dev;
	st->f_namelen = NAME_MAX;
	return 0;
}

static const struct vnode_ops tmpfs_ops = {
	.lookup = tmpfs_lookup,
	.create = tmpfs_create,
	.link = tmpfs_link,
	.unlink = tmpfs_unlink,
	.rename = tmpfs_rename,
	.readdir = tmpfs_readdir,
	.read = tmpfs_read,
	.write = tmpfs_write,
	.truncate = tmpfs_truncate,
	.get_link = tmpfs_get_link,
	.release = tmpfs_release,
	.statfs = tmpfs_statfs,
	.getpage = tmpfs_getpage,
	.owners = true,
};

/* The VFS core (see <vfs.h>): I/O buffers, vnode references, path
 * resolution, the name operations with Linux's error rules, open files. */
#include <vfs.h>
#include <tty.h>
#include <proc.h>
#include <uaccess.h>
#include <mm.h>
#include <kernel.h>
#include <uapi.h>
#include <arch.h>
#include <bootinfo.h>
#include <string.h>

static struct vnode *root;
const int vfs_poll_chan;

/* ================================================================ I/O buffers */
void uio_init(struct uio *u, bool user, const struct kiov *iov, int iovcnt, size_t total)
{
	u->user = user;
	u->iov = iov;
	u->iovcnt = iovcnt;
	u->idx = 0;
	u->off = 0;
	u->resid = total;
}

void uio_kernel(struct uio *u, struct kiov *one, void *buf, size_t n)
{
	one->base = (uintptr_t)buf;
	one->len = n;
	uio_init(u, false, one, 1, n);
}

void uio_user(struct uio *u, struct kiov *one, uintptr_t ubuf, size_t n)
{
	one->base = ubuf;
	one->len = n;
	uio_init(u, true, one, 1, n);
}

enum { TO_BUF, FROM_BUF, ZERO_BUF };

static int uio_move(struct uio *u, void *kp, size_t n, int dir)
{
	char *k = kp;
	while (n > 0 && u->resid > 0) {
		if (u->idx >= u->iovcnt)
			break;
		const struct kiov *seg = &u->iov[u->idx];
		if (u->off >= seg->len) {
			u->idx++;
			u->off = 0;
			continue;
		}
		size_t c = MIN(n, seg->len - u->off);
		uintptr_t a = seg->base + u->off;
		int err = 0;
		if (dir == TO_BUF) {
			if (u->user)
				err = copy_to_user(a, k, c);
			else
				memcpy((void *)a, k, c);
		} else if (dir == FROM_BUF) {
			if (u->user)
				err = copy_from_user(k, a, c);
			else
				memcpy(k, (const void *)a, c);
		} else {
			if (u->user)
				err = clear_user(a, c);
			else
				memset((void *)a, 0, c);
		}
		if (err)
			return -EFAULT;
		if (k)
			k += c;
		n -= c;
		u->off += c;
		u->resid -= c;
	}
	return 0;
}

int uio_copyout(struct uio *u, const void *src, size_t n)
{
	return uio_move(u, (void *)src, n, TO_BUF);
}

int uio_copyin(struct uio *u, void *dst, size_t n)
{
	return uio_move(u, dst, n, FROM_BUF);
}

int uio_zero(struct uio *u, size_t n)
{
	return uio_move(u, NULL, n, ZERO_BUF);
}

/* ================================================================ vnodes */
struct vnode *vfs_root(void)
{
	return root;
}

struct vnode *vnode_get(struct vnode *v)
{
	if (v)
		v->refs++;
	return v;
}

void vnode_check_free(struct vnode *v)
{
	if (v->refs == 0 && v->nlink == 0 && v->ops && v->ops->release)
		v->ops->release(v);
}

void vnode_put(struct vnode *v)
{
	if (!v)
		return;
	if (v->refs <= 0)
		panic("vnode_put: vnode %lu has no references", (unsigned long)v->ino);
	if (--v->refs == 0)
		vnode_check_free(v);
}

uint64_t vfs_now_ns(void)
{
	return arch_clock_ns();
}

unsigned vnode_dtype(struct vnode *v)
{
	switch (VTYPE(v)) {
	case S_IFDIR: return DT_DIR;
	case S_IFREG: return DT_REG;
	case S_IFLNK: return DT_LNK;
	case S_IFCHR: return DT_CHR;
	case S_IFIFO: return DT_FIFO;
	default: return DT_UNKNOWN;
	}
}

void vnode_stat(struct vnode *v, struct linux_stat *st)
{
	memset(st, 0, sizeof *st);
	st->st_dev = v->dev;
	st->st_ino = v->ino;
	st->st_mode = v->mode;
	st->st_nlink = v->nlink;
	st->st_uid = 0;
	st->st_gid = 0;
	st->st_rdev = v->rdev;
	st->st_size = (int64_t)v->size;
	st->st_blksize = 4096;
	st->st_blocks = V_ISREG(v) ? (int64_t)(ALIGN_UP(v->size, 4096) / 512) : 0;
	st->st_atime_sec = (int64_t)(v->atime_ns / 1000000000u);
	st->st_atime_nsec = v->atime_ns % 1000000000u;
	st->st_mtime_sec = (int64_t)(v->mtime_ns / 1000000000u);
	st->st_mtime_nsec = v->mtime_ns % 1000000000u;
	st->st_ctime_sec = (int64_t)(v->ctime_ns / 1000000000u);
	st->st_ctime_nsec = v->ctime_ns % 1000000000u;
}

/* ================================================================ paths */
enum { LAST_NORM, LAST_DOT, LAST_DOTDOT, LAST_ROOT };
struct last {
	const char *name;
	size_t len;
	int type;
	bool trailing;          /* slashes after the last component */
};

static struct vnode *start_dir(struct vnode *base)
{
	if (base)
		return base;
	if (current && current->cwd)
		return current->cwd;
	return root;
}

/* The parent of directory v, crossing back over mount points. */
static int step_up(struct vnode *cur, struct vnode **out)
{
	while (cur != root && cur->covered)
		cur = cur->covered;
	if (cur == root) {
		*out = vnode_get(root);
		return 0;
	}
	return cur->ops->lookup(cur, "..", 2, out);
}

static struct vnode *cross_mounts(struct vnode *v)
{
	while (v->mounted) {
		struct vnode *m = vnode_get(v->mounted);
		vnode_put(v);
		v = m;
	}
	return v;
}

static int walk(struct vnode *start, const char *path, unsigned flags, bool parent_only,
		int *nlinks, struct vnode **out, struct last *last);

/* Follow symlink v (found in dir) to what it names. */
static int follow_link(struct vnode *dir, struct vnode *v, int *nlinks, struct vnode **out)
{
	if (++*nlinks > MAXSYMLINKS)
		return -ELOOP;
	const char *target = v->ops->get_link ? v->ops->get_link(v) : NULL;
	if (!target || !*target)
		return -ENOENT;
	return walk(dir, target, LOOKUP_FOLLOW, false, nlinks, out, NULL);
}

/* Resolve path from start.  With parent_only, stop before the last
 * component: *out is its directory and *last describes it. */
static int walk(struct vnode *start, const char *path, unsigned flags, bool parent_only,
		int *nlinks, struct vnode **out, struct last *last)
{
	struct vnode *cur = vnode_get(*path == '/' ? root : start);
	const char *p = path;
	int err = 0;
	bool trailing = false;
	while (*p == '/')
		p++;
	if (!*p) {
		/* "/" (or a path that is only slashes) */
		if (parent_only) {
			last->name = p;
			last->len = 0;
			last->type = LAST_ROOT;
			last->trailing = false;
		}
		*out = cur;
		return 0;
	}
	for (;;) {
		const char *s = p;
		while (*p && *p != '/')
			p++;
		size_t len = (size_t)(p - s);
		const char *q = p;
		while (*q == '/')
			q++;
		bool is_last = *q == 0;
		trailing = is_last && q != p;
		p = q;
		if (len > NAME_MAX) {
			err = -ENAMETOOLONG;
			break;
		}
		if (!V_ISDIR(cur)) {
			err = -ENOTDIR;
			break;
		}
		int type = LAST_NORM;
		if (len == 1 && s[0] == '.')
			type = LAST_DOT;
		else if (len == 2 && s[0] == '.' && s[1] == '.')
			type = LAST_DOTDOT;
		if (is_last && parent_only) {
			last->name = s;
			last->len = len;
			last->type = type;
			last->trailing = trailing;
			*out = cur;
			return 0;
		}
		struct vnode *next;
		if (type == LAST_DOT) {
			next = vnode_get(cur);
		} else if (type == LAST_DOTDOT) {
			err = step_up(cur, &next);
			if (err)
				break;
		} else {
			err = cur->ops->lookup(cur, s, len, &next);
			if (err)
				break;
			next = cross_mounts(next);
			if (V_ISLNK(next) && (!is_last || trailing || (flags & LOOKUP_FOLLOW))) {
				struct vnode *t;
				err = follow_link(cur, next, nlinks, &t);
				vnode_put(next);
				if (err)
					break;
				next = t;
			}
		}
		vnode_put(cur);
		cur = next;
		if (is_last)
			break;
	}
	if (!err && (trailing || (flags & LOOKUP_DIRECTORY)) && !V_ISDIR(cur))
		err = -ENOTDIR;
	if (err) {
		vnode_put(cur);
		return err;
	}
	*out = cur;
	return 0;
}

int vfs_lookup(struct vnode *base, const char *path, unsigned flags, struct vnode **out)
{
	if (!*path)
		return -ENOENT;
	int nlinks = 0;
	return walk(start_dir(base), path, flags, false, &nlinks, out, NULL);
}

static int lookup_parent(struct vnode *base, const char *path, struct vnode **dir, struct last *last)
{
	if (!*path)
		return -ENOENT;
	int nlinks = 0;
	return walk(start_dir(base), path, 0, true, &nlinks, dir, last);
}

/* The entry named by last in dir (no symlink following), or NULL. */
static struct vnode *lookup_last(struct vnode *dir, const struct last *last, int *err)
{
	struct vnode *v = NULL;
	*err = dir->ops->lookup(dir, last->name, last->len, &v);
	if (*err)
		return NULL;
	return v;
}

static bool is_ancestor(struct vnode *a, struct vnode *d)
{
	/* walk up from d within d's file system */
	struct vnode *cur = vnode_get(d);
	bool found = false;
	for (int depth = 0; depth < 100000; depth++) {
		if (cur == a) {
			found = true;
			break;
		}
		struct vnode *up;
		if (cur->ops->lookup(cur, "..", 2, &up) || up == cur) {
			if (up == cur)
				vnode_put(up);
			break;
		}
		vnode_put(cur);
		cur = up;
	}
	vnode_put(cur);
	return found;
}

/* The O_CREAT half of open: find or create the last component.  A symlink
 * there is followed (unless O_NOFOLLOW), and a dangling one creates its
 * target, as on Linux.  Clears O_TRUNC in *flags when the file is new. */
static int open_create(struct vnode *base, const char *path, int *flags, unsigned mode,
		       struct vnode **out)
{
	int nlinks = 0, err;
	struct vnode *start = vnode_get(start_dir(base)), *dir, *v;
	char *buf = NULL;               /* the symlink target being resolved */
	const char *p = path;
	struct last last;
	for (;;) {
		err = walk(start, p, 0, true, &nlinks, &dir, &last);
		vnode_put(start);
		if (err)
			break;
		if (last.type != LAST_NORM || last.trailing) {
			/* ".", ".." or "/": an existing directory; "name/": not a file */
			vnode_put(dir);
			err = last.type != LAST_NORM && (*flags & O_EXCL) ? -EEXIST : -EISDIR;
			break;
		}
		v = lookup_last(dir, &last, &err);
		if (!v) {
			if (err == -ENOENT) {
				err = dir->ops->create(dir, last.name, last.len, S_IFREG | (mode & 07777),
						       0, NULL, &v);
				*flags &= ~O_TRUNC;
			}
			vnode_put(dir);
			break;
		}
		v = cross_mounts(v);
		if (*flags & O_EXCL) {
			err = -EEXIST;
		} else if (!V_ISLNK(v) || (*flags & O_NOFOLLOW)) {
			vnode_put(dir);
			break;
		} else if (++nlinks > MAXSYMLINKS) {
			err = -ELOOP;
		} else {
			const char *t = v->ops->get_link ? v->ops->get_link(v) : NULL;
			char *nb = t && *t ? kmalloc(strlen(t) + 1) : NULL;
			err = !t || !*t ? -ENOENT : !nb ? -ENOMEM : 0;
			if (nb) {
				memcpy(nb, t, strlen(t) + 1);
				kfree(buf);
				buf = nb;
				p = buf;
				start = dir;    /* the target is relative to the link's directory */
				vnode_put(v);
				continue;
			}
		}
		vnode_put(v);
		vnode_put(dir);
		break;
	}
	kfree(buf);
	if (!err)
		*out = v;
	return err;
}

static const struct file_ops reg_fops, dir_fops;

int vfs_openat(struct vnode *base, const char *path, int flags, unsigned mode, struct file **out)
{
	struct vnode *v = NULL;
	int err;
	if (!*path)
		return -ENOENT;
	if (flags & O_CREAT) {
		err = open_create(base, path, &flags, mode, &v);
		if (err)
			return err;
		if (V_ISDIR(v)) {
			vnode_put(v);
			return -EISDIR;
		}
	} else {
		unsigned lf = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
		if (flags & O_DIRECTORY)
			lf |= LOOKUP_DIRECTORY;
		err = vfs_lookup(base, path, lf, &v);
		if (err)
			return err;
	}
	if (V_ISLNK(v)) {
		vnode_put(v);
		return -ELOOP;
	}
	if ((flags & O_DIRECTORY) && !V_ISDIR(v)) {
		vnode_put(v);
		return -ENOTDIR;
	}
	int acc = flags & O_ACCMODE;
	if (V_ISDIR(v) && (acc != O_RDONLY || (flags & (O_CREAT | O_TRUNC)))) {
		vnode_put(v);
		return -EISDIR;
	}
	unsigned fflags = ((unsigned)flags & ~(unsigned)(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC))
			  | O_LARGEFILE;
	if (V_ISCHR(v)) {
		err = devfs_open(v, (int)fflags, out);
		vnode_put(v);
		return err;
	}
	if (V_ISFIFO(v)) {
		vnode_put(v);
		return -ENXIO;          /* named pipes: not supported */
	}
	if ((flags & O_TRUNC) && V_ISREG(v) && v->size) {
		err = v->ops->truncate(v, 0);
		if (err) {
			vnode_put(v);
			return err;
		}
	}
	const struct file_ops *fops = V_ISDIR(v) ? &dir_fops : &reg_fops;
	struct file *f = file_alloc(v, fflags, fops, NULL);
	vnode_put(v);
	if (!f)
		return -ENOMEM;
	*out = f;
	return 0;
}

/* Make a new name of the given type (mkdir, mknod, symlink). */
static int create_node(struct vnode *base, const char *path, unsigned mode, uint32_t rdev,
		       const char *target)
{
	struct vnode *dir, *v;
	struct last last;
	int err = lookup_parent(base, path, &dir, &last);
	if (err)
		return err;
	if (last.type != LAST_NORM) {
		vnode_put(dir);
		return -EEXIST;
	}
	v = lookup_last(dir, &last, &err);
	if (v) {
		vnode_put(v);
		vnode_put(dir);
		return -EEXIST;
	}
	if (err != -ENOENT) {
		vnode_put(dir);
		return err;
	}
	if (last.trailing && !MODE_ISDIR(mode)) {
		vnode_put(dir);
		return -ENOENT;
	}
	err = dir->ops->create(dir, last.name, last.len, mode, rdev, target, &v);
	vnode_put(dir);
	if (!err)
		vnode_put(v);
	return err;
}

int vfs_mkdirat(struct vnode *base, const char *path, unsigned mode)
{
	return create_node(base, path, S_IFDIR | (mode & 01777), 0, NULL);
}

int vfs_mknodat(struct vnode *base, const char *path, unsigned mode, uint32_t rdev)
{
	return create_node(base, path, mode, rdev, NULL);
}

int vfs_symlinkat(const char *target, struct vnode *base, const char *path)
{
	if (!*target)
		return -ENOENT;
	return create_node(base, path, S_IFLNK | 0777, 0, target);
}

int vfs_linkat(struct vnode *obase, const char *opath, struct vnode *nbase, const char *npath, bool follow)
{
	struct vnode *v, *dir, *exist;
	struct last last;
	int err = vfs_lookup(obase, opath, follow ? LOOKUP_FOLLOW : 0, &v);
	if (err)
		return err;
	err = lookup_parent(nbase, npath, &dir, &last);
	if (err) {
		vnode_put(v);
		return err;
	}
	if (last.type != LAST_NORM) {
		err = -EEXIST;
		goto out;
	}
	exist = lookup_last(dir, &last, &err);
	if (exist) {
		vnode_put(exist);
		err = -EEXIST;
		goto out;
	}
	if (err != -ENOENT)
		goto out;
	if (last.trailing) {
		err = -ENOENT;
		goto out;
	}
	if (v->dev != dir->dev) {
		err = -EXDEV;
		goto out;
	}
	if (V_ISDIR(v)) {
		err = -EPERM;
		goto out;
	}
	if (v->nlink == 0) {
		err = -ENOENT;
		goto out;
	}
	err = dir->ops->link(dir, last.name, last.len, v);
out:
	vnode_put(dir);
	vnode_put(v);
	return err;
}

int vfs_unlinkat(struct vnode *base, const char *path, bool rmdir)
{
	struct vnode *dir, *v;
	struct last last;
	int err = lookup_parent(base, path, &dir, &last);
	if (err)
		return err;
	if (last.type != LAST_NORM) {
		vnode_put(dir);
		if (!rmdir)
			return -EISDIR;
		return last.type == LAST_DOT ? -EINVAL : last.type == LAST_DOTDOT ? -ENOTEMPTY : -EBUSY;
	}
	v = lookup_last(dir, &last, &err);
	if (!v) {
		vnode_put(dir);
		return err;
	}
	if (rmdir) {
		if (!V_ISDIR(v))
			err = -ENOTDIR;
		else if (v->mounted || v == root)
			err = -EBUSY;
	} else {
		if (V_ISDIR(v))
			err = -EISDIR;
		else if (last.trailing)
			err = -ENOTDIR;
	}
	if (!err)
		err = dir->ops->unlink(dir, last.name, last.len);
	vnode_put(v);
	vnode_put(dir);
	return err;
}

int vfs_renameat(struct vnode *obase, const char *opath, struct vnode *nbase, const char *npath)
{
	struct vnode *od, *nd, *ov = NULL, *nv = NULL;
	struct last ol, nl;
	int err = lookup_parent(obase, opath, &od, &ol);
	if (err)
		return err;
	err = lookup_parent(nbase, npath, &nd, &nl);
	if (err) {
		vnode_put(od);
		return err;
	}
	if (od->dev != nd->dev) {
		err = -EXDEV;
		goto out;
	}
	if (ol.type != LAST_NORM || nl.type != LAST_NORM) {
		err = -EBUSY;
		goto out;
	}
	ov = lookup_last(od, &ol, &err);
	if (!ov)
		goto out;
	nv = lookup_last(nd, &nl, &err);
	if (!nv && err != -ENOENT)
		goto out;
	err = 0;
	if (!V_ISDIR(ov) && (ol.trailing || nl.trailing)) {
		err = -ENOTDIR;
		goto out;
	}
	if (V_ISDIR(ov) && (ov == nd || is_ancestor(ov, nd))) {
		err = -EINVAL;
		goto out;
	}
	if (nv && V_ISDIR(nv) && (nv == od || is_ancestor(nv, od))) {
		err = -ENOTEMPTY;
		goto out;
	}
	if (ov == nv)
		goto out;
	if (ov->mounted || ov == root) {
		err = -EBUSY;
		goto out;
	}
	if (nv) {
		if (V_ISDIR(ov)) {
			if (!V_ISDIR(nv))
				err = -ENOTDIR;
			else if (nv->mounted || nv == root)
				err = -EBUSY;
		} else if (V_ISDIR(nv)) {
			err = -EISDIR;
		}
		if (err)
			goto out;
	}
	err = od->ops->rename(od, ol.name, ol.len, nd, nl.name, nl.len);
out:
	if (ov)
		vnode_put(ov);
	if (nv)
		vnode_put(nv);
	vnode_put(od);
	vnode_put(nd);
	return err;
}

long vfs_readlinkat(struct vnode *base, const char *path, char *buf, size_t n)
{
	struct vnode *v;
	int err = vfs_lookup(base, path, 0, &v);
	if (err)
		return err;
	long r;
	if (!V_ISLNK(v)) {
		r = -EINVAL;
	} else {
		const char *t = v->ops->get_link(v);
		size_t len = strlen(t);
		r = (long)MIN(len, n);
		memcpy(buf, t, (size_t)r);
		v->atime_ns = vfs_now_ns();
	}
	vnode_put(v);
	return r;
}

int vfs_truncate(struct vnode *v, uint64_t size)
{
	if (V_ISDIR(v))
		return -EISDIR;
	if (!V_ISREG(v) || !v->ops->truncate)
		return -EINVAL;
	return v->ops->truncate(v, size);
}

struct find_ctx {
	uint64_t ino;
	char *name;
	size_t len;
	bool found;
};

static int find_fill(void *c, const char *name, size_t len, uint64_t ino, unsigned dtype, uint64_t next)
{
	struct find_ctx *f = c;
	(void)dtype;
	(void)next;
	if (ino != f->ino || (len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return 0;
	memcpy(f->name, name, len);
	f->len = len;
	f->found = true;
	return 1;
}

long vfs_getcwd(struct vnode *dir, char *buf, size_t size)
{
	if (dir->nlink == 0)
		return -ENOENT;
	char *tmp = kmalloc(PATH_MAX);
	char name[NAME_MAX + 1];
	if (!tmp)
		return -ENOMEM;
	size_t at = PATH_MAX - 1;           /* the path is built backwards */
	tmp[at] = 0;
	long err = 0;
	struct vnode *cur = vnode_get(dir);
	while (cur != root) {
		while (cur != root && cur->covered) {
			struct vnode *c = vnode_get(cur->covered);
			vnode_put(cur);
			cur = c;
		}
		if (cur == root)
			break;
		struct vnode *up;
		err = step_up(cur, &up);
		if (err)
			break;
		struct find_ctx fc = { .ino = cur->ino, .name = name };
		uint64_t pos = 0;
		err = up->ops->readdir(up, &pos, find_fill, &fc);
		vnode_put(cur);
		cur = up;
		if (!err && !fc.found)
			err = -ENOENT;
		if (err)
			break;
		if (fc.len + 1 > at) {
			err = -ENAMETOOLONG;
			break;
		}
		at -= fc.len;
		memcpy(tmp + at, name, fc.len);
		tmp[--at] = '/';
	}
	vnode_put(cur);
	if (!err && tmp[at] == 0)
		tmp[--at] = '/';
	if (!err) {
		size_t len = PATH_MAX - at;    /* with the NUL */
		if (len > size)
			err = -ERANGE;
		else {
			memcpy(buf, tmp + at, len);
			err = (long)len;
		}
	}
	kfree(tmp);
	return err;
}

int vfs_mount(const char *path, struct vnode *fsroot)
{
	struct vnode *v;
	int err = vfs_lookup(NULL, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &v);
	if (err)
		return err;
	if (v->mounted || v == root) {
		vnode_put(v);
		return -EBUSY;
	}
	v->mounted = vnode_get(fsroot);
	fsroot->covered = v;            /* keeps the reference from the lookup */
	return 0;
}

/* ================================================================ open files */
struct file *file_alloc(struct vnode *v, unsigned flags, const struct file_ops *fops, void *priv)
{
	struct file *f = kzalloc(sizeof *f);
	if (!f)
		return NULL;
	f->refs = 1;
	f->flags = flags;
	f->v = vnode_get(v);
	f->fops = fops;
	f->priv = priv;
	return f;
}

struct file *file_get(struct file *f)
{
	f->refs++;
	return f;
}

void file_put(struct file *f)
{
	if (!f)
		return;
	if (f->refs <= 0)
		panic("file_put: open file %p has no references", (void *)f);
	if (--f->refs > 0)
		return;
	if (f->fops->release)
		f->fops->release(f);
	vnode_put(f->v);
	kfree(f);
}

bool file_readable(const struct file *f)
{
	return (f->flags & O_ACCMODE) == O_RDONLY || (f->flags & O_ACCMODE) == O_RDWR;
}

bool file_writable(const struct file *f)
{
	return (f->flags & O_ACCMODE) == O_WRONLY || (f->flags & O_ACCMODE) == O_RDWR;
}

long file_read(struct file *f, struct uio *u, const uint64_t *off)
{
	if (!file_readable(f))
		return -EBADF;
	if (!f->fops->read)
		return -EINVAL;
	if (off && !f->fops->seekable)
		return -ESPIPE;
	uint64_t pos = off ? *off : f->pos;
	long r = f->fops->read(f, u, &pos);
	if (!off)
		f->pos = pos;
	return r;
}

long file_write(struct file *f, struct uio *u, const uint64_t *off)
{
	if (!file_writable(f))
		return -EBADF;
	if (!f->fops->write)
		return -EINVAL;
	if (off && !f->fops->seekable)
		return -ESPIPE;
	uint64_t pos = off ? *off : f->pos;
	if ((f->flags & O_APPEND) && V_ISREG(f->v))
		pos = f->v->size;       /* Linux appends even for pwrite */
	long r = f->fops->write(f, u, &pos);
	if (!off)
		f->pos = pos;
	return r;
}

unsigned file_poll(struct file *f)
{
	if (f->fops->poll)
		return f->fops->poll(f);
	return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
}

void vfs_poll_wakeup(void)
{
	wakeup(&vfs_poll_chan);
}

static long reg_read(struct file *f, struct uio *u, uint64_t *pos)
{
	long r = f->v->ops->read(f->v, u, *pos);
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

static long reg_write(struct file *f, struct uio *u, uint64_t *pos)
{
	long r = f->v->ops->write(f->v, u, *pos);
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

static long dir_read(struct file *f, struct uio *u, uint64_t *pos)
{
	(void)f;
	(void)u;
	(void)pos;
	return -EISDIR;
}

static const struct file_ops reg_fops = { .read = reg_read, .write = reg_write, .seekable = true };
static const struct file_ops dir_fops = { .read = dir_read, .write = dir_read, .seekable = true };

int vfs_open_kernel(const char *path, int flags, struct file **out)
{
	return vfs_openat(NULL, path, flags, 0, out);
}

long file_read_at(struct file *f, void *kbuf, size_t n, uint64_t off)
{
	struct kiov one;
	struct uio u;
	uio_kernel(&u, &one, kbuf, n);
	return file_read(f, &u, &off);
}

uint64_t file_size(struct file *f)
{
	return f->v->size;
}

bool file_is_executable(struct file *f)
{
	return V_ISREG(f->v) && (f->v->mode & 0111);
}

/* ================================================================ boot */
static void mkdir_quiet(const char *path, unsigned mode)
{
	int err = vfs_mkdirat(root, path, mode);
	if (err && err != -EEXIST)
		printk("vfs: cannot make %s (error %d)\n", path, -err);
}

void vfs_init(const struct boot_info *bi)
{
	root = tmpfs_new(0755);
	if (!root)
		panic("vfs: no memory for the root file system");
	if (bi && bi->initrd_size) {
		long n = initramfs_unpack(root, phys_to_virt(bi->initrd_base), bi->initrd_size);
		if (n >= 0)
			printk("initramfs: %ld entries unpacked (%lu bytes)\n", n, (unsigned long)bi->initrd_size);
		else
			printk("initramfs: malformed archive: unpacking stopped (see above)\n");
	} else {
		printk("initramfs: none given: / is empty\n");
	}
	mkdir_quiet("/tmp", 01777);
	int err = devfs_populate(root);
	if (err)
		printk("vfs: cannot make /dev (error %d)\n", -err);
	tty_init();
}

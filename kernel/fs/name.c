/* The name operations with Linux's error rules: mkdir, mknod, symlink,
 * link, unlink/rmdir, rename, readlink, truncate, getcwd, mount. */
#include <vfs.h>
#include <vm.h>
#include <tty.h>
#include <proc.h>
#include <uaccess.h>
#include <mm.h>
#include <kernel.h>
#include <uapi.h>
#include <arch.h>
#include <bootinfo.h>
#include <string.h>
#include "path.h"
/* Make a new name of the given type (mkdir, mknod, symlink). */
static int create_node(struct vnode *base, const char *path, unsigned mode, uint32_t rdev,
		       const char *target)
{
	struct vnode *dir, *v;
	struct last last;
	int err = vfs_lookup_parent(base, path, &dir, &last);
	if (err)
		return err;
	if (last.type != LAST_NORM) {
		vnode_put(dir);
		return -EEXIST;
	}
	v = vfs_lookup_last(dir, &last, &err);
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
	if (vfs_readonly(dir)) {
		vnode_put(dir);
		return -EROFS;
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
	err = vfs_lookup_parent(nbase, npath, &dir, &last);
	if (err) {
		vnode_put(v);
		return err;
	}
	if (last.type != LAST_NORM) {
		err = -EEXIST;
		goto out;
	}
	exist = vfs_lookup_last(dir, &last, &err);
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
	if (vfs_readonly(dir)) {
		err = -EROFS;
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
	int err = vfs_lookup_parent(base, path, &dir, &last);
	if (err)
		return err;
	if (last.type != LAST_NORM) {
		vnode_put(dir);
		if (!rmdir)
			return -EISDIR;
		return last.type == LAST_DOT ? -EINVAL : last.type == LAST_DOTDOT ? -ENOTEMPTY : -EBUSY;
	}
	v = vfs_lookup_last(dir, &last, &err);
	if (!v) {
		vnode_put(dir);
		return err;
	}
	if (rmdir) {
		if (!V_ISDIR(v))
			err = -ENOTDIR;
		else if (v->mounted || v == vfs_root())
			err = -EBUSY;
	} else {
		if (V_ISDIR(v))
			err = -EISDIR;
		else if (last.trailing)
			err = -ENOTDIR;
	}
	if (!err && vfs_readonly(dir))
		err = -EROFS;
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
	int err = vfs_lookup_parent(obase, opath, &od, &ol);
	if (err)
		return err;
	err = vfs_lookup_parent(nbase, npath, &nd, &nl);
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
	ov = vfs_lookup_last(od, &ol, &err);
	if (!ov)
		goto out;
	nv = vfs_lookup_last(nd, &nl, &err);
	if (!nv && err != -ENOENT)
		goto out;
	err = 0;
	if (!V_ISDIR(ov) && (ol.trailing || nl.trailing)) {
		err = -ENOTDIR;
		goto out;
	}
	if (V_ISDIR(ov) && (ov == nd || vfs_is_ancestor(ov, nd))) {
		err = -EINVAL;
		goto out;
	}
	if (nv && V_ISDIR(nv) && (nv == od || vfs_is_ancestor(nv, od))) {
		err = -ENOTEMPTY;
		goto out;
	}
	if (ov == nv)
		goto out;
	if (ov->mounted || ov == vfs_root()) {
		err = -EBUSY;
		goto out;
	}
	if (nv) {
		if (V_ISDIR(ov)) {
			if (!V_ISDIR(nv))
				err = -ENOTDIR;
			else if (nv->mounted || nv == vfs_root())
				err = -EBUSY;
		} else if (V_ISDIR(nv)) {
			err = -EISDIR;
		}
		if (err)
			goto out;
	}
	if (vfs_readonly(od)) {
		err = -EROFS;
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
		size_t len = t ? strlen(t) : 0;   /* (a zombie's /proc/PID/exe names nothing) */
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
	if (vfs_readonly(v))
		return -EROFS;
	if (vm_file_busy(v))
		return -ETXTBSY;             /* a running program's file */
	int err = seal_check_resize(v, size);
	if (err)
		return err;
	vm_file_truncate(v, size);   /* mappings lose the pages first */
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
	while (cur != vfs_root()) {
		while (cur != vfs_root() && cur->covered) {
			struct vnode *c = vnode_get(cur->covered);
			vnode_put(cur);
			cur = c;
		}
		if (cur == vfs_root())
			break;
		struct vnode *up;
		err = vfs_step_up(cur, &up);
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

/* The absolute path of the file path names (relative to base), with the
 * symlinks of its last component followed and its directory written as
 * getcwd would: what /proc/PID/exe shows for a program run as
 * /proc/self/exe or through a link.  The length with the NUL, or -errno. */
long vfs_realpath(struct vnode *base, const char *path, char *buf, size_t size)
{
	char *cur = kmalloc(2 * PATH_MAX);
	if (!cur)
		return -ENOMEM;
	char *link = cur + PATH_MAX;
	size_t plen = strlen(path);
	long err = plen < PATH_MAX ? 0 : -ENAMETOOLONG;
	if (!err)
		memcpy(cur, path, plen + 1);
	for (int hops = 0; !err; hops++) {
		long n = vfs_readlinkat(base, cur, link, PATH_MAX - 1);
		if (n == -EINVAL)
			break;                  /* not a link: cur names the file */
		if (n < 0 || hops == MAXSYMLINKS) {
			err = n < 0 ? n : -ELOOP;
			break;
		}
		link[n] = 0;
		char *slash = strrchr(cur, '/');
		size_t keep = link[0] == '/' || !slash ? 0 : (size_t)(slash - cur) + 1;
		if (keep + (size_t)n >= PATH_MAX)
			err = -ENAMETOOLONG;
		else
			memcpy(cur + keep, link, (size_t)n + 1);   /* a relative target replaces the last name */
	}
	struct vnode *dir = NULL;
	struct last last;
	if (!err)
		err = vfs_lookup_parent(base, cur, &dir, &last);
	if (!err && last.type != LAST_NORM)
		err = -EINVAL;
	if (!err)
		err = vfs_getcwd(dir, buf, size);
	if (err > 0) {
		size_t at = (size_t)err - 1;             /* the directory's length */
		if (at == 1)
			at = 0;                          /* "/" */
		if (at + 1 + last.len + 1 > size) {
			err = -ENAMETOOLONG;
		} else {
			buf[at] = '/';
			memcpy(buf + at + 1, last.name, last.len);
			buf[at + 1 + last.len] = 0;
			err = (long)(at + last.len + 2);
		}
	}
	if (dir)
		vnode_put(dir);
	kfree(cur);
	return err;
}

int vfs_mount(const char *path, struct vnode *fsroot)
{
	struct vnode *v;
	int err = vfs_lookup(NULL, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &v);
	if (err)
		return err;
	if (v->mounted || v == vfs_root()) {
		vnode_put(v);
		return -EBUSY;
	}
	v->mounted = vnode_get(fsroot);
	fsroot->covered = v;            /* keeps the reference from the lookup */
	return 0;
}

/* Names and directories: getdents64, getcwd and chdir, mkdir, unlink,
 * rmdir, rename, link, symlink, readlink. */
#include "sys_fs.h"

struct dents_ctx {
	char *buf;
	size_t size, used;
};

static int dents_fill(void *c, const char *name, size_t len, uint64_t ino, unsigned dtype, uint64_t next)
{
	struct dents_ctx *d = c;
	size_t reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + len + 1, 8);
	if (d->used + reclen > d->size)
		return 1;
	struct linux_dirent64 *de = (struct linux_dirent64 *)(d->buf + d->used);
	memset(de, 0, reclen);
	de->d_ino = ino;
	de->d_off = (int64_t)next;
	de->d_reclen = (uint16_t)reclen;
	de->d_type = (uint8_t)dtype;
	memcpy(de->d_name, name, len);
	d->used += reclen;
	return 0;
}

long sys_getdents64(int fd, uintptr_t dirp, size_t count)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r;
	char *buf = NULL;
	if (!V_ISDIR(f->v) || !f->v->ops->readdir) {
		r = -ENOTDIR;
		goto out;
	}
	if (!user_range_ok(dirp, count ? count : 1)) {
		r = -EFAULT;
		goto out;
	}
	size_t size = MIN(count, (size_t)32768);
	buf = kmalloc(size ? size : 1);
	if (!buf) {
		r = -ENOMEM;
		goto out;
	}
	struct dents_ctx d = { .buf = buf, .size = size };
	uint64_t pos = f->pos;
	r = f->v->ops->readdir(f->v, &pos, dents_fill, &d);
	if (r)
		goto out;
	if (d.used == 0) {
		/* nothing fitted although entries remain? then the buffer is too small */
		struct dents_ctx probe = { .buf = NULL, .size = 0 };
		uint64_t p2 = pos;
		char one[ALIGN_UP(sizeof(struct linux_dirent64) + NAME_MAX + 1, 8)];
		probe.buf = one;
		probe.size = sizeof one;
		f->v->ops->readdir(f->v, &p2, dents_fill, &probe);
		r = probe.used ? -EINVAL : 0;
		goto out;
	}
	if (copy_to_user(dirp, buf, d.used)) {
		r = -EFAULT;
		goto out;
	}
	f->pos = pos;
	r = (long)d.used;
out:
	kfree(buf);
	file_put(f);
	return r;
}

long sys_getcwd(uintptr_t ubuf, size_t size)
{
	char *buf = kmalloc(PATH_MAX);
	if (!buf)
		return -ENOMEM;
	long r = vfs_getcwd(cwd(), buf, PATH_MAX);
	if (r > 0) {
		if ((size_t)r > size)
			r = -ERANGE;
		else if (copy_to_user(ubuf, buf, (size_t)r))
			r = -EFAULT;
	}
	kfree(buf);
	return r;
}

static long set_cwd(struct vnode *v)
{
	if (!current || !current->fs) {
		vnode_put(v);
		return -ESRCH;
	}
	/* CLONE_FS: every thread sharing the fs_struct moves (on SMP: under its lock) */
	struct vnode *old = current->fs->cwd;
	current->fs->cwd = v;
	if (old)
		vnode_put(old);
	return 0;
}

long sys_chdir(uintptr_t upath)
{
	char *path;
	struct vnode *v;
	int err = get_path(upath, &path);
	if (err)
		return err;
	err = vfs_lookup(NULL, path, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &v);
	kfree(path);
	if (err)
		return err;
	return set_cwd(v);
}

long sys_fchdir(int fd)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r = V_ISDIR(f->v) ? set_cwd(vnode_get(f->v)) : -ENOTDIR;
	file_put(f);
	return r;
}

long sys_mkdirat(int dirfd, uintptr_t upath, int mode)
{
	char *path;
	struct vnode *base;
	int err = path_at(dirfd, upath, &path, &base);
	if (err)
		return err;
	err = vfs_mkdirat(base, path, (unsigned)mode & 01777 & ~umask_now());
	path_done(path, base);
	return err;
}

long sys_mkdir(uintptr_t path, int mode)
{
	return sys_mkdirat(AT_FDCWD, path, mode);
}

long sys_unlinkat(int dirfd, uintptr_t upath, int flags)
{
	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	char *path;
	struct vnode *base;
	int err = path_at_reserved(dirfd, upath, &path, &base);
	if (err)
		return err;
	err = vfs_unlinkat(base, path, flags & AT_REMOVEDIR);
	path_done(path, base);
	return err;
}

long sys_unlink(uintptr_t path)
{
	return sys_unlinkat(AT_FDCWD, path, 0);
}

long sys_rmdir(uintptr_t path)
{
	return sys_unlinkat(AT_FDCWD, path, AT_REMOVEDIR);
}

long sys_renameat(int olddirfd, uintptr_t uold, int newdirfd, uintptr_t unew)
{
	char *op, *np;
	struct vnode *ob, *nb;
	int err = path_at(olddirfd, uold, &op, &ob);
	if (err)
		return err;
	err = path_at(newdirfd, unew, &np, &nb);
	if (err) {
		path_done(op, ob);
		return err;
	}
	err = vfs_renameat(ob, op, nb, np);
	path_done(op, ob);
	path_done(np, nb);
	return err;
}

long sys_rename(uintptr_t oldpath, uintptr_t newpath)
{
	return sys_renameat(AT_FDCWD, oldpath, AT_FDCWD, newpath);
}

long sys_linkat(int olddirfd, uintptr_t uold, int newdirfd, uintptr_t unew, int flags)
{
	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	char *op, *np;
	struct vnode *ob, *nb;
	int err = path_at(olddirfd, uold, &op, &ob);
	if (err)
		return err;
	err = path_at(newdirfd, unew, &np, &nb);
	if (err) {
		path_done(op, ob);
		return err;
	}
	err = vfs_linkat(ob, op, nb, np, flags & AT_SYMLINK_FOLLOW);
	path_done(op, ob);
	path_done(np, nb);
	return err;
}

long sys_link(uintptr_t oldpath, uintptr_t newpath)
{
	return sys_linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0);
}

long sys_symlinkat(uintptr_t utarget, int newdirfd, uintptr_t ulink)
{
	char *target, *path;
	struct vnode *base;
	int err = get_path(utarget, &target);
	if (err)
		return err;
	err = path_at(newdirfd, ulink, &path, &base);
	if (err) {
		kfree(target);
		return err;
	}
	err = vfs_symlinkat(target, base, path);
	path_done(path, base);
	kfree(target);
	return err;
}

long sys_symlink(uintptr_t target, uintptr_t linkpath)
{
	return sys_symlinkat(target, AT_FDCWD, linkpath);
}

long sys_readlinkat(int dirfd, uintptr_t upath, uintptr_t ubuf, size_t size)
{
	if ((int)size <= 0 || size > INT32_MAX)
		return -EINVAL;
	char *path;
	struct vnode *base;
	int err = path_at(dirfd, upath, &path, &base);
	if (err)
		return err;
	char *buf = kmalloc(PATH_MAX);
	long r = buf ? vfs_readlinkat(base, path, buf, MIN(size, (size_t)PATH_MAX)) : -ENOMEM;
	path_done(path, base);
	if (r > 0 && copy_to_user(ubuf, buf, (size_t)r))
		r = -EFAULT;
	kfree(buf);
	return r;
}

long sys_readlink(uintptr_t path, uintptr_t buf, size_t size)
{
	return sys_readlinkat(AT_FDCWD, path, buf, size);
}

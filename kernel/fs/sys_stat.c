/* Attributes: stat and its variants, chmod, utimensat, access. */
#include "sys_fs.h"

static int stat_out(struct vnode *v, uintptr_t ust)
{
	struct linux_stat st;
	vnode_stat(v, &st);
	return copy_to_user(ust, &st, sizeof st);
}

/* ================================================================ statx
 * The same facts as stat in the newer layout; every basic field is always
 * there, whatever the mask asked for (Linux may give more than asked). */
static void statx_time(struct linux_statx_timestamp *t, uint64_t ns)
{
	t->tv_sec = (int64_t)(ns / 1000000000u);
	t->tv_nsec = (uint32_t)(ns % 1000000000u);
}

static unsigned dev_major(uint32_t d) { return (d >> 8) & 0xfff; }
static unsigned dev_minor(uint32_t d) { return (d & 0xff) | ((d >> 12) & ~0xffu); }

long sys_statx(int dirfd, uintptr_t upath, int flags, unsigned mask, uintptr_t ubuf)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE || (mask & STATX__RESERVED))
		return -EINVAL;
	struct vnode *v;
	int err = lookup_at(dirfd, upath, !(flags & AT_SYMLINK_NOFOLLOW), flags & AT_EMPTY_PATH, &v);
	if (err)
		return err;
	struct linux_statx sx;
	memset(&sx, 0, sizeof sx);
	sx.stx_mask = STATX_BASIC_STATS;
	sx.stx_blksize = 4096;
	sx.stx_nlink = v->nlink;
	sx.stx_uid = v->uid;
	sx.stx_gid = v->gid;
	sx.stx_mode = (uint16_t)v->mode;
	sx.stx_ino = v->ino;
	sx.stx_size = v->size;
	sx.stx_blocks = V_ISREG(v) ? ALIGN_UP(v->size, 4096) / 512 : 0;
	statx_time(&sx.stx_atime, v->atime_ns);
	statx_time(&sx.stx_mtime, v->mtime_ns);
	statx_time(&sx.stx_ctime, v->ctime_ns);
	sx.stx_rdev_major = dev_major(v->rdev);
	sx.stx_rdev_minor = dev_minor(v->rdev);
	sx.stx_dev_major = dev_major(v->dev);
	sx.stx_dev_minor = dev_minor(v->dev);
	vnode_put(v);
	return copy_to_user(ubuf, &sx, sizeof sx) ? -EFAULT : 0;
}

long sys_fstat(int fd, uintptr_t st)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	int r = stat_out(f->v, st);
	file_put(f);
	return r;
}

long sys_newfstatat(int dirfd, uintptr_t upath, uintptr_t st, int flags)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	char *path;
	int err = get_path(upath, &path);
	if (err)
		return err;
	struct vnode *base, *v;
	if (!*path) {
		kfree(path);
		if (!(flags & AT_EMPTY_PATH))
			return -ENOENT;
		if (dirfd == AT_FDCWD)
			return stat_out(cwd(), st);
		return sys_fstat(dirfd, st);
	}
	err = at_base(dirfd, path, &base);
	if (err) {
		kfree(path);
		return err;
	}
	err = vfs_lookup(base, path, (flags & AT_SYMLINK_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &v);
	path_done(path, base);
	if (err)
		return err;
	err = stat_out(v, st);
	vnode_put(v);
	return err;
}

long sys_stat(uintptr_t path, uintptr_t st)
{
	return sys_newfstatat(AT_FDCWD, path, st, 0);
}

long sys_lstat(uintptr_t path, uintptr_t st)
{
	return sys_newfstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}

/* ================================================================ modes and times
 * tmpfs keeps a file's attributes in its vnode, so these change the vnode
 * itself (procfs files regenerate their text, not their attributes). */

/* The vnode a (dirfd, path) names; an empty path names dirfd itself when
 * empty_ok (futimens, fchmod through AT_EMPTY_PATH). */
int lookup_at(int dirfd, uintptr_t upath, bool follow, bool empty_ok, struct vnode **out)
{
	char *path;
	int err = get_path(upath, &path);
	if (err)
		return err;
	if (!*path) {
		kfree(path);
		if (!empty_ok)
			return -ENOENT;
		if (dirfd == AT_FDCWD) {
			*out = vnode_get(cwd());
			return 0;
		}
		struct file *f = getf(dirfd);
		if (!f)
			return -EBADF;
		*out = vnode_get(f->v);
		file_put(f);
		return 0;
	}
	struct vnode *base;
	err = at_base(dirfd, path, &base);
	if (err) {
		kfree(path);
		return err;
	}
	err = vfs_lookup(base, path, follow ? LOOKUP_FOLLOW : 0, out);
	path_done(path, base);
	return err;
}

static void set_mode(struct vnode *v, int mode)
{
	v->mode = (v->mode & S_IFMT) | ((unsigned)mode & 07777);
	v->ctime_ns = vfs_now_ns();
}

long sys_fchmodat(int dirfd, uintptr_t upath, int mode)
{
	struct vnode *v;
	int err = lookup_at(dirfd, upath, true, false, &v);
	if (err)
		return err;
	set_mode(v, mode);
	vnode_put(v);
	return 0;
}

long sys_chmod(uintptr_t path, int mode)
{
	return sys_fchmodat(AT_FDCWD, path, mode);
}

long sys_fchmod(int fd, int mode)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	set_mode(f->v, mode);
	file_put(f);
	return 0;
}

/* One of utimensat's times: -EINVAL if malformed, else 0 with *ns the new
 * time or *omit set. */
static int utime_value(const struct linux_timespec *t, uint64_t now, uint64_t *ns, bool *omit)
{
	*omit = false;
	if (t->tv_nsec == UTIME_NOW) {
		*ns = now;
		return 0;
	}
	if (t->tv_nsec == UTIME_OMIT) {
		*omit = true;
		return 0;
	}
	/* times before 1970 are refused: the vnode keeps unsigned nanoseconds */
	if (t->tv_nsec < 0 || t->tv_nsec >= 1000000000 || t->tv_sec < 0 ||
	    t->tv_sec > (int64_t)(UINT64_MAX / 1000000000u) - 1)
		return -EINVAL;
	*ns = (uint64_t)t->tv_sec * 1000000000u + (uint64_t)t->tv_nsec;
	return 0;
}

long sys_utimensat(int dirfd, uintptr_t upath, uintptr_t utimes, int flags)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	struct linux_timespec ts[2] = { { 0, UTIME_NOW }, { 0, UTIME_NOW } };
	if (utimes && copy_from_user(ts, utimes, sizeof ts) < 0)
		return -EFAULT;
	uint64_t now = vfs_now_ns(), at = 0, mt = 0;
	bool omit_a, omit_m;
	if (utime_value(&ts[0], now, &at, &omit_a) < 0 || utime_value(&ts[1], now, &mt, &omit_m) < 0)
		return -EINVAL;
	struct vnode *v;
	int err;
	if (!upath) {
		/* futimens: glibc passes a NULL path with the descriptor */
		struct file *f = getf(dirfd);
		if (!f)
			return -EBADF;
		v = vnode_get(f->v);
		file_put(f);
	} else {
		err = lookup_at(dirfd, upath, !(flags & AT_SYMLINK_NOFOLLOW), flags & AT_EMPTY_PATH, &v);
		if (err)
			return err;
	}
	if (!omit_a)
		v->atime_ns = at;
	if (!omit_m)
		v->mtime_ns = mt;
	if (!omit_a || !omit_m)
		v->ctime_ns = now;
	vnode_put(v);
	return 0;
}

/* faccessat2 takes flags: AT_EACCESS (the same answer for root, whose real
 * and effective ids are one), AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH. */
long sys_faccessat2(int dirfd, uintptr_t upath, int mode, int flags)
{
	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	struct vnode *v;
	int err = lookup_at(dirfd, upath, !(flags & AT_SYMLINK_NOFOLLOW), flags & AT_EMPTY_PATH, &v);
	if (err)
		return err;
	/* uid 0: reading and writing are always allowed; executing needs an
	 * x bit somewhere (directories can always be searched). */
	if ((mode & X_OK) && !V_ISDIR(v) && !(v->mode & 0111))
		err = -EACCES;
	vnode_put(v);
	return err;
}

long sys_faccessat(int dirfd, uintptr_t upath, int mode)
{
	return sys_faccessat2(dirfd, upath, mode, 0);
}

long sys_access(uintptr_t path, int mode)
{
	return sys_faccessat(AT_FDCWD, path, mode);
}

/* ================================================================ statfs */
static long statfs_out(struct vnode *v, uintptr_t ubuf)
{
	if (!v->ops->statfs)
		return -ENOSYS;     /* pipes: no file system of their own to report */
	struct linux_statfs st;
	memset(&st, 0, sizeof st);
	int err = v->ops->statfs(v, &st);
	if (!err && copy_to_user(ubuf, &st, sizeof st))
		err = -EFAULT;
	return err;
}

long sys_statfs(uintptr_t upath, uintptr_t buf)
{
	struct vnode *v;
	int err = lookup_at(AT_FDCWD, upath, true, false, &v);
	if (err)
		return err;
	long r = statfs_out(v, buf);
	vnode_put(v);
	return r;
}

long sys_fstatfs(int fd, uintptr_t buf)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r = statfs_out(f->v, buf);
	file_put(f);
	return r;
}

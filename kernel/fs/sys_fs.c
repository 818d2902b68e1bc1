/* The file system calls (see kernel/syscalls.tbl for the signatures).
 *
 * Every user pointer goes through <uaccess.h>; paths are copied in whole
 * (at most PATH_MAX bytes with the NUL) before anything is looked at, and
 * results are copied out before anything is committed where that matters
 * (pipe2, getdents64), so a bad pointer gives -EFAULT and changes nothing.
 * Error numbers and their precedence follow Linux. */
#include <vfs.h>
#include <tty.h>
#include <proc.h>
#include <uaccess.h>
#include <mm.h>
#include <kernel.h>
#include <uapi.h>
#include <arch.h>
#include <string.h>
#include <syscalls_gen.h>

#define MAX_RW_COUNT 0x7ffff000UL      /* Linux caps one transfer at INT_MAX & PAGE_MASK */
#define UIO_MAXIOV 1024
#define AT_SYMLINK_FOLLOW 0x400
#define AT_NO_AUTOMOUNT 0x800
#define R_OK 4
#define W_OK 2
#define X_OK 1
#define F_OK 0
#define FIONBIO 0x5421
#define FIONCLEX 0x5450
#define FIOCLEX 0x5451
#define SEEK_DATA 3
#define SEEK_HOLE 4
#define SIGBIT(s) (1ULL << ((s) - 1))

struct linux_pollfd {
	int32_t fd;
	int16_t events;
	int16_t revents;
};

static struct fdtable *fdt(void)
{
	return current ? current->files : NULL;
}

static struct file *getf(int fd)
{
	return fd_get(fdt(), fd);
}

/* Copy a user path into a new PATH_MAX buffer.  0, -EFAULT, -ENAMETOOLONG
 * or -ENOMEM; *out is then kfree'd by the caller. */
static int get_path(uintptr_t upath, char **out)
{
	char *p = kmalloc(PATH_MAX);
	if (!p)
		return -ENOMEM;
	long n = strncpy_from_user(p, upath, PATH_MAX);
	if (n < 0) {
		kfree(p);
		return (int)n;
	}
	*out = p;
	return 0;
}

static struct vnode *cwd(void)
{
	return current && current->cwd ? current->cwd : vfs_root();
}

/* The directory a *at() call's relative path starts from (referenced). */
static int at_base(int dirfd, const char *path, struct vnode **base)
{
	if (path[0] == '/' || dirfd == AT_FDCWD) {
		*base = vnode_get(cwd());
		return 0;
	}
	struct file *f = getf(dirfd);
	if (!f)
		return -EBADF;
	int err = 0;
	if (!V_ISDIR(f->v))
		err = -ENOTDIR;
	else
		*base = vnode_get(f->v);
	file_put(f);
	return err;
}

/* Path in, base resolved: the common start of the *at() calls. */
static int path_at(int dirfd, uintptr_t upath, char **path, struct vnode **base)
{
	int err = get_path(upath, path);
	if (err)
		return err;
	if (!**path) {
		kfree(*path);
		return -ENOENT;
	}
	err = at_base(dirfd, *path, base);
	if (err)
		kfree(*path);
	return err;
}

static void path_done(char *path, struct vnode *base)
{
	kfree(path);
	vnode_put(base);
}

static unsigned umask_now(void)
{
	return current ? current->umask : 022;
}

/* ================================================================ read and write */
static long do_rw(int fd, uintptr_t buf, size_t count, const uint64_t *off, bool write)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r;
	if (write ? !file_writable(f) : !file_readable(f)) {
		r = -EBADF;
	} else {
		count = MIN(count, MAX_RW_COUNT);
		if (count && !user_range_ok(buf, count)) {
			r = -EFAULT;
		} else {
			struct kiov one;
			struct uio u;
			uio_user(&u, &one, buf, count);
			r = write ? file_write(f, &u, off) : file_read(f, &u, off);
		}
	}
	file_put(f);
	return r;
}

long sys_read(int fd, uintptr_t buf, size_t count)
{
	return do_rw(fd, buf, count, NULL, false);
}

long sys_write(int fd, uintptr_t buf, size_t count)
{
	return do_rw(fd, buf, count, NULL, true);
}

long sys_pread64(int fd, uintptr_t buf, size_t count, long off)
{
	if (off < 0)
		return -EINVAL;
	uint64_t o = (uint64_t)off;
	return do_rw(fd, buf, count, &o, false);
}

long sys_pwrite64(int fd, uintptr_t buf, size_t count, long off)
{
	if (off < 0)
		return -EINVAL;
	uint64_t o = (uint64_t)off;
	return do_rw(fd, buf, count, &o, true);
}

static long do_rwv(int fd, uintptr_t uiov, int iovcnt, bool write)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r = 0;
	struct kiov *kv = NULL;
	if (write ? !file_writable(f) : !file_readable(f)) {
		r = -EBADF;
		goto out;
	}
	if (iovcnt < 0 || iovcnt > UIO_MAXIOV) {
		r = -EINVAL;
		goto out;
	}
	if (iovcnt == 0)
		goto out;
	struct linux_iovec *uv = kmalloc(sizeof *uv * (size_t)iovcnt);
	kv = kmalloc(sizeof *kv * (size_t)iovcnt);
	if (!uv || !kv) {
		kfree(uv);
		r = -ENOMEM;
		goto out;
	}
	if (copy_from_user(uv, uiov, sizeof *uv * (size_t)iovcnt)) {
		kfree(uv);
		r = -EFAULT;
		goto out;
	}
	size_t total = 0;
	for (int i = 0; i < iovcnt; i++) {
		if (uv[i].iov_len > (uint64_t)INT64_MAX - total) {
			r = -EINVAL;
			break;
		}
		size_t len = (size_t)uv[i].iov_len;
		if (len > MAX_RW_COUNT - total)
			len = MAX_RW_COUNT - total;
		if (len && !user_range_ok((uintptr_t)uv[i].iov_base, len)) {
			r = -EFAULT;
			break;
		}
		kv[i].base = (uintptr_t)uv[i].iov_base;
		kv[i].len = len;
		total += len;
	}
	kfree(uv);
	if (r)
		goto out;
	struct uio u;
	uio_init(&u, true, kv, iovcnt, total);
	r = write ? file_write(f, &u, NULL) : file_read(f, &u, NULL);
out:
	kfree(kv);
	file_put(f);
	return r;
}

long sys_readv(int fd, uintptr_t iov, int iovcnt)
{
	return do_rwv(fd, iov, iovcnt, false);
}

long sys_writev(int fd, uintptr_t iov, int iovcnt)
{
	return do_rwv(fd, iov, iovcnt, true);
}

long sys_lseek(int fd, long off, int whence)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r;
	int64_t base;
	if (!f->fops->seekable) {
		r = -ESPIPE;
		goto out;
	}
	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (int64_t)f->pos;
		break;
	case SEEK_END:
		if (V_ISDIR(f->v)) {
			r = -EINVAL;
			goto out;
		}
		base = (int64_t)f->v->size;
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (!V_ISREG(f->v)) {
			r = -EINVAL;
			goto out;
		}
		if (off < 0 || (uint64_t)off >= f->v->size) {
			r = -ENXIO;
			goto out;
		}
		r = whence == SEEK_DATA ? off : (long)f->v->size;
		f->pos = (uint64_t)r;
		goto out;
	default:
		r = -EINVAL;
		goto out;
	}
	int64_t n;
	if (__builtin_add_overflow(base, (int64_t)off, &n) || n < 0) {
		r = -EINVAL;
		goto out;
	}
	f->pos = (uint64_t)n;
	r = n;
out:
	file_put(f);
	return r;
}

/* ================================================================ open and close */
long sys_openat(int dirfd, uintptr_t upath, int flags, int mode)
{
	char *path;
	struct vnode *base;
	int err = path_at(dirfd, upath, &path, &base);
	if (err)
		return err;
	struct file *f;
	unsigned m = (flags & O_CREAT) ? ((unsigned)mode & 07777 & ~umask_now()) : 0;
	err = vfs_openat(base, path, flags, m, &f);
	path_done(path, base);
	if (err)
		return err;
	int fd = fd_install(fdt(), f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_open(uintptr_t path, int flags, int mode)
{
	return sys_openat(AT_FDCWD, path, flags, mode);
}

long sys_close(int fd)
{
	return fd_close(fdt(), fd);
}

long sys_dup(int fd)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	int n = fd_install(fdt(), f, 0, false);
	if (n < 0)
		file_put(f);
	return n;
}

long sys_dup2(int oldfd, int newfd)
{
	struct file *f = getf(oldfd);
	if (!f)
		return -EBADF;
	file_put(f);
	if (oldfd == newfd)
		return newfd;
	return fd_dup2(fdt(), oldfd, newfd, false);
}

long sys_dup3(int oldfd, int newfd, int flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	return fd_dup2(fdt(), oldfd, newfd, flags & O_CLOEXEC);
}

long sys_pipe2(uintptr_t ufds, int flags)
{
	if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT))
		return -EINVAL;
	if (!user_range_ok(ufds, 2 * sizeof(int)))
		return -EFAULT;
	struct file *r, *w;
	int err = pipe_create((unsigned)flags, &r, &w);
	if (err)
		return err;
	bool ce = flags & O_CLOEXEC;
	int fds[2];
	fds[0] = fd_install(fdt(), r, 0, ce);
	if (fds[0] < 0) {
		file_put(r);
		file_put(w);
		return fds[0];
	}
	fds[1] = fd_install(fdt(), w, 0, ce);
	if (fds[1] < 0) {
		fd_close(fdt(), fds[0]);
		file_put(w);
		return fds[1];
	}
	if (copy_to_user(ufds, fds, sizeof fds)) {
		fd_close(fdt(), fds[0]);
		fd_close(fdt(), fds[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_pipe(uintptr_t fds)
{
	return sys_pipe2(fds, 0);
}

long sys_fcntl(int fd, int cmd, unsigned long arg)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r;
	const unsigned settable = O_APPEND | O_NONBLOCK;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		if (arg >= FDTABLE_SIZE) {
			r = -EINVAL;
			break;
		}
		r = fd_install(fdt(), file_get(f), (int)arg, cmd == F_DUPFD_CLOEXEC);
		if (r < 0)
			file_put(f);
		break;
	case F_GETFD:
		r = fd_get_cloexec(fdt(), fd);
		break;
	case F_SETFD:
		r = fd_set_cloexec(fdt(), fd, arg & FD_CLOEXEC);
		break;
	case F_GETFL:
		r = f->flags;
		break;
	case F_SETFL:
		f->flags = (f->flags & ~settable) | ((unsigned)arg & settable);
		r = 0;
		break;
	default:
		r = -EINVAL;
		break;
	}
	file_put(f);
	return r;
}

long sys_ftruncate(int fd, long length)
{
	if (length < 0)
		return -EINVAL;
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r;
	if (!V_ISREG(f->v) || !file_writable(f))
		r = -EINVAL;
	else
		r = vfs_truncate(f->v, (uint64_t)length);
	file_put(f);
	return r;
}

/* ================================================================ stat */
static int stat_out(struct vnode *v, uintptr_t ust)
{
	struct linux_stat st;
	vnode_stat(v, &st);
	return copy_to_user(ust, &st, sizeof st);
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
#define UTIME_NOW  ((1L << 30) - 1)
#define UTIME_OMIT ((1L << 30) - 2)

/* The vnode a (dirfd, path) names; an empty path names dirfd itself when
 * empty_ok (futimens, fchmod through AT_EMPTY_PATH). */
static int lookup_at(int dirfd, uintptr_t upath, bool follow, bool empty_ok, struct vnode **out)
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

/* ================================================================ directories */
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
	if (!current) {
		vnode_put(v);
		return -ESRCH;
	}
	struct vnode *old = current->cwd;
	current->cwd = v;
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
	int err = path_at(dirfd, upath, &path, &base);
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

long sys_faccessat(int dirfd, uintptr_t upath, int mode)
{
	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	char *path;
	struct vnode *base, *v;
	int err = path_at(dirfd, upath, &path, &base);
	if (err)
		return err;
	err = vfs_lookup(base, path, LOOKUP_FOLLOW, &v);
	path_done(path, base);
	if (err)
		return err;
	/* uid 0: reading and writing are always allowed; executing needs an
	 * x bit somewhere (directories can always be searched). */
	if ((mode & X_OK) && !V_ISDIR(v) && !(v->mode & 0111))
		err = -EACCES;
	vnode_put(v);
	return err;
}

long sys_access(uintptr_t path, int mode)
{
	return sys_faccessat(AT_FDCWD, path, mode);
}

/* ================================================================ ioctl, poll */
long sys_ioctl(int fd, unsigned long cmd, uintptr_t arg)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r;
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		r = fd_set_cloexec(fdt(), fd, cmd == FIOCLEX);
		break;
	case FIONBIO: {
		int on;
		r = copy_from_user(&on, arg, sizeof on);
		if (!r) {
			if (on)
				f->flags |= O_NONBLOCK;
			else
				f->flags &= ~(unsigned)O_NONBLOCK;
		}
		break;
	}
	default:
		if (f->fops->ioctl) {
			r = f->fops->ioctl(f, cmd, arg);
		} else if (cmd == FIONREAD && V_ISREG(f->v)) {
			int n = f->pos < f->v->size ? (int)MIN(f->v->size - f->pos, (uint64_t)INT32_MAX) : 0;
			r = copy_to_user(arg, &n, sizeof n);
		} else {
			r = -ENOTTY;
		}
		break;
	}
	file_put(f);
	return r;
}

/* One pass over the descriptors: how many are ready. */
static int poll_scan(struct linux_pollfd *pf, unsigned long n)
{
	int ready = 0;
	for (unsigned long i = 0; i < n; i++) {
		pf[i].revents = 0;
		if (pf[i].fd < 0)
			continue;
		struct file *f = getf(pf[i].fd);
		unsigned m;
		if (!f) {
			m = POLLNVAL;
		} else {
			m = file_poll(f) & ((unsigned)(uint16_t)pf[i].events | POLLERR | POLLHUP);
			file_put(f);
		}
		pf[i].revents = (int16_t)m;
		if (m)
			ready++;
	}
	return ready;
}

long sys_ppoll(uintptr_t ufds, unsigned long nfds, uintptr_t utmo, uintptr_t usigmask, size_t sigsetsize)
{
	if (nfds > FDTABLE_SIZE)
		return -EINVAL;
	struct linux_timespec ts;
	uint64_t deadline = 0;
	bool forever = !utmo, immediate = false;
	if (utmo) {
		if (copy_from_user(&ts, utmo, sizeof ts))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		if (ts.tv_sec == 0 && ts.tv_nsec == 0)
			immediate = true;
		else if ((uint64_t)ts.tv_sec > 100000000ULL)   /* ~3 years: treat as forever */
			forever = true;
		else
			deadline = arch_clock_ns() + (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
	}
	uint64_t newmask = 0;
	if (usigmask) {
		if (sigsetsize != sizeof(uint64_t))
			return -EINVAL;
		if (copy_from_user(&newmask, usigmask, sizeof newmask))
			return -EFAULT;
	}
	size_t bytes = sizeof(struct linux_pollfd) * nfds;
	struct linux_pollfd *pf = kmalloc(bytes ? bytes : 1);
	if (!pf)
		return -ENOMEM;
	if (copy_from_user(pf, ufds, bytes)) {
		kfree(pf);
		return -EFAULT;
	}
	uint64_t oldmask = 0;
	if (usigmask && current) {
		oldmask = current->sig_blocked;
		current->sig_blocked = newmask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
	}
	long r;
	for (;;) {
		r = poll_scan(pf, nfds);
		if (r > 0 || immediate)
			break;
		if (!forever && arch_clock_ns() >= deadline)
			break;
		int err = forever ? sleep_on(&vfs_poll_chan, true)
				  : sleep_until(&vfs_poll_chan, deadline, true);
		if (err) {
			r = -EINTR;
			break;
		}
	}
	if (usigmask && current) {
		if (r == -EINTR) {
			/* the handler runs with the poll mask, then the old one returns */
			current->saved_mask = oldmask;
			current->restore_saved_mask = true;
		} else {
			current->sig_blocked = oldmask;
		}
	}
	if (r >= 0 && copy_to_user(ufds, pf, bytes))
		r = -EFAULT;
	if (utmo && !forever && !immediate && r != -EFAULT) {
		uint64_t now = arch_clock_ns(), left = deadline > now ? deadline - now : 0;
		struct linux_timespec rem = { (int64_t)(left / 1000000000ULL), (int64_t)(left % 1000000000ULL) };
		(void)copy_to_user(utmo, &rem, sizeof rem);   /* as Linux: a failure here is not reported */
	}
	kfree(pf);
	return r;
}

/* Descriptors: open, close, dup, pipe, fcntl, ftruncate. */
#include "sys_fs.h"

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

/* creat(2), x86-64's old name for open(O_CREAT | O_WRONLY | O_TRUNC):
 * busybox's ed writes files with it. */
long sys_creat(uintptr_t path, int mode)
{
	return sys_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode);
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
		if (arg >= FDTABLE_SIZE || arg >= rlimit_cur(RLIMIT_NOFILE)) {
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
	case F_ADD_SEALS:
	case F_GET_SEALS:
		r = memfd_fcntl(f, cmd, arg);
		break;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		r = lock_fcntl(f, cmd, (uintptr_t)arg);
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

/* fallocate: make [offset, offset + len) part of the file.  Files hold
 * their pages as they are written (tmpfs) or the file system allocates at
 * write time (FAT), so what is left to do is the size: mode 0 extends the
 * file to cover the range (reading as zeros), FALLOC_FL_KEEP_SIZE changes
 * nothing.  Errors as Linux gives them. */
long sys_fallocate(int fd, int mode, long offset, long len)
{
	if (offset < 0 || len <= 0)
		return -EINVAL;
	if (mode & ~FALLOC_FL_KEEP_SIZE)
		return -EOPNOTSUPP;
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r = 0;
	uint64_t end = (uint64_t)offset + (uint64_t)len;
	if (!file_writable(f))
		r = -EBADF;
	else if (V_ISDIR(f->v))
		r = -EISDIR;
	else if (V_ISFIFO(f->v))
		r = -ESPIPE;
	else if (!V_ISREG(f->v))
		r = -ENODEV;
	else if (end >> 63)                     /* past loff_t */
		r = -EFBIG;
	else if (!(mode & FALLOC_FL_KEEP_SIZE) && end > f->v->size)
		r = vfs_truncate(f->v, end);
	file_put(f);
	return r;
}

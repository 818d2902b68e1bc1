/* The file system calls (see kernel/syscalls.tbl for the signatures), by
 * topic: sys_rw.c read and write, sys_open.c descriptors, sys_stat.c
 * attributes, sys_dir.c names and directories, sys_poll.c ioctl and poll;
 * this file holds the steps they share (sys_fs.h).
 *
 * Every user pointer goes through <uaccess.h>; paths are copied in whole
 * (at most PATH_MAX bytes with the NUL) before anything is looked at, and
 * results are copied out before anything is committed where that matters
 * (pipe2, getdents64), so a bad pointer gives -EFAULT and changes nothing.
 * Error numbers and their precedence follow Linux. */
#include "sys_fs.h"

/* One path buffer kept back for unlink and rmdir, the calls that give
 * memory back: when the heap cannot supply PATH_MAX bytes (two contiguous
 * pages) they must still work, or nothing could empty a full tmpfs.  One is
 * enough: one system call runs at a time, and an unlink never sleeps while
 * it holds the buffer.  Stack space is the alternative, but 4 KiB of a
 * kernel stack for the whole path walk is too much. */
static char reserve_buf[PATH_MAX];
static bool reserve_busy;

static int copy_path(uintptr_t upath, bool reserve, char **out)
{
	char *p = kmalloc(PATH_MAX);
	if (!p && reserve && !reserve_busy) {
		p = reserve_buf;
		reserve_busy = true;
	}
	if (!p)
		return -ENOMEM;
	long n = strncpy_from_user(p, upath, PATH_MAX);
	if (n < 0) {
		put_path(p);
		return (int)n;
	}
	*out = p;
	return 0;
}

/* Copy a user path into a new PATH_MAX buffer.  0, -EFAULT, -ENAMETOOLONG
 * or -ENOMEM; *out is then kfree'd by the caller. */
int get_path(uintptr_t upath, char **out)
{
	return copy_path(upath, false, out);
}

void put_path(char *path)
{
	if (path == reserve_buf)
		reserve_busy = false;
	else
		kfree(path);
}

/* The directory a *at() call's relative path starts from (referenced). */
int at_base(int dirfd, const char *path, struct vnode **base)
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

/* Path in, base resolved: the common start of the *at() calls.  reserve:
 * the call frees memory and may take the reserved path buffer. */
static int path_at_(int dirfd, uintptr_t upath, bool reserve, char **path, struct vnode **base)
{
	int err = copy_path(upath, reserve, path);
	if (err)
		return err;
	if (!**path) {
		put_path(*path);
		return -ENOENT;
	}
	err = at_base(dirfd, *path, base);
	if (err)
		put_path(*path);
	return err;
}

int path_at(int dirfd, uintptr_t upath, char **path, struct vnode **base)
{
	return path_at_(dirfd, upath, false, path, base);
}

int path_at_reserved(int dirfd, uintptr_t upath, char **path, struct vnode **base)
{
	return path_at_(dirfd, upath, true, path, base);
}

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

/* Copy a user path into a new PATH_MAX buffer.  0, -EFAULT, -ENAMETOOLONG
 * or -ENOMEM; *out is then kfree'd by the caller. */
int get_path(uintptr_t upath, char **out)
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

/* Path in, base resolved: the common start of the *at() calls. */
int path_at(int dirfd, uintptr_t upath, char **path, struct vnode **base)
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

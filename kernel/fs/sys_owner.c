/* Owners and special files: chown, fchown, lchown, fchownat; mknod and
 * mknodat (named pipes, device nodes, plain files).
 *
 * A file system keeps owners if its vnode_ops say so (owners: tmpfs, so
 * the root, /tmp and /dev); the others (FAT, /proc) have one fixed owner
 * and answer EPERM to a change, as Linux's vfat does without its uid=/gid=
 * options; naming the owner they already have succeeds.  Only root (euid
 * 0) may give a file away; its owner may move it to one of its own groups.
 * Every process is root until credentials exist. */
#include "sys_fs.h"

/* -1 (as unsigned) leaves that id unchanged. */
#define KEEP_ID 0xffffffffu

static bool in_my_groups(uint32_t gid)
{
	return gid == (uint32_t)sys_getegid();
}

static int chown_vnode(struct vnode *v, uint32_t uid, uint32_t gid)
{
	bool root = sys_geteuid() == 0;
	bool uid_change = uid != KEEP_ID && uid != v->uid;
	bool gid_change = gid != KEEP_ID && gid != v->gid;
	if (vfs_readonly(v))
		return -EROFS;
	if (!v->ops->owners)
		return uid_change || gid_change ? -EPERM : 0;
	if (!root && (uid_change || (gid_change && (v->uid != (uint32_t)sys_geteuid() ||
						      !in_my_groups(gid)))))
		return -EPERM;
	if (uid != KEEP_ID)
		v->uid = uid;
	if (gid != KEEP_ID)
		v->gid = gid;
	/* a new owner must not inherit set-id powers (Linux, for root too) */
	if ((uid != KEEP_ID || gid != KEEP_ID) && !V_ISDIR(v)) {
		v->mode &= ~(unsigned)S_ISUID;
		if (v->mode & S_IXGRP)
			v->mode &= ~(unsigned)S_ISGID;
	}
	v->ctime_ns = vfs_now_ns();
	return 0;
}

long sys_fchownat(int dirfd, uintptr_t upath, unsigned uid, unsigned gid, int flags)
{
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	struct vnode *v;
	int err = lookup_at(dirfd, upath, !(flags & AT_SYMLINK_NOFOLLOW), flags & AT_EMPTY_PATH, &v);
	if (err)
		return err;
	err = chown_vnode(v, uid, gid);
	vnode_put(v);
	return err;
}

long sys_chown(uintptr_t path, unsigned uid, unsigned gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, 0);
}

long sys_lchown(uintptr_t path, unsigned uid, unsigned gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(int fd, unsigned uid, unsigned gid)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	int err = chown_vnode(f->v, uid, gid);
	file_put(f);
	return err;
}

/* Regular files, FIFOs and sockets for anyone; device nodes for root (the
 * number is Linux's dev_t encoding, which MKDEV shares); directories never
 * (mkdir makes them). */
long sys_mknodat(int dirfd, uintptr_t upath, int mode, unsigned dev)
{
	unsigned type = (unsigned)mode & S_IFMT;
	switch (type) {
	case 0:
		type = S_IFREG;
		break;
	case S_IFREG: case S_IFIFO: case S_IFSOCK:
		break;
	case S_IFCHR: case S_IFBLK:
		if (sys_geteuid() != 0)
			return -EPERM;
		break;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
	char *path;
	struct vnode *base;
	int err = path_at(dirfd, upath, &path, &base);
	if (err)
		return err;
	unsigned perm = (unsigned)mode & 07777 & ~umask_now();
	err = vfs_mknodat(base, path, type | perm, type == S_IFCHR || type == S_IFBLK ? dev : 0);
	path_done(path, base);
	return err;
}

long sys_mknod(uintptr_t path, int mode, unsigned dev)
{
	return sys_mknodat(AT_FDCWD, path, mode, dev);
}

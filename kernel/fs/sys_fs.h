/* What the file system calls (sys_*.c in this folder) share: the ABI
 * limits they keep, and the steps every call starts with
 * (descriptor to file, user path to kernel buffer, dirfd to base vnode).
 * Private to kernel/fs. */
#ifndef RINGEL_FS_SYS_FS_H
#define RINGEL_FS_SYS_FS_H
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
#define SIGBIT(s) (1ULL << ((s) - 1))

static inline struct fdtable *fdt(void)
{
	return current ? current->files : NULL;
}

static inline struct file *getf(int fd)
{
	return fd_get(fdt(), fd);
}

static inline struct vnode *cwd(void)
{
	return current && current->fs && current->fs->cwd ? current->fs->cwd : vfs_root();
}

void put_path(char *path);

static inline void path_done(char *path, struct vnode *base)
{
	put_path(path);
	vnode_put(base);
}

static inline unsigned umask_now(void)
{
	return current && current->fs ? current->fs->umask : 022;
}

/* Copy a user path into a new PATH_MAX buffer (kfree'd by the caller). */
int get_path(uintptr_t upath, char **out);
/* The directory a *at() call's relative path starts from (referenced). */
int at_base(int dirfd, const char *path, struct vnode **base);
/* Path in, base resolved: the common start of the *at() calls. */
int path_at(int dirfd, uintptr_t upath, char **path, struct vnode **base);
/* The same for unlink and rmdir: when the heap is exhausted the path goes
 * in a buffer kept for them (freed by path_done or put_path). */
int path_at_reserved(int dirfd, uintptr_t upath, char **path, struct vnode **base);
/* The vnode a (dirfd, path) names; an empty path names dirfd itself when
 * empty_ok (futimens, fchmod through AT_EMPTY_PATH). */
int lookup_at(int dirfd, uintptr_t upath, bool follow, bool empty_ok, struct vnode **out);
#endif

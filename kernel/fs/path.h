/* Path resolution inside the VFS: what the name operations (name.c) and
 * open (file.c) share with the path walker (path.c).  Not for the rest of
 * the kernel, which calls the vfs_*at() functions of <vfs.h>. */
#ifndef RINGEL_FS_PATH_H
#define RINGEL_FS_PATH_H
#include <vfs.h>

/* The last component of a path, as the walker left it. */
enum { LAST_NORM, LAST_DOT, LAST_DOTDOT, LAST_ROOT };
struct last {
	const char *name;
	size_t len;
	int type;
	bool trailing;          /* slashes after the last component */
};

/* Walk to the directory holding the last component of path. */
int vfs_lookup_parent(struct vnode *base, const char *path, struct vnode **dir, struct last *last);
/* The parent of directory cur, crossing back over mount points. */
int vfs_step_up(struct vnode *cur, struct vnode **out);
/* The entry named by last in dir (no symlink following), or NULL with *err set. */
struct vnode *vfs_lookup_last(struct vnode *dir, const struct last *last, int *err);
/* Is directory a an ancestor of (or equal to) d, within d's file system? */
bool vfs_is_ancestor(struct vnode *a, struct vnode *d);
/* The O_CREAT half of open (see path.c). */
int vfs_open_create(struct vnode *base, const char *path, int *flags, unsigned mode,
		    struct vnode **out);
#endif

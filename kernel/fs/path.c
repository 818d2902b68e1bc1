/* Path resolution: the walk from a start directory through mount points
 * and symlinks to a vnode or to the parent of the last component, and the
 * O_CREAT half of open. */
#include <vfs.h>
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
static struct vnode *start_dir(struct vnode *base)
{
	if (base)
		return base;
	if (current && current->fs && current->fs->cwd)
		return current->fs->cwd;
	return vfs_root();
}

/* The parent of directory v, crossing back over mount points. */
int vfs_step_up(struct vnode *cur, struct vnode **out)
{
	while (cur != vfs_root() && cur->covered)
		cur = cur->covered;
	if (cur == vfs_root()) {
		*out = vnode_get(vfs_root());
		return 0;
	}
	return cur->ops->lookup(cur, "..", 2, out);
}

static struct vnode *cross_mounts(struct vnode *v)
{
	while (v->mounted) {
		struct vnode *m = vnode_get(v->mounted);
		vnode_put(v);
		v = m;
	}
	return v;
}

static int walk(struct vnode *start, const char *path, unsigned flags, bool parent_only,
		int *nlinks, struct vnode **out, struct last *last);

/* Follow symlink v (found in dir) to what it names. */
static int follow_link(struct vnode *dir, struct vnode *v, int *nlinks, struct vnode **out)
{
	if (++*nlinks > MAXSYMLINKS)
		return -ELOOP;
	if (v->ops->follow_link)
		return v->ops->follow_link(v, out);
	const char *target = v->ops->get_link ? v->ops->get_link(v) : NULL;
	if (!target || !*target)
		return -ENOENT;
	return walk(dir, target, LOOKUP_FOLLOW, false, nlinks, out, NULL);
}

/* Resolve path from start.  With parent_only, stop before the last
 * component: *out is its directory and *last describes it. */
static int walk(struct vnode *start, const char *path, unsigned flags, bool parent_only,
		int *nlinks, struct vnode **out, struct last *last)
{
	struct vnode *cur = vnode_get(*path == '/' ? vfs_root() : start);
	const char *p = path;
	int err = 0;
	bool trailing = false;
	while (*p == '/')
		p++;
	if (!*p) {
		/* "/" (or a path that is only slashes) */
		if (parent_only) {
			last->name = p;
			last->len = 0;
			last->type = LAST_ROOT;
			last->trailing = false;
		}
		*out = cur;
		return 0;
	}
	for (;;) {
		const char *s = p;
		while (*p && *p != '/')
			p++;
		size_t len = (size_t)(p - s);
		const char *q = p;
		while (*q == '/')
			q++;
		bool is_last = *q == 0;
		trailing = is_last && q != p;
		p = q;
		if (len > NAME_MAX) {
			err = -ENAMETOOLONG;
			break;
		}
		if (!V_ISDIR(cur)) {
			err = -ENOTDIR;
			break;
		}
		int type = LAST_NORM;
		if (len == 1 && s[0] == '.')
			type = LAST_DOT;
		else if (len == 2 && s[0] == '.' && s[1] == '.')
			type = LAST_DOTDOT;
		if (is_last && parent_only) {
			last->name = s;
			last->len = len;
			last->type = type;
			last->trailing = trailing;
			*out = cur;
			return 0;
		}
		struct vnode *next;
		if (type == LAST_DOT) {
			next = vnode_get(cur);
		} else if (type == LAST_DOTDOT) {
			err = vfs_step_up(cur, &next);
			if (err)
				break;
		} else {
			err = cur->ops->lookup(cur, s, len, &next);
			if (err)
				break;
			next = cross_mounts(next);
			if (V_ISLNK(next) && (!is_last || trailing || (flags & LOOKUP_FOLLOW))) {
				struct vnode *t;
				err = follow_link(cur, next, nlinks, &t);
				vnode_put(next);
				if (err)
					break;
				next = t;
			}
		}
		vnode_put(cur);
		cur = next;
		if (is_last)
			break;
	}
	if (!err && (trailing || (flags & LOOKUP_DIRECTORY)) && !V_ISDIR(cur))
		err = -ENOTDIR;
	if (err) {
		vnode_put(cur);
		return err;
	}
	*out = cur;
	return 0;
}

int vfs_lookup(struct vnode *base, const char *path, unsigned flags, struct vnode **out)
{
	if (!*path)
		return -ENOENT;
	int nlinks = 0;
	return walk(start_dir(base), path, flags, false, &nlinks, out, NULL);
}

int vfs_lookup_parent(struct vnode *base, const char *path, struct vnode **dir, struct last *last)
{
	if (!*path)
		return -ENOENT;
	int nlinks = 0;
	return walk(start_dir(base), path, 0, true, &nlinks, dir, last);
}

/* The entry named by last in dir (no symlink following), or NULL. */
struct vnode *vfs_lookup_last(struct vnode *dir, const struct last *last, int *err)
{
	struct vnode *v = NULL;
	*err = dir->ops->lookup(dir, last->name, last->len, &v);
	if (*err)
		return NULL;
	return v;
}

bool vfs_is_ancestor(struct vnode *a, struct vnode *d)
{
	/* walk up from d within d's file system */
	struct vnode *cur = vnode_get(d);
	bool found = false;
	for (int depth = 0; depth < 100000; depth++) {
		if (cur == a) {
			found = true;
			break;
		}
		struct vnode *up;
		if (cur->ops->lookup(cur, "..", 2, &up) || up == cur) {
			if (up == cur)
				vnode_put(up);
			break;
		}
		vnode_put(cur);
		cur = up;
	}
	vnode_put(cur);
	return found;
}

/* The O_CREAT half of open: find or create the last component.  A symlink
 * there is followed (unless O_NOFOLLOW), and a dangling one creates its
 * target, as on Linux.  Clears O_TRUNC in *flags when the file is new. */
int vfs_open_create(struct vnode *base, const char *path, int *flags, unsigned mode,
		       struct vnode **out)
{
	int nlinks = 0, err;
	struct vnode *start = vnode_get(start_dir(base)), *dir, *v;
	char *buf = NULL;               /* the symlink target being resolved */
	const char *p = path;
	struct last last;
	for (;;) {
		err = walk(start, p, 0, true, &nlinks, &dir, &last);
		vnode_put(start);
		if (err)
			break;
		if (last.type != LAST_NORM || last.trailing) {
			/* ".", ".." or "/": an existing directory; "name/": not a file */
			vnode_put(dir);
			err = last.type != LAST_NORM && (*flags & O_EXCL) ? -EEXIST : -EISDIR;
			break;
		}
		v = vfs_lookup_last(dir, &last, &err);
		if (!v) {
			if (err == -ENOENT && vfs_readonly(dir)) {
				err = -EROFS;
			} else if (err == -ENOENT) {
				err = dir->ops->create(dir, last.name, last.len, S_IFREG | (mode & 07777),
						       0, NULL, &v);
				*flags &= ~O_TRUNC;
			}
			vnode_put(dir);
			break;
		}
		v = cross_mounts(v);
		if (*flags & O_EXCL) {
			err = -EEXIST;
		} else if (!V_ISLNK(v) || (*flags & O_NOFOLLOW)) {
			vnode_put(dir);
			break;
		} else if (++nlinks > MAXSYMLINKS) {
			err = -ELOOP;
		} else if (v->ops->follow_link) {
			/* a magic link: the file it stands for, never created */
			struct vnode *t;
			err = v->ops->follow_link(v, &t);
			vnode_put(v);
			vnode_put(dir);
			v = t;
			break;
		} else {
			const char *t = v->ops->get_link ? v->ops->get_link(v) : NULL;
			char *nb = t && *t ? kmalloc(strlen(t) + 1) : NULL;
			err = !t || !*t ? -ENOENT : !nb ? -ENOMEM : 0;
			if (nb) {
				memcpy(nb, t, strlen(t) + 1);
				kfree(buf);
				buf = nb;
				p = buf;
				start = dir;    /* the target is relative to the link's directory */
				vnode_put(v);
				continue;
			}
		}
		vnode_put(v);
		vnode_put(dir);
		break;
	}
	kfree(buf);
	if (!err)
		*out = v;
	return err;
}

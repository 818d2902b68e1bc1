/* Mounting: the file-system types, the table of what is mounted where
 * (/proc/mounts), and mount(2), umount2(2), sync(2), syncfs(2).
 *
 * A type makes a root vnode from a source and options; vfs_mount hangs it
 * on a directory.  The table remembers each mount's type, source, path and
 * flags.  Which mount a vnode belongs to is found by its st_dev, which
 * every file system instance has of its own; that is how read-only mounts
 * refuse changes (vfs_readonly) and how umount knows a file system is
 * busy: some process has its working directory or an open file in it, or
 * another file system is mounted inside it.
 *
 * Not done: MS_BIND, MS_MOVE, propagation flags (EINVAL); MS_REMOUNT
 * changes only the read-only flag of memory file systems. */
#include <vfs.h>
#include <proc.h>
#include <mm.h>
#include <pmm.h>
#include <fat.h>
#include <blkdev.h>
#include <bcache.h>
#include <kernel.h>
#include <uapi.h>
#include <string.h>
#include "sys_fs.h"

struct fs_type {
	const char *name;
	/* Make the root of a new instance; *ro may be turned on by the type
	 * (a damaged disk); opts: the type's part of the options, written
	 * back as /proc/mounts shows them. */
	int (*mount)(const char *source, char *opts, size_t optcap, bool *ro, struct vnode **root);
	/* Give the instance up (the caller's reference to root is taken);
	 * -EBUSY leaves it mounted. */
	int (*unmount)(struct vnode *root);
	int (*sync)(struct vnode *root);
};

struct mount {
	struct mount *next;
	const struct fs_type *type;
	char *source, *path;
	char opts[64];
	bool ro;
	struct vnode *root;
};

static struct mount *mounts;

/* ---------------------------------------------------------------- options */
/* Parse a size with an optional k/m/g suffix or a % of RAM, into pages. */
static bool parse_size(const char *s, size_t *pages)
{
	uint64_t v = 0;
	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9') {
		if (v > UINT64_MAX / 10 - 10)
			return false;
		v = v * 10 + (uint64_t)(*s++ - '0');
	}
	switch (*s) {
	case 0: break;
	case 'k': case 'K': v *= KiB; s++; break;
	case 'm': case 'M': v *= MiB; s++; break;
	case 'g': case 'G': v *= GiB; s++; break;
	case '%': v = (uint64_t)pmm_total_count() * PAGE_SIZE / 100 * MIN(v, 100u); s++; break;
	default: return false;
	}
	if (*s)
		return false;
	*pages = (size_t)(ALIGN_UP(v, PAGE_SIZE) / PAGE_SIZE);
	return *pages > 0;
}

/* ---------------------------------------------------------------- the types */
static int tmpfs_mount(const char *source, char *opts, size_t optcap, bool *ro, struct vnode **root)
{
	(void)source, (void)ro;
	size_t pages = 0;
	unsigned mode = 01777;
	for (char *o = opts, *next; o && *o; o = next) {
		next = strchr(o, ',');
		if (next)
			*next++ = 0;
		if (!strncmp(o, "size=", 5)) {
			if (!parse_size(o + 5, &pages))
				return -EINVAL;
		} else if (!strncmp(o, "mode=", 5)) {
			mode = 0;
			for (const char *m = o + 5; *m; m++) {
				if (*m < '0' || *m > '7' || mode > 07777)
					return -EINVAL;
				mode = mode * 8 + (unsigned)(*m - '0');
			}
			mode &= 07777;
		} else {
			return -EINVAL;
		}
	}
	*root = tmpfs_new(mode);
	if (!*root)
		return -ENOMEM;
	if (pages)
		tmpfs_set_limit(*root, pages);
	snprintf(opts, optcap, "size=%zuk", tmpfs_limit(*root, NULL) * (PAGE_SIZE / KiB));
	return 0;
}

/* Empty a tree through its own operations (for unmounting a tmpfs): what
 * is still referenced goes when its last user does. */
struct rm_ctx {
	char name[NAME_MAX + 1];
	size_t len;
	bool found;
};

static int first_fill(void *c, const char *name, size_t len, uint64_t ino, unsigned dtype, uint64_t next)
{
	struct rm_ctx *r = c;
	(void)ino, (void)dtype, (void)next;
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return 0;
	memcpy(r->name, name, len);
	r->len = len;
	r->found = true;
	return 1;
}

static void remove_tree(struct vnode *dir, int depth)
{
	struct rm_ctx *r = kmalloc(sizeof *r);
	if (!r)
		return;
	for (int guard = 0; guard < 1000000; guard++) {
		uint64_t pos = 0;
		r->found = false;
		if (dir->ops->readdir(dir, &pos, first_fill, r) || !r->found)
			break;
		struct vnode *v;
		if (dir->ops->lookup(dir, r->name, r->len, &v))
			break;
		if (V_ISDIR(v) && depth < 256)
			remove_tree(v, depth + 1);
		vnode_put(v);
		if (dir->ops->unlink(dir, r->name, r->len))
			break;
	}
	kfree(r);
}

static int tmpfs_unmount(struct vnode *root)
{
	remove_tree(root, 0);
	root->nlink = 0;
	vnode_put(root);
	return 0;
}

static struct vnode *proc_root;

static int proc_mount(const char *source, char *opts, size_t optcap, bool *ro, struct vnode **root)
{
	(void)source, (void)ro;
	if (*opts)
		return -EINVAL;
	if (!proc_root || proc_root->covered)
		return -EBUSY;      /* one procfs, mounted once */
	snprintf(opts, optcap, "nosuid");
	*root = vnode_get(proc_root);
	return 0;
}

static int proc_unmount(struct vnode *root)
{
	vnode_put(root);
	return 0;
}

static int vfat_mount(const char *source, char *opts, size_t optcap, bool *ro, struct vnode **root)
{
	if (*opts) {
		for (char *o = opts, *next; o && *o; o = next) {
			next = strchr(o, ',');
			if (next)
				*next++ = 0;
			/* Linux's vfat options that change nothing here. */
			if (strcmp(o, "shortname=mixed") && strcmp(o, "utf8") && strcmp(o, "flush"))
				return -EINVAL;
		}
	}
	snprintf(opts, optcap, "utf8,shortname=mixed");
	if (!source)
		return -ENOTBLK;
	struct vnode *v;
	int err = vfs_lookup(NULL, source, LOOKUP_FOLLOW, &v);
	if (err)
		return err;
	struct blkdev *d = V_ISBLK(v) ? blkdev_by_rdev(v->rdev) : NULL;
	err = !V_ISBLK(v) ? -ENOTBLK : !d ? -ENXIO : 0;
	vnode_put(v);
	if (err)
		return err;
	for (struct mount *m = mounts; m; m = m->next)
		if (m->type->unmount == fat_unmount && fat_device(m->root) == d)
			return -EBUSY;
	err = fat_mount(d, *ro, root, ro);
	if (!err)
		bcache_start_flusher();
	return err;
}

static const struct fs_type types[] = {
	{ "tmpfs", tmpfs_mount, tmpfs_unmount, NULL },
	{ "proc", proc_mount, proc_unmount, NULL },
	{ "vfat", vfat_mount, fat_unmount, fat_sync },
	{ "msdos", vfat_mount, fat_unmount, fat_sync },
};

static const struct fs_type *type_by_name(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		if (!strcmp(types[i].name, name))
			return &types[i];
	return NULL;
}

/* ---------------------------------------------------------------- the table */
static char *kstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = kmalloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

static struct mount *record(const struct fs_type *t, const char *source, const char *path,
			    struct vnode *root, bool ro, const char *opts)
{
	struct mount *m = kzalloc(sizeof *m);
	if (!m)
		return NULL;
	m->source = kstrdup(source ? source : t->name);
	m->path = kstrdup(path);
	if (!m->source || !m->path) {
		kfree(m->source);
		kfree(m->path);
		kfree(m);
		return NULL;
	}
	m->type = t;
	m->root = root;
	m->ro = ro;
	snprintf(m->opts, sizeof m->opts, "%s", opts);
	/* Appended: /proc/mounts lists in mount order. */
	struct mount **pp = &mounts;
	while (*pp)
		pp = &(*pp)->next;
	*pp = m;
	return m;
}

void mount_boot_record(const char *type, const char *path, struct vnode *root)
{
	const struct fs_type *t = type_by_name(type);
	char opts[64] = "";
	if (t && !strcmp(type, "tmpfs"))
		snprintf(opts, sizeof opts, "size=%zuk", tmpfs_limit(root, NULL) * (PAGE_SIZE / KiB));
	if (t && !strcmp(type, "proc")) {
		proc_root = root;
		snprintf(opts, sizeof opts, "nosuid");
	}
	if (t)
		record(t, NULL, path, root, false, opts);
}

static struct mount *mount_of_dev(uint32_t dev)
{
	for (struct mount *m = mounts; m; m = m->next)
		if (m->root->dev == dev)
			return m;
	return NULL;
}

bool vfs_readonly(struct vnode *v)
{
	struct mount *m = mount_of_dev(v->dev);
	return m && m->ro;
}

size_t mounts_text(char *buf, size_t cap)
{
	size_t at = 0;
	for (struct mount *m = mounts; m; m = m->next) {
		int n = snprintf(buf + MIN(at, cap), at < cap ? cap - at : 0, "%s %s %s %s%s%s 0 0\n",
				 m->source, m->path, m->type->name, m->ro ? "ro" : "rw", m->opts[0] ? "," : "",
				 m->opts);
		at += (size_t)n;
	}
	return at;
}

/* ---------------------------------------------------------------- busy */
static bool dev_in_use(uint32_t dev)
{
	for_each_proc(p) {
		if (p->state == P_ZOMBIE)
			continue;
		if (p->fs && p->fs->cwd && p->fs->cwd->dev == dev)
			return true;
		if (p->files) {
			for (int fd = 0; fd < FDTABLE_SIZE; fd++) {
				struct file *f = p->files->fd[fd];
				if (f && f->v && f->v->dev == dev)
					return true;
			}
		}
	}
	/* Something mounted inside it. */
	for (struct mount *m = mounts; m; m = m->next)
		if (m->root->covered && m->root->covered->dev == dev && m->root->dev != dev)
			return true;
	return false;
}

/* ---------------------------------------------------------------- the calls */
/* The absolute path of a directory (for the table). */
static char *abs_path(struct vnode *dir)
{
	char *buf = kmalloc(PATH_MAX);
	if (!buf)
		return NULL;
	if (vfs_getcwd(dir, buf, PATH_MAX) < 0) {
		kfree(buf);
		return NULL;
	}
	return buf;
}

static int do_mount(const char *source, const char *target, const char *type, unsigned long flags,
		    char *opts)
{
	if (flags & (MS_BIND | MS_MOVE | MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE))
		return -EINVAL;
	bool ro = flags & MS_RDONLY;
	/* "ro"/"rw" in the options as mount(8) may pass them. */
	char rest[64] = "";
	for (char *o = opts, *next; o && *o; o = next) {
		next = strchr(o, ',');
		if (next)
			*next++ = 0;
		if (!strcmp(o, "ro"))
			ro = true;
		else if (!strcmp(o, "rw"))
			ro = false;
		else if (strcmp(o, "defaults") && strcmp(o, "nosuid") && strcmp(o, "nodev") &&
			 strcmp(o, "noexec") && strcmp(o, "relatime") && strcmp(o, "noatime"))
			snprintf(rest + strlen(rest), sizeof rest - strlen(rest), "%s%s", rest[0] ? "," : "", o);
	}
	struct vnode *mp;
	int err = vfs_lookup(NULL, target, LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &mp);
	if (err)
		return err;
	if (flags & MS_REMOUNT) {
		struct mount *m = mount_of_dev(mp->dev);
		err = !m || m->root != mp ? -EINVAL : m->type->sync ? -EINVAL : 0;
		if (!err)
			m->ro = ro;
		vnode_put(mp);
		return err;
	}
	char *path = abs_path(mp);
	vnode_put(mp);
	if (!path)
		return -ENOMEM;
	const struct fs_type *t = type ? type_by_name(type) : NULL;
	if (!t) {
		kfree(path);
		return -ENODEV;
	}
	struct vnode *root;
	err = t->mount(source, rest, sizeof rest, &ro, &root);
	if (!err) {
		err = vfs_mount(path, root);
		if (!err && !record(t, source, path, root, ro, rest))
			err = -ENOMEM;     /* cannot happen after vfs_mount in practice */
		if (err)
			t->unmount(root);
		else
			vnode_put(root);    /* the mount point holds it */
	}
	kfree(path);
	return err;
}

long sys_mount(uintptr_t usource, uintptr_t utarget, uintptr_t utype, unsigned long flags, uintptr_t udata)
{
	char *source = NULL, *target = NULL, *type = NULL, *opts = kzalloc(PAGE_SIZE);
	int err = opts ? 0 : -ENOMEM;
	if (!err)
		err = get_path(utarget, &target);
	if (!err && usource)
		err = get_path(usource, &source);
	if (!err && utype && !(flags & MS_REMOUNT))
		err = get_path(utype, &type);
	if (!err && udata) {
		long n = strncpy_from_user(opts, udata, PAGE_SIZE);
		err = n == -ENAMETOOLONG ? -EINVAL : n < 0 ? (int)n : 0;
	}
	if (!err)
		err = do_mount(source, target, type, flags, opts);
	if (source)
		put_path(source);
	if (target)
		put_path(target);
	if (type)
		put_path(type);
	kfree(opts);
	return err;
}

long sys_umount2(uintptr_t utarget, int flags)
{
	if (flags & ~(MNT_FORCE | MNT_DETACH | UMOUNT_NOFOLLOW))
		return -EINVAL;
	char *target;
	int err = get_path(utarget, &target);
	if (err)
		return err;
	struct vnode *root;
	err = vfs_lookup(NULL, target, (flags & UMOUNT_NOFOLLOW) ? 0 : LOOKUP_FOLLOW, &root);
	put_path(target);
	if (err)
		return err;
	struct mount *m = mount_of_dev(root->dev), **pp;
	if (!m || m->root != root || !root->covered) {
		vnode_put(root);
		return -EINVAL;         /* not a mount point (or the root) */
	}
	vnode_put(root);
	if (dev_in_use(root->dev))
		return -EBUSY;
	/* Detach (the mount point's reference on root passes to the type),
	 * then let the type give it up; put it back if it refuses. */
	struct vnode *covered = root->covered;
	covered->mounted = NULL;
	root->covered = NULL;
	err = m->type->unmount(root);
	if (err) {
		covered->mounted = root;
		root->covered = covered;
		return err;
	}
	vnode_put(covered);     /* vfs_mount kept the lookup's reference */
	for (pp = &mounts; *pp != m; pp = &(*pp)->next)
		;
	*pp = m->next;
	kfree(m->source);
	kfree(m->path);
	kfree(m);
	return 0;
}

int vfs_sync_all(void)
{
	int first = 0;
	for (struct mount *m = mounts; m; m = m->next) {
		if (!m->type->sync || m->ro)
			continue;
		int err = m->type->sync(m->root);
		if (err && !first)
			first = err;
	}
	int err = bcache_sync(NULL);
	return first ? first : err;
}

long sys_sync(void)
{
	vfs_sync_all();
	return 0;
}

long sys_syncfs(int fd)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	struct mount *m = mount_of_dev(f->v->dev);
	long r = m && m->type->sync && !m->ro ? m->type->sync(m->root) : 0;
	file_put(f);
	return r;
}

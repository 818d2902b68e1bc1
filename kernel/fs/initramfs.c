/* Unpack the initramfs, a cpio newc archive, into the root tmpfs (see
 * <vfs.h> and <cpio.h>): directories, regular files with their modes and
 * modification times, symlinks, character-device nodes and hard links.
 * An entry that cannot be made is reported and skipped; a malformed archive
 * stops the unpacking with the reason and the offset. */
#include <vfs.h>
#include <cpio.h>
#include <mm.h>
#include <kernel.h>
#include <uapi.h>
#include <string.h>

/* Regular files with more than one link, to join later entries of the
 * same (dev, ino) to the first name. */
struct hardlink {
	struct hardlink *next;
	uint32_t major, minor, ino;
	char name[];
};

static struct hardlink *find_link(struct hardlink *h, const struct cpio_entry *e)
{
	for (; h; h = h->next)
		if (h->ino == e->ino && h->major == e->devmajor && h->minor == e->devminor)
			return h;
	return NULL;
}

static void set_times(struct vnode *root, const char *path, const struct cpio_entry *e)
{
	struct vnode *v;
	if (vfs_lookup(root, path, 0, &v) == 0) {
		v->mtime_ns = (uint64_t)e->mtime * 1000000000ULL;
		vnode_put(v);
	}
}

/* Remove a non-directory that is in the way of a new entry. */
static void clear_path(struct vnode *root, const char *path)
{
	struct vnode *v;
	if (vfs_lookup(root, path, 0, &v) == 0) {
		bool dir = V_ISDIR(v);
		vnode_put(v);
		if (!dir)
			vfs_unlinkat(root, path, false);
	}
}

static int write_file(struct vnode *root, const char *path, const struct cpio_entry *e)
{
	struct file *f;
	clear_path(root, path);
	int err = vfs_openat(root, path, O_WRONLY | O_CREAT | O_TRUNC, e->mode & 07777, &f);
	if (err)
		return err;
	f->v->mode = S_IFREG | (e->mode & 07777);
	if (e->size) {
		struct kiov one;
		struct uio u;
		uio_kernel(&u, &one, (void *)e->data, e->size);
		long n = file_write(f, &u, NULL);
		if (n < 0 || (size_t)n != e->size)
			err = n < 0 ? (int)n : -ENOSPC;
	}
	file_put(f);
	return err;
}

static int add_data_to(struct vnode *root, const char *path, const struct cpio_entry *e)
{
	struct file *f;
	int err = vfs_openat(root, path, O_WRONLY | O_TRUNC, 0, &f);
	if (err)
		return err;
	struct kiov one;
	struct uio u;
	uio_kernel(&u, &one, (void *)e->data, e->size);
	long n = file_write(f, &u, NULL);
	file_put(f);
	return n < 0 ? (int)n : (size_t)n == e->size ? 0 : -ENOSPC;
}

long initramfs_unpack(struct vnode *root, const void *data, size_t size)
{
	struct cpio_iter it;
	struct cpio_entry e;
	struct hardlink *links = NULL;
	long made = 0, skipped = 0;
	int r;
	char *path = kmalloc(PATH_MAX + 1);
	if (!path)
		return -1;
	cpio_init(&it, data, size);
	for (;;) {
		r = cpio_next(&it, &e);
		if (r == CPIO_END) {
			if (cpio_next_archive(&it))
				continue;
			break;
		}
		if (r == CPIO_ERROR) {
			printk("initramfs: %s\n", it.err);
			break;
		}
		/* "./a/b", "/a/b" and "a/b" all mean /a/b */
		const char *n = e.name;
		while (n[0] == '.' && n[1] == '/')
			n += 2;
		while (*n == '/')
			n++;
		if (!*n || strcmp(n, ".") == 0)
			continue;
		size_t nl = strlen(n);
		if (nl + 1 > PATH_MAX) {
			printk("initramfs: name too long at offset %lu: skipped\n", (unsigned long)e.offset);
			skipped++;
			continue;
		}
		path[0] = '/';
		memcpy(path + 1, n, nl + 1);
		unsigned perm = e.mode & 07777;
		int err = 0;
		switch (e.mode & S_IFMT) {
		case S_IFDIR:
			err = vfs_mkdirat(root, path, perm);
			if (err == -EEXIST) {
				struct vnode *v;
				if (vfs_lookup(root, path, 0, &v) == 0) {
					if (V_ISDIR(v)) {
						v->mode = S_IFDIR | perm;
						err = 0;
					}
					vnode_put(v);
				}
			}
			break;
		case S_IFREG: {
			struct hardlink *h = e.nlink > 1 ? find_link(links, &e) : NULL;
			if (h) {
				clear_path(root, path);
				err = vfs_linkat(root, h->name, root, path, false);
				if (!err && e.size)
					err = add_data_to(root, path, &e);
				break;
			}
			err = write_file(root, path, &e);
			if (!err && e.nlink > 1) {
				h = kmalloc(sizeof *h + nl + 2);
				if (h) {
					h->ino = e.ino;
					h->major = e.devmajor;
					h->minor = e.devminor;
					memcpy(h->name, path, nl + 2);
					h->next = links;
					links = h;
				}
			}
			break;
		}
		case S_IFLNK: {
			if (e.size == 0 || e.size >= PATH_MAX) {
				err = -EINVAL;
				break;
			}
			char *target = kmalloc(e.size + 1);
			if (!target) {
				err = -ENOMEM;
				break;
			}
			memcpy(target, e.data, e.size);
			target[e.size] = 0;
			if (strlen(target) != e.size) {
				err = -EINVAL;      /* a NUL inside the target */
			} else {
				clear_path(root, path);
				err = vfs_symlinkat(target, root, path);
			}
			kfree(target);
			break;
		}
		case S_IFCHR:
			clear_path(root, path);
			err = vfs_mknodat(root, path, S_IFCHR | perm, MKDEV(e.rdevmajor, e.rdevminor));
			break;
		default:
			printk("initramfs: %s: type %o not supported: skipped\n", path, e.mode & S_IFMT);
			skipped++;
			continue;
		}
		if (err) {
			printk("initramfs: cannot make %s (error %d): skipped\n", path, -err);
			skipped++;
			continue;
		}
		set_times(root, path, &e);
		made++;
	}
	while (links) {
		struct hardlink *h = links;
		links = h->next;
		kfree(h);
	}
	kfree(path);
	(void)skipped;
	return r == CPIO_ERROR ? -1 : made;
}

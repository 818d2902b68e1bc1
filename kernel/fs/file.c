/* Open files: opening a path, file references, read/write through the
 * file's ops, the regular-file and directory ops, poll wake-ups. */
#include <vfs.h>
#include <vm.h>
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
const int vfs_poll_chan;

struct file *file_alloc(struct vnode *v, unsigned flags, const struct file_ops *fops, void *priv)
{
	struct file *f = kzalloc(sizeof *f);
	if (!f)
		return NULL;
	f->refs = 1;
	f->flags = flags;
	f->v = vnode_get(v);
	f->fops = fops;
	f->priv = priv;
	return f;
}

struct file *file_get(struct file *f)
{
	f->refs++;
	return f;
}

void file_put(struct file *f)
{
	if (!f)
		return;
	if (f->refs <= 0)
		panic("file_put: open file %p has no references", (void *)f);
	if (--f->refs > 0)
		return;
	epoll_file_gone(f);
	lock_file_release(f);
	if (f->fops->release)
		f->fops->release(f);
	vnode_put(f->v);
	if (f->path != f->path_buf)
		kfree(f->path);
	kfree(f);
}

bool file_readable(const struct file *f)
{
	return (f->flags & O_ACCMODE) == O_RDONLY || (f->flags & O_ACCMODE) == O_RDWR;
}

bool file_writable(const struct file *f)
{
	return (f->flags & O_ACCMODE) == O_WRONLY || (f->flags & O_ACCMODE) == O_RDWR;
}

long file_read(struct file *f, struct uio *u, const uint64_t *off)
{
	if (!file_readable(f))
		return -EBADF;
	if (!f->fops->read)
		return -EINVAL;
	if (off && !f->fops->seekable)
		return -ESPIPE;
	uint64_t pos = off ? *off : f->pos;
	long r = f->fops->read(f, u, &pos);
	if (!off)
		f->pos = pos;
	return r;
}

long file_write(struct file *f, struct uio *u, const uint64_t *off)
{
	if (!file_writable(f))
		return -EBADF;
	if (!f->fops->write)
		return -EINVAL;
	if (off && !f->fops->seekable)
		return -ESPIPE;
	uint64_t pos = off ? *off : f->pos;
	if ((f->flags & O_APPEND) && V_ISREG(f->v))
		pos = f->v->size;       /* Linux appends even for pwrite */
	if (V_ISREG(f->v)) {
		int err = rlimit_fsize(pos, &u->resid);
		if (!err && u->resid)
			err = seal_check_write(f->v, pos, u->resid);
		if (err)
			return err;
	}
	long r = f->fops->write(f, u, &pos);
	if (!off)
		f->pos = pos;
	return r;
}

unsigned file_poll(struct file *f)
{
	if (f->fops->poll)
		return f->fops->poll(f);
	return POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
}

static long reg_read(struct file *f, struct uio *u, uint64_t *pos)
{
	if (f->v->vmfile)
		vm_file_sync(f->v);      /* what shared mappings wrote, first */
	long r = f->v->ops->read(f->v, u, *pos);
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

static long reg_write(struct file *f, struct uio *u, uint64_t *pos)
{
	uint64_t at = *pos;
	long r = f->v->ops->write(f->v, u, *pos);
	if (r > 0 && f->v->vmfile)
		vm_file_written(f->v, at, (size_t)r);   /* and the mappings see it */
	if (r > 0)
		*pos += (uint64_t)r;
	return r;
}

static long dir_read(struct file *f, struct uio *u, uint64_t *pos)
{
	(void)f;
	(void)u;
	(void)pos;
	return -EISDIR;
}

/* fsync and fdatasync: the file system's own, if it keeps anything in
 * memory that belongs on a disk. */
static int reg_fsync(struct file *f)
{
	int err = vm_file_sync(f->v);   /* what shared mappings changed, first */
	int ferr = f->v->ops->fsync ? f->v->ops->fsync(f->v, false) : 0;
	return err ? err : ferr;
}

static const struct file_ops reg_fops = { .read = reg_read, .write = reg_write, .fsync = reg_fsync,
					  .seekable = true };
static const struct file_ops dir_fops = { .read = dir_read, .write = dir_read, .seekable = true };

int vfs_open_kernel(const char *path, int flags, struct file **out)
{
	return vfs_openat(NULL, path, flags, 0, out);
}

long file_read_at(struct file *f, void *kbuf, size_t n, uint64_t off)
{
	struct kiov one;
	struct uio u;
	uio_kernel(&u, &one, kbuf, n);
	return file_read(f, &u, &off);
}

uint64_t file_size(struct file *f)
{
	return f->v->size;
}

bool file_is_executable(struct file *f)
{
	return V_ISREG(f->v) && (f->v->mode & 0111);
}

/* The absolute form of path (from base, or the cwd), its "." and ".."
 * taken lexically; NULL when out of memory.  For /proc/PID/fd: a name to
 * show, not one to trust (a symlink on the way shows as written). */
static char *absolute_path(struct vnode *base, const char *path)
{
	size_t plen = strlen(path);
	/* an absolute path needs no more room than it has: no page-sized
	 * buffer on the common path of open */
	char *buf = kmalloc((path[0] == '/' ? 0 : PATH_MAX) + plen + 2);
	if (!buf)
		return NULL;

	size_t n = 0;
	if (path[0] != '/') {
		struct vnode *dir = base ? base : current && current->fs && current->fs->cwd ? current->fs->cwd
											: vfs_root();
		long len = vfs_getcwd(dir, buf, PATH_MAX);
		if (len <= 0) {
			kfree(buf);
			return NULL;
		}
		n = (size_t)len - 1;
		if (n == 1)
			n = 0;          /* "/": the components add their own slashes */
	}
	for (const char *p = path; *p; ) {
		while (*p == '/')
			p++;
		const char *s = p;
		while (*p && *p != '/')
			p++;
		size_t len = (size_t)(p - s);
		if (len == 0 || (len == 1 && s[0] == '.'))
			continue;
		if (len == 2 && s[0] == '.' && s[1] == '.') {
			while (n > 0 && buf[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
			continue;
		}
		buf[n++] = '/';
		memcpy(buf + n, s, len);
		n += len;
	}
	if (n == 0)
		buf[n++] = '/';
	buf[n] = 0;
	if (path[0] != '/') {
		char *exact = kmalloc(n + 1);
		if (exact)
			memcpy(exact, buf, n + 1);
		kfree(buf);
		buf = exact;
	}
	return buf;
}

/* Record the path f was opened by: as it is when it is absolute and
 * already clean (no "//", "/." or "/..": the usual case, copied into the
 * file itself when short), else made absolute first. */
static void file_set_path(struct file *f, struct vnode *base, const char *path)
{
	/* one pass: copy while it stays clean and fits (open's cost) */
	size_t i = 0;
	if (path[0] == '/') {
		for (; i < sizeof f->path_buf - 1 && path[i]; i++) {
			char c = path[i];
			if (c == '/' && (path[i + 1] == '/' || path[i + 1] == '.' || path[i + 1] == 0))
				break;
			f->path_buf[i] = c;
		}
		if (i > 0 && path[i] == 0) {
			f->path_buf[i] = 0;
			f->path = f->path_buf;
			return;
		}
	}
	char *abs = absolute_path(base, path);
	if (abs && strlen(abs) < sizeof f->path_buf) {
		memcpy(f->path_buf, abs, strlen(abs) + 1);
		kfree(abs);
		abs = f->path_buf;
	}
	f->path = abs;
}

void file_describe(struct file *f, char *buf, size_t n)
{
	struct vnode *v = f->v;
	bool anonymous = !v->ops->lookup;       /* in no file system: a pipe, a socket */
	if (V_ISDIR(v) && vfs_getcwd(v, buf, n) > 0)
		return;
	if (f->path && !anonymous) {
		snprintf(buf, n, "%s%s", f->path, v->nlink == 0 ? " (deleted)" : "");
		return;
	}
	if (V_ISFIFO(v))
		snprintf(buf, n, "pipe:[%lu]", (unsigned long)v->ino);
	else if (V_ISSOCK(v))
		snprintf(buf, n, "socket:[%lu]", (unsigned long)v->ino);
	else
		snprintf(buf, n, "anon_inode:[%lu]", (unsigned long)v->ino);
}

int vfs_openat(struct vnode *base, const char *path, int flags, unsigned mode, struct file **out)
{
	struct vnode *v = NULL;
	int err;
	if (!*path)
		return -ENOENT;
	if (flags & O_CREAT) {
		err = vfs_open_create(base, path, &flags, mode, &v);
		if (err)
			return err;
		if (V_ISDIR(v)) {
			vnode_put(v);
			return -EISDIR;
		}
	} else {
		unsigned lf = (flags & O_NOFOLLOW) ? 0 : LOOKUP_FOLLOW;
		if (flags & O_DIRECTORY)
			lf |= LOOKUP_DIRECTORY;
		err = vfs_lookup(base, path, lf, &v);
		if (err)
			return err;
	}
	if (V_ISLNK(v)) {
		vnode_put(v);
		return -ELOOP;
	}
	if ((flags & O_DIRECTORY) && !V_ISDIR(v)) {
		vnode_put(v);
		return -ENOTDIR;
	}
	int acc = flags & O_ACCMODE;
	if (V_ISDIR(v) && (acc != O_RDONLY || (flags & (O_CREAT | O_TRUNC)))) {
		vnode_put(v);
		return -EISDIR;
	}
	unsigned fflags = ((unsigned)flags & ~(unsigned)(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC))
			  | O_LARGEFILE;
	if (V_ISCHR(v) || V_ISBLK(v) || V_ISFIFO(v)) {
		err = V_ISCHR(v) ? devfs_open(v, (int)fflags, out)
		    : V_ISBLK(v) ? blkdev_open(v, (int)fflags, out) : fifo_open(v, fflags, out);
		vnode_put(v);
		if (!err && !(*out)->path)
			file_set_path(*out, base, path);
		return err;
	}
	if (V_ISSOCK(v)) {
		vnode_put(v);
		return -ENXIO;          /* a socket's name: connect to it, not open */
	}
	if (V_ISREG(v) && (acc != O_RDONLY || (flags & O_TRUNC)) && vfs_readonly(v)) {
		vnode_put(v);
		return -EROFS;
	}
	if (V_ISREG(v) && (acc != O_RDONLY || (flags & O_TRUNC)) && vm_file_busy(v)) {
		vnode_put(v);
		return -ETXTBSY;        /* a running program's file */
	}
	if ((flags & O_TRUNC) && V_ISREG(v) && v->size) {
		vm_file_truncate(v, 0);
		err = v->ops->truncate(v, 0);
		if (err) {
			vnode_put(v);
			return err;
		}
	}
	const struct file_ops *fops = V_ISDIR(v) ? &dir_fops : &reg_fops;
	struct file *f = file_alloc(v, fflags, fops, NULL);
	vnode_put(v);
	if (!f)
		return -ENOMEM;
	if (!V_ISDIR(v))
		file_set_path(f, base, path);   /* directories find theirs through ".." */
	*out = f;
	return 0;
}

/* Pipes: a 4 KiB ring between a read end and a write end (see <vfs.h>).
 * Reads block while it is empty and writers remain (EOF after the last
 * writer); writes block while it is full, a write of at most PIPE_SIZE
 * bytes goes in whole (PIPE_BUF atomicity), and writing with no reader left
 * raises SIGPIPE and fails with EPIPE.
 *
 * A named pipe (a S_IFIFO node, mknod) is the same ring, made by the first
 * open and freed by the last close (what was left unread goes with it);
 * vnode.fifo finds it.  An anonymous pipe's vnode points at its ring the
 * same way, so opening /proc/PID/fd/N (or /dev/fd/N) of a pipe opens that
 * pipe again, as a named one. */
#include <vfs.h>
#include <proc.h>
#include <uaccess.h>
#include <mm.h>
#include <kernel.h>
#include <uapi.h>

#define PIPEFS_DEV 0xfe00u

struct pipe {
	char buf[PIPE_SIZE];
	size_t head, count;
	int readers, writers;
	unsigned long ropens, wopens;   /* named pipes: opens so far, for open's waits */
};

static uint64_t pipe_ino = 1;

static void pipe_vnode_release(struct vnode *v)
{
	kfree(v);
}

static const struct vnode_ops pipe_vnode_ops = { .release = pipe_vnode_release };

static void wake(struct pipe *p)
{
	wakeup(p);
	vfs_poll_wakeup();
}

static long pipe_read(struct file *f, struct uio *u, uint64_t *pos)
{
	struct pipe *p = f->priv;
	(void)pos;
	if (u->resid == 0)
		return 0;
	for (;;) {
		if (p->count > 0) {
			size_t total = MIN(p->count, u->resid), done = 0;
			while (done < total) {
				size_t n = MIN(total - done, PIPE_SIZE - p->head);
				if (uio_copyout(u, p->buf + p->head, n))
					break;
				p->head = (p->head + n) % PIPE_SIZE;
				p->count -= n;
				done += n;
			}
			if (done) {
				f->v->atime_ns = vfs_now_ns();
				wake(p);
			}
			return done ? (long)done : -EFAULT;
		}
		if (p->writers == 0)
			return 0;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
		int err = sleep_on(p, true);
		if (err)
			return err;
	}
}

static long pipe_write(struct file *f, struct uio *u, uint64_t *pos)
{
	struct pipe *p = f->priv;
	(void)pos;
	size_t total = u->resid, done = 0;
	bool atomic = total <= PIPE_SIZE;
	if (total == 0)
		return 0;
	for (;;) {
		if (p->readers == 0) {
			if (current)
				signal_send(current, SIGPIPE);
			return done ? (long)done : -EPIPE;
		}
		size_t space = PIPE_SIZE - p->count;
		if (space == 0 || (atomic && space < u->resid)) {
			if (f->flags & O_NONBLOCK)
				return done ? (long)done : -EAGAIN;
			wake(p);
			int err = sleep_on(p, true);
			if (err)
				return done ? (long)done : err;
			continue;
		}
		size_t want = MIN(space, u->resid), moved = 0;
		int err = 0;
		while (moved < want) {
			size_t tail = (p->head + p->count) % PIPE_SIZE;
			size_t n = MIN(want - moved, PIPE_SIZE - tail);
			err = uio_copyin(u, p->buf + tail, n);
			if (err)
				break;
			p->count += n;
			moved += n;
		}
		done += moved;
		if (moved) {
			f->v->mtime_ns = f->v->ctime_ns = vfs_now_ns();
			wake(p);
		}
		if (err)
			return done ? (long)done : err;
		if (u->resid == 0)
			return (long)done;
	}
}

static unsigned pipe_poll(struct file *f)
{
	struct pipe *p = f->priv;
	unsigned m = 0;
	if ((f->flags & O_ACCMODE) == O_RDONLY) {
		if (p->count)
			m |= POLLIN | POLLRDNORM;
		if (p->writers == 0)
			m |= POLLHUP;
	} else {
		if (p->count < PIPE_SIZE)
			m |= POLLOUT | POLLWRNORM;
		if (p->readers == 0)
			m |= POLLERR;
	}
	return m;
}

static long pipe_ioctl(struct file *f, unsigned long cmd, uintptr_t arg)
{
	struct pipe *p = f->priv;
	if (cmd != FIONREAD)
		return -ENOTTY;
	int n = (int)p->count;
	return copy_to_user(arg, &n, sizeof n);
}

static void pipe_release(struct file *f)
{
	struct pipe *p = f->priv;
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		p->readers--;
	else
		p->writers--;
	wake(p);
	if (p->readers == 0 && p->writers == 0) {
		kfree(p);
		f->v->fifo = NULL;
		f->v->nlink = 0;        /* the vnode goes with the last file's reference */
	}
}

static const struct file_ops pipe_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = pipe_release,
};

static const struct file_ops nop_fops;

int pipe_create(unsigned flags, struct file **rd, struct file **wr)
{
	struct pipe *p = kzalloc(sizeof *p);
	struct vnode *v = kzalloc(sizeof *v);
	if (!p || !v) {
		kfree(p);
		kfree(v);
		return -ENFILE;
	}
	v->mode = S_IFIFO | 0600;
	v->nlink = 1;
	v->ino = pipe_ino++;
	v->dev = PIPEFS_DEV;
	v->ops = &pipe_vnode_ops;
	v->atime_ns = v->mtime_ns = v->ctime_ns = vfs_now_ns();
	unsigned st = flags & O_NONBLOCK;
	*rd = file_alloc(v, O_RDONLY | st, &pipe_fops, p);
	*wr = *rd ? file_alloc(v, O_WRONLY | st, &pipe_fops, p) : NULL;
	if (!*wr) {
		if (*rd) {
			/* no reader/writer counted yet: drop without pipe_release */
			v->nlink = 0;
			(*rd)->fops = &nop_fops;
			file_put(*rd);
		} else {
			kfree(v);
		}
		kfree(p);
		return -ENFILE;
	}
	p->readers = p->writers = 1;
	v->fifo = p;
	return 0;
}

/* ---------------------------------------------------------------- named pipes */
static void fifo_release(struct file *f)
{
	struct pipe *p = f->priv;
	int acc = f->flags & O_ACCMODE;
	if (acc != O_WRONLY)
		p->readers--;
	if (acc != O_RDONLY)
		p->writers--;
	wake(p);
	if (p->readers == 0 && p->writers == 0) {
		f->v->fifo = NULL;
		kfree(p);
		if (f->v->ops == &pipe_vnode_ops)
			f->v->nlink = 0;        /* an anonymous pipe reopened: its vnode goes too */
	}
}

static const struct file_ops fifo_fops = {
	.read = pipe_read,
	.write = pipe_write,
	.poll = pipe_poll,
	.ioctl = pipe_ioctl,
	.release = fifo_release,
};

/* Sleep until *count moves past start or *now is non-zero (the other side
 * opened, even if it closed again since).  0 or -EINTR. */
static int fifo_wait(struct pipe *p, const int *now, const unsigned long *count, unsigned long start)
{
	while (*now == 0 && *count == start) {
		int err = sleep_on(p, true);
		if (err)
			return err;
	}
	return 0;
}

int fifo_open(struct vnode *v, unsigned flags, struct file **out)
{
	int acc = (int)(flags & O_ACCMODE);
	struct pipe *p = v->fifo;
	/* an anonymous pipe opened again (/proc/PID/fd/N) waits for no one,
	 * as on Linux */
	bool anon = v->ops == &pipe_vnode_ops;
	if (acc == O_WRONLY && (flags & O_NONBLOCK) && (!p || p->readers == 0) && !anon)
		return -ENXIO;
	if (!p) {
		p = kzalloc(sizeof *p);
		if (!p)
			return -ENOMEM;
		v->fifo = p;
	}
	struct file *f = file_alloc(v, flags, &fifo_fops, p);
	if (!f) {
		if (p->readers == 0 && p->writers == 0) {
			v->fifo = NULL;
			kfree(p);
		}
		return -ENOMEM;
	}
	unsigned long ropens = p->ropens, wopens = p->wopens;
	if (acc != O_WRONLY) {
		p->readers++;
		p->ropens++;
	}
	if (acc != O_RDONLY) {
		p->writers++;
		p->wopens++;
	}
	wake(p);
	int err = 0;
	if (!anon && !(flags & O_NONBLOCK) && acc == O_RDONLY)
		err = fifo_wait(p, &p->writers, &p->wopens, wopens);
	else if (!anon && !(flags & O_NONBLOCK) && acc == O_WRONLY)
		err = fifo_wait(p, &p->readers, &p->ropens, ropens);
	if (err) {
		file_put(f);
		return err;
	}
	*out = f;
	return 0;
}

/* epoll: an interest list of open files and the events each may report,
 * on top of the readiness poll and select use.
 *
 * The interface a kind of file gives epoll is the one it gives poll: its
 * file_ops.poll says what is ready now, and it calls vfs_poll_wakeup()
 * whenever that may have changed (pipes, ttys; sockets plug in the same
 * way).  Every waiter (poll, select, epoll_wait) sleeps on the one channel
 * vfs_poll_chan and rescans when woken, so epoll_wait costs a scan of its
 * interest list per wake-up, not a registration per file.
 *
 * Modes, per item:
 *  - level-triggered (the default): reported whenever ready.
 *  - EPOLLET: reported when ready and something changed since it was last
 *    reported: new ready bits, or any vfs_poll_wakeup() since (the change
 *    counter is global, so an edge may be reported that Linux would not
 *    have seen; never one fewer).
 *  - EPOLLONESHOT: disabled after one report until EPOLL_CTL_MOD.
 * An item refers to the open file (struct file) without holding it: when
 * the file's last reference goes, epoll_file_gone takes it off every list,
 * so closing the last descriptor removes it, as on Linux.  An epoll file
 * may watch another (its readiness is "an item would be reported"), never
 * itself (EINVAL) nor one that watches it (ELOOP).  A file without a poll
 * operation (regular files, directories, /dev/null) is refused with EPERM,
 * as Linux refuses it. */
#include "sys_fs.h"

#define EPOLL_MAX_EVENTS (INT32_MAX / 16)   /* Linux: maxevents above this is EINVAL */
#define EPOLL_MAX_DEPTH 5

struct epitem {
	struct epitem *next;
	struct file *f;             /* not referenced: see epoll_file_gone */
	int fd;                     /* the descriptor it was added as (the key with f) */
	uint32_t events;            /* what is asked, with EPOLLET/ONESHOT */
	uint64_t data;
	bool disabled;              /* EPOLLONESHOT fired */
	unsigned last_mask;         /* EPOLLET: what was last reported, and when */
	uint64_t last_gen;
};

struct eventpoll {
	struct eventpoll *next;     /* all epoll files, for epoll_file_gone */
	struct file *self;
	struct epitem *items;
};

static struct eventpoll *all_eps;
static const struct file_ops epoll_fops;
static uint64_t poll_gen;      /* vfs_poll_wakeup()s so far */

void vfs_poll_wakeup(void)
{
	poll_gen++;
	wakeup(&vfs_poll_chan);
}

static bool is_epoll(const struct file *f)
{
	return f->fops == &epoll_fops;
}

/* What it has to report now (0 if nothing), without consuming it. */
static unsigned item_events(struct epitem *it, int depth)
{
	if (it->disabled)
		return 0;
	unsigned ready;
	if (is_epoll(it->f))
		ready = depth < EPOLL_MAX_DEPTH && it->f->fops->poll(it->f) ? POLLIN : 0;
	else
		ready = file_poll(it->f);
	ready &= (it->events & ~(EPOLLET | EPOLLONESHOT | EPOLLEXCLUSIVE | EPOLLWAKEUP)) | EPOLLERR | EPOLLHUP;
	if (ready && (it->events & EPOLLET) && !(ready & ~it->last_mask) && it->last_gen == poll_gen)
		return 0;   /* nothing new since the last report */
	return ready;
}

static unsigned epoll_poll(struct file *f)
{
	struct eventpoll *ep = f->priv;
	for (struct epitem *it = ep->items; it; it = it->next)
		if (item_events(it, 1))
			return POLLIN | POLLRDNORM;
	return 0;
}

static void epoll_release(struct file *f)
{
	struct eventpoll *ep = f->priv;
	for (struct eventpoll **pp = &all_eps; *pp; pp = &(*pp)->next)
		if (*pp == ep) {
			*pp = ep->next;
			break;
		}
	while (ep->items) {
		struct epitem *it = ep->items;
		ep->items = it->next;
		kfree(it);
	}
	kfree(ep);
	f->v->nlink = 0;
	vfs_poll_wakeup();          /* an outer epoll watching this one */
}

static const struct file_ops epoll_fops = { .poll = epoll_poll, .release = epoll_release };

static void epoll_vnode_release(struct vnode *v)
{
	kfree(v);
}

static const struct vnode_ops epoll_vnode_ops = { .release = epoll_vnode_release };

void epoll_file_gone(struct file *f)
{
	for (struct eventpoll *ep = all_eps; ep; ep = ep->next)
		for (struct epitem **pp = &ep->items; *pp;) {
			struct epitem *it = *pp;
			if (it->f == f) {
				*pp = it->next;
				kfree(it);
			} else {
				pp = &it->next;
			}
		}
}

long sys_epoll_create1(int flags)
{
	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	struct eventpoll *ep = kzalloc(sizeof *ep);
	struct vnode *v = kzalloc(sizeof *v);
	if (!ep || !v) {
		kfree(ep);
		kfree(v);
		return -ENOMEM;
	}
	v->mode = 0600;             /* an anonymous inode: no file type */
	v->nlink = 1;
	v->ops = &epoll_vnode_ops;
	v->atime_ns = v->mtime_ns = v->ctime_ns = vfs_now_ns();
	struct file *f = file_alloc(v, O_RDWR, &epoll_fops, ep);
	if (!f) {
		kfree(ep);
		kfree(v);
		return -ENOMEM;
	}
	ep->self = f;
	ep->next = all_eps;
	all_eps = ep;
	int fd = fd_install(fdt(), f, 0, flags & EPOLL_CLOEXEC);
	if (fd < 0)
		file_put(f);
	return fd;
}

long sys_epoll_create(int size)
{
	return size <= 0 ? -EINVAL : sys_epoll_create1(0);
}

/* Does epoll file from watch target, directly or through other epolls? */
static bool reaches(struct file *from, struct file *target, int depth)
{
	if (from == target)
		return true;
	if (depth > EPOLL_MAX_DEPTH)
		return true;            /* too deep counts as a loop (Linux: ELOOP) */
	struct eventpoll *ep = from->priv;
	for (struct epitem *it = ep->items; it; it = it->next)
		if (is_epoll(it->f) && reaches(it->f, target, depth + 1))
			return true;
	return false;
}

static struct epitem *find_item(struct eventpoll *ep, struct file *f, int fd)
{
	for (struct epitem *it = ep->items; it; it = it->next)
		if (it->f == f && it->fd == fd)
			return it;
	return NULL;
}

static long ctl(struct file *epf, int op, int fd, struct file *f, uintptr_t uev)
{
	struct eventpoll *ep = epf->priv;
	struct linux_epoll_event ev = { 0, 0 };
	if (op != EPOLL_CTL_DEL && copy_from_user(&ev, uev, sizeof ev))
		return -EFAULT;
	if (f == epf)
		return -EINVAL;
	/* files with no poll of their own (regular files, directories,
	 * /dev/null...) are always ready: Linux refuses them */
	if (!f->fops->poll)
		return -EPERM;
	struct epitem *it = find_item(ep, f, fd);
	switch (op) {
	case EPOLL_CTL_ADD:
		if (it)
			return -EEXIST;
		if (is_epoll(f) && reaches(f, epf, 1))
			return -ELOOP;
		it = kzalloc(sizeof *it);
		if (!it)
			return -ENOMEM;
		it->f = f;
		it->fd = fd;
		it->events = ev.events;
		it->data = ev.data;
		it->next = ep->items;
		ep->items = it;
		break;
	case EPOLL_CTL_MOD:
		if (!it)
			return -ENOENT;
		if (ev.events & EPOLLEXCLUSIVE)
			return -EINVAL;
		it->events = ev.events;
		it->data = ev.data;
		it->disabled = false;
		it->last_mask = 0;
		break;
	case EPOLL_CTL_DEL:
		if (!it)
			return -ENOENT;
		for (struct epitem **pp = &ep->items; *pp; pp = &(*pp)->next)
			if (*pp == it) {
				*pp = it->next;
				break;
			}
		kfree(it);
		break;
	default:
		return -EINVAL;
	}
	vfs_poll_wakeup();              /* a waiter on this epoll rescans */
	return 0;
}

long sys_epoll_ctl(int epfd, int op, int fd, uintptr_t uev)
{
	struct file *epf = getf(epfd);
	if (!epf)
		return -EBADF;
	struct file *f = getf(fd);
	long r;
	if (!f)
		r = -EBADF;
	else if (!is_epoll(epf))
		r = -EINVAL;
	else
		r = ctl(epf, op, fd, f, uev);
	file_put(f);
	file_put(epf);
	return r;
}

/* One pass: up to max ready items into out (kernel memory); how many. */
static int harvest(struct eventpoll *ep, struct linux_epoll_event *out, int max)
{
	int n = 0;
	for (struct epitem *it = ep->items; it && n < max; it = it->next) {
		unsigned ready = item_events(it, 1);
		if (!ready)
			continue;
		out[n].events = ready;
		out[n].data = it->data;
		n++;
		if (it->events & EPOLLONESHOT)
			it->disabled = true;
		it->last_mask = ready;
		it->last_gen = poll_gen;
	}
	return n;
}

static long epoll_wait_common(int epfd, uintptr_t uevents, int maxevents, int timeout_ms,
			      const uint64_t *mask)
{
	if (maxevents <= 0 || maxevents > EPOLL_MAX_EVENTS)
		return -EINVAL;
	size_t bytes = sizeof(struct linux_epoll_event) * (size_t)maxevents;
	if (!user_range_ok(uevents, bytes))
		return -EFAULT;
	struct file *epf = getf(epfd);
	if (!epf)
		return -EBADF;
	if (!is_epoll(epf)) {
		file_put(epf);
		return -EINVAL;
	}
	int cap = MIN(maxevents, 64);   /* reported at most 64 per call */
	struct linux_epoll_event *out = kmalloc(sizeof *out * (size_t)cap);
	if (!out) {
		file_put(epf);
		return -ENOMEM;
	}
	uint64_t oldmask = 0;
	if (mask) {
		oldmask = current->sig_blocked;
		current->sig_blocked = *mask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
	}
	uint64_t deadline = timeout_ms > 0 ? arch_clock_ns() + (uint64_t)timeout_ms * 1000000ULL : 0;
	long r;
	for (;;) {
		r = harvest(epf->priv, out, cap);
		if (r > 0 || timeout_ms == 0)
			break;
		if (timeout_ms > 0 && arch_clock_ns() >= deadline)
			break;
		int err = timeout_ms < 0 ? sleep_on(&vfs_poll_chan, true)
					 : sleep_until(&vfs_poll_chan, deadline, true);
		if (err) {
			r = -EINTR;
			break;
		}
	}
	if (mask) {
		if (r == -EINTR) {
			current->saved_mask = oldmask;
			current->restore_saved_mask = true;
		} else {
			current->sig_blocked = oldmask;
		}
	}
	if (r > 0 && copy_to_user(uevents, out, sizeof *out * (size_t)r))
		r = -EFAULT;
	kfree(out);
	file_put(epf);
	return r;
}

long sys_epoll_wait(int epfd, uintptr_t uevents, int maxevents, int timeout)
{
	return epoll_wait_common(epfd, uevents, maxevents, timeout, NULL);
}

long sys_epoll_pwait(int epfd, uintptr_t uevents, int maxevents, int timeout, uintptr_t usigmask,
		     size_t sigsetsize)
{
	uint64_t mask;
	if (usigmask) {
		if (sigsetsize != sizeof mask)
			return -EINVAL;
		if (copy_from_user(&mask, usigmask, sizeof mask))
			return -EFAULT;
	}
	return epoll_wait_common(epfd, uevents, maxevents, timeout, usigmask ? &mask : NULL);
}

/* ioctl, and poll, ppoll, select and pselect6 over every kind of file. */
#include "sys_fs.h"

long sys_ioctl(int fd, unsigned long cmd, uintptr_t arg)
{
	struct file *f = getf(fd);
	if (!f)
		return -EBADF;
	long r;
	switch (cmd) {
	case FIOCLEX:
	case FIONCLEX:
		r = fd_set_cloexec(fdt(), fd, cmd == FIOCLEX);
		break;
	case FIONBIO: {
		int on;
		r = copy_from_user(&on, arg, sizeof on);
		if (!r) {
			if (on)
				f->flags |= O_NONBLOCK;
			else
				f->flags &= ~(unsigned)O_NONBLOCK;
		}
		break;
	}
	default:
		if (f->fops->ioctl) {
			r = f->fops->ioctl(f, cmd, arg);
		} else if (cmd == FIONREAD && V_ISREG(f->v)) {
			int n = f->pos < f->v->size ? (int)MIN(f->v->size - f->pos, (uint64_t)INT32_MAX) : 0;
			r = copy_to_user(arg, &n, sizeof n);
		} else {
			r = -ENOTTY;
		}
		break;
	}
	file_put(f);
	return r;
}

/* One pass over the descriptors: how many are ready. */
static int poll_scan(struct linux_pollfd *pf, unsigned long n)
{
	int ready = 0;
	for (unsigned long i = 0; i < n; i++) {
		pf[i].revents = 0;
		if (pf[i].fd < 0)
			continue;
		struct file *f = getf(pf[i].fd);
		unsigned m;
		if (!f) {
			m = POLLNVAL;
		} else {
			m = file_poll(f) & ((unsigned)(uint16_t)pf[i].events | POLLERR | POLLHUP);
			file_put(f);
		}
		pf[i].revents = (int16_t)m;
		if (m)
			ready++;
	}
	return ready;
}

/* When a wait ends: never, at once, or at a deadline (arch_clock_ns). */
struct poll_wait {
	bool forever, immediate;
	uint64_t deadline;
};

static int wait_from_ns(int64_t sec, int64_t nsec, struct poll_wait *w)
{
	if (sec < 0 || nsec < 0 || nsec >= 1000000000)
		return -EINVAL;
	w->forever = w->immediate = false;
	if (sec == 0 && nsec == 0)
		w->immediate = true;
	else if ((uint64_t)sec > 100000000ULL)   /* ~3 years: treat as forever */
		w->forever = true;
	else
		w->deadline = arch_clock_ns() + (uint64_t)sec * 1000000000ULL + (uint64_t)nsec;
	return 0;
}

/* The time left of w, for the calls that report it back. */
static uint64_t wait_left_ns(const struct poll_wait *w)
{
	uint64_t now = arch_clock_ns();
	return w->deadline > now ? w->deadline - now : 0;
}

/* Scan until something is ready, the wait ends or a signal comes, with
 * the signal mask *mask (if given) in force meanwhile. */
static long poll_loop(struct linux_pollfd *pf, unsigned long nfds, const struct poll_wait *w,
		      const uint64_t *mask)
{
	uint64_t oldmask = 0;
	if (mask && current) {
		oldmask = current->sig_blocked;
		current->sig_blocked = *mask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
	}
	long r;
	for (;;) {
		r = poll_scan(pf, nfds);
		if (r > 0 || w->immediate)
			break;
		if (!w->forever && arch_clock_ns() >= w->deadline)
			break;
		int err = w->forever ? sleep_on(&vfs_poll_chan, true)
				     : sleep_until(&vfs_poll_chan, w->deadline, true);
		if (err) {
			r = -EINTR;
			break;
		}
	}
	if (mask && current) {
		if (r == -EINTR) {
			/* the handler runs with the poll mask, then the old one returns */
			current->saved_mask = oldmask;
			current->restore_saved_mask = true;
		} else {
			current->sig_blocked = oldmask;
		}
	}
	return r;
}

/* poll and ppoll: the array in, the wait, the array out. */
static long poll_fds(uintptr_t ufds, unsigned long nfds, const struct poll_wait *w, const uint64_t *mask)
{
	if (nfds > FDTABLE_SIZE)
		return -EINVAL;
	size_t bytes = sizeof(struct linux_pollfd) * nfds;
	struct linux_pollfd *pf = kmalloc(bytes ? bytes : 1);
	if (!pf)
		return -ENOMEM;
	long r = copy_from_user(pf, ufds, bytes) ? -EFAULT : poll_loop(pf, nfds, w, mask);
	if (r >= 0 && copy_to_user(ufds, pf, bytes))
		r = -EFAULT;
	kfree(pf);
	return r;
}

/* A signal mask argument: 8 bytes, or -EINVAL. */
static int mask_from_user(uintptr_t usigmask, size_t sigsetsize, uint64_t *mask)
{
	if (sigsetsize != sizeof(uint64_t))
		return -EINVAL;
	return copy_from_user(mask, usigmask, sizeof *mask) ? -EFAULT : 0;
}

long sys_ppoll(uintptr_t ufds, unsigned long nfds, uintptr_t utmo, uintptr_t usigmask, size_t sigsetsize)
{
	struct poll_wait w = { .forever = true };
	struct linux_timespec ts;
	if (utmo) {
		if (copy_from_user(&ts, utmo, sizeof ts))
			return -EFAULT;
		int err = wait_from_ns(ts.tv_sec, ts.tv_nsec, &w);
		if (err)
			return err;
	}
	uint64_t mask;
	if (usigmask) {
		int err = mask_from_user(usigmask, sigsetsize, &mask);
		if (err)
			return err;
	}
	long r = poll_fds(ufds, nfds, &w, usigmask ? &mask : NULL);
	if (utmo && !w.forever && !w.immediate && r != -EFAULT) {
		uint64_t left = wait_left_ns(&w);
		struct linux_timespec rem = { (int64_t)(left / 1000000000ULL), (int64_t)(left % 1000000000ULL) };
		(void)copy_to_user(utmo, &rem, sizeof rem);   /* as Linux: a failure here is not reported */
	}
	return r;
}

/* poll: the timeout in milliseconds, negative for none. */
long sys_poll(uintptr_t ufds, unsigned long nfds, int timeout_ms)
{
	struct poll_wait w = { .forever = true };
	if (timeout_ms >= 0)
		(void)wait_from_ns(timeout_ms / 1000, (int64_t)(timeout_ms % 1000) * 1000000, &w);
	return poll_fds(ufds, nfds, &w, NULL);
}

/* ---------------------------------------------------------------- select
 * select and pselect6 are poll over the descriptors set in three bit
 * arrays (read: POLLIN, write: POLLOUT, except: POLLPRI), answered in the
 * same arrays.  A set bit for a descriptor that is not open is EBADF. */
#define SELECT_IN  (POLLIN | POLLHUP | POLLERR)
#define SELECT_OUT (POLLOUT | POLLERR)
#define SELECT_EX  POLLPRI
#define FDSET_WORDS (FDTABLE_SIZE / 64)

static long select_fds(int n, uintptr_t uin, uintptr_t uout, uintptr_t uex, const struct poll_wait *w,
		       const uint64_t *mask)
{
	if (n < 0)
		return -EINVAL;
	if (n > FDTABLE_SIZE)
		n = FDTABLE_SIZE;
	size_t bytes = (size_t)(n + 63) / 64 * 8;
	uint64_t in[FDSET_WORDS] = { 0 }, out[FDSET_WORDS] = { 0 }, ex[FDSET_WORDS] = { 0 };
	if ((uin && copy_from_user(in, uin, bytes)) || (uout && copy_from_user(out, uout, bytes)) ||
	    (uex && copy_from_user(ex, uex, bytes)))
		return -EFAULT;
	struct linux_pollfd *pf = kmalloc(sizeof *pf * (size_t)(n ? n : 1));
	if (!pf)
		return -ENOMEM;
	unsigned long k = 0;
	for (int fd = 0; fd < n; fd++) {
		uint64_t bit = 1ULL << (fd % 64);
		int16_t ev = (int16_t)(((in[fd / 64] & bit) ? POLLIN : 0) | ((out[fd / 64] & bit) ? POLLOUT : 0) |
				       ((ex[fd / 64] & bit) ? POLLPRI : 0));
		if (ev)
			pf[k++] = (struct linux_pollfd){ fd, ev, 0 };
	}
	long r = poll_loop(pf, k, w, mask);
	if (r >= 0) {
		memset(in, 0, sizeof in);
		memset(out, 0, sizeof out);
		memset(ex, 0, sizeof ex);
		r = 0;
		for (unsigned long i = 0; i < k; i++) {
			unsigned re = (uint16_t)pf[i].revents, ev = (uint16_t)pf[i].events;
			if (re & POLLNVAL) {
				r = -EBADF;
				break;
			}
			uint64_t bit = 1ULL << (pf[i].fd % 64);
			int w64 = pf[i].fd / 64;
			if ((ev & POLLIN) && (re & SELECT_IN))
				in[w64] |= bit, r++;
			if ((ev & POLLOUT) && (re & SELECT_OUT))
				out[w64] |= bit, r++;
			if ((ev & POLLPRI) && (re & SELECT_EX))
				ex[w64] |= bit, r++;
		}
	}
	kfree(pf);
	if (r >= 0 && ((uin && copy_to_user(uin, in, bytes)) || (uout && copy_to_user(uout, out, bytes)) ||
		       (uex && copy_to_user(uex, ex, bytes))))
		r = -EFAULT;
	return r;
}

long sys_select(int n, uintptr_t uin, uintptr_t uout, uintptr_t uex, uintptr_t utv)
{
	struct poll_wait w = { .forever = true };
	struct linux_timeval tv;
	if (utv) {
		if (copy_from_user(&tv, utv, sizeof tv))
			return -EFAULT;
		if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
			return -EINVAL;
		int err = wait_from_ns(tv.tv_sec, tv.tv_usec * 1000, &w);
		if (err)
			return err;
	}
	long r = select_fds(n, uin, uout, uex, &w, NULL);
	if (utv && !w.forever && !w.immediate && r != -EFAULT) {
		/* Linux writes the time left back (x86-64 select) */
		uint64_t left = wait_left_ns(&w);
		struct linux_timeval rem = { (int64_t)(left / 1000000000ULL), (int64_t)(left % 1000000000ULL / 1000) };
		(void)copy_to_user(utv, &rem, sizeof rem);
	}
	return r;
}

/* pselect6's sixth argument points at { const sigset_t *set; size_t size; }. */
long sys_pselect6(int n, uintptr_t uin, uintptr_t uout, uintptr_t uex, uintptr_t uts, uintptr_t usig)
{
	struct poll_wait w = { .forever = true };
	struct linux_timespec ts;
	if (uts) {
		if (copy_from_user(&ts, uts, sizeof ts))
			return -EFAULT;
		int err = wait_from_ns(ts.tv_sec, ts.tv_nsec, &w);
		if (err)
			return err;
	}
	uint64_t mask;
	bool masked = false;
	if (usig) {
		uint64_t arg[2];
		if (copy_from_user(arg, usig, sizeof arg))
			return -EFAULT;
		if (arg[0]) {
			int err = mask_from_user((uintptr_t)arg[0], (size_t)arg[1], &mask);
			if (err)
				return err;
			masked = true;
		}
	}
	long r = select_fds(n, uin, uout, uex, &w, masked ? &mask : NULL);
	if (uts && !w.forever && !w.immediate && r != -EFAULT) {
		uint64_t left = wait_left_ns(&w);
		struct linux_timespec rem = { (int64_t)(left / 1000000000ULL), (int64_t)(left % 1000000000ULL) };
		(void)copy_to_user(uts, &rem, sizeof rem);
	}
	return r;
}

/* ioctl, and ppoll over every kind of file. */
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

long sys_ppoll(uintptr_t ufds, unsigned long nfds, uintptr_t utmo, uintptr_t usigmask, size_t sigsetsize)
{
	if (nfds > FDTABLE_SIZE)
		return -EINVAL;
	struct linux_timespec ts;
	uint64_t deadline = 0;
	bool forever = !utmo, immediate = false;
	if (utmo) {
		if (copy_from_user(&ts, utmo, sizeof ts))
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		if (ts.tv_sec == 0 && ts.tv_nsec == 0)
			immediate = true;
		else if ((uint64_t)ts.tv_sec > 100000000ULL)   /* ~3 years: treat as forever */
			forever = true;
		else
			deadline = arch_clock_ns() + (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
	}
	uint64_t newmask = 0;
	if (usigmask) {
		if (sigsetsize != sizeof(uint64_t))
			return -EINVAL;
		if (copy_from_user(&newmask, usigmask, sizeof newmask))
			return -EFAULT;
	}
	size_t bytes = sizeof(struct linux_pollfd) * nfds;
	struct linux_pollfd *pf = kmalloc(bytes ? bytes : 1);
	if (!pf)
		return -ENOMEM;
	if (copy_from_user(pf, ufds, bytes)) {
		kfree(pf);
		return -EFAULT;
	}
	uint64_t oldmask = 0;
	if (usigmask && current) {
		oldmask = current->sig_blocked;
		current->sig_blocked = newmask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
	}
	long r;
	for (;;) {
		r = poll_scan(pf, nfds);
		if (r > 0 || immediate)
			break;
		if (!forever && arch_clock_ns() >= deadline)
			break;
		int err = forever ? sleep_on(&vfs_poll_chan, true)
				  : sleep_until(&vfs_poll_chan, deadline, true);
		if (err) {
			r = -EINTR;
			break;
		}
	}
	if (usigmask && current) {
		if (r == -EINTR) {
			/* the handler runs with the poll mask, then the old one returns */
			current->saved_mask = oldmask;
			current->restore_saved_mask = true;
		} else {
			current->sig_blocked = oldmask;
		}
	}
	if (r >= 0 && copy_to_user(ufds, pf, bytes))
		r = -EFAULT;
	if (utmo && !forever && !immediate && r != -EFAULT) {
		uint64_t now = arch_clock_ns(), left = deadline > now ? deadline - now : 0;
		struct linux_timespec rem = { (int64_t)(left / 1000000000ULL), (int64_t)(left % 1000000000ULL) };
		(void)copy_to_user(utmo, &rem, sizeof rem);   /* as Linux: a failure here is not reported */
	}
	kfree(pf);
	return r;
}

/* I/O buffers (struct uio): one description of where a read or write
 * moves its bytes, user or kernel memory, one or several pieces. */
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

void uio_init(struct uio *u, bool user, const struct kiov *iov, int iovcnt, size_t total)
{
	u->user = user;
	u->iov = iov;
	u->iovcnt = iovcnt;
	u->idx = 0;
	u->off = 0;
	u->resid = total;
}

void uio_kernel(struct uio *u, struct kiov *one, void *buf, size_t n)
{
	one->base = (uintptr_t)buf;
	one->len = n;
	uio_init(u, false, one, 1, n);
}

void uio_user(struct uio *u, struct kiov *one, uintptr_t ubuf, size_t n)
{
	one->base = ubuf;
	one->len = n;
	uio_init(u, true, one, 1, n);
}

enum { TO_BUF, FROM_BUF, ZERO_BUF };

static int uio_move(struct uio *u, void *kp, size_t n, int dir)
{
	char *k = kp;
	while (n > 0 && u->resid > 0) {
		if (u->idx >= u->iovcnt)
			break;
		const struct kiov *seg = &u->iov[u->idx];
		if (u->off >= seg->len) {
			u->idx++;
			u->off = 0;
			continue;
		}
		size_t c = MIN(n, seg->len - u->off);
		uintptr_t a = seg->base + u->off;
		int err = 0;
		if (dir == TO_BUF) {
			if (u->user)
				err = copy_to_user(a, k, c);
			else
				memcpy((void *)a, k, c);
		} else if (dir == FROM_BUF) {
			if (u->user)
				err = copy_from_user(k, a, c);
			else
				memcpy(k, (const void *)a, c);
		} else {
			if (u->user)
				err = clear_user(a, c);
			else
				memset((void *)a, 0, c);
		}
		if (err)
			return -EFAULT;
		if (k)
			k += c;
		n -= c;
		u->off += c;
		u->resid -= c;
	}
	return 0;
}

int uio_copyout(struct uio *u, const void *src, size_t n)
{
	return uio_move(u, (void *)src, n, TO_BUF);
}

int uio_copyin(struct uio *u, void *dst, size_t n)
{
	return uio_move(u, dst, n, FROM_BUF);
}

int uio_zero(struct uio *u, size_t n)
{
	return uio_move(u, NULL, n, ZERO_BUF);
}

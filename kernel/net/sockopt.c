/* setsockopt and getsockopt: the SOL_SOCKET options every socket has
 * (type, buffers, timeouts, flags) here, the family's own (SO_PEERCRED...)
 * through its getopt. */
#include "net.h"
#include <syscalls_gen.h>

static uint64_t timeval_ns(const struct linux_timeval *tv)
{
	if (tv->tv_sec < 0 || (tv->tv_sec == 0 && tv->tv_usec == 0))
		return 0;
	return (uint64_t)tv->tv_sec * 1000000000ULL + (uint64_t)tv->tv_usec * 1000ULL;
}

#define BOOLOPTS ((1u << SO_DEBUG) | (1u << SO_REUSEADDR) | (1u << SO_DONTROUTE) | \
		  (1u << SO_BROADCAST) | (1u << SO_KEEPALIVE) | (1u << SO_OOBINLINE) | \
		  (1u << SO_REUSEPORT))

long sys_setsockopt(int fd, int level, int opt, uintptr_t uval, int ulen)
{
	long err;
	struct file *f;
	struct socket *s = sockfd(fd, &f, &err);
	if (!s)
		return err;
	err = 0;
	if (level != SOL_SOCKET) {
		err = -EOPNOTSUPP;      /* AF_UNIX has options at SOL_SOCKET only */
		goto out;
	}
	if (opt == SO_RCVTIMEO || opt == SO_SNDTIMEO) {
		struct linux_timeval tv;
		if (ulen < (int)sizeof tv) {
			err = -EINVAL;
		} else if (copy_from_user(&tv, uval, sizeof tv)) {
			err = -EFAULT;
		} else if (tv.tv_usec < 0 || tv.tv_usec >= 1000000) {
			err = -EDOM;
		} else {
			uint64_t ns = timeval_ns(&tv);
			if (opt == SO_RCVTIMEO)
				s->rcvtimeo_ns = ns;
			else
				s->sndtimeo_ns = ns;
		}
		goto out;
	}
	int v;
	if (ulen < (int)sizeof v) {
		err = -EINVAL;
		goto out;
	}
	if (copy_from_user(&v, uval, sizeof v)) {
		err = -EFAULT;
		goto out;
	}
	switch (opt) {
	case SO_SNDBUF:
	case SO_SNDBUFFORCE:
	case SO_RCVBUF:
	case SO_RCVBUFFORCE: {
		/* Linux doubles the value (room for its bookkeeping) within
		 * [min, 2 * max] */
		bool snd = opt == SO_SNDBUF || opt == SO_SNDBUFFORCE;
		uint64_t want = (uint64_t)(unsigned)MAX(v, 0);
		want = MIN(want, (uint64_t)SOCK_MAX_BUF) * 2;
		size_t min = snd ? SOCK_MIN_SNDBUF : SOCK_MIN_RCVBUF;
		if (snd)
			s->sndbuf = MAX((size_t)want, min);
		else
			s->rcvbuf = MAX((size_t)want, min);
		sock_wake(s->priv);     /* a bigger buffer may let a writer go on */
		break;
	}
	case SO_PASSCRED:
		s->passcred = v != 0;
		break;
	default:
		if (opt >= 0 && opt < 32 && (BOOLOPTS & (1u << opt))) {
			if (v)
				s->boolopts |= 1u << opt;
			else
				s->boolopts &= ~(1u << opt);
		} else {
			err = -ENOPROTOOPT;
		}
	}
out:
	file_put(f);
	return err;
}

long sys_getsockopt(int fd, int level, int opt, uintptr_t uval, uintptr_t ulenp)
{
	long err;
	struct file *f;
	struct socket *s = sockfd(fd, &f, &err);
	if (!s)
		return err;
	int ulen;
	union {
		int i;
		struct linux_timeval tv;
		struct linux_ucred cred;
	} val;
	size_t len = sizeof(int);
	err = 0;
	if (copy_from_user(&ulen, ulenp, sizeof ulen)) {
		err = -EFAULT;
		goto out;
	}
	if (ulen < 0) {
		err = -EINVAL;
		goto out;
	}
	if (level != SOL_SOCKET) {
		err = -EOPNOTSUPP;
		goto out;
	}
	switch (opt) {
	case SO_TYPE: val.i = s->type; break;
	case SO_DOMAIN: val.i = s->family; break;
	case SO_PROTOCOL: val.i = 0; break;
	case SO_ERROR: val.i = s->err; s->err = 0; break;
	case SO_SNDBUF: val.i = (int)s->sndbuf; break;
	case SO_RCVBUF: val.i = (int)s->rcvbuf; break;
	case SO_PASSCRED: val.i = s->passcred; break;
	case SO_RCVTIMEO:
	case SO_SNDTIMEO: {
		uint64_t ns = opt == SO_RCVTIMEO ? s->rcvtimeo_ns : s->sndtimeo_ns;
		val.tv.tv_sec = (int64_t)(ns / 1000000000ULL);
		val.tv.tv_usec = (int64_t)(ns % 1000000000ULL / 1000);
		len = sizeof val.tv;
		break;
	}
	default:
		if (opt >= 0 && opt < 32 && (BOOLOPTS & (1u << opt))) {
			val.i = (s->boolopts >> opt) & 1;
		} else {
			len = sizeof val;
			err = s->ops->getopt ? s->ops->getopt(s, opt, &val, &len) : -ENOPROTOOPT;
		}
	}
	if (err)
		goto out;
	/* as Linux: as much as the caller has room for, and that length */
	len = MIN(len, (size_t)ulen);
	if (copy_to_user(uval, &val, len)) {
		err = -EFAULT;
		goto out;
	}
	int outlen = (int)len;
	if (copy_to_user(ulenp, &outlen, sizeof outlen))
		err = -EFAULT;
out:
	file_put(f);
	return err;
}

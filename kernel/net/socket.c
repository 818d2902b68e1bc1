/* The generic socket: a socket as an open file (read, write, poll, ioctl,
 * close through struct file_ops) and the socket system calls (the options'
 * in sockopt.c), which check
 * descriptors, flags and user memory and hand the work to the family's
 * struct sock_ops (kernel/net/net.h).  AF_UNIX is the one family; every
 * other answers EAFNOSUPPORT (AF_INET too, until there is a network). */
#include "net.h"
#include <syscalls_gen.h>

#define SOCKFS_DEV 0xfe01u          /* st_dev of socket files (pipes are 0xfe00) */

static uint64_t sock_ino = 1;

/* ---------------------------------------------------------------- sleeping */
uint64_t sock_deadline(const struct socket *s, bool send)
{
	uint64_t t = send ? s->sndtimeo_ns : s->rcvtimeo_ns;
	return t ? arch_clock_ns() + t : 0;
}

void sock_wake(const void *chan)
{
	wakeup(chan);
	vfs_poll_wakeup();
}

int sock_sleep(const void *chan, uint64_t deadline)
{
	if (!deadline)
		return sleep_on(chan, true);
	if (arch_clock_ns() >= deadline)
		return -EAGAIN;
	int err = sleep_until(chan, deadline, true);
	if (err)
		return err;
	return arch_clock_ns() >= deadline ? -EAGAIN : 0;
}

/* ---------------------------------------------------------------- the file */
static struct socket *sock_of(struct file *f)
{
	return f->priv;
}

static long sock_read(struct file *f, struct uio *u, uint64_t *pos)
{
	(void)pos;
	struct socket *s = sock_of(f);
	struct sockmsg m = { .data = u };
	return s->ops->recvmsg(s, &m, 0, f->flags & O_NONBLOCK);
}

static long sock_write(struct file *f, struct uio *u, uint64_t *pos)
{
	(void)pos;
	struct socket *s = sock_of(f);
	struct sockmsg m = { .data = u };
	return s->ops->sendmsg(s, &m, 0, f->flags & O_NONBLOCK);
}

static unsigned sock_poll(struct file *f)
{
	struct socket *s = sock_of(f);
	unsigned m = s->ops->poll(s);
	if (s->err)
		m |= POLLERR;
	return m;
}

static long sock_ioctl(struct file *f, unsigned long cmd, uintptr_t arg)
{
	struct socket *s = sock_of(f);
	return s->ops->ioctl ? s->ops->ioctl(s, cmd, arg) : -ENOTTY;
}

static void sock_release(struct file *f)
{
	struct socket *s = sock_of(f);
	s->ops->release(s);
	f->v->nlink = 0;        /* the anonymous vnode goes with the file */
	kfree(s);
}

static const struct file_ops sock_fops = {
	.read = sock_read,
	.write = sock_write,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.release = sock_release,
};

static void sock_vnode_release(struct vnode *v)
{
	kfree(v);
}

static const struct vnode_ops sock_vnode_ops = { .release = sock_vnode_release };

/* The family's constructor; -EAFNOSUPPORT for the families not here. */
static int family_create(struct socket *s, int protocol)
{
	switch (s->family) {
	case AF_UNIX:
		return unix_create(s, protocol);
	default:
		return -EAFNOSUPPORT;
	}
}

int sock_create(int family, int type, int protocol, bool nonblock, struct socket **out)
{
	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	struct socket *s = kzalloc(sizeof *s);
	struct vnode *v = kzalloc(sizeof *v);
	if (!s || !v) {
		kfree(s);
		kfree(v);
		return -ENFILE;
	}
	s->family = family;
	s->type = type;
	s->sndbuf = s->rcvbuf = SOCK_DEFAULT_BUF;
	int err = family_create(s, protocol);
	if (err) {
		kfree(s);
		kfree(v);
		return err;
	}
	v->mode = S_IFSOCK | 0777;
	v->nlink = 1;
	v->ino = sock_ino++;
	v->dev = SOCKFS_DEV;
	v->ops = &sock_vnode_ops;
	v->atime_ns = v->mtime_ns = v->ctime_ns = vfs_now_ns();
	s->file = file_alloc(v, O_RDWR | (nonblock ? O_NONBLOCK : 0), &sock_fops, s);
	if (!s->file) {
		s->ops->release(s);
		kfree(s);
		kfree(v);
		return -ENFILE;
	}
	*out = s;
	return 0;
}

/* ---------------------------------------------------------------- descriptors */
static struct fdtable *fdt(void)
{
	return current ? current->files : NULL;
}

struct socket *sockfd(int fd, struct file **fp, long *err)
{
	struct file *f = fd_get(fdt(), fd);
	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	if (f->fops != &sock_fops) {
		file_put(f);
		*err = -ENOTSOCK;
		return NULL;
	}
	*fp = f;
	return f->priv;
}

/* Give s's file a descriptor; on failure the socket goes. */
static long install(struct socket *s, bool cloexec)
{
	int fd = fd_install(fdt(), s->file, 0, cloexec);
	if (fd < 0)
		file_put(s->file);
	return fd;
}

/* socket()'s and socketpair()'s type: the kind, and the flags or'ed in. */
static int split_type(int type, int *kind, bool *nonblock, bool *cloexec)
{
	if ((unsigned)type & ~(unsigned)(SOCK_TYPE_MASK | SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	*kind = type & SOCK_TYPE_MASK;
	if (*kind > SOCK_PACKET)
		return -EINVAL;         /* no such type anywhere (Linux's SOCK_MAX) */
	*nonblock = (unsigned)type & SOCK_NONBLOCK;
	*cloexec = (unsigned)type & SOCK_CLOEXEC;
	return 0;
}

long sys_socket(int family, int type, int protocol)
{
	int kind;
	bool nb, ce;
	int err = split_type(type, &kind, &nb, &ce);
	if (err)
		return err;
	struct socket *s;
	err = sock_create(family, kind, protocol, nb, &s);
	return err ? err : install(s, ce);
}

long sys_socketpair(int family, int type, int protocol, uintptr_t usv)
{
	int kind;
	bool nb, ce;
	int err = split_type(type, &kind, &nb, &ce);
	if (err)
		return err;
	struct socket *a, *b;
	err = sock_create(family, kind, protocol, nb, &a);
	if (err)
		return err;
	err = sock_create(family, kind, protocol, nb, &b);
	if (err) {
		file_put(a->file);
		return err;
	}
	err = a->ops->pair ? a->ops->pair(a, b) : -EOPNOTSUPP;
	if (err) {
		file_put(a->file);
		file_put(b->file);
		return err;
	}
	int sv[2];
	sv[0] = fd_install(fdt(), a->file, 0, ce);
	sv[1] = sv[0] < 0 ? -EMFILE : fd_install(fdt(), b->file, 0, ce);
	if (sv[1] < 0) {
		if (sv[0] >= 0)
			fd_close(fdt(), sv[0]);
		else
			file_put(a->file);
		file_put(b->file);
		return -EMFILE;
	}
	if (copy_to_user(usv, sv, sizeof sv)) {
		/* Linux closes both again: the caller never learnt them */
		fd_close(fdt(), sv[0]);
		fd_close(fdt(), sv[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_bind(int fd, uintptr_t uaddr, int ulen)
{
	long err;
	struct file *f;
	struct socket *s = sockfd(fd, &f, &err);
	if (!s)
		return err;
	struct linux_sockaddr_storage a;
	size_t len;
	err = sockaddr_in(uaddr, ulen, &a, &len);
	if (!err)
		err = s->ops->bind(s, &a, len);
	file_put(f);
	return err;
}

long sys_connect(int fd, uintptr_t uaddr, int ulen)
{
	long err;
	struct file *f;
	struct socket *s = sockfd(fd, &f, &err);
	if (!s)
		return err;
	struct linux_sockaddr_storage a;
	size_t len;
	err = sockaddr_in(uaddr, ulen, &a, &len);
	if (!err)
		err = s->ops->connect(s, &a, len, f->flags & O_NONBLOCK);
	file_put(f);
	return err;
}

long sys_listen(int fd, int backlog)
{
	long err;
	struct file *f;
	struct socket *s = sockfd(fd, &f, &err);
	if (!s)
		return err;
	if ((unsigned)backlog > SOMAXCONN)
		backlog = SOMAXCONN;    /* Linux's clamp: a negative one too */
	err = s->ops->listen(s, backlog);
	file_put(f);
	return err;
}

long sys_accept4(int fd, uintptr_t uaddr, uintptr_t ulenp, int flags)
{
	if ((unsigned)flags & ~(unsigned)(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return -EINVAL;
	long err;
	struct file *f;
	struct socket *s = sockfd(fd, &f, &err);
	if (!s)
		return err;
	struct socket *ns;
	err = s->ops->accept(s, &ns, f->flags & O_NONBLOCK);
	file_put(f);
	if (err)
		return err;
	if (flags & SOCK_NONBLOCK)
		ns->file->flags |= O_NONBLOCK;
	if (uaddr) {
		struct linux_sockaddr_storage a;
		size_t len = 0;
		ns->ops->getname(ns, &a, &len, true);
		err = sockaddr_out(uaddr, ulenp, &a, len);
		if (err) {
			/* Linux: the connection is taken and lost */
			file_put(ns->file);
			return err;
		}
	}
	return install(ns, flags & SOCK_CLOEXEC);
}

long sys_accept(int fd, uintptr_t uaddr, uintptr_t ulenp)
{
	return sys_accept4(fd, uaddr, ulenp, 0);
}

static long getname(int fd, uintptr_t uaddr, uintptr_t ulenp, bool peer)
{
	long err;
	struct file *f;
	struct socket *s = sockfd(fd, &f, &err);
	if (!s)
		return err;
	struct linux_sockaddr_storage a;
	size_t len = 0;
	err = s->ops->getname(s, &a, &len, peer);
	if (!err)
		err = sockaddr_out(uaddr, ulenp, &a, len);
	file_put(f);
	return err;
}

long sys_getsockname(int fd, uintptr_t uaddr, uintptr_t ulenp)
{
	return getname(fd, uaddr, ulenp, false);
}

long sys_getpeername(int fd, uintptr_t uaddr, uintptr_t ulenp)
{
	return getname(fd, uaddr, ulenp, true);
}

long sys_shutdown(int fd, int how)
{
	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	long err;
	struct file *f;
	struct socket *s = sockfd(fd, &f, &err);
	if (!s)
		return err;
	err = s->ops->shutdown(s, how);
	file_put(f);
	return err;
}

/* ---------------------------------------------------------------- data */
static long do_send(struct socket *s, struct file *f, struct sockmsg *m, int flags)
{
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	bool nb = (f->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT);
	return s->ops->sendmsg(s, m, flags, nb);
}

static long do_recv(struct socket *s, struct file *f, struct sockmsg *m, int flags)
{
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	bool nb = (f->flags & O_NONBLOCK) || (flags & MSG_DONTWAIT);
	return s->ops->recvmsg(s, m, flags, nb);
}

long sys_sendto(int fd, uintptr_t ubuf, size_t len, int flags, uintptr_t uaddr, int ulen)
{
	long err;
	struct file *f;
	struct socket *s = sockfd(fd, &f, &err);
	if (!s)
		return err;
	struct sockmsg m = { 0 };
	len = MIN(len, SOCK_MAX_RW);
	struct kiov one;
	struct uio u;
	uio_user(&u, &one, ubuf, len);
	m.data = &u;
	err = 0;
	if (len && !user_range_ok(ubuf, len))
		err = -EFAULT;
	if (!err && uaddr)
		err = sockaddr_in(uaddr, ulen, &m.name, &m.namelen);
	if (!err)
		err = do_send(s, f, &m, flags);
	file_put(f);
	return err;
}

long sys_recvfrom(int fd, uintptr_t ubuf, size_t len, int flags, uintptr_t uaddr, uintptr_t ulenp)
{
	long err;
	struct file *f;
	struct socket *s = sockfd(fd, &f, &err);
	if (!s)
		return err;
	struct sockmsg m = { 0 };
	len = MIN(len, SOCK_MAX_RW);
	struct kiov one;
	struct uio u;
	uio_user(&u, &one, ubuf, len);
	m.data = &u;
	long r = len && !user_range_ok(ubuf, len) ? -EFAULT : do_recv(s, f, &m, flags);
	if (r >= 0 && uaddr) {
		err = sockaddr_out(uaddr, ulenp, &m.name, m.namelen);
		if (err)
			r = err;
	}
	file_put(f);
	return r;
}

long sys_sendmsg(int fd, uintptr_t umsg, int flags)
{
	long err;
	struct file *f;
	struct socket *s = sockfd(fd, &f, &err);
	if (!s)
		return err;
	struct linux_msghdr mh;
	struct kiov *kv = NULL;
	struct uio u;
	struct sockmsg m = { 0 };
	m.data = &u;
	if (copy_from_user(&mh, umsg, sizeof mh)) {
		err = -EFAULT;
		goto out;
	}
	err = msg_iov_in(mh.msg_iov, mh.msg_iovlen, &kv, &u);
	if (err)
		goto out;
	if (mh.msg_name && mh.msg_namelen) {
		/* as Linux: a longer name is cut to the largest address */
		uint32_t n = MIN(mh.msg_namelen, (uint32_t)sizeof m.name);
		err = sockaddr_in(mh.msg_name, (int)n, &m.name, &m.namelen);
		if (err)
			goto out;
	}
	if (mh.msg_controllen) {
		err = scm_from_user(mh.msg_control, mh.msg_controllen, &m.scm);
		if (err)
			goto out;
	}
	err = do_send(s, f, &m, flags);
	if (m.scm)
		scm_free(m.scm);        /* the family took the files it queued */
out:
	kfree(kv);
	file_put(f);
	return err;
}

long sys_recvmsg(int fd, uintptr_t umsg, int flags)
{
	long err;
	struct file *f;
	struct socket *s = sockfd(fd, &f, &err);
	if (!s)
		return err;
	struct linux_msghdr mh;
	struct kiov *kv = NULL;
	struct uio u;
	struct sockmsg m = { 0 };
	m.data = &u;
	if (copy_from_user(&mh, umsg, sizeof mh)) {
		err = -EFAULT;
		goto out;
	}
	if ((int)mh.msg_namelen < 0) {
		err = -EINVAL;
		goto out;
	}
	err = msg_iov_in(mh.msg_iov, mh.msg_iovlen, &kv, &u);
	if (err)
		goto out;
	m.ucontrol = mh.msg_control;
	m.controllen = mh.msg_controllen;
	err = do_recv(s, f, &m, flags);
	if (err < 0)
		goto out;
	/* what came with it: the source address, the control length used,
	 * the flags */
	struct linux_msghdr out = mh;
	if (mh.msg_name) {
		size_t n = MIN(m.namelen, (size_t)mh.msg_namelen);
		if (n && copy_to_user(mh.msg_name, &m.name, n)) {
			err = -EFAULT;
			goto out;
		}
		out.msg_namelen = (uint32_t)m.namelen;
	} else {
		out.msg_namelen = 0;
	}
	out.msg_controllen = m.controllen;
	out.msg_flags = m.flags_out;
	if (copy_to_user(umsg, &out, sizeof out))
		err = -EFAULT;
out:
	kfree(kv);
	file_put(f);
	return err;
}

/* AF_UNIX sockets: SOCK_STREAM (a byte stream), SOCK_SEQPACKET (records,
 * connected) and SOCK_DGRAM (records, to an address or a connected peer),
 * on one machine.  Objects and references: kernel/net/unix.h.
 *
 * Every message is a struct skb on the receiver's queue, charged to its
 * sender until read: a sender whose unread bytes would pass its SO_SNDBUF
 * waits (or gets EAGAIN).  Stream reads take bytes across messages but
 * stop before a message that carries descriptors once they have data, and
 * after it, so descriptors arrive with the bytes they were sent with.
 *
 * Sleeping: each endpoint is its own channel.  A reader sleeps on itself
 * and a sender wakes it; a blocked writer sleeps on itself and the reader
 * that frees its bytes wakes it; accept and a connect waiting for room in
 * the backlog sleep on the listener. */
#include "unix.h"

#define UNIX_CHUNK (PAGE_SIZE - 256)    /* a stream message's largest piece: one heap page */
#define DGRAM_QLEN 10                   /* Linux's net.unix.max_dgram_qlen */

static const struct sock_ops unix_ops;

/* ---------------------------------------------------------------- endpoints */
static struct usock *usock_new(int type)
{
	struct usock *u = kzalloc(sizeof *u);
	if (!u)
		return NULL;
	u->refs = 1;
	u->type = type;
	u->rq_tail = &u->rq;
	u->acq_tail = &u->acq;
	return u;
}

struct usock *usock_get(struct usock *u)
{
	u->refs++;
	return u;
}

void usock_put(struct usock *u)
{
	if (!u)
		return;
	if (u->refs <= 0)
		panic("usock_put: AF_UNIX socket %p has no references", (void *)u);
	if (--u->refs > 0)
		return;
	unix_unbind(u);
	kfree(u);
}

static size_t sndbuf_of(const struct usock *u)
{
	return u->sock ? u->sock->sndbuf : SOCK_DEFAULT_BUF;
}

static void wake(struct usock *u)
{
	sock_wake(u);
}

/* ---------------------------------------------------------------- queues */
static void enqueue(struct usock *to, struct skb *b)
{
	b->next = NULL;
	*to->rq_tail = b;
	to->rq_tail = &b->next;
	to->rq_bytes += b->len;
	to->rq_count++;
	b->owner->wbytes += b->len;
	wake(to);
}

/* Take the first message off u's queue and free it: its sender may write
 * again.  Its files are closed unless the reader took them (scm NULL). */
static void dequeue_free(struct usock *u)
{
	struct skb *b = u->rq;
	u->rq = b->next;
	if (!u->rq)
		u->rq_tail = &u->rq;
	u->rq_bytes -= b->len - b->off;
	u->rq_count--;
	struct usock *owner = b->owner;
	owner->wbytes -= b->len;
	wake(owner);
	wake(u);                        /* datagram senders waiting for queue room */
	scm_free(b->scm);               /* may close sockets: after the queue is consistent */
	kfree(b);
	usock_put(owner);
}

static void purge(struct usock *u)
{
	while (u->rq)
		dequeue_free(u);
}

static struct skb *skb_new(struct usock *from, size_t len)
{
	struct skb *b = kmalloc(sizeof *b + (len ? len : 1));
	if (!b)
		return NULL;
	memset(b, 0, sizeof *b);
	b->owner = usock_get(from);
	b->len = len;
	b->cred = scm_my_cred();
	if (from->addrlen) {
		b->from = from->addr;
		b->fromlen = from->addrlen;
	}
	return b;
}

static void skb_drop(struct skb *b)
{
	usock_put(b->owner);
	kfree(b);
}

/* Fill b with len bytes from the message; its ancillary data, if any,
 * goes with it. */
static int skb_fill(struct skb *b, struct sockmsg *m)
{
	int err = uio_copyin(m->data, b->data, b->len);
	if (err)
		return err;
	if (m->scm) {
		b->scm = m->scm;
		m->scm = NULL;
		if (b->scm->explicit_cred)
			b->cred = b->scm->cred;
	}
	return 0;
}

static void sigpipe(int flags)
{
	if (!(flags & MSG_NOSIGNAL) && current)
		signal_send(current, SIGPIPE);
}

/* ---------------------------------------------------------------- connections */
static void connect_pair(struct usock *a, struct usock *b)
{
	a->state = b->state = US_CONNECTED;
	a->peer = usock_get(b);
	b->peer = usock_get(a);
}

static int unix_pair(struct socket *sa, struct socket *sb)
{
	struct usock *a = sa->priv, *b = sb->priv;
	connect_pair(a, b);
	a->peercred = b->peercred = scm_my_cred();
	a->has_peercred = b->has_peercred = true;
	return 0;
}

/* The endpoint u goes away (its file closed, or an embryo never accepted):
 * its peer sees the end, its queue and name go. */
static void usock_close(struct usock *u)
{
	u->dead = true;
	u->shut = RCV_SHUT | SEND_SHUT;
	unix_unbind(u);
	while (u->acq) {
		/* connections nobody accepted: their clients see the end */
		struct usock *e = u->acq;
		u->acq = e->acq_next;
		u->acq_count--;
		usock_close(e);
		usock_put(e);
	}
	u->acq_tail = &u->acq;
	struct usock *peer = u->peer;
	if (peer) {
		if (u->type != SOCK_DGRAM)
			peer->shut = RCV_SHUT | SEND_SHUT;
		wake(peer);
		u->peer = NULL;
	}
	purge(u);
	wake(u);
	usock_put(peer);
}

static int unix_listen(struct socket *s, int backlog)
{
	struct usock *u = s->priv;
	if (u->type == SOCK_DGRAM)
		return -EOPNOTSUPP;
	if (!u->addrlen || u->state == US_CONNECTED)
		return -EINVAL;
	u->state = US_LISTEN;
	u->backlog = backlog;
	u->peercred = scm_my_cred();
	u->has_peercred = true;
	wake(u);                        /* connects waiting for a larger backlog */
	return 0;
}

/* A datagram socket's connect: its default destination (AF_UNSPEC: none). */
static int dgram_connect(struct usock *u, const void *addr, size_t len)
{
	const struct linux_sockaddr_storage *a = addr;
	if (len >= sizeof a->ss_family && a->ss_family == AF_UNSPEC) {
		usock_put(u->peer);
		u->peer = NULL;
		u->state = US_UNCONN;
		return 0;
	}
	struct usock *t;
	int err = unix_find(addr, len, u->type, &t);
	if (err)
		return err;
	usock_put(u->peer);
	u->peer = t;
	u->state = US_CONNECTED;
	return 0;
}

static int unix_connect(struct socket *s, const void *addr, size_t len, bool nonblock)
{
	struct usock *u = s->priv;
	if (u->type == SOCK_DGRAM)
		return dgram_connect(u, addr, len);
	struct usock *t;
	int err = unix_find(addr, len, u->type, &t);
	if (err)
		return err;
	uint64_t deadline = sock_deadline(s, true);
	for (;;) {
		if (u->state == US_CONNECTED) {
			err = -EISCONN;
			break;
		}
		if (u->state == US_LISTEN) {
			err = -EINVAL;
			break;
		}
		if (t->dead || t->state != US_LISTEN) {
			err = -ECONNREFUSED;
			break;
		}
		if (t->acq_count > t->backlog) {
			/* the backlog is full: wait for an accept */
			err = nonblock ? -EAGAIN : sock_sleep(t, deadline);
			if (err)
				break;
			continue;
		}
		struct usock *e = usock_new(u->type);   /* the server's end; the queue's reference */
		if (!e) {
			err = -ENOMEM;
			break;
		}
		connect_pair(u, e);
		e->peercred = scm_my_cred();
		e->has_peercred = true;
		u->peercred = t->peercred;
		u->has_peercred = true;
		e->addr = t->addr;              /* getsockname on the accepted socket */
		e->addrlen = t->addrlen;
		e->acq_next = NULL;
		*t->acq_tail = e;
		t->acq_tail = &e->acq_next;
		t->acq_count++;
		wake(t);
		err = 0;
		break;
	}
	usock_put(t);
	return err;
}

static int unix_accept(struct socket *s, struct socket **out, bool nonblock)
{
	struct usock *u = s->priv;
	if (u->type == SOCK_DGRAM)
		return -EOPNOTSUPP;
	uint64_t deadline = sock_deadline(s, false);
	for (;;) {
		if (u->state != US_LISTEN)
			return -EINVAL;
		if (u->acq)
			break;
		int err = nonblock ? -EAGAIN : sock_sleep(u, deadline);
		if (err)
			return err;
	}
	struct socket *ns;
	int err = sock_create(AF_UNIX, u->type, 0, false, &ns);
	if (err)
		return err;
	struct usock *e = u->acq;
	u->acq = e->acq_next;
	if (!u->acq)
		u->acq_tail = &u->acq;
	u->acq_count--;
	wake(u);                        /* a connect waiting for backlog room */
	usock_put(ns->priv);            /* the fresh endpoint is replaced by the embryo */
	ns->priv = e;                   /* with the queue's reference */
	e->sock = ns;
	*out = ns;
	return 0;
}

static int unix_shutdown(struct socket *s, int how)
{
	struct usock *u = s->priv;
	unsigned mode = how == SHUT_RD ? RCV_SHUT : how == SHUT_WR ? SEND_SHUT : RCV_SHUT | SEND_SHUT;
	u->shut |= mode;
	struct usock *p = u->peer;
	if (p && u->type != SOCK_DGRAM) {
		p->shut |= (mode & RCV_SHUT ? SEND_SHUT : 0) | (mode & SEND_SHUT ? RCV_SHUT : 0);
		wake(p);
	}
	wake(u);
	return 0;
}

static int unix_getname(struct socket *s, struct linux_sockaddr_storage *a, size_t *len, bool peer)
{
	struct usock *u = s->priv;
	const struct usock *w = u;
	if (peer) {
		if (u->state != US_CONNECTED || !u->peer)
			return -ENOTCONN;
		w = u->peer;
	}
	memset(a, 0, sizeof *a);
	if (w->addrlen) {
		*a = w->addr;
		*len = w->addrlen;
	} else {
		a->ss_family = AF_UNIX;
		*len = sizeof a->ss_family;
	}
	return 0;
}

/* ---------------------------------------------------------------- sending */
static long stream_send(struct socket *s, struct usock *u, struct sockmsg *m, int flags, bool nonblock)
{
	if (m->namelen)
		return u->state == US_CONNECTED ? -EISCONN : -EOPNOTSUPP;
	if (u->state != US_CONNECTED)
		return -ENOTCONN;
	uint64_t deadline = sock_deadline(s, true);
	size_t done = 0;
	while (m->data->resid > 0) {
		struct usock *p = u->peer;
		if ((u->shut & SEND_SHUT) || !p || p->dead || (p->shut & RCV_SHUT)) {
			if (done)
				break;
			sigpipe(flags);
			return -EPIPE;
		}
		size_t buf = sndbuf_of(u);
		size_t space = u->wbytes < buf ? buf - u->wbytes : 0;
		if (space == 0) {
			int err = nonblock ? -EAGAIN : sock_sleep(u, deadline);
			if (err)
				return done ? (long)done : err;
			continue;
		}
		size_t n = MIN(MIN(m->data->resid, space), (size_t)UNIX_CHUNK);
		struct skb *b = skb_new(u, n);
		if (!b)
			return done ? (long)done : -ENOBUFS;
		int err = skb_fill(b, m);
		if (err) {
			skb_drop(b);
			return done ? (long)done : err;
		}
		enqueue(p, b);
		done += n;
	}
	return (long)done;
}

/* A datagram or seqpacket record: whole, to the peer or the address. */
static long dgram_send(struct socket *s, struct usock *u, struct sockmsg *m, int flags, bool nonblock)
{
	size_t len = m->data->resid;
	if (u->type == SOCK_SEQPACKET) {
		m->namelen = 0;         /* Linux ignores an address on a connected record socket */
		if (u->state != US_CONNECTED)
			return -ENOTCONN;
	}
	if (u->shut & SEND_SHUT) {
		sigpipe(flags);
		return -EPIPE;
	}
	if (len > sndbuf_of(u) - 32)
		return -EMSGSIZE;
	struct usock *t;
	if (m->namelen) {
		int err = unix_find(&m->name, m->namelen, u->type, &t);
		if (err)
			return err;
	} else {
		if (!u->peer)
			return u->type == SOCK_SEQPACKET ? -EPIPE : -ENOTCONN;
		t = usock_get(u->peer);
	}
	uint64_t deadline = sock_deadline(s, true);
	long r;
	for (;;) {
		if (t->dead) {
			if (t == u->peer && u->type == SOCK_DGRAM) {
				/* the peer is gone: forget it */
				u->peer = NULL;
				u->state = US_UNCONN;
				usock_put(t);
			}
			r = u->type == SOCK_SEQPACKET ? -EPIPE : -ECONNREFUSED;
			if (r == -EPIPE)
				sigpipe(flags);
			break;
		}
		if (t->peer && t->peer != u && u->type == SOCK_DGRAM) {
			r = -EPERM;     /* it is connected to someone else */
			break;
		}
		if (t->shut & RCV_SHUT) {
			sigpipe(flags);
			r = -EPIPE;
			break;
		}
		bool full = u->wbytes + len > sndbuf_of(u) ||
			    (u->type == SOCK_DGRAM && t->peer != u && t->rq_count > DGRAM_QLEN);
		if (full) {
			r = nonblock ? -EAGAIN : sock_sleep(t->rq_count > DGRAM_QLEN ? (void *)t : (void *)u,
							     deadline);
			if (r)
				break;
			continue;
		}
		struct skb *b = skb_new(u, len);
		if (!b) {
			r = -ENOBUFS;
			break;
		}
		r = skb_fill(b, m);
		if (r) {
			skb_drop(b);
			break;
		}
		enqueue(t, b);
		r = (long)len;
		break;
	}
	usock_put(t);
	return r;
}

static long unix_sendmsg(struct socket *s, struct sockmsg *m, int flags, bool nonblock)
{
	struct usock *u = s->priv;
	return u->type == SOCK_STREAM ? stream_send(s, u, m, flags, nonblock)
				      : dgram_send(s, u, m, flags, nonblock);
}

/* ---------------------------------------------------------------- receiving */
/* Wait for a message in u's queue: 0, 1 at the end (nothing will come),
 * or -errno. */
static int wait_data(struct usock *u, bool nonblock, uint64_t deadline)
{
	while (!u->rq) {
		if (u->shut & RCV_SHUT)
			return 1;
		if (u->type != SOCK_DGRAM && (!u->peer || u->peer->dead))
			return 1;
		int err = nonblock ? -EAGAIN : sock_sleep(u, deadline);
		if (err)
			return err;
	}
	return 0;
}

static long stream_recv(struct socket *s, struct usock *u, struct sockmsg *m, int flags, bool nonblock)
{
	if (u->state != US_CONNECTED)
		return -EINVAL;
	bool peek = flags & MSG_PEEK;
	size_t want = m->data->resid;
	size_t target = (flags & MSG_WAITALL) ? want : MIN(want, (size_t)1);
	uint64_t deadline = sock_deadline(s, false);
	size_t copied = 0;
	struct scm *scm = NULL;         /* what the first message carried */
	struct linux_ucred cred;
	bool have_cred = false;
	size_t peek_skip = 0;           /* MSG_PEEK: messages already looked at */
	int err = 0;
	while (copied < want) {
		struct skb *b = u->rq;
		for (size_t i = 0; peek && b && i < peek_skip; i++)
			b = b->next;
		if (!b) {
			if (copied >= target || (peek && copied))
				break;
			err = wait_data(u, nonblock, deadline);
			if (err)
				break;
			continue;
		}
		if (copied && b->scm)
			break;                  /* its descriptors come with the next read */
		if (have_cred && memcmp(&cred, &b->cred, sizeof cred))
			break;                  /* another sender's bytes: another read */
		if (!have_cred) {
			cred = b->cred;
			have_cred = true;
		}
		bool carried = b->scm != NULL;
		if (carried) {
			scm = b->scm;
			if (!peek)
				b->scm = NULL;
		}
		size_t n = MIN(b->len - b->off, want - copied);
		size_t before = m->data->resid;
		int e = uio_copyout(m->data, b->data + b->off, n);
		size_t moved = before - m->data->resid;
		copied += moved;
		if (!peek) {
			b->off += moved;
			u->rq_bytes -= moved;
			if (b->off == b->len)
				dequeue_free(u);
		} else {
			peek_skip++;
		}
		if (e) {
			err = e;
			break;
		}
		if (carried)
			break;                  /* as Linux: descriptors end a read */
	}
	if (err < 0 && copied == 0) {
		if (!peek)
			scm_free(scm);
		return err;
	}
	bool passcred = s->passcred;
	if (scm || passcred) {
		int e = scm_to_user(m, scm, passcred && have_cred ? &cred : NULL, peek,
				    flags & MSG_CMSG_CLOEXEC);
		if (!peek)
			scm_free(scm);
		if (e && !copied)
			return e;
	} else {
		m->controllen = 0;
	}
	return (long)copied;
}

static long dgram_recv(struct socket *s, struct usock *u, struct sockmsg *m, int flags, bool nonblock)
{
	if (u->type == SOCK_SEQPACKET && u->state != US_CONNECTED)
		return -ENOTCONN;
	int w = wait_data(u, nonblock, sock_deadline(s, false));
	if (w < 0)
		return w;
	if (w > 0) {
		m->controllen = 0;
		return 0;
	}
	bool peek = flags & MSG_PEEK;
	struct skb *b = u->rq;
	size_t n = MIN(b->len, m->data->resid);
	size_t before = m->data->resid;
	int err = uio_copyout(m->data, b->data, n);
	if (err && before == m->data->resid)
		return err;             /* nothing moved: the message stays */
	if (b->len > n)
		m->flags_out |= MSG_TRUNC;
	if (u->type == SOCK_DGRAM && b->fromlen) {
		memcpy(&m->name, &b->from, b->fromlen);
		m->namelen = b->fromlen;
	}
	long r = (flags & MSG_TRUNC) ? (long)b->len : (long)n;
	struct scm *scm = b->scm;
	if (!peek)
		b->scm = NULL;
	int e = scm_to_user(m, scm, s->passcred ? &b->cred : NULL, peek, flags & MSG_CMSG_CLOEXEC);
	if (!peek) {
		scm_free(scm);
		dequeue_free(u);
	}
	return e ? e : r;
}

static long unix_recvmsg(struct socket *s, struct sockmsg *m, int flags, bool nonblock)
{
	struct usock *u = s->priv;
	return u->type == SOCK_STREAM ? stream_recv(s, u, m, flags, nonblock)
				      : dgram_recv(s, u, m, flags, nonblock);
}

/* ---------------------------------------------------------------- state */
static unsigned unix_poll(struct socket *s)
{
	struct usock *u = s->priv;
	unsigned m = 0;
	if (u->shut == (RCV_SHUT | SEND_SHUT))
		m |= POLLHUP;
	if (u->shut & RCV_SHUT)
		m |= POLLIN | POLLRDNORM;
	if (u->rq || u->acq)
		m |= POLLIN | POLLRDNORM;
	if (u->type != SOCK_DGRAM && u->state == US_UNCONN)
		m |= POLLHUP;
	bool writable = u->state != US_LISTEN && u->wbytes * 4 <= sndbuf_of(u);
	struct usock *p = u->peer;
	if (writable && u->type == SOCK_DGRAM && p && p->peer != u && p->rq_count > DGRAM_QLEN)
		writable = false;
	if (writable)
		m |= POLLOUT | POLLWRNORM;
	return m;
}

static int unix_ioctl(struct socket *s, unsigned long cmd, uintptr_t arg)
{
	struct usock *u = s->priv;
	int n;
	if (cmd == FIONREAD)            /* SIOCINQ: a stream's bytes, a record's size */
		n = u->type == SOCK_STREAM ? (int)u->rq_bytes : u->rq ? (int)u->rq->len : 0;
	else if (cmd == TIOCOUTQ)       /* SIOCOUTQ: sent, not yet read */
		n = (int)u->wbytes;
	else
		return -ENOTTY;
	return copy_to_user(arg, &n, sizeof n);
}

static int unix_getopt(struct socket *s, int opt, void *val, size_t *len)
{
	struct usock *u = s->priv;
	switch (opt) {
	case SO_PEERCRED: {
		struct linux_ucred c = { 0, (uint32_t)-1, (uint32_t)-1 };
		if (u->has_peercred)
			c = u->peercred;
		memcpy(val, &c, sizeof c);
		*len = sizeof c;
		return 0;
	}
	case SO_ACCEPTCONN:
		*(int *)val = u->state == US_LISTEN;
		*len = sizeof(int);
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

static void unix_release(struct socket *s)
{
	struct usock *u = s->priv;
	u->sock = NULL;
	usock_close(u);
	usock_put(u);
}

static const struct sock_ops unix_ops = {
	.bind = unix_bind,
	.connect = unix_connect,
	.listen = unix_listen,
	.accept = unix_accept,
	.sendmsg = unix_sendmsg,
	.recvmsg = unix_recvmsg,
	.shutdown = unix_shutdown,
	.getname = unix_getname,
	.pair = unix_pair,
	.poll = unix_poll,
	.ioctl = unix_ioctl,
	.getopt = unix_getopt,
	.release = unix_release,
};

int unix_create(struct socket *s, int protocol)
{
	if (protocol && protocol != AF_UNIX)
		return -EPROTONOSUPPORT;
	if (s->type == SOCK_RAW)
		s->type = SOCK_DGRAM;   /* as Linux: a raw local socket is a datagram one */
	if (s->type != SOCK_STREAM && s->type != SOCK_DGRAM && s->type != SOCK_SEQPACKET)
		return -ESOCKTNOSUPPORT;
	struct usock *u = usock_new(s->type);
	if (!u)
		return -ENOMEM;
	u->sock = s;
	s->priv = u;
	s->ops = &unix_ops;
	return 0;
}

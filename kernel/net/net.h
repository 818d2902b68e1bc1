/* Sockets, inside kernel/net: what the generic socket layer (socket.c, the
 * file and the system calls), the message helpers (msg.c, scm.c) and the
 * address families (unix.c, unix_name.c) share.  Private to kernel/net.
 *
 * A socket is an open file (struct file) whose priv is a struct socket and
 * whose vnode is an anonymous S_IFSOCK node (fstat, /proc/PID/fd's
 * "socket:[ino]").  The family's ops do the work; the generic layer copies
 * arguments in and out, checks descriptors and flags, and maps read/write/
 * poll/close on the file to them.  Sleeping follows proc.h: a blocked call
 * sleeps on a channel of the socket and re-checks after every wake-up;
 * everything that changes what a poller sees also calls vfs_poll_wakeup()
 * (a file's readiness is always file_poll(f), the one hook poll, select
 * and a later epoll ask). */
#ifndef RINGEL_NET_NET_H
#define RINGEL_NET_NET_H
#include <vfs.h>
#include <proc.h>
#include <uaccess.h>
#include <mm.h>
#include <kernel.h>
#include <uapi.h>
#include <uapi/socket.h>
#include <string.h>

struct socket;
struct scm;

/* A message on its way through sendmsg/recvmsg, in kernel terms. */
struct sockmsg {
	struct uio *data;
	/* send: the destination (namelen 0: none).  recv: the source, for the
	 * caller to copy out (namelen 0: none to report). */
	struct linux_sockaddr_storage name;
	size_t namelen;
	struct scm *scm;            /* send: what the control data carried (or NULL) */
	uintptr_t ucontrol;         /* recv: the caller's control buffer */
	size_t controllen;          /* recv: its size in; bytes written out */
	int flags_out;              /* recv: MSG_TRUNC, MSG_CTRUNC */
};

struct sock_ops {
	int (*bind)(struct socket *s, const void *addr, size_t len);
	int (*connect)(struct socket *s, const void *addr, size_t len, bool nonblock);
	int (*listen)(struct socket *s, int backlog);
	/* *out: a new socket (its file made by the caller); *name the peer's. */
	int (*accept)(struct socket *s, struct socket **out, bool nonblock);
	/* Bytes sent or received, or -errno. */
	long (*sendmsg)(struct socket *s, struct sockmsg *m, int flags, bool nonblock);
	long (*recvmsg)(struct socket *s, struct sockmsg *m, int flags, bool nonblock);
	int (*shutdown)(struct socket *s, int how);
	/* The socket's own (peer = false) or its peer's address. */
	int (*getname)(struct socket *s, struct linux_sockaddr_storage *a, size_t *len, bool peer);
	int (*pair)(struct socket *a, struct socket *b);
	unsigned (*poll)(struct socket *s);
	int (*ioctl)(struct socket *s, unsigned long cmd, uintptr_t arg);
	/* SOL_SOCKET options the family answers itself (SO_PEERCRED...):
	 * -ENOPROTOOPT when it does not. */
	int (*getopt)(struct socket *s, int opt, void *val, size_t *len);
	void (*release)(struct socket *s);
};

struct socket {
	int family, type;
	unsigned flags;             /* SOCK_NONBLOCK lives in the file's flags */
	const struct sock_ops *ops;
	struct file *file;          /* the file this socket is (not a reference) */
	void *priv;                 /* the family's state */
	int err;                    /* SO_ERROR, cleared when read */
	size_t sndbuf, rcvbuf;      /* SO_SNDBUF, SO_RCVBUF (Linux's doubled values) */
	uint64_t rcvtimeo_ns, sndtimeo_ns;   /* 0: none */
	unsigned boolopts;          /* bit n: SOL_SOCKET option n set (SO_REUSEADDR...) */
	bool passcred;              /* SO_PASSCRED */
};

#define SOCK_MAX_RW ((size_t)0x7ffff000)   /* Linux's cap on one transfer */
#define SOCK_DEFAULT_BUF 212992u   /* Linux's net.core.[rw]mem_default */
#define SOCK_MAX_BUF 212992u       /* net.core.[rw]mem_max (setsockopt doubles) */
#define SOCK_MIN_SNDBUF 4608u
#define SOCK_MIN_RCVBUF 2304u

/* socket.c */
/* The socket at fd, with a reference on its file in *fp; NULL with *err
 * EBADF or ENOTSOCK. */
struct socket *sockfd(int fd, struct file **fp, long *err);
/* A new socket of family/type with its file (O_RDWR | nonblock). */
int sock_create(int family, int type, int protocol, bool nonblock, struct socket **out);
/* The deadline a blocking call of s may wait until (0: none). */
uint64_t sock_deadline(const struct socket *s, bool send);
/* Wake whoever sleeps on chan and every poller. */
void sock_wake(const void *chan);
/* Sleep on chan until woken, the deadline (-EAGAIN) or a signal (-EINTR). */
int sock_sleep(const void *chan, uint64_t deadline);

/* msg.c: user messages to kernel ones and back. */
/* An address from user memory into a; 0 or -errno (EINVAL, EFAULT). */
int sockaddr_in(uintptr_t uaddr, int ulen, struct linux_sockaddr_storage *a, size_t *len);
/* An address out to (uaddr, *ulenp): as much as fits, the full length
 * into *ulenp.  uaddr 0: nothing. */
int sockaddr_out(uintptr_t uaddr, uintptr_t ulenp, const void *a, size_t len);
/* The data vector of a user msghdr: kiov array (kfree'd by the caller)
 * and the uio over it. */
int msg_iov_in(uint64_t uiov, uint64_t iovlen, struct kiov **kv, struct uio *u);

/* scm.c: ancillary data (SCM_RIGHTS, SCM_CREDENTIALS). */
struct scm {
	struct linux_ucred cred;    /* the sender's, or what it claimed */
	bool explicit_cred;         /* sent as SCM_CREDENTIALS */
	int nfiles;
	struct file *files[];       /* references held while in flight */
};
/* Parse a sendmsg control buffer; *out NULL when it carried nothing.
 * 0 or -errno (EINVAL, EBADF, EFAULT, EPERM, ENOBUFS). */
int scm_from_user(uintptr_t ucontrol, size_t len, struct scm **out);
/* The caller's own credentials. */
struct linux_ucred scm_my_cred(void);
/* Deliver to the receiver: SCM_CREDENTIALS (when cred is given) and the
 * files as new descriptors (SCM_RIGHTS), into m's control buffer; m's
 * controllen becomes the bytes used.  With peek the files stay in scm (new
 * descriptors for the same files); otherwise scm gives its references away
 * (installed, or closed when they do not fit: MSG_CTRUNC).  0 or -EFAULT. */
int scm_to_user(struct sockmsg *m, struct scm *scm, const struct linux_ucred *cred, bool peek,
		bool cloexec);
/* Drop what a message never delivered: close its in-flight files. */
void scm_free(struct scm *scm);

/* The address families. */
int unix_create(struct socket *s, int protocol);
#endif

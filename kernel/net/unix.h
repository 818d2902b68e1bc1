/* AF_UNIX inside kernel/net: the state unix.c (connections and data) and
 * unix_name.c (addresses: file-system nodes and the abstract namespace)
 * share.
 *
 * A struct usock is one AF_UNIX endpoint.  It outlives its file when
 * something still points at it, so it is reference counted: the socket
 * (its file) holds one, a connected peer one, every message it sent that
 * still waits in a receive queue one (the sender is charged for those
 * bytes against its SO_SNDBUF: a full buffer blocks the writer until the
 * reader takes them), and a listener's accept queue one for each
 * connection not yet accepted.
 *
 * Connecting a stream or seqpacket socket makes the server's end at once
 * (an "embryo" with no file, queued on the listener until accept gives it
 * one), so the client may write before the server accepts, as on Linux. */
#ifndef RINGEL_NET_UNIX_H
#define RINGEL_NET_UNIX_H
#include "net.h"

enum ustate { US_UNCONN, US_LISTEN, US_CONNECTED };
#define RCV_SHUT 1u
#define SEND_SHUT 2u

/* One message in a receive queue. */
struct skb {
	struct skb *next;
	struct usock *owner;        /* the sender, charged len bytes (referenced) */
	struct linux_sockaddr_storage from;   /* its address (datagrams) */
	size_t fromlen;             /* 0: it was not bound */
	struct linux_ucred cred;
	struct scm *scm;            /* files in flight, claimed credentials */
	size_t len, off;            /* off: bytes a stream reader already took */
	char data[];
};

struct usock {
	int refs;
	int type;
	enum ustate state;
	unsigned shut;              /* RCV_SHUT, SEND_SHUT */
	bool dead;                  /* its file is closed */
	struct socket *sock;        /* NULL for an embryo and after close */
	struct usock *peer;         /* connected to (referenced) */
	struct linux_ucred peercred;
	bool has_peercred;
	/* the receive queue */
	struct skb *rq, **rq_tail;
	size_t rq_bytes;
	int rq_count;
	size_t wbytes;              /* bytes this socket sent that wait unread */
	/* listening */
	struct usock *acq, **acq_tail, *acq_next;
	int acq_count, backlog;
	/* the address (unix_name.c) */
	struct linux_sockaddr_storage addr;
	size_t addrlen;             /* 0: not bound */
	struct vnode *node;         /* a path's S_IFSOCK node (referenced) */
	bool named;                 /* on the list of bound sockets */
	struct usock *bound_next;
};

struct usock *usock_get(struct usock *u);
void usock_put(struct usock *u);

/* unix_name.c */
int unix_bind(struct socket *s, const void *addr, size_t len);
/* The socket bound to addr, referenced: -EINVAL for a malformed address,
 * the path lookup's error, -ECONNREFUSED when nobody is bound there,
 * -EPROTOTYPE when it is of another type. */
int unix_find(const void *addr, size_t len, int type, struct usock **out);
/* Give up the name (a path's node stays until unlinked, as on Linux). */
void unix_unbind(struct usock *u);
#endif

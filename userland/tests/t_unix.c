/* utests: AF_UNIX sockets (stream, datagram, seqpacket; paths and the
 * abstract namespace; descriptors and credentials passed as ancillary data;
 * blocking, poll, signals) and the descriptor links /proc/PID/fd, /dev/fd,
 * /proc/self/cwd and /proc/self/exe.  Every check holds on Linux too (the
 * suite's oracle run); the few places the two may differ say so. */
#include "utests.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>

#define BAD_PTR ((void *)8)     /* the unmapped first page */

/* A path for this test's socket in /tmp. */
static socklen_t path_addr(struct sockaddr_un *a, const char *tag)
{
	memset(a, 0, sizeof *a);
	a->sun_family = AF_UNIX;
	snprintf(a->sun_path, sizeof a->sun_path, "/tmp/ut-unix-%s-%d", tag, getpid());
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + strlen(a->sun_path) + 1);
}

/* An abstract name: a NUL, then the text (no NUL counted). */
static socklen_t abstract_addr(struct sockaddr_un *a, const char *tag)
{
	memset(a, 0, sizeof *a);
	a->sun_family = AF_UNIX;
	int n = snprintf(a->sun_path + 1, sizeof a->sun_path - 1, "ut-unix-%s-%d", tag, getpid());
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)n);
}

static int listener(struct sockaddr_un *a, socklen_t len, int type)
{
	int s = socket(AF_UNIX, type, 0);
	CHECK_OK(s);
	CHECK_OK(bind(s, (struct sockaddr *)a, len));
	CHECK_OK(listen(s, 4));
	return s;
}

static int connected(struct sockaddr_un *a, socklen_t len, int type)
{
	int c = socket(AF_UNIX, type, 0);
	CHECK_OK(c);
	CHECK_OK(connect(c, (struct sockaddr *)a, len));
	return c;
}

static void pair(int type, int sv[2])
{
	CHECK_OK(socketpair(AF_UNIX, type, 0, sv));
}

static void send_str(int fd, const char *s)
{
	CHECK(write(fd, s, strlen(s)) == (ssize_t)strlen(s), "write %s: %s", s, errname(errno));
}

static void expect_str(int fd, const char *s)
{
	char buf[256];
	ssize_t n = read(fd, buf, sizeof buf - 1);
	CHECK(n >= 0, "read: %s", errname(errno));
	buf[n] = 0;
	CHECK(strcmp(buf, s) == 0, "read '%s', want '%s'", buf, s);
}

static int getint(int fd, int opt)
{
	int v = -1;
	socklen_t len = sizeof v;
	CHECK_OK(getsockopt(fd, SOL_SOCKET, opt, &v, &len));
	CHECK(len == sizeof v, "option %d: length %u", opt, len);
	return v;
}

/* ---------------------------------------------------------------- creation */
UTEST(unix_socket_args)
{
	CHECK_ERR(socket(AF_MAX, SOCK_STREAM, 0), EAFNOSUPPORT);
	CHECK_ERR(socket(-1, SOCK_STREAM, 0), EAFNOSUPPORT);
	if (on_linux)
		note("AF_INET exists on Linux: EAFNOSUPPORT is checked on Ringel only");
	else {
		CHECK_ERR(socket(AF_INET, SOCK_STREAM, 0), EAFNOSUPPORT);
		CHECK_ERR(socket(AF_INET6, SOCK_DGRAM, 0), EAFNOSUPPORT);
		int sv[2];
		CHECK_ERR(socketpair(AF_INET, SOCK_STREAM, 0, sv), EAFNOSUPPORT);
	}
	CHECK_ERR(socket(AF_UNIX, SOCK_RDM, 0), ESOCKTNOSUPPORT);
	CHECK_ERR(socket(AF_UNIX, SOCK_STREAM, 7), EPROTONOSUPPORT);
	if (!exec_wrapper)   /* qemu-user drops the flags it does not know */
		CHECK_ERR(socket(AF_UNIX, SOCK_STREAM | 0x10000, 0), EINVAL);
	CHECK_ERR(socket(AF_UNIX, 15, 0), EINVAL);
	CHECK_ERR(socketpair(AF_UNIX, SOCK_STREAM, 0, BAD_PTR), EFAULT);
	int s = socket(AF_UNIX, SOCK_STREAM, AF_UNIX);
	CHECK_OK(s);
	CHECK(getint(s, SO_TYPE) == SOCK_STREAM, "SO_TYPE");
	CHECK(getint(s, SO_DOMAIN) == AF_UNIX, "SO_DOMAIN");
	CHECK(getint(s, SO_ACCEPTCONN) == 0, "SO_ACCEPTCONN");
	struct stat st;
	CHECK_OK(fstat(s, &st));
	CHECK(S_ISSOCK(st.st_mode), "fstat mode %o", st.st_mode);
	CHECK_ERR(lseek(s, 0, SEEK_SET), ESPIPE);
	close(s);
	/* not a socket, not a descriptor */
	int p[2];
	CHECK_OK(pipe(p));
	struct sockaddr_un a;
	socklen_t len = path_addr(&a, "ns");
	CHECK_ERR(bind(p[0], (struct sockaddr *)&a, len), ENOTSOCK);
	CHECK_ERR(listen(p[0], 1), ENOTSOCK);
	CHECK_ERR(send(p[1], "x", 1, 0), ENOTSOCK);
	CHECK_ERR(listen(999, 1), EBADF);
	close(p[0]);
	close(p[1]);
	s = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK_OK(s);
	CHECK_ERR(listen(s, 1), EOPNOTSUPP);
	CHECK_ERR(accept(s, NULL, NULL), EOPNOTSUPP);
	close(s);
}

UTEST(unix_flags)
{
	int s = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	CHECK_OK(s);
	CHECK(fcntl(s, F_GETFL) & O_NONBLOCK, "SOCK_NONBLOCK: no O_NONBLOCK");
	CHECK(fcntl(s, F_GETFD) & FD_CLOEXEC, "SOCK_CLOEXEC: no FD_CLOEXEC");
	close(s);
	int sv[2];
	CHECK_OK(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv));
	char c;
	CHECK_ERR(read(sv[0], &c, 1), EAGAIN);
	CHECK_ERR(recv(sv[0], &c, 1, 0), EAGAIN);
	close(sv[0]);
	close(sv[1]);
	pair(SOCK_STREAM, sv);
	CHECK(!(fcntl(sv[0], F_GETFL) & O_NONBLOCK), "blocking by default");
	CHECK_ERR(recv(sv[0], &c, 1, MSG_DONTWAIT), EAGAIN);
	/* MSG_PEEK leaves the bytes */
	send_str(sv[1], "peek");
	char buf[8] = { 0 };
	CHECK(recv(sv[0], buf, 2, MSG_PEEK) == 2 && memcmp(buf, "pe", 2) == 0, "peek");
	CHECK(recv(sv[0], buf, sizeof buf, 0) == 4 && memcmp(buf, "peek", 4) == 0, "after peek");
	close(sv[0]);
	close(sv[1]);
}

/* A child writes "abc", waits, writes "def": MSG_WAITALL gets both. */
static void slow_writer(void *arg)
{
	int fd = *(int *)arg;
	send_str(fd, "abc");
	sleep_ms(100);
	send_str(fd, "def");
}

UTEST(unix_waitall)
{
	int sv[2];
	pair(SOCK_STREAM, sv);
	int pid = spawn(slow_writer, &sv[1]);
	char buf[8] = { 0 };
	ssize_t n = recv(sv[0], buf, 6, MSG_WAITALL);
	CHECK(n == 6 && memcmp(buf, "abcdef", 6) == 0, "MSG_WAITALL: %zd '%s'", n, buf);
	CHECK(wait_timeout(pid, 5000) == 0, "writer");
	close(sv[0]);
	close(sv[1]);
}

/* ---------------------------------------------------------------- streams */
UTEST(unix_stream_pair)
{
	int sv[2];
	pair(SOCK_STREAM, sv);
	send_str(sv[0], "ping");
	expect_str(sv[1], "ping");
	send_str(sv[1], "pong");
	expect_str(sv[0], "pong");
	/* bytes, not records: two writes may be read at once */
	send_str(sv[0], "ab");
	send_str(sv[0], "cd");
	expect_str(sv[1], "abcd");
	CHECK_ERR(pread(sv[0], (char[4]){ 0 }, 1, 0), ESPIPE);
	struct sockaddr_un a;
	socklen_t len = sizeof a;
	CHECK_OK(getsockname(sv[0], (struct sockaddr *)&a, &len));
	CHECK(len == sizeof(sa_family_t) && a.sun_family == AF_UNIX, "unbound name: len %u", len);
	len = sizeof a;
	CHECK_OK(getpeername(sv[0], (struct sockaddr *)&a, &len));
	CHECK(len == sizeof(sa_family_t), "unbound peer: len %u", len);
	/* shutdown: the other side reads the end, writing here is EPIPE */
	CHECK_OK(shutdown(sv[0], SHUT_WR));
	char c;
	CHECK(read(sv[1], &c, 1) == 0, "EOF after SHUT_WR");
	CHECK_ERR(send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	send_str(sv[1], "still");       /* the other direction works */
	expect_str(sv[0], "still");
	CHECK_ERR(shutdown(sv[0], 7), EINVAL);
	close(sv[1]);
	CHECK(read(sv[0], &c, 1) == 0, "EOF after the peer closed");
	close(sv[0]);
}

static void write_to_closed(void *arg)
{
	int fd = *(int *)arg;
	signal(SIGPIPE, SIG_DFL);
	reached();
	write(fd, "x", 1);
}

UTEST(unix_sigpipe)
{
	int sv[2];
	pair(SOCK_STREAM, sv);
	close(sv[1]);
	CHECK_ERR(send(sv[0], "x", 1, MSG_NOSIGNAL), EPIPE);
	expect_death("write to a closed peer", write_to_closed, &sv[0], SIGPIPE);
	/* ignored: EPIPE alone */
	signal(SIGPIPE, SIG_IGN);
	CHECK_ERR(write(sv[0], "x", 1), EPIPE);
	close(sv[0]);
}

UTEST(unix_path_bind)
{
	struct sockaddr_un a, b;
	socklen_t len = path_addr(&a, "path");
	unlink(a.sun_path);
	int l = listener(&a, len, SOCK_STREAM);
	CHECK(getint(l, SO_ACCEPTCONN) == 1, "SO_ACCEPTCONN");
	struct stat st;
	CHECK_OK(stat(a.sun_path, &st));
	CHECK(S_ISSOCK(st.st_mode), "bound path: mode %o", st.st_mode);
	CHECK_ERR(open(a.sun_path, O_RDONLY), ENXIO);
	/* the name is taken, even by a socket of another type */
	int s2 = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK_ERR(bind(s2, (struct sockaddr *)&a, len), EADDRINUSE);
	close(s2);
	/* a bound socket cannot bind again */
	socklen_t len2 = path_addr(&b, "path2");
	CHECK_ERR(bind(l, (struct sockaddr *)&b, len2), EINVAL);
	/* the addresses each end sees */
	int c = connected(&a, len, SOCK_STREAM);
	struct sockaddr_un peer;
	socklen_t plen = sizeof peer;
	int s = accept(l, (struct sockaddr *)&peer, &plen);
	CHECK_OK(s);
	CHECK(plen == sizeof(sa_family_t), "accept: unbound client, len %u", plen);
	struct sockaddr_un got;
	socklen_t glen = sizeof got;
	CHECK_OK(getpeername(c, (struct sockaddr *)&got, &glen));
	CHECK(glen == len && strcmp(got.sun_path, a.sun_path) == 0, "getpeername: %u %s", glen, got.sun_path);
	glen = sizeof got;
	CHECK_OK(getsockname(s, (struct sockaddr *)&got, &glen));
	CHECK(glen == len && strcmp(got.sun_path, a.sun_path) == 0, "accepted getsockname: %u", glen);
	/* a short buffer: truncated, the full length reported */
	glen = 4;
	memset(&got, 0, sizeof got);
	CHECK_OK(getsockname(l, (struct sockaddr *)&got, &glen));
	CHECK(glen == len && got.sun_path[2] == 0 && got.sun_path[0] == a.sun_path[0], "short getsockname");
	send_str(c, "hello");
	expect_str(s, "hello");
	send_str(s, "world");
	expect_str(c, "world");
	CHECK_ERR(connect(c, (struct sockaddr *)&a, len), EISCONN);
	CHECK_ERR(connect(l, (struct sockaddr *)&a, len), EINVAL);
	close(s);
	close(c);
	/* unlink removes the name; the listener lives on unreachable */
	CHECK_OK(unlink(a.sun_path));
	CHECK_ERR(stat(a.sun_path, &st), ENOENT);
	int c2 = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR(connect(c2, (struct sockaddr *)&a, len), ENOENT);
	close(l);
	close(c2);
}

UTEST(unix_refused)
{
	struct sockaddr_un a;
	socklen_t len = path_addr(&a, "refused");
	unlink(a.sun_path);
	int c = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR(connect(c, (struct sockaddr *)&a, len), ENOENT);
	/* bound, not listening */
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_OK(bind(s, (struct sockaddr *)&a, len));
	CHECK_ERR(connect(c, (struct sockaddr *)&a, len), ECONNREFUSED);
	/* listening, then closed: the node stays, nobody answers */
	CHECK_OK(listen(s, 1));
	close(s);
	CHECK_ERR(connect(c, (struct sockaddr *)&a, len), ECONNREFUSED);
	unlink(a.sun_path);
	/* a file that is not a socket */
	int f = open(a.sun_path, O_CREAT | O_WRONLY, 0600);
	CHECK_OK(f);
	close(f);
	CHECK_ERR(connect(c, (struct sockaddr *)&a, len), ECONNREFUSED);
	unlink(a.sun_path);
	/* a socket of another type */
	int d = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK_OK(bind(d, (struct sockaddr *)&a, len));
	CHECK_ERR(connect(c, (struct sockaddr *)&a, len), EPROTOTYPE);
	close(d);
	unlink(a.sun_path);
	/* an unbound socket cannot listen */
	CHECK_ERR(listen(c, 1), EINVAL);
	close(c);
}

UTEST(unix_abstract)
{
	struct sockaddr_un a;
	socklen_t len = abstract_addr(&a, "abs");
	int l = listener(&a, len, SOCK_STREAM);
	int s2 = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR(bind(s2, (struct sockaddr *)&a, len), EADDRINUSE);
	int c = connected(&a, len, SOCK_STREAM);
	int s = accept(l, NULL, NULL);
	CHECK_OK(s);
	struct sockaddr_un got;
	socklen_t glen = sizeof got;
	CHECK_OK(getsockname(l, (struct sockaddr *)&got, &glen));
	CHECK(glen == len && got.sun_path[0] == 0 && memcmp(got.sun_path, a.sun_path, len - 2) == 0,
	      "abstract getsockname: len %u, want %u", glen, len);
	send_str(c, "abstract");
	expect_str(s, "abstract");
	close(s);
	close(c);
	close(l);
	/* the name goes with the socket */
	CHECK_OK(bind(s2, (struct sockaddr *)&a, len));
	close(s2);
	int c3 = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_ERR(connect(c3, (struct sockaddr *)&a, len), ECONNREFUSED);
	/* autobind: the family alone picks a free abstract name */
	struct sockaddr_un fam = { .sun_family = AF_UNIX };
	CHECK_OK(bind(c3, (struct sockaddr *)&fam, sizeof(sa_family_t)));
	glen = sizeof got;
	CHECK_OK(getsockname(c3, (struct sockaddr *)&got, &glen));
	CHECK(glen == sizeof(sa_family_t) + 6 && got.sun_path[0] == 0, "autobind: len %u", glen);
	close(c3);
}

/* ---------------------------------------------------------------- records */
UTEST(unix_dgram)
{
	struct sockaddr_un a, b;
	socklen_t alen = path_addr(&a, "dgram-a"), blen = path_addr(&b, "dgram-b");
	unlink(a.sun_path);
	unlink(b.sun_path);
	int r = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK_OK(bind(r, (struct sockaddr *)&a, alen));
	int w = socket(AF_UNIX, SOCK_DGRAM, 0);
	CHECK_ERR(send(w, "x", 1, 0), ENOTCONN);
	/* unbound sender: no source address */
	CHECK(sendto(w, "one", 3, 0, (struct sockaddr *)&a, alen) == 3, "sendto: %s", errname(errno));
	struct sockaddr_un from;
	socklen_t flen = sizeof from;
	char buf[64];
	ssize_t n = recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen);
	CHECK(n == 3 && memcmp(buf, "one", 3) == 0, "recvfrom %zd", n);
	CHECK(flen == 0, "unbound sender: address length %u", flen);
	/* bound sender: its address */
	CHECK_OK(bind(w, (struct sockaddr *)&b, blen));
	CHECK(sendto(w, "two", 3, 0, (struct sockaddr *)&a, alen) == 3, "sendto");
	flen = sizeof from;
	n = recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&from, &flen);
	CHECK(n == 3 && flen == blen && strcmp(from.sun_path, b.sun_path) == 0, "source %u", flen);
	/* records keep their bounds; a short buffer truncates */
	CHECK_OK(connect(w, (struct sockaddr *)&a, alen));
	send_str(w, "first");
	send_str(w, "second");
	CHECK(recv(r, buf, 3, 0) == 3 && memcmp(buf, "fir", 3) == 0, "truncated read");
	CHECK(recv(r, buf, 3, MSG_TRUNC) == 6, "MSG_TRUNC: the real length");
	send_str(w, "third");
	struct iovec iov = { buf, 2 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	CHECK(recvmsg(r, &m, 0) == 2 && (m.msg_flags & MSG_TRUNC), "recvmsg: MSG_TRUNC in msg_flags");
	/* empty records exist */
	CHECK(send(w, "", 0, 0) == 0, "empty send");
	CHECK(recv(r, buf, sizeof buf, 0) == 0, "empty record");
	CHECK_ERR(recv(r, buf, sizeof buf, MSG_DONTWAIT), EAGAIN);
	/* too big for the send buffer */
	int sz = getint(w, SO_SNDBUF);
	char *big = malloc((size_t)sz + 1);
	CHECK_ERR(send(w, big, (size_t)sz + 1, 0), EMSGSIZE);
	free(big);
	/* nobody there */
	CHECK_ERR(sendto(w, "x", 1, 0, (struct sockaddr *)&b, blen), EPERM);   /* r is not b, b is w itself connected */
	close(r);
	CHECK_ERR(send(w, "x", 1, 0), ECONNREFUSED);
	unlink(a.sun_path);
	CHECK_ERR(sendto(w, "x", 1, 0, (struct sockaddr *)&a, alen), ENOENT);
	close(w);
	unlink(b.sun_path);
}

UTEST(unix_seqpacket)
{
	int sv[2];
	pair(SOCK_SEQPACKET, sv);
	CHECK(getint(sv[0], SO_TYPE) == SOCK_SEQPACKET, "SO_TYPE");
	send_str(sv[0], "rec1");
	send_str(sv[0], "record2");
	char buf[64];
	CHECK(read(sv[1], buf, sizeof buf) == 4, "record 1 alone");
	struct iovec iov = { buf, 3 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	CHECK(recvmsg(sv[1], &m, 0) == 3 && (m.msg_flags & MSG_TRUNC), "truncated record");
	close(sv[0]);
	CHECK(read(sv[1], buf, sizeof buf) == 0, "EOF after the peer closed");
	CHECK_ERR(send(sv[1], "x", 1, MSG_NOSIGNAL), EPIPE);
	close(sv[1]);
	/* through a listener */
	struct sockaddr_un a;
	socklen_t len = abstract_addr(&a, "seq");
	int l = listener(&a, len, SOCK_SEQPACKET);
	int c = connected(&a, len, SOCK_SEQPACKET);
	int s = accept(l, NULL, NULL);
	CHECK_OK(s);
	send_str(c, "a");
	send_str(c, "bb");
	expect_str(s, "a");
	expect_str(s, "bb");
	close(s);
	close(c);
	close(l);
	int u = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	CHECK_ERR(send(u, "x", 1, MSG_NOSIGNAL), ENOTCONN);
	close(u);
}

/* ---------------------------------------------------------------- ancillary data */
static ssize_t send_fds(int sock, const int *fds, int n, const char *data)
{
	char ctl[CMSG_SPACE(sizeof(int) * 8)];
	memset(ctl, 0, sizeof ctl);
	struct iovec iov = { (void *)data, strlen(data) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl,
			    .msg_controllen = CMSG_SPACE(sizeof(int) * (size_t)n) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int) * (size_t)n);
	memcpy(CMSG_DATA(c), fds, sizeof(int) * (size_t)n);
	return sendmsg(sock, &m, 0);
}

/* Receive up to max descriptors with a control buffer of ctlsize bytes;
 * the count, the fds in out, the flags in *flags. */
static int recv_fds(int sock, int *out, int max, size_t ctlsize, int rflags, int *flags)
{
	char ctl[256], data[64];
	struct iovec iov = { data, sizeof data };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = ctlsize };
	ssize_t r = recvmsg(sock, &m, rflags);
	CHECK(r >= 0, "recvmsg: %s", errname(errno));
	*flags = m.msg_flags;
	int n = 0;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		CHECK(c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS, "cmsg %d/%d", c->cmsg_level,
		      c->cmsg_type);
		int k = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
		for (int i = 0; i < k && n < max; i++)
			memcpy(&out[n++], CMSG_DATA(c) + i * sizeof(int), sizeof(int));
	}
	return n;
}

UTEST(unix_scm_rights)
{
	int sv[2], p[2];
	pair(SOCK_STREAM, sv);
	CHECK_OK(pipe(p));
	CHECK(send_fds(sv[0], &p[0], 1, "fd") == 2, "sendmsg: %s", errname(errno));
	int got[4], flags;
	CHECK(recv_fds(sv[1], got, 4, CMSG_SPACE(sizeof(int)), 0, &flags) == 1, "one descriptor");
	CHECK(!(flags & MSG_CTRUNC), "MSG_CTRUNC");
	struct stat s1, s2;
	CHECK_OK(fstat(p[0], &s1));
	CHECK_OK(fstat(got[0], &s2));
	CHECK(s1.st_ino == s2.st_ino && got[0] != p[0], "the same pipe, a new descriptor");
	send_str(p[1], "through");
	expect_str(got[0], "through");
	close(got[0]);
	/* MSG_CMSG_CLOEXEC */
	CHECK(send_fds(sv[0], &p[1], 1, "x") == 1, "sendmsg");
	CHECK(recv_fds(sv[1], got, 4, CMSG_SPACE(sizeof(int)), MSG_CMSG_CLOEXEC, &flags) == 1, "cloexec fd");
	CHECK(fcntl(got[0], F_GETFD) & FD_CLOEXEC, "MSG_CMSG_CLOEXEC");
	close(got[0]);
	/* descriptors end a stream read: the bytes after them come next time */
	CHECK(send_fds(sv[0], &p[0], 1, "ab") == 2, "sendmsg");
	send_str(sv[0], "cd");
	sleep_ms(10);
	{
		char ctl[CMSG_SPACE(sizeof(int))], data[16];
		struct iovec io = { data, sizeof data };
		struct msghdr mm = { .msg_iov = &io, .msg_iovlen = 1, .msg_control = ctl,
				     .msg_controllen = sizeof ctl };
		CHECK(recvmsg(sv[1], &mm, 0) == 2 && CMSG_FIRSTHDR(&mm), "the descriptor's bytes alone");
		int fd;
		memcpy(&fd, CMSG_DATA(CMSG_FIRSTHDR(&mm)), sizeof fd);
		close(fd);
		expect_str(sv[1], "cd");
	}
	/* room for one of two: the other is closed, MSG_CTRUNC says so */
	int two[2] = { p[0], p[1] };
	CHECK(send_fds(sv[0], two, 2, "y") == 1, "sendmsg 2");
	CHECK(recv_fds(sv[1], got, 4, CMSG_LEN(sizeof(int)), 0, &flags) == 1, "one fits");
	CHECK(flags & MSG_CTRUNC || exec_wrapper, "no MSG_CTRUNC");   /* qemu-user sizes its own buffer */
	close(got[0]);
	/* no control buffer at all: both closed */
	CHECK(send_fds(sv[0], two, 2, "z") == 1, "sendmsg 2");
	CHECK(recv_fds(sv[1], got, 4, 0, 0, &flags) == 0 && (flags & MSG_CTRUNC), "no room");
	/* bad descriptors, bad lengths, bad pointers */
	int bad = 999;
	CHECK_ERR(send_fds(sv[0], &bad, 1, "b"), EBADF);
	char ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { "q", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = sizeof ctl + 8;
	memcpy(CMSG_DATA(c), &sv[0], sizeof(int));
	if (!exec_wrapper)   /* qemu-user clamps the length and sends */
		CHECK_ERR(sendmsg(sv[0], &m, 0), EINVAL);
	c->cmsg_len = CMSG_LEN(sizeof(int));
	c->cmsg_type = 77;
	CHECK_ERR(sendmsg(sv[0], &m, 0), EINVAL);
	m.msg_control = BAD_PTR;
	CHECK_ERR(sendmsg(sv[0], &m, 0), EFAULT);
	CHECK_ERR(recv(sv[1], (char[4]){ 0 }, 4, MSG_DONTWAIT), EAGAIN);   /* nothing sent by the failures */
	close(p[0]);
	close(p[1]);
	close(sv[0]);
	close(sv[1]);
}

/* A child makes a pipe, writes into it, hands the read end over and exits. */
static void give_pipe(void *arg)
{
	int sock = *(int *)arg, p[2];
	CHECK_OK(pipe(p));
	send_str(p[1], "from the child");
	close(p[1]);
	CHECK(send_fds(sock, &p[0], 1, "!") == 1, "sendmsg: %s", errname(errno));
}

UTEST(unix_scm_between_processes)
{
	int sv[2];
	pair(SOCK_DGRAM, sv);
	int pid = spawn(give_pipe, &sv[1]);
	CHECK(wait_timeout(pid, 5000) == 0, "child");
	int got[2], flags;
	CHECK(recv_fds(sv[0], got, 2, CMSG_SPACE(sizeof(int)), 0, &flags) == 1, "received");
	expect_str(got[0], "from the child");
	char c;
	CHECK(read(got[0], &c, 1) == 0, "EOF: the child's write end is gone");
	close(got[0]);
	close(sv[0]);
	close(sv[1]);
}

UTEST(unix_scm_never_received)
{
	/* the write end of a pipe travels and is never received: closing the
	 * sockets closes it, and the reader sees the end */
	int sv[2], p[2];
	pair(SOCK_STREAM, sv);
	CHECK_OK(pipe(p));
	CHECK(send_fds(sv[0], &p[1], 1, "w") == 1, "sendmsg");
	close(p[1]);
	struct pollfd pf = { p[0], POLLIN, 0 };
	CHECK(poll(&pf, 1, 0) == 0, "a writer still exists (in flight)");
	close(sv[1]);
	close(sv[0]);
	CHECK(poll(&pf, 1, 1000) == 1 && (pf.revents & POLLHUP), "POLLHUP: revents %#x", pf.revents);
	char c;
	CHECK(read(p[0], &c, 1) == 0, "EOF");
	close(p[0]);
}

UTEST(unix_scm_credentials)
{
	int sv[2];
	pair(SOCK_DGRAM, sv);
	int on = 1;
	CHECK_OK(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on));
	CHECK(getint(sv[1], SO_PASSCRED) == 1, "SO_PASSCRED");
	send_str(sv[0], "who");
	char ctl[CMSG_SPACE(sizeof(struct ucred))], data[8];
	struct iovec iov = { data, sizeof data };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
	CHECK(recvmsg(sv[1], &m, 0) == 3, "recvmsg: %s", errname(errno));
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	CHECK(c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS &&
	      c->cmsg_len == CMSG_LEN(sizeof(struct ucred)), "SCM_CREDENTIALS");
	struct ucred cr;
	memcpy(&cr, CMSG_DATA(c), sizeof cr);
	CHECK(cr.pid == getpid() && cr.uid == getuid() && cr.gid == getgid(), "creds %d %u %u", cr.pid,
	      cr.uid, cr.gid);
	/* sent explicitly: our own pid goes, another's does not */
	struct msghdr s = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
	iov.iov_len = 1;
	c = CMSG_FIRSTHDR(&s);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_CREDENTIALS;
	c->cmsg_len = CMSG_LEN(sizeof cr);
	memcpy(CMSG_DATA(c), &cr, sizeof cr);
	CHECK(sendmsg(sv[0], &s, 0) == 1, "own credentials: %s", errname(errno));
	cr.pid = 0x3ffffff0;
	memcpy(CMSG_DATA(c), &cr, sizeof cr);
	errno = 0;
	CHECK(sendmsg(sv[0], &s, 0) == -1 && (errno == EPERM || errno == ESRCH), "another pid: %s",
	      errname(errno));
	close(sv[0]);
	close(sv[1]);
}

UTEST(unix_peercred)
{
	int sv[2];
	pair(SOCK_STREAM, sv);
	struct ucred cr;
	socklen_t len = sizeof cr;
	CHECK_OK(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &len));
	CHECK(len == sizeof cr && cr.pid == getpid() && cr.uid == getuid(), "socketpair peer %d", cr.pid);
	close(sv[0]);
	close(sv[1]);
	/* a client in a child: the server sees the child's pid */
	struct sockaddr_un a;
	socklen_t alen = abstract_addr(&a, "cred");
	int l = listener(&a, alen, SOCK_STREAM);
	int pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		int c = connected(&a, alen, SOCK_STREAM);
		struct ucred lc;
		socklen_t ll = sizeof lc;
		CHECK_OK(getsockopt(c, SOL_SOCKET, SO_PEERCRED, &lc, &ll));
		CHECK(lc.pid == getppid(), "the listener's pid %d", lc.pid);
		char ch;
		read(c, &ch, 1);
		_exit(0);
	}
	int s = accept(l, NULL, NULL);
	CHECK_OK(s);
	len = sizeof cr;
	CHECK_OK(getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cr, &len));
	CHECK(cr.pid == pid, "peer pid %d, want %d", cr.pid, pid);
	send_str(s, "!");
	CHECK(wait_timeout(pid, 5000) == 0, "client");
	close(s);
	close(l);
}

/* ---------------------------------------------------------------- blocking, buffers, poll */
static void blocked_writer(void *arg)
{
	int fd = *(int *)arg;
	char buf[4096];
	memset(buf, 'w', sizeof buf);
	CHECK(write(fd, buf, sizeof buf) == (ssize_t)sizeof buf, "blocked write: %s", errname(errno));
}

UTEST(unix_buffer_blocks_writer)
{
	int sv[2];
	pair(SOCK_STREAM, sv);
	int v = 4096;
	CHECK_OK(setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &v, sizeof v));
	CHECK(getint(sv[0], SO_SNDBUF) == 8192, "SO_SNDBUF %d (Linux doubles)", getint(sv[0], SO_SNDBUF));
	CHECK(getint(sv[0], SO_RCVBUF) > 0, "SO_RCVBUF");
	/* fill it without blocking */
	int fl = fcntl(sv[0], F_GETFL);
	CHECK_OK(fcntl(sv[0], F_SETFL, fl | O_NONBLOCK));
	char buf[1024];
	memset(buf, 'f', sizeof buf);
	long total = 0;
	for (int i = 0; i < 100000; i++) {
		ssize_t n = write(sv[0], buf, sizeof buf);
		if (n < 0) {
			CHECK(errno == EAGAIN, "fill: %s", errname(errno));
			break;
		}
		total += n;
	}
	note("a %d-byte SO_SNDBUF took %ld bytes before EAGAIN", getint(sv[0], SO_SNDBUF), total);
	CHECK(total > 0 && total < 1000000, "filled after %ld bytes", total);
	struct pollfd pf = { sv[0], POLLOUT, 0 };
	CHECK(poll(&pf, 1, 0) == 0, "full: not writable (revents %#x)", pf.revents);
	CHECK_OK(fcntl(sv[0], F_SETFL, fl));
	/* a blocking writer waits until the reader makes room */
	int pid = spawn(blocked_writer, &sv[0]);
	sleep_ms(200);
	int st;
	CHECK(waitpid(pid, &st, WNOHANG) == 0, "the writer did not block");
	long got = 0;
	while (got < total + 4096) {
		ssize_t n = read(sv[1], buf, sizeof buf);
		CHECK(n > 0, "read: %zd %s", n, errname(errno));
		got += n;
	}
	CHECK(wait_timeout(pid, 5000) == 0, "the writer was not woken");
	CHECK(poll(&pf, 1, 0) == 1 && (pf.revents & POLLOUT), "writable again");
	close(sv[0]);
	close(sv[1]);
}

UTEST(unix_poll_select)
{
	int sv[2];
	pair(SOCK_STREAM, sv);
	struct pollfd pf[2] = { { sv[0], POLLIN | POLLOUT, 0 }, { sv[1], POLLIN, 0 } };
	CHECK(poll(pf, 2, 0) == 1 && pf[0].revents == POLLOUT && pf[1].revents == 0, "idle: %#x %#x",
	      pf[0].revents, pf[1].revents);
	send_str(sv[0], "x");
	CHECK(poll(pf, 2, 0) == 2 && pf[1].revents == POLLIN, "data: %#x", pf[1].revents);
	/* select (pselect6) sees the same */
	uint64_t rd = 1ull << sv[1];
	struct timespec ts = { 0, 0 };
	CHECK(syscall(SYS_pselect6, sv[1] + 1, &rd, NULL, NULL, &ts, NULL) == 1 && rd == 1ull << sv[1],
	      "pselect6");
	char c;
	CHECK(read(sv[1], &c, 1) == 1, "read");
	close(sv[0]);
	pf[1].events = POLLIN;
	CHECK(poll(&pf[1], 1, 0) == 1 && (pf[1].revents & POLLHUP) && (pf[1].revents & POLLIN),
	      "peer closed: %#x", pf[1].revents);
	close(sv[1]);
	/* a listener is readable when a connection waits */
	struct sockaddr_un a;
	socklen_t len = abstract_addr(&a, "poll");
	int l = listener(&a, len, SOCK_STREAM);
	struct pollfd lp = { l, POLLIN, 0 };
	CHECK(poll(&lp, 1, 0) == 0, "idle listener");
	int c1 = connected(&a, len, SOCK_STREAM);
	CHECK(poll(&lp, 1, 1000) == 1 && lp.revents == POLLIN, "listener: %#x", lp.revents);
	/* a nonblocking accept: one waits, then none */
	int s = accept4(l, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	CHECK_OK(s);
	CHECK((fcntl(s, F_GETFL) & O_NONBLOCK) && (fcntl(s, F_GETFD) & FD_CLOEXEC), "accept4 flags");
	if (!exec_wrapper)   /* qemu-user drops unknown flags: the accept would wait */
		CHECK_ERR(accept4(l, NULL, NULL, 0x4), EINVAL);
	CHECK_OK(fcntl(l, F_SETFL, O_NONBLOCK));
	CHECK_ERR(accept(l, NULL, NULL), EAGAIN);
	close(s);
	close(c1);
	close(l);
}

/* A child blocked in accept or recv, killed by SIGKILL. */
static void block_accept(void *arg)
{
	int l = *(int *)arg;
	reached();
	accept(l, NULL, NULL);
	fail("accept returned");
}

static void block_recv(void *arg)
{
	int s = *(int *)arg;
	char c;
	reached();
	recv(s, &c, 1, 0);
	fail("recv returned");
}

struct killer {
	void (*fn)(void *);
	int fd;
};

static void run_then_kill(void *arg)
{
	struct killer *k = arg;
	int pid = spawn(k->fn, &k->fd);
	sleep_ms(150);
	int st;
	CHECK(waitpid(pid, &st, WNOHANG) == 0, "the child did not block");
	reached();
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "child: %s", status_str(st));
	kill(getpid(), SIGKILL);
}

UTEST(unix_kill_blocked)
{
	struct sockaddr_un a;
	socklen_t len = abstract_addr(&a, "kill");
	int l = listener(&a, len, SOCK_STREAM);
	struct killer k = { block_accept, l };
	expect_death("killed in accept", run_then_kill, &k, SIGKILL);
	/* the listener still works */
	int c = connected(&a, len, SOCK_STREAM);
	int s = accept(l, NULL, NULL);
	CHECK_OK(s);
	k.fn = block_recv;
	k.fd = s;
	expect_death("killed in recv", run_then_kill, &k, SIGKILL);
	send_str(c, "after");
	expect_str(s, "after");
	close(s);
	close(c);
	close(l);
}

/* ---------------------------------------------------------------- bad arguments */
UTEST(unix_bad_args)
{
	int s = socket(AF_UNIX, SOCK_STREAM, 0);
	CHECK_OK(s);
	struct sockaddr_un a;
	socklen_t len = abstract_addr(&a, "bad");
	CHECK_ERR(bind(s, BAD_PTR, len), EFAULT);
	CHECK_ERR(bind(s, (struct sockaddr *)&a, 200), EINVAL);
	CHECK_ERR(bind(s, (struct sockaddr *)&a, 1), EINVAL);
	CHECK_ERR(bind(s, (struct sockaddr *)&a, (socklen_t)-1), EINVAL);
	a.sun_family = AF_INET;
	CHECK_ERR(bind(s, (struct sockaddr *)&a, len), EINVAL);
	a.sun_family = AF_UNIX;
	CHECK_ERR(connect(s, BAD_PTR, len), EFAULT);
	CHECK_ERR(connect(s, (struct sockaddr *)&a, 1), EINVAL);
	socklen_t gl = sizeof a;
	CHECK_ERR(getsockname(s, (struct sockaddr *)&a, BAD_PTR), EFAULT);
	CHECK_ERR(getsockname(s, BAD_PTR, &gl), EFAULT);
	gl = (socklen_t)-1;
	CHECK_ERR(getsockname(s, (struct sockaddr *)&a, &gl), EINVAL);
	gl = sizeof a;
	CHECK_ERR(getpeername(s, (struct sockaddr *)&a, &gl), ENOTCONN);
	/* options */
	int v = 1;
	socklen_t ol = sizeof v;
	CHECK_ERR(setsockopt(s, SOL_SOCKET, SO_PASSCRED, &v, 1), EINVAL);
	CHECK_ERR(setsockopt(s, SOL_SOCKET, SO_PASSCRED, BAD_PTR, sizeof v), EFAULT);
	CHECK_ERR(setsockopt(s, SOL_SOCKET, 9999, &v, sizeof v), ENOPROTOOPT);
	CHECK_ERR(getsockopt(s, SOL_SOCKET, 9999, &v, &ol), ENOPROTOOPT);
	CHECK_ERR(getsockopt(s, SOL_SOCKET, SO_TYPE, BAD_PTR, &ol), EFAULT);
	CHECK_ERR(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, BAD_PTR), EFAULT);
	ol = (socklen_t)-1;
	CHECK_ERR(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, &ol), EINVAL);
	/* a short option buffer gets what fits */
	char small = 0x55;
	ol = 1;
	CHECK_OK(getsockopt(s, SOL_SOCKET, SO_TYPE, &small, &ol));
	CHECK(ol == 1 && small == SOCK_STREAM, "short getsockopt: %u %d", ol, small);
	/* data */
	CHECK_ERR(send(s, "x", 1, MSG_NOSIGNAL), ENOTCONN);
	CHECK_ERR(recv(s, &small, 1, 0), EINVAL);
	close(s);
	int sv[2];
	pair(SOCK_STREAM, sv);
	CHECK_ERR(send(sv[0], BAD_PTR, 10, 0), EFAULT);
	CHECK_ERR(sendmsg(sv[0], BAD_PTR, 0), EFAULT);
	CHECK_ERR(recvmsg(sv[0], BAD_PTR, 0), EFAULT);
	struct iovec iov = { BAD_PTR, 4 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	CHECK_ERR(sendmsg(sv[0], &m, 0), EFAULT);
	m.msg_iovlen = 5000;
	CHECK_ERR(sendmsg(sv[0], &m, 0), EMSGSIZE);
	send_str(sv[1], "data");
	CHECK_ERR(recv(sv[0], BAD_PTR, 4, 0), EFAULT);
	close(sv[0]);
	close(sv[1]);
	/* accept's address buffer is bad: the connection is lost */
	struct sockaddr_un b;
	socklen_t blen = abstract_addr(&b, "badacc");
	int l = listener(&b, blen, SOCK_STREAM);
	int c = connected(&b, blen, SOCK_STREAM);
	socklen_t al = sizeof b;
	CHECK_ERR(accept(l, BAD_PTR, &al), EFAULT);
	close(c);
	close(l);
}

/* ---------------------------------------------------------------- descriptor links */
static void readlink_is(const char *path, const char *want)
{
	char buf[512];
	ssize_t n = readlink(path, buf, sizeof buf - 1);
	CHECK(n >= 0, "readlink %s: %s", path, errname(errno));
	buf[n] = 0;
	CHECK(strcmp(buf, want) == 0, "readlink %s: '%s', want '%s'", path, buf, want);
}

UTEST(proc_fd_links)
{
	char path[64], want[80], file[64];
	int sv[2], p[2];
	pair(SOCK_STREAM, sv);
	CHECK_OK(pipe(p));
	struct stat st;
	CHECK_OK(fstat(sv[0], &st));
	snprintf(path, sizeof path, "/proc/self/fd/%d", sv[0]);
	snprintf(want, sizeof want, "socket:[%lu]", (unsigned long)st.st_ino);
	readlink_is(path, want);
	CHECK_OK(fstat(p[0], &st));
	snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
	snprintf(want, sizeof want, "pipe:[%lu]", (unsigned long)st.st_ino);
	readlink_is(path, want);
	/* a file: its path, then " (deleted)", and it still opens */
	snprintf(file, sizeof file, "/tmp/ut-fdlink-%d", getpid());
	int f = open(file, O_CREAT | O_RDWR | O_TRUNC, 0600);
	CHECK_OK(f);
	send_str(f, "kept");
	snprintf(path, sizeof path, "/proc/self/fd/%d", f);
	readlink_is(path, file);
	CHECK_OK(unlink(file));
	snprintf(want, sizeof want, "%s (deleted)", file);
	readlink_is(path, want);
	int again = open(path, O_RDONLY);
	CHECK_OK(again);
	expect_str(again, "kept");
	close(again);
	close(f);
	/* /dev/fd: a pipe opened by name is the same pipe */
	readlink_is("/dev/fd", "/proc/self/fd");
	readlink_is("/dev/stdin", "/proc/self/fd/0");
	snprintf(path, sizeof path, "/dev/fd/%d", p[0]);
	int r = open(path, O_RDONLY);
	CHECK_OK(r);
	send_str(p[1], "by name");
	expect_str(r, "by name");
	close(r);
	/* a socket does not open */
	snprintf(path, sizeof path, "/proc/self/fd/%d", sv[0]);
	CHECK_ERR(open(path, O_RDWR), ENXIO);
	/* the directory lists the open descriptors */
	DIR *d = opendir("/proc/self/fd");
	CHECK(d, "opendir: %s", errname(errno));
	int seen = 0;
	char want_name[12];
	snprintf(want_name, sizeof want_name, "%d", sv[1]);
	for (struct dirent *e; (e = readdir(d)); )
		if (strcmp(e->d_name, want_name) == 0)
			seen = e->d_type == DT_LNK ? 2 : 1;
	closedir(d);
	CHECK(seen == 2, "fd %d in /proc/self/fd: %d", sv[1], seen);
	snprintf(path, sizeof path, "/proc/self/fd/%d", 200);
	CHECK_ERR(readlink(path, want, sizeof want), ENOENT);
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
}

UTEST(proc_cwd_exe)
{
	char cwd[256], buf[256];
	CHECK_OK(chdir("/tmp"));
	CHECK(getcwd(cwd, sizeof cwd), "getcwd");
	readlink_is("/proc/self/cwd", cwd);
	struct stat a, b;
	CHECK_OK(stat("/proc/self/cwd", &a));
	CHECK_OK(stat(cwd, &b));
	CHECK(a.st_ino == b.st_ino && S_ISDIR(a.st_mode), "cwd is the directory");
	if (exec_wrapper)
		return;         /* qemu-user answers for /proc/self/exe itself */
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	CHECK(n > 0 && buf[0] == '/', "exe: %s", errname(errno));
	buf[n] = 0;
	CHECK_OK(stat("/proc/self/exe", &a));
	CHECK(S_ISREG(a.st_mode), "exe is a file");
}

/* `ls -l /proc/self/fd` shows the links and what they lead to. */
UTEST(proc_fd_ls)
{
	int sv[2];
	pair(SOCK_STREAM, sv);          /* inherited by ls: it shows socket:[N] */
	char out[4096];
	char *argv[] = { "ls", "-l", "/proc/self/fd", NULL };
	int st = run_capture(path_of("/bin/ls"), argv, NULL, out, sizeof out);
	CHECK(st == 0, "ls: %s", status_str(st));
	CHECK(strstr(out, " -> ") && strstr(out, "socket:["), "ls -l /proc/self/fd:\n%s", out);
	close(sv[0]);
	close(sv[1]);
}

/* Debian's busybox: syslogd binds /dev/log (a datagram socket), logger
 * sends to it through glibc's syslog(), the line lands in the file.  Not on
 * Linux: syslogd would take the host's own /dev/log. */
UTEST(unix_busybox_syslog)
{
	const char *bb = "/opt/debian/busybox";
	if (on_linux)
		skip("syslogd would replace the host's /dev/log");
	if (access(bb, X_OK) != 0)
		skip("no %s (scripts/setup fetches Debian's busybox-static)", bb);
	char log[64];
	snprintf(log, sizeof log, "/tmp/ut-syslog-%d", getpid());
	unlink(log);
	int pid = fork();
	CHECK_OK(pid);
	if (pid == 0) {
		execl(bb, "syslogd", "-n", "-O", log, (char *)NULL);
		_exit(127);
	}
	struct stat st;
	for (int i = 0; i < 200 && (stat("/dev/log", &st) != 0 || !S_ISSOCK(st.st_mode)); i++)
		sleep_ms(20);
	CHECK(S_ISSOCK(st.st_mode), "syslogd made no /dev/log socket");
	char out[256];
	char *argv[] = { "logger", "-t", "utests", "hello through /dev/log", NULL };
	int s = run_capture(bb, argv, NULL, out, sizeof out);
	CHECK(s == 0, "logger: %s: %s", status_str(s), out);
	char text[1024] = { 0 };
	for (int i = 0; i < 200 && !strstr(text, "hello through /dev/log"); i++) {
		int fd = open(log, O_RDONLY);
		if (fd >= 0) {
			ssize_t n = read(fd, text, sizeof text - 1);
			text[n > 0 ? n : 0] = 0;
			close(fd);
		}
		sleep_ms(20);
	}
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	unlink("/dev/log");
	unlink(log);
	CHECK(strstr(text, "utests: hello through /dev/log"), "the log has: '%s'", text);
}

/* Debian's bash: process substitution hands a command /dev/fd/N, the read
 * end of a pipe, which opens as that pipe. */
UTEST(proc_fd_bash_substitution)
{
	if (access(path_of("/opt/debian/bash"), X_OK) != 0)
		skip("no /opt/debian/bash (scripts/setup fetches Debian's bash-static)");
	static const char script[] =
		"read x < <(echo substituted); echo \"$x\"\n"
		"while read l; do echo \"got $l\"; done < <(printf 'a\\nb\\n')\n"
		"f=<(true); echo ${f%/*}\n";
	static const char want[] = "substituted\ngot a\ngot b\n/dev/fd\n";
	char out[256];
	char *argv[] = { "bash", "-c", (char *)script, NULL };
	char *envp[] = { "PATH=/nonexistent", "HOME=/", "LANG=C", NULL };
	int st = run_capture(path_of("/opt/debian/bash"), argv, envp, out, sizeof out);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0 && !strcmp(out, want), "bash: %s, printed\n%s\nwant\n%s",
	      status_str(st), out, want);
}

/* Ringel libc: the socket calls (<sys/socket.h>), one system call each. */
#include <sys/socket.h>
#include "../internal.h"

int socket(int domain, int type, int protocol) { return sys(SYS_socket, domain, type, protocol); }
int socketpair(int domain, int type, int protocol, int sv[2])
{
	return sys(SYS_socketpair, domain, type, protocol, sv);
}
int bind(int fd, const struct sockaddr *addr, socklen_t len) { return sys(SYS_bind, fd, addr, len); }
int connect(int fd, const struct sockaddr *addr, socklen_t len) { return sys(SYS_connect, fd, addr, len); }
int listen(int fd, int backlog) { return sys(SYS_listen, fd, backlog); }
int accept(int fd, struct sockaddr *addr, socklen_t *len) { return sys(SYS_accept4, fd, addr, len, 0); }
int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	return sys(SYS_accept4, fd, addr, len, flags);
}
ssize_t send(int fd, const void *buf, size_t n, int flags) { return sys(SYS_sendto, fd, buf, n, flags, 0, 0); }
ssize_t recv(int fd, void *buf, size_t n, int flags) { return sys(SYS_recvfrom, fd, buf, n, flags, 0, 0); }
ssize_t sendto(int fd, const void *buf, size_t n, int flags, const struct sockaddr *addr, socklen_t len)
{
	return sys(SYS_sendto, fd, buf, n, flags, addr, len);
}
ssize_t recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *addr, socklen_t *len)
{
	return sys(SYS_recvfrom, fd, buf, n, flags, addr, len);
}
ssize_t sendmsg(int fd, const struct msghdr *msg, int flags) { return sys(SYS_sendmsg, fd, msg, flags); }
ssize_t recvmsg(int fd, struct msghdr *msg, int flags) { return sys(SYS_recvmsg, fd, msg, flags); }
int shutdown(int fd, int how) { return sys(SYS_shutdown, fd, how); }
int getsockname(int fd, struct sockaddr *addr, socklen_t *len) { return sys(SYS_getsockname, fd, addr, len); }
int getpeername(int fd, struct sockaddr *addr, socklen_t *len) { return sys(SYS_getpeername, fd, addr, len); }
int getsockopt(int fd, int level, int opt, void *val, socklen_t *len)
{
	return sys(SYS_getsockopt, fd, level, opt, val, len);
}
int setsockopt(int fd, int level, int opt, const void *val, socklen_t len)
{
	return sys(SYS_setsockopt, fd, level, opt, val, len);
}

/* The message after c, or NULL when it would not fit in the buffer. */
struct cmsghdr *__cmsg_nxthdr(struct msghdr *m, struct cmsghdr *c)
{
	if (c->cmsg_len < sizeof *c)
		return 0;
	char *next = (char *)c + CMSG_ALIGN(c->cmsg_len);
	char *end = (char *)m->msg_control + m->msg_controllen;
	if (next + sizeof(struct cmsghdr) > end ||
	    next + CMSG_ALIGN(((struct cmsghdr *)(void *)next)->cmsg_len) > end)
		return 0;
	return (struct cmsghdr *)(void *)next;
}

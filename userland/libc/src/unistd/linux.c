/* Ringel libc: Linux's own calls: epoll, prctl, flock, sendfile,
 * memfd_create, statx. */
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/file.h>
#include <sys/sendfile.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <stdarg.h>
#include <errno.h>
#include "../internal.h"

/* AArch64 has only epoll_create1 and epoll_pwait: the old calls are made
 * of those where the table has no number for them. */
int epoll_create(int size)
{
#ifdef SYS_epoll_create
	return sys(SYS_epoll_create, size);
#else
	if (size <= 0) {
		errno = EINVAL;
		return -1;
	}
	return sys(SYS_epoll_create1, 0);
#endif
}
int epoll_create1(int flags) { return sys(SYS_epoll_create1, flags); }
int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev) { return sys(SYS_epoll_ctl, epfd, op, fd, ev); }

int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout_ms)
{
#ifdef SYS_epoll_wait
	return sys(SYS_epoll_wait, epfd, events, maxevents, timeout_ms);
#else
	return sys(SYS_epoll_pwait, epfd, events, maxevents, timeout_ms, NULL, 8);
#endif
}

int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout_ms, const sigset_t *mask)
{
	return sys(SYS_epoll_pwait, epfd, events, maxevents, timeout_ms, mask, 8);
}

int prctl(int option, ...)
{
	va_list ap;
	va_start(ap, option);
	unsigned long a2 = va_arg(ap, unsigned long), a3 = va_arg(ap, unsigned long);
	unsigned long a4 = va_arg(ap, unsigned long), a5 = va_arg(ap, unsigned long);
	va_end(ap);
	return sys(SYS_prctl, option, a2, a3, a4, a5);
}

int flock(int fd, int op) { return sys(SYS_flock, fd, op); }

ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count)
{
	return sys(SYS_sendfile, out_fd, in_fd, offset, count);
}

int memfd_create(const char *name, unsigned flags) { return sys(SYS_memfd_create, name, flags); }

int statx(int dirfd, const char *restrict path, int flags, unsigned mask, struct statx *restrict st)
{
	return sys(SYS_statx, dirfd, path, flags, mask, st);
}

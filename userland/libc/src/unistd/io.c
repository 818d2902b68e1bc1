/* Ringel libc: reading, writing and managing file descriptors. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>
#include <sys/uio.h>
#include "../internal.h"

ssize_t read(int fd, void *buf, size_t n) { return sys(SYS_read, fd, buf, n); }
ssize_t write(int fd, const void *buf, size_t n) { return sys(SYS_write, fd, buf, n); }
ssize_t pread(int fd, void *buf, size_t n, off_t off) { return sys(SYS_pread64, fd, buf, n, off); }
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) { return sys(SYS_pwrite64, fd, buf, n, off); }
ssize_t readv(int fd, const struct iovec *iov, int n) { return sys(SYS_readv, fd, iov, n); }
ssize_t writev(int fd, const struct iovec *iov, int n) { return sys(SYS_writev, fd, iov, n); }
int close(int fd) { return sys(SYS_close, fd); }
off_t lseek(int fd, off_t off, int whence) { return sys(SYS_lseek, fd, off, whence); }
int ftruncate(int fd, off_t len) { return sys(SYS_ftruncate, fd, len); }

int truncate(const char *path, off_t len)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int r = ftruncate(fd, len);
	int e = errno;
	close(fd);
	errno = e;
	return r;
}

int fsync(int fd) { return sys(SYS_fsync, fd); }
int fdatasync(int fd) { return sys(SYS_fdatasync, fd); }
void sync(void) { sys(SYS_sync); }
int syncfs(int fd) { return sys(SYS_syncfs, fd); }

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	va_start(ap, cmd);
	unsigned long arg = va_arg(ap, unsigned long);
	va_end(ap);
	return sys(SYS_fcntl, fd, cmd, arg);
}

int pipe2(int fds[2], int flags) { return sys(SYS_pipe2, fds, flags); }
int pipe(int fds[2]) { return pipe2(fds, 0); }
int dup(int fd) { return sys(SYS_dup, fd); }
int dup3(int oldfd, int newfd, int flags) { return sys(SYS_dup3, oldfd, newfd, flags); }

int dup2(int oldfd, int newfd)
{
#ifdef SYS_dup2
	return sys(SYS_dup2, oldfd, newfd);
#else
	/* dup3 refuses oldfd == newfd; dup2 answers it if oldfd is open. */
	if (oldfd == newfd)
		return fcntl(oldfd, F_GETFD) < 0 ? -1 : newfd;
	return dup3(oldfd, newfd, 0);
#endif
}

/* Ringel libc: thin wrappers over the system calls.  Where one architecture
 * lacks an old call (AArch64 has no open, fork, dup2, pipe...), the wrapper
 * uses the newer general one, chosen by whether the generated table defines
 * the old number. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysinfo.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "internal.h"

ssize_t read(int fd, void *buf, size_t n) { return sys(SYS_read, fd, buf, n); }
ssize_t write(int fd, const void *buf, size_t n) { return sys(SYS_write, fd, buf, n); }
ssize_t pread(int fd, void *buf, size_t n, off_t off) { return sys(SYS_pread64, fd, buf, n, off); }
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) { return sys(SYS_pwrite64, fd, buf, n, off); }
ssize_t readv(int fd, const struct iovec *iov, int n) { return sys(SYS_readv, fd, iov, n); }
ssize_t writev(int fd, const struct iovec *iov, int n) { return sys(SYS_writev, fd, iov, n); }
int close(int fd) { return sys(SYS_close, fd); }
off_t lseek(int fd, off_t off, int whence) { return sys(SYS_lseek, fd, off, whence); }

int openat(int dirfd, const char *path, int flags, ...)
{
	int mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return sys(SYS_openat, dirfd, path, flags, mode);
}

int open(const char *path, int flags, ...)
{
	int mode = 0;
	if (flags & O_CREAT) {
		va_list ap;
		va_start(ap, flags);
		mode = va_arg(ap, int);
		va_end(ap);
	}
	return sys(SYS_openat, AT_FDCWD, path, flags, mode);
}

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

int chdir(const char *path) { return sys(SYS_chdir, path); }

char *getcwd(char *buf, size_t size)
{
	long r = __syscall(SYS_getcwd, buf, size);
	if (r < 0) {
		errno = (int)-r;
		return NULL;
	}
	return buf;
}

int mkdir(const char *path, mode_t mode) { return sys(SYS_mkdirat, AT_FDCWD, path, mode); }
int unlink(const char *path) { return sys(SYS_unlinkat, AT_FDCWD, path, 0); }
int rmdir(const char *path) { return sys(SYS_unlinkat, AT_FDCWD, path, AT_REMOVEDIR); }
int access(const char *path, int mode) { return sys(SYS_faccessat, AT_FDCWD, path, mode); }
mode_t umask(mode_t mask) { return (mode_t)__syscall(SYS_umask, mask); }
ssize_t getdents64(int fd, void *buf, size_t n) { return sys(SYS_getdents64, fd, buf, n); }

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return sys(SYS_newfstatat, dirfd, path, st, flags);
}
int stat(const char *path, struct stat *st) { return fstatat(AT_FDCWD, path, st, 0); }
int lstat(const char *path, struct stat *st) { return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW); }
int fstat(int fd, struct stat *st) { return sys(SYS_fstat, fd, st); }

pid_t fork(void)
{
#ifdef SYS_fork
	return sys(SYS_fork);
#else
	/* clone with only the exit signal: a copy of the caller, like fork. */
	return sys(SYS_clone, SIGCHLD, 0, 0, 0, 0);
#endif
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return sys(SYS_execve, path, argv, envp);
}
int execv(const char *path, char *const argv[]) { return execve(path, argv, environ); }

_Noreturn void _exit(int status)
{
	for (;;) {
		__syscall(SYS_exit_group, status);
		__syscall(SYS_exit, status);
	}
}

pid_t wait4(pid_t pid, int *status, int options, void *rusage)
{
	return sys(SYS_wait4, pid, status, options, rusage);
}
pid_t waitpid(pid_t pid, int *status, int options) { return wait4(pid, status, options, NULL); }
pid_t wait(int *status) { return wait4(-1, status, 0, NULL); }

pid_t getpid(void) { return __syscall(SYS_getpid); }
pid_t getppid(void) { return __syscall(SYS_getppid); }
pid_t gettid(void) { return __syscall(SYS_gettid); }
uid_t getuid(void) { return __syscall(SYS_getuid); }
uid_t geteuid(void) { return __syscall(SYS_geteuid); }
gid_t getgid(void) { return __syscall(SYS_getgid); }
gid_t getegid(void) { return __syscall(SYS_getegid); }
int kill(pid_t pid, int sig) { return sys(SYS_kill, pid, sig); }
int raise(int sig) { return sys(SYS_tkill, gettid(), sig); }
int sched_yield(void) { return sys(SYS_sched_yield); }

/* brk: the kernel answers with the new break, or the old one if it refused
 * (so success is getting exactly what was asked for). */
static unsigned long cur_brk;

int brk(void *addr)
{
	unsigned long r = (unsigned long)__syscall(SYS_brk, addr);
	cur_brk = r;
	if (r != (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(long incr)
{
	if (!cur_brk)
		cur_brk = (unsigned long)__syscall(SYS_brk, 0);
	unsigned long old = cur_brk;
	if (incr == 0)
		return (void *)old;
	if (brk((void *)(old + incr)) < 0)
		return (void *)-1;
	return (void *)old;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	return (void *)sys(SYS_mmap, addr, len, prot, flags, fd, off);
}
int munmap(void *addr, size_t len) { return sys(SYS_munmap, addr, len); }
int mprotect(void *addr, size_t len, int prot) { return sys(SYS_mprotect, addr, len, prot); }

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return sys(SYS_nanosleep, req, rem);
}

unsigned sleep(unsigned seconds)
{
	struct timespec t = { seconds, 0 };
	if (nanosleep(&t, &t) < 0)
		return (unsigned)t.tv_sec;
	return 0;
}

int usleep(unsigned long usec)
{
	struct timespec t = { (time_t)(usec / 1000000), (long)(usec % 1000000) * 1000 };
	return nanosleep(&t, NULL);
}

int clock_gettime(clockid_t clk, struct timespec *ts) { return sys(SYS_clock_gettime, clk, ts); }

time_t time(time_t *t)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

int uname(struct utsname *u) { return sys(SYS_uname, u); }
ssize_t getrandom(void *buf, size_t n, unsigned flags) { return sys(SYS_getrandom, buf, n, flags); }
int sysinfo(struct sysinfo *info) { return sys(SYS_sysinfo, info); }

#define TCGETS 0x5401
int isatty(int fd)
{
	char termios[64];   /* struct termios is 60 bytes on both */
	return sys(SYS_ioctl, fd, TCGETS, termios) == 0;
}

long syscall(long nr, ...)
{
	va_list ap;
	va_start(ap, nr);
	long a = va_arg(ap, long), b = va_arg(ap, long), c = va_arg(ap, long);
	long d = va_arg(ap, long), e = va_arg(ap, long), f = va_arg(ap, long);
	va_end(ap);
	return __syscall_ret(__syscall6(nr, a, b, c, d, e, f));
}

/* Ringel libc: names in the file system.  Every call goes through the *at
 * form with AT_FDCWD, which both architectures have (AArch64 has no other).
 * Calls the kernel does not have yet fail with ENOSYS; their wrappers pick
 * the kernel's call up as soon as kernel/syscalls.tbl lists it. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/time.h>
#include "../internal.h"

__attribute__((unused)) static long nosys(void)
{
	errno = ENOSYS;
	return -1;
}

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

int creat(const char *path, mode_t mode) { return open(path, O_WRONLY | O_CREAT | O_TRUNC, mode); }

int chdir(const char *path) { return sys(SYS_chdir, path); }
int fchdir(int fd) { return sys(SYS_fchdir, fd); }

char *getcwd(char *buf, size_t size)
{
	long r = __syscall(SYS_getcwd, buf, size);
	if (r < 0) {
		errno = (int)-r;
		return NULL;
	}
	return buf;
}

int mkdirat(int dirfd, const char *path, mode_t mode) { return sys(SYS_mkdirat, dirfd, path, mode); }
int mkdir(const char *path, mode_t mode) { return mkdirat(AT_FDCWD, path, mode); }
int unlinkat(int dirfd, const char *path, int flags) { return sys(SYS_unlinkat, dirfd, path, flags); }
int unlink(const char *path) { return unlinkat(AT_FDCWD, path, 0); }
int rmdir(const char *path) { return unlinkat(AT_FDCWD, path, AT_REMOVEDIR); }
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	/* faccessat has no flags argument; faccessat2 has (AT_EACCESS...) */
	if (flags)
		return sys(SYS_faccessat2, dirfd, path, mode, flags);
	return sys(SYS_faccessat, dirfd, path, mode);
}
int access(const char *path, int mode) { return faccessat(AT_FDCWD, path, mode, 0); }

int linkat(int olddir, const char *old, int newdir, const char *new, int flags)
{
	return sys(SYS_linkat, olddir, old, newdir, new, flags);
}
int link(const char *old, const char *new) { return linkat(AT_FDCWD, old, AT_FDCWD, new, 0); }
int symlinkat(const char *target, int dirfd, const char *path)
{
	return sys(SYS_symlinkat, target, dirfd, path);
}
int symlink(const char *target, const char *path) { return symlinkat(target, AT_FDCWD, path); }
ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf, size_t n)
{
	return sys(SYS_readlinkat, dirfd, path, buf, n);
}
ssize_t readlink(const char *restrict path, char *restrict buf, size_t n)
{
	return readlinkat(AT_FDCWD, path, buf, n);
}
int renameat(int olddir, const char *old, int newdir, const char *new)
{
	return sys(SYS_renameat, olddir, old, newdir, new);
}
int rename(const char *old, const char *new) { return renameat(AT_FDCWD, old, AT_FDCWD, new); }

mode_t umask(mode_t mask) { return (mode_t)__syscall(SYS_umask, mask); }
ssize_t getdents64(int fd, void *buf, size_t n) { return sys(SYS_getdents64, fd, buf, n); }

int fstatat(int dirfd, const char *restrict path, struct stat *restrict st, int flags)
{
	return sys(SYS_newfstatat, dirfd, path, st, flags);
}
int stat(const char *restrict path, struct stat *restrict st) { return fstatat(AT_FDCWD, path, st, 0); }
int lstat(const char *restrict path, struct stat *restrict st)
{
	return fstatat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW);
}
int fstat(int fd, struct stat *st) { return sys(SYS_fstat, fd, st); }

int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
#ifdef SYS_fchmodat
	(void)flags;
	return sys(SYS_fchmodat, dirfd, path, mode);
#else
	(void)dirfd, (void)path, (void)mode, (void)flags;
	return nosys();
#endif
}
int chmod(const char *path, mode_t mode) { return fchmodat(AT_FDCWD, path, mode, 0); }

int fchmod(int fd, mode_t mode)
{
#ifdef SYS_fchmod
	return sys(SYS_fchmod, fd, mode);
#else
	(void)fd, (void)mode;
	return nosys();
#endif
}

int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags)
{
#ifdef SYS_fchownat
	return sys(SYS_fchownat, dirfd, path, uid, gid, flags);
#else
	(void)dirfd, (void)path, (void)uid, (void)gid, (void)flags;
	return nosys();
#endif
}
int chown(const char *path, uid_t uid, gid_t gid) { return fchownat(AT_FDCWD, path, uid, gid, 0); }
int lchown(const char *path, uid_t uid, gid_t gid)
{
	return fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}
int fchown(int fd, uid_t uid, gid_t gid)
{
	return fchownat(fd, "", uid, gid, AT_EMPTY_PATH);
}

int utimensat(int dirfd, const char *path, const struct timespec times[2], int flags)
{
#ifdef SYS_utimensat
	return sys(SYS_utimensat, dirfd, path, times, flags);
#else
	(void)dirfd, (void)path, (void)times, (void)flags;
	return nosys();
#endif
}

int futimens(int fd, const struct timespec times[2])
{
	return utimensat(fd, NULL, times, 0);
}

int utimes(const char *path, const struct timeval tv[2])
{
	struct timespec ts[2];
	if (tv) {
		for (int i = 0; i < 2; i++) {
			ts[i].tv_sec = tv[i].tv_sec;
			ts[i].tv_nsec = tv[i].tv_usec * 1000;
		}
	}
	return utimensat(AT_FDCWD, path, tv ? ts : NULL, 0);
}

int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev)
{
#ifdef SYS_mknodat
	return sys(SYS_mknodat, dirfd, path, mode, dev);
#else
	(void)dirfd, (void)path, (void)mode, (void)dev;
	return nosys();
#endif
}
int mknod(const char *path, mode_t mode, dev_t dev) { return mknodat(AT_FDCWD, path, mode, dev); }
int mkfifo(const char *path, mode_t mode) { return mknod(path, mode | S_IFIFO, 0); }

/* Ringel libc: mounting, and what file systems hold. */
#include <sys/mount.h>
#include <sys/statfs.h>
#include "../internal.h"

int mount(const char *source, const char *target, const char *fstype, unsigned long flags,
	  const void *data)
{
	return sys(SYS_mount, source, target, fstype, flags, data);
}

int umount2(const char *target, int flags) { return sys(SYS_umount2, target, flags); }
int umount(const char *target) { return umount2(target, 0); }
int statfs(const char *path, struct statfs *buf) { return sys(SYS_statfs, path, buf); }
int fstatfs(int fd, struct statfs *buf) { return sys(SYS_fstatfs, fd, buf); }

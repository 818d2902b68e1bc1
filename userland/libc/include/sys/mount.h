/* Ringel libc: <sys/mount.h> */
#ifndef _SYS_MOUNT_H
#define _SYS_MOUNT_H
#include <uapi/mount.h>     /* MS_*, MNT_*, UMOUNT_NOFOLLOW */
int mount(const char *source, const char *target, const char *fstype, unsigned long flags,
	  const void *data);
int umount(const char *target);
int umount2(const char *target, int flags);
#endif

/* open flags, *at() flags, fcntl commands.  The O_ flags whose values
 * differ between architectures are in <uapi/arch/fcntl.h>. */
#ifndef UAPI_FCNTL_H
#define UAPI_FCNTL_H
#include <uapi/arch/fcntl.h>

#define O_RDONLY 0
#define O_WRONLY 1
#define O_RDWR 2
#define O_ACCMODE 3
#define O_CREAT 0100
#define O_EXCL 0200
#define O_NOCTTY 0400
#define O_TRUNC 01000
#define O_APPEND 02000
#define O_NONBLOCK 04000
#define O_DSYNC 010000
#define O_NOATIME 01000000
#define O_CLOEXEC 02000000
#define O_SYNC 04010000
#define O_PATH 010000000

/* fallocate modes (the rest, hole punching and the like, are not supported) */
#define FALLOC_FL_KEEP_SIZE 0x01

/* *at() calls */
#define AT_FDCWD (-100)
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_REMOVEDIR 0x200
#define AT_EACCESS 0x200          /* faccessat: the same bit as AT_REMOVEDIR */
#define AT_SYMLINK_FOLLOW 0x400
#define AT_NO_AUTOMOUNT 0x800
#define AT_EMPTY_PATH 0x1000

/* fcntl */
#define F_DUPFD 0
#define F_GETFD 1
#define F_SETFD 2
#define F_GETFL 3
#define F_SETFL 4
#define F_DUPFD_CLOEXEC 1030
#define FD_CLOEXEC 1
#endif

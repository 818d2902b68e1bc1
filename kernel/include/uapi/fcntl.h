/* open flags, *at() flags, fcntl commands.  The O_ flags whose values
 * differ between architectures are in <uapi/arch/fcntl.h>. */
#ifndef UAPI_FCNTL_H
#define UAPI_FCNTL_H
#include <uapi/types.h>
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
#define F_GETLK 5               /* record locks (64-bit: one struct flock for both arches) */
#define F_SETLK 6
#define F_SETLKW 7
#define F_OFD_GETLK 36          /* locks owned by the open file, not the process */
#define F_OFD_SETLK 37
#define F_OFD_SETLKW 38
#define F_ADD_SEALS 1033        /* memfd seals: F_LINUX_SPECIFIC_BASE + 9 */
#define F_GET_SEALS 1034
#define F_SEAL_SEAL 0x0001      /* no more seals */
#define F_SEAL_SHRINK 0x0002
#define F_SEAL_GROW 0x0004
#define F_SEAL_WRITE 0x0008
#define F_SEAL_FUTURE_WRITE 0x0010
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2

/* flock(2) */
#define LOCK_SH 1
#define LOCK_EX 2
#define LOCK_NB 4
#define LOCK_UN 8

/* faccessat2 */
#define AT_STATX_SYNC_TYPE 0x6000

/* struct flock as F_GETLK/F_SETLK take it (l_type, l_whence, then 64-bit
 * start, length and pid: 32 bytes on both 64-bit arches). */
struct __UAPI_STRUCT(flock) {
	int16_t l_type;
	int16_t l_whence;
	int64_t l_start;
	int64_t l_len;
	int32_t l_pid;
	int32_t __pad;
};
#endif

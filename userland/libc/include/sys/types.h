/* Ringel libc: <sys/types.h> (LP64, Linux's types) */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H
#include <stddef.h>
#include <stdint.h>
/* The kernel's ABI structures (<uapi/...>) under their POSIX names: struct
 * stat, not struct linux_stat (see <uapi/types.h>).  Every libc header that
 * includes a uapi header with a structure includes this one first. */
#define __UAPI_STRUCT(name) name
typedef long ssize_t;
typedef long off_t;
typedef int pid_t;
typedef int id_t;
typedef unsigned uid_t;
typedef unsigned gid_t;
typedef unsigned mode_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef long time_t;
typedef long suseconds_t;
typedef unsigned useconds_t;
typedef int clockid_t;
typedef long clock_t;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned u_int;
typedef unsigned long u_long;
#endif

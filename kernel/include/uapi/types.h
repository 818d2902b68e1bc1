/* What every uapi header with a structure needs: the fixed-width integer
 * types, and the name its structures get.
 *
 * A structure whose C layout the kernel and a C library can share (struct
 * stat, struct timespec, struct termios...) is declared here once as
 *     struct __UAPI_STRUCT(stat) { ... };
 * The kernel calls it struct linux_stat (the default below), which keeps the
 * Linux ABI apart from its own structures.  The libc's <sys/types.h>
 * defines __UAPI_STRUCT(name) as name first, so user programs see the POSIX
 * names (struct stat) and never a linux_ one. */
#ifndef UAPI_TYPES_H
#define UAPI_TYPES_H
#include <stdint.h>
#ifndef __UAPI_STRUCT
#define __UAPI_STRUCT(name) linux_##name
#endif
#endif

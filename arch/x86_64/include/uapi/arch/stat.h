/* struct stat as fstat/newfstatat write it on x86-64 (144 bytes).
 * Included by <uapi/stat.h>, after <uapi/time.h>. */
#ifndef UAPI_ARCH_STAT_H
#define UAPI_ARCH_STAT_H
#include <uapi/types.h>
struct __UAPI_STRUCT(stat) {
	uint64_t st_dev;
	uint64_t st_ino;
	uint64_t st_nlink;
	uint32_t st_mode;
	uint32_t st_uid;
	uint32_t st_gid;
	uint32_t __pad0;
	uint64_t st_rdev;
	int64_t st_size;
	int64_t st_blksize;
	int64_t st_blocks;
	struct __UAPI_STRUCT(timespec) st_atim;
	struct __UAPI_STRUCT(timespec) st_mtim;
	struct __UAPI_STRUCT(timespec) st_ctim;
	int64_t __unused[3];
};
_Static_assert(sizeof(struct __UAPI_STRUCT(stat)) == 144, "x86-64 struct stat is 144 bytes");
#endif

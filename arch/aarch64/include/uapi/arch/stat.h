/* struct stat as fstat/newfstatat write it on AArch64 (the generic 128-byte
 * layout).  Included by <uapi/stat.h>, after <uapi/time.h>. */
#ifndef UAPI_ARCH_STAT_H
#define UAPI_ARCH_STAT_H
#include <uapi/types.h>
struct __UAPI_STRUCT(stat) {
	uint64_t st_dev;
	uint64_t st_ino;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_rdev;
	uint64_t __pad1;
	int64_t st_size;
	int32_t st_blksize;
	int32_t __pad2;
	int64_t st_blocks;
	struct __UAPI_STRUCT(timespec) st_atim;
	struct __UAPI_STRUCT(timespec) st_mtim;
	struct __UAPI_STRUCT(timespec) st_ctim;
	uint32_t __unused4;
	uint32_t __unused5;
};
_Static_assert(sizeof(struct __UAPI_STRUCT(stat)) == 128, "AArch64 struct stat is 128 bytes");
#endif

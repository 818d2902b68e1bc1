/* Linux ABI structures and constants whose layout is particular to AArch64
 * (the asm-generic definitions). */
#ifndef ARCH_UAPI_H
#define ARCH_UAPI_H
#include <stdint.h>

#define O_DIRECTORY 040000
#define O_NOFOLLOW  0100000
#define O_DIRECT    0200000
#define O_LARGEFILE 0400000

/* struct stat as fstat/newfstatat write it (include/uapi/asm-generic/stat.h). */
struct linux_stat {
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
	int64_t st_atime_sec;
	uint64_t st_atime_nsec;
	int64_t st_mtime_sec;
	uint64_t st_mtime_nsec;
	int64_t st_ctime_sec;
	uint64_t st_ctime_nsec;
	uint32_t __unused4, __unused5;
};
_Static_assert(sizeof(struct linux_stat) == 128, "asm-generic struct stat is 128 bytes");
#endif

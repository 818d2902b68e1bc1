/* Linux ABI structures and constants whose layout is particular to x86-64. */
#ifndef ARCH_UAPI_H
#define ARCH_UAPI_H
#include <stdint.h>

#define O_DIRECT    040000
#define O_LARGEFILE 0100000
#define O_DIRECTORY 0200000
#define O_NOFOLLOW  0400000

/* struct stat as fstat/newfstatat write it (arch/x86/include/uapi/asm/stat.h). */
struct linux_stat {
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
	uint64_t st_atime_sec, st_atime_nsec;
	uint64_t st_mtime_sec, st_mtime_nsec;
	uint64_t st_ctime_sec, st_ctime_nsec;
	int64_t __unused[3];
};
_Static_assert(sizeof(struct linux_stat) == 144, "x86-64 struct stat is 144 bytes");
#endif

/* statx: the mask bits and struct statx (256 bytes, the same on every arch). */
#ifndef UAPI_STATX_H
#define UAPI_STATX_H
#include <uapi/types.h>
#define STATX_TYPE 0x0001
#define STATX_MODE 0x0002
#define STATX_NLINK 0x0004
#define STATX_UID 0x0008
#define STATX_GID 0x0010
#define STATX_ATIME 0x0020
#define STATX_MTIME 0x0040
#define STATX_CTIME 0x0080
#define STATX_INO 0x0100
#define STATX_SIZE 0x0200
#define STATX_BLOCKS 0x0400
#define STATX_BASIC_STATS 0x07ff
#define STATX_BTIME 0x0800
#define STATX__RESERVED 0x80000000U

struct __UAPI_STRUCT(statx_timestamp) {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t __reserved;
};

struct __UAPI_STRUCT(statx) {
	uint32_t stx_mask;
	uint32_t stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink;
	uint32_t stx_uid;
	uint32_t stx_gid;
	uint16_t stx_mode;
	uint16_t __spare0;
	uint64_t stx_ino;
	uint64_t stx_size;
	uint64_t stx_blocks;
	uint64_t stx_attributes_mask;
	struct __UAPI_STRUCT(statx_timestamp) stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor;
	uint32_t stx_dev_major, stx_dev_minor;
	uint64_t stx_mnt_id;
	uint32_t stx_dio_mem_align, stx_dio_offset_align;
	uint64_t __spare3[12];
};
#endif

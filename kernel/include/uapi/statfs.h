/* statfs/fstatfs's struct, as Linux lays it out on 64-bit machines (the
 * same 120 bytes on x86-64 and arm64), and the file system magic numbers
 * Ringel's file systems report in f_type. */
#ifndef UAPI_STATFS_H
#define UAPI_STATFS_H
#include <uapi/types.h>

#define TMPFS_MAGIC      0x01021994
#define PROC_SUPER_MAGIC 0x9fa0
#define PIPEFS_MAGIC     0x50495045
#define MSDOS_SUPER_MAGIC 0x4d44

#define ST_RDONLY 0x0001
#define ST_NOSUID 0x0002

struct __UAPI_STRUCT(statfs) {
	int64_t f_type;
	int64_t f_bsize;
	uint64_t f_blocks;        /* in f_bsize units */
	uint64_t f_bfree;
	uint64_t f_bavail;
	uint64_t f_files;
	uint64_t f_ffree;
	int32_t f_fsid[2];
	int64_t f_namelen;
	int64_t f_frsize;
	int64_t f_flags;
	int64_t f_spare[4];
};
_Static_assert(sizeof(struct __UAPI_STRUCT(statfs)) == 120, "struct statfs is 120 bytes");
#endif

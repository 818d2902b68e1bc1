/* Ringel libc, AArch64: struct stat as the kernel writes it (the generic
 * 128-byte layout). */
struct stat {
	dev_t st_dev;
	ino_t st_ino;
	mode_t st_mode;
	unsigned st_nlink;
	uid_t st_uid;
	gid_t st_gid;
	dev_t st_rdev;
	unsigned long __pad1;
	off_t st_size;
	int st_blksize;
	int __pad2;
	long st_blocks;
	struct timespec st_atim;      /* <sys/stat.h> defines st_atime etc. */
	struct timespec st_mtim;
	struct timespec st_ctim;
	unsigned __unused4, __unused5;
};

/* Ringel libc, x86-64: struct stat as the kernel writes it (144 bytes). */
struct stat {
	dev_t st_dev;
	ino_t st_ino;
	nlink_t st_nlink;
	mode_t st_mode;
	uid_t st_uid;
	gid_t st_gid;
	unsigned __pad0;
	dev_t st_rdev;
	off_t st_size;
	blksize_t st_blksize;
	blkcnt_t st_blocks;
	struct timespec st_atim;      /* <sys/stat.h> defines st_atime etc. */
	struct timespec st_mtim;
	struct timespec st_ctim;
	long __unused[3];
};

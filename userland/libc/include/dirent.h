/* Ringel libc: <dirent.h>.  Only the raw getdents64 so far (issue 4 adds
 * opendir/readdir/closedir on top of it). */
#ifndef _DIRENT_H
#define _DIRENT_H
#include <sys/types.h>
#define DT_UNKNOWN 0
#define DT_FIFO 1
#define DT_CHR 2
#define DT_DIR 4
#define DT_BLK 6
#define DT_REG 8
#define DT_LNK 10
struct dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};
ssize_t getdents64(int fd, void *buf, size_t n);
#endif

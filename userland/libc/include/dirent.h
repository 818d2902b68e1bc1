/* Ringel libc: <dirent.h>: directory streams over getdents64, whose records
 * are struct dirent as is. */
#ifndef _DIRENT_H
#define _DIRENT_H
#include <sys/types.h>
#include <uapi/dirent.h>    /* DT_ */
struct dirent {
	ino_t d_ino;
	off_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[256];          /* the kernel's records are shorter: read to the NUL */
};
#define dirent64 dirent
typedef struct __dirstream DIR;
DIR *opendir(const char *path);
DIR *fdopendir(int fd);
struct dirent *readdir(DIR *d);
int closedir(DIR *d);
void rewinddir(DIR *d);
int dirfd(DIR *d);
long telldir(DIR *d);
void seekdir(DIR *d, long pos);
int scandir(const char *path, struct dirent ***list, int (*filter)(const struct dirent *),
	    int (*cmp)(const struct dirent **, const struct dirent **));
int alphasort(const struct dirent **a, const struct dirent **b);
ssize_t getdents64(int fd, void *buf, size_t n);
#endif

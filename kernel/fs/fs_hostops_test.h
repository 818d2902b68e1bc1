/* fs_test's oracle: file operations on the host (kernel/fs/fs_hostops_test.c). */
#ifndef FS_HOSTOPS_TEST_H
#define FS_HOSTOPS_TEST_H
#include <stddef.h>
#include <stdbool.h>

/* open flags, translated on each side */
#define HOF_ACC 3               /* 0 read, 1 write, 2 read-write */
#define HOF_CREAT 0x10
#define HOF_EXCL 0x20
#define HOF_TRUNC 0x40
#define HOF_DIRECTORY 0x80
#define HOF_NOFOLLOW 0x100
#define HOF_APPEND 0x200

struct hop_stat {
	unsigned mode;
	unsigned long nlink;
	long long size;
	unsigned long ino;
	int flags;
};

int hop_setup(void);            /* work directory <tmp>/t/u, cwd there */
int hop_reset(void);
void hop_teardown(void);
long hop_mkdir(const char *p, int mode);
long hop_rmdir(const char *p);
long hop_unlink(const char *p);
long hop_rename(const char *a, const char *b);
long hop_link(const char *a, const char *b);
long hop_symlink(const char *t, const char *p);
long hop_access(const char *p, int mode);
long hop_readlink(const char *p, char *buf, size_t n);
long hop_stat(const char *p, bool follow, struct hop_stat *st);
/* open, write n bytes if opened for writing, fstat, close: the write's
 * result (0 if none) or the open's error */
long hop_open_write(const char *p, int flags, int mode, const void *data, size_t n, struct hop_stat *st);
long hop_truncate(const char *p, long size);
long hop_pwrite(const char *p, const void *data, size_t n, long off);
long hop_readfile(const char *p, char *buf, size_t max);
long hop_listdir(const char *p, char *out, size_t max);
long hop_getcwd(char *buf, size_t n);   /* below the temporary base: "/t/u..." */
long hop_chdir(const char *p);
#endif

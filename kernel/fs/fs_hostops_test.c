/* The oracle side of fs_test: the same file operations done with POSIX
 * calls on the host's Linux, in a fresh directory under /dev/shm (tmpfs,
 * like Ringel's root).  Kept apart from the kernel headers: results come
 * back as plain numbers, errors as -errno. */
#define _GNU_SOURCE
#include "fs_hostops_test.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>

static char base[256];

static long ret(long r)
{
	return r < 0 ? -errno : r;
}

int hop_setup(void)
{
	snprintf(base, sizeof base, "/dev/shm/ringel-fs-XXXXXX");
	if (!mkdtemp(base)) {
		snprintf(base, sizeof base, "/tmp/ringel-fs-XXXXXX");
		if (!mkdtemp(base))
			return -1;
	}
	char p[300];
	snprintf(p, sizeof p, "%s/t", base);
	mkdir(p, 0755);
	snprintf(p, sizeof p, "%s/t/u", base);
	mkdir(p, 0755);
	umask(022);
	return chdir(p);
}

void hop_teardown(void)
{
	char cmd[400];
	if (chdir("/") != 0)
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", base);
}

/* Start the next sequence in an empty work directory. */
int hop_reset(void)
{
	if (chdir(base) != 0)
		return -1;
	if (system("rm -rf t/u && mkdir t/u") != 0)
		return -1;
	return chdir("t/u");
}

static int oflags(int f)
{
	int o = (f & HOF_ACC) == 1 ? O_WRONLY : (f & HOF_ACC) == 2 ? O_RDWR : O_RDONLY;
	if (f & HOF_CREAT) o |= O_CREAT;
	if (f & HOF_EXCL) o |= O_EXCL;
	if (f & HOF_TRUNC) o |= O_TRUNC;
	if (f & HOF_DIRECTORY) o |= O_DIRECTORY;
	if (f & HOF_NOFOLLOW) o |= O_NOFOLLOW;
	if (f & HOF_APPEND) o |= O_APPEND;
	return o;
}

long hop_mkdir(const char *p, int mode) { return ret(mkdir(p, (mode_t)mode)); }
long hop_rmdir(const char *p) { return ret(rmdir(p)); }
long hop_unlink(const char *p) { return ret(unlink(p)); }
long hop_rename(const char *a, const char *b) { return ret(rename(a, b)); }
long hop_link(const char *a, const char *b) { return ret(link(a, b)); }
long hop_symlink(const char *t, const char *p) { return ret(symlink(t, p)); }
long hop_access(const char *p, int mode) { return ret(access(p, mode)); }

long hop_readlink(const char *p, char *buf, size_t n)
{
	return ret(readlink(p, buf, n));
}

long hop_stat(const char *p, bool follow, struct hop_stat *st)
{
	struct stat s;
	int r = follow ? stat(p, &s) : lstat(p, &s);
	if (r < 0)
		return -errno;
	st->mode = s.st_mode;
	st->nlink = s.st_nlink;
	st->size = s.st_size;
	st->ino = s.st_ino;
	return 0;
}

long hop_open_write(const char *p, int flags, int mode, const void *data, size_t n, struct hop_stat *st)
{
	int fd = open(p, oflags(flags), mode);
	if (fd < 0)
		return -errno;
	long r = 0;
	if (n && (flags & HOF_ACC))
		r = ret(write(fd, data, n));
	struct stat s;
	fstat(fd, &s);
	st->mode = s.st_mode;
	st->nlink = s.st_nlink;
	st->size = s.st_size;
	st->flags = fcntl(fd, F_GETFL);
	close(fd);
	return r;
}

long hop_truncate(const char *p, long size)
{
	int fd = open(p, O_WRONLY);
	if (fd < 0)
		return -errno;
	long r = ret(ftruncate(fd, size));
	close(fd);
	return r;
}

long hop_pwrite(const char *p, const void *data, size_t n, long off)
{
	int fd = open(p, O_RDWR);
	if (fd < 0)
		return -errno;
	long r = ret(pwrite(fd, data, n, off));
	close(fd);
	return r;
}

long hop_readfile(const char *p, char *buf, size_t max)
{
	int fd = open(p, O_RDONLY);
	if (fd < 0)
		return -errno;
	size_t got = 0;
	for (;;) {
		ssize_t r = read(fd, buf + got, max - got > 777 ? 777 : max - got);
		if (r < 0) {
			r = -errno;
			close(fd);
			return r;
		}
		if (r == 0)
			break;
		got += (size_t)r;
		if (got == max)
			break;
	}
	close(fd);
	return (long)got;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names in directory p, sorted, each followed by '/' and its type letter,
 * joined with spaces into out. */
long hop_listdir(const char *p, char *out, size_t max)
{
	int fd = open(p, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -errno;
	DIR *d = fdopendir(fd);
	char *names[256];
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) && n < 256) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char t = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : e->d_type == DT_LNK ? 'l' : '?';
		if (asprintf(&names[n], "%s/%c", e->d_name, t) < 0)
			break;
		n++;
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof names[0], cmp);
	out[0] = 0;
	size_t len = 0;
	for (int i = 0; i < n; i++) {
		len += (size_t)snprintf(out + len, len < max ? max - len : 0, "%s ", names[i]);
		free(names[i]);
	}
	return n;
}

long hop_getcwd(char *buf, size_t n)
{
	/* the path below the work directory */
	char full[4096];
	if (!getcwd(full, sizeof full))
		return -errno;
	size_t bl = strlen(base);
	snprintf(buf, n, "%s", full + bl);
	return (long)strlen(buf) + 1;
}

long hop_chdir(const char *p) { return ret(chdir(p)); }

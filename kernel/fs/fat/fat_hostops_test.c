/* The host side of fat_test: Linux file operations (the oracle) and the
 * outside tools, in a file of its own because the host's headers and the
 * kernel's Linux ABI headers cannot meet in one translation unit. */
#define _GNU_SOURCE
#include "fat_hostops_test.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void listing_sort(struct listing *l)
{
	qsort(l->names, (size_t)l->n, sizeof l->names[0], cmp_str);
}

void listing_free(struct listing *l)
{
	for (int i = 0; i < l->n; i++)
		free(l->names[i]);
	l->n = 0;
}

long hs_write_at(const char *p, const void *data, size_t n, long off, bool append, bool creat)
{
	int fl = O_WRONLY | (append ? O_APPEND : 0) | (creat ? O_CREAT : 0);
	int fd = open(p, fl, 0644);
	if (fd < 0)
		return -errno;
	long r = append ? write(fd, data, n) : pwrite(fd, data, n, off);
	if (r < 0)
		r = -errno;
	close(fd);
	return r;
}

long hs_trunc(const char *p, long size)
{
	int fd = open(p, O_WRONLY);
	if (fd < 0)
		return -errno;
	long r = ftruncate(fd, size) < 0 ? -errno : 0;
	close(fd);
	return r;
}

long hs_readfile(const char *p, char *buf, size_t max)
{
	int fd = open(p, O_RDONLY);
	if (fd < 0)
		return -errno;
	size_t got = 0;
	for (;;) {
		ssize_t r = read(fd, buf + got, max - got);
		if (r < 0) {
			r = -errno;
			close(fd);
			return r;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	return (long)got;
}

long hs_list(const char *p, struct listing *l)
{
	l->n = 0;
	DIR *d = opendir(p);
	if (!d)
		return -errno;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") || l->n >= 512)
			continue;
		char *s;
		if (asprintf(&s, "%s%s", e->d_name, e->d_type == DT_DIR ? "/" : "") < 0)
			abort();
		l->names[l->n++] = s;
	}
	closedir(d);
	listing_sort(l);
	return 0;
}

long hs_mkdir(const char *p) { return mkdir(p, 0755) < 0 ? -errno : 0; }
long hs_unlink(const char *p) { return unlink(p) < 0 ? -errno : 0; }
long hs_rmdir(const char *p) { return rmdir(p) < 0 ? -errno : 0; }
long hs_rename(const char *a, const char *b) { return rename(a, b) < 0 ? -errno : 0; }

int hs_run(const char *cmd)
{
	int st = system(cmd);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int hs_run_out(const char *cmd, char *buf, size_t max)
{
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	size_t n = fread(buf, 1, max - 1, p);
	buf[n] = 0;
	int st = pclose(p);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

bool hs_mkdtemp(char *tmpl)
{
	return mkdtemp(tmpl) != NULL;
}

void hs_remove(const char *path)
{
	unlink(path);
}

/* Ringel libc: directory streams.  getdents64 fills a buffer with records
 * laid out as struct dirent (ino, offset, record length, type, name); readdir
 * hands them out one by one and refills at the end. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct __dirstream {
	int fd;
	size_t pos, len;     /* the next record, and the bytes in buf */
	long where;          /* d_off of the last record handed out (telldir) */
	char buf[4096] __attribute__((aligned(8)));
};

DIR *fdopendir(int fd)
{
	DIR *d = malloc(sizeof(*d));
	if (!d)
		return NULL;
	d->fd = fd;
	d->pos = d->len = 0;
	d->where = 0;
	return d;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	DIR *d = fdopendir(fd);
	if (!d)
		close(fd);
	return d;
}

struct dirent *readdir(DIR *d)
{
	if (d->pos >= d->len) {
		ssize_t n = getdents64(d->fd, d->buf, sizeof(d->buf));
		if (n <= 0)   /* end (errno untouched) or error (errno set) */
			return NULL;
		d->len = (size_t)n;
		d->pos = 0;
	}
	struct dirent *e = (struct dirent *)(d->buf + d->pos);
	d->pos += e->d_reclen;
	d->where = e->d_off;
	return e;
}

int closedir(DIR *d)
{
	int r = close(d->fd);
	free(d);
	return r;
}

void rewinddir(DIR *d)
{
	lseek(d->fd, 0, SEEK_SET);
	d->pos = d->len = 0;
	d->where = 0;
}

int dirfd(DIR *d) { return d->fd; }
long telldir(DIR *d) { return d->where; }

void seekdir(DIR *d, long pos)
{
	lseek(d->fd, pos, SEEK_SET);
	d->pos = d->len = 0;
	d->where = pos;
}

int alphasort(const struct dirent **a, const struct dirent **b)
{
	return strcoll((*a)->d_name, (*b)->d_name);
}

int scandir(const char *path, struct dirent ***list, int (*filter)(const struct dirent *),
	    int (*cmp)(const struct dirent **, const struct dirent **))
{
	DIR *d = opendir(path);
	if (!d)
		return -1;
	struct dirent **v = NULL, *e;
	size_t n = 0, cap = 0;
	int err = 0;
	while ((e = readdir(d))) {
		if (filter && !filter(e))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			struct dirent **nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				err = ENOMEM;
				break;
			}
			v = nv;
		}
		/* Copy only the record's bytes: names are rarely 256 long. */
		struct dirent *c = malloc(e->d_reclen > sizeof(*c) ? e->d_reclen : sizeof(*c));
		if (!c) {
			err = ENOMEM;
			break;
		}
		memcpy(c, e, e->d_reclen);
		v[n++] = c;
	}
	closedir(d);
	if (err) {
		while (n)
			free(v[--n]);
		free(v);
		errno = err;
		return -1;
	}
	if (cmp)
		qsort(v, n, sizeof(*v), (int (*)(const void *, const void *))cmp);
	*list = v;
	return (int)n;
}

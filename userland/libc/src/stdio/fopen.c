/* Ringel libc: opening and closing streams. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "stdio_impl.h"

/* "r" "w" "a", each optionally with "+", and any of "b" (no meaning on a
 * Unix), "e" (close on exec), "x" (exclusive create) after the first. */
int __stdio_mode(const char *mode, int *fflags)
{
	int o;
	switch (*mode) {
	case 'r': o = O_RDONLY; *fflags = F_READ; break;
	case 'w': o = O_WRONLY | O_CREAT | O_TRUNC; *fflags = F_WRITE; break;
	case 'a': o = O_WRONLY | O_CREAT | O_APPEND; *fflags = F_WRITE | F_APPEND; break;
	default: errno = EINVAL; return -1;
	}
	for (const char *m = mode + 1; *m; m++) {
		if (*m == '+') {
			o = (o & ~O_ACCMODE) | O_RDWR;
			*fflags |= F_READ | F_WRITE;
		} else if (*m == 'e') {
			o |= O_CLOEXEC;
		} else if (*m == 'x') {
			o |= O_EXCL;
		}
	}
	return o;
}

static FILE *new_stream(int fd, int fflags)
{
	FILE *f = calloc(1, sizeof(*f));
	if (!f)
		return NULL;
	f->fd = fd;
	f->flags = fflags | F_LINECHK;   /* a terminal gets line buffering */
	f->mode = _IOFBF;
	__stdio_link(f);
	return f;
}

FILE *fopen(const char *restrict path, const char *restrict mode)
{
	int fflags, o = __stdio_mode(mode, &fflags);
	if (o < 0)
		return NULL;
	int fd = open(path, o, 0666);
	if (fd < 0)
		return NULL;
	FILE *f = new_stream(fd, fflags);
	if (!f)
		close(fd);
	return f;
}

FILE *fdopen(int fd, const char *mode)
{
	int fflags;
	if (__stdio_mode(mode, &fflags) < 0)
		return NULL;
	if (fcntl(fd, F_GETFL) < 0)   /* EBADF now rather than at first use */
		return NULL;
	return new_stream(fd, fflags);
}

/* Release what the stream holds; keep the FILE itself. */
static int release(FILE *f)
{
	int r = fflush(f);
	if (close(f->fd) < 0)
		r = EOF;
	if (f->flags & F_OWNBUF)
		free(f->buf);
	f->buf = NULL;
	f->size = f->rpos = f->rend = f->wpos = 0;
	f->nunget = 0;
	return r;
}

int fclose(FILE *f)
{
	int r = release(f);
	if (f->flags & F_STATIC) {
		f->flags = F_STATIC;  /* neither readable nor writable any more */
		f->fd = -1;
		return r;
	}
	__stdio_unlink(f);
	free(f);
	return r;
}

FILE *freopen(const char *restrict path, const char *restrict mode, FILE *restrict f)
{
	int fflags, o = __stdio_mode(mode, &fflags);
	if (o < 0 || !path) {   /* changing the mode of the same file: not supported */
		if (o >= 0)
			errno = EINVAL;
		return NULL;
	}
	int keep = f->flags & F_STATIC;
	int oldfd = f->fd;
	fflush(f);
	int fd = open(path, o, 0666);
	if (fd < 0) {
		fclose(f);
		return NULL;
	}
	/* Keep the descriptor number: freopen(..., stdout) must make fd 1 the
	 * new file for children too. */
	if (oldfd >= 0 && fd != oldfd) {
		if (dup2(fd, oldfd) < 0) {
			close(fd);
			fclose(f);
			return NULL;
		}
		close(fd);
		fd = oldfd;
	} else if (oldfd >= 0) {
		oldfd = -1;
	}
	if (f->flags & F_OWNBUF)
		free(f->buf);
	f->buf = NULL;
	f->size = f->rpos = f->rend = f->wpos = 0;
	f->nunget = 0;
	f->fd = fd;
	f->flags = fflags | keep | F_LINECHK;
	f->mode = _IOFBF;
	return f;
}

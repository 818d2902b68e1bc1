/* Ringel libc: stream buffering — the standard streams, filling and
 * flushing buffers, fflush and setvbuf.  See stdio_impl.h for the buffer
 * states. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "stdio_impl.h"

/* The standard streams.  stdin and stdout choose line buffering at first
 * use if their fd is a terminal, so an interactive program shows each
 * line at once while a pipe gets few large writes; stderr is unbuffered. */
static FILE std_in = { .fd = 0, .flags = F_READ | F_STATIC | F_LINECHK, .mode = _IOFBF };
static FILE std_out = { .fd = 1, .flags = F_WRITE | F_STATIC | F_LINECHK, .mode = _IOFBF,
			.next = &std_in };
static FILE std_err = { .fd = 2, .flags = F_WRITE | F_STATIC, .mode = _IONBF,
			.next = &std_out };
FILE *const stdin = &std_in;
FILE *const stdout = &std_out;
FILE *const stderr = &std_err;
FILE *__stdio_head = &std_err;

/* exit() flushes streams through this hook, set once stdio is in use, so
 * programs without stdio do not carry it. */
extern void (*__stdio_exit_hook)(void);

static void flush_all_at_exit(void)
{
	fflush(NULL);
}

void __stdio_link(FILE *f)
{
	f->next = __stdio_head;
	__stdio_head = f;
}

void __stdio_unlink(FILE *f)
{
	for (FILE **p = &__stdio_head; *p; p = &(*p)->next)
		if (*p == f) {
			*p = f->next;
			return;
		}
}

int __stdio_setup(FILE *f)
{
	__stdio_exit_hook = flush_all_at_exit;
	if (f->flags & F_LINECHK) {
		f->flags &= ~F_LINECHK;
		if (f->mode == _IOFBF && isatty(f->fd))
			f->mode = _IOLBF;
	}
	if (f->size)
		return 0;
	if (f->mode != _IONBF) {
		f->buf = malloc(BUFSIZ);
		if (f->buf) {
			f->size = BUFSIZ;
			f->flags |= F_OWNBUF;
			return 0;
		}
		f->mode = _IONBF;   /* no memory: still work, a byte at a time */
	}
	/* Unbuffered streams read one byte at a time into the FILE itself. */
	f->buf = &f->onebyte;
	f->size = 1;
	return 0;
}

static int write_all(FILE *f, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t w = write(f->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			f->flags |= F_ERR;
			return EOF;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int __stdio_flush(FILE *f)
{
	if (!f->wpos)
		return 0;
	size_t n = f->wpos;
	f->wpos = 0;   /* on error the bytes are dropped, as there is no retrying them */
	return write_all(f, f->buf, n);
}

int __stdio_unread(FILE *f)
{
	long back = (long)(f->rend - f->rpos) + f->nunget;
	if (!back) {
		f->rpos = f->rend = 0;
		return 0;
	}
	/* Only a seekable fd can take read-ahead back; a pipe or terminal
	 * keeps it buffered (its reading and writing are independent). */
	if (lseek(f->fd, -back, SEEK_CUR) < 0)
		return EOF;
	f->rpos = f->rend = 0;
	f->nunget = 0;
	return 0;
}

size_t __stdio_write(FILE *f, const unsigned char *p, size_t n)
{
	if (!(f->flags & F_WRITE)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return 0;
	}
	__stdio_setup(f);
	if (f->rend > f->rpos || f->nunget) {
		/* The buffer holds input a non-seekable fd cannot take back
		 * (a terminal opened "r+"): write around it. */
		if (__stdio_unread(f))
			return write_all(f, p, n) ? 0 : n;
	}
	f->rpos = f->rend = 0;
	/* Too big to be worth copying: flush what is waiting, write directly. */
	if (f->mode == _IONBF || n >= f->size) {
		if (__stdio_flush(f) || write_all(f, p, n))
			return 0;
		return n;
	}
	size_t done = 0;
	while (done < n) {
		size_t k = f->size - f->wpos;
		if (k > n - done)
			k = n - done;
		memcpy(f->buf + f->wpos, p + done, k);
		f->wpos += k;
		done += k;
		if (f->wpos == f->size && __stdio_flush(f))
			return done - k;
	}
	if (f->mode == _IOLBF && memchr(p, '\n', n) && __stdio_flush(f))
		return 0;
	return n;
}

size_t __stdio_fill(FILE *f)
{
	if (!(f->flags & F_READ)) {
		f->flags |= F_ERR;
		errno = EBADF;
		return 0;
	}
	__stdio_setup(f);
	if (f->rpos < f->rend)
		return f->rend - f->rpos;
	if (f->flags & F_EOF)   /* end of file is sticky until clearerr */
		return 0;
	if (__stdio_flush(f))
		return 0;
	/* About to wait for input: show the prompt that a line-buffered
	 * stdout may still hold (as an interactive user expects). */
	if (stdout->mode == _IOLBF && stdout->wpos)
		__stdio_flush(stdout);
	ssize_t r = read(f->fd, f->buf, f->size);
	if (r <= 0) {
		f->flags |= r ? F_ERR : F_EOF;
		f->rpos = f->rend = 0;
		return 0;
	}
	f->rpos = 0;
	f->rend = (size_t)r;
	return (size_t)r;
}

int fflush(FILE *f)
{
	if (!f) {
		int r = 0;
		for (FILE *p = __stdio_head; p; p = p->next)
			if (p->wpos && __stdio_flush(p))
				r = EOF;
		return r;
	}
	if (f->wpos)
		return __stdio_flush(f);
	/* An input stream on a seekable file: give back the read-ahead, so a
	 * child sharing the fd reads on from where this program stopped. */
	if (f->rend > f->rpos || f->nunget)
		__stdio_unread(f);
	return 0;
}

int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size)
{
	if (mode != _IOFBF && mode != _IOLBF && mode != _IONBF) {
		errno = EINVAL;
		return -1;
	}
	/* Allowed before any I/O; later, only after flushing. */
	if (f->wpos && __stdio_flush(f))
		return -1;
	if (f->rend > f->rpos)
		return -1;
	if (f->flags & F_OWNBUF)
		free(f->buf);
	f->flags &= ~(F_OWNBUF | F_LINECHK);
	f->buf = NULL;
	f->size = 0;
	f->rpos = f->rend = 0;
	f->mode = mode;
	if (mode != _IONBF && buf && size) {
		f->buf = (unsigned char *)buf;
		f->size = size;
	}
	return 0;
}

void setbuf(FILE *restrict f, char *restrict buf)
{
	setvbuf(f, buf, buf ? _IOFBF : _IONBF, BUFSIZ);
}

void setlinebuf(FILE *f)
{
	setvbuf(f, NULL, _IOLBF, 0);
}

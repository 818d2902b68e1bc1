/* Ringel libc: printf to streams and file descriptors.  Output gathers in a
 * small chunk on the stack and goes to the stream (or fd) a chunk at a
 * time: an unbuffered stderr still gets one write per message. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "format.h"
#include "stdio_impl.h"

struct chunk_out {
	struct fmt_out o;
	FILE *f;                /* the stream, or NULL for an fd */
	int fd;
	size_t len;
	char buf[256];
};

static void drain(struct chunk_out *c)
{
	if (!c->len)
		return;
	if (c->f) {
		if (__stdio_write(c->f, (unsigned char *)c->buf, c->len) != c->len)
			c->o.err = 1;
	} else {
		for (size_t off = 0; off < c->len;) {
			ssize_t w = write(c->fd, c->buf + off, c->len - off);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				c->o.err = 1;
				break;
			}
			off += (size_t)w;
		}
	}
	c->len = 0;
}

static void chunk_write(struct fmt_out *o, const char *p, size_t n)
{
	struct chunk_out *c = (struct chunk_out *)o;
	while (n) {
		if (c->len == sizeof(c->buf))
			drain(c);
		size_t k = sizeof(c->buf) - c->len < n ? sizeof(c->buf) - c->len : n;
		memcpy(c->buf + c->len, p, k);
		c->len += k;
		p += k;
		n -= k;
	}
}

int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct chunk_out c = { { chunk_write, 0, 0 }, f, -1, 0, { 0 } };
	int n = __format(&c.o, fmt, ap);
	drain(&c);
	return c.o.err ? -1 : n;
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	struct chunk_out c = { { chunk_write, 0, 0 }, NULL, fd, 0, { 0 } };
	int n = __format(&c.o, fmt, ap);
	drain(&c);
	return c.o.err ? -1 : n;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *restrict fmt, va_list ap) { return vfprintf(stdout, fmt, ap); }

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

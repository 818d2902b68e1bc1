/* Ringel libc: printf into memory (snprintf and friends).  Kept apart from
 * the stream printfs so the host tests can check it without FILE. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format.h"

struct mem_out {
	struct fmt_out o;
	char *buf;
	size_t size;          /* room for bytes, the terminating 0 excluded */
};

static void mem_write(struct fmt_out *o, const char *p, size_t n)
{
	struct mem_out *m = (struct mem_out *)o;
	size_t at = o->count;   /* __format adds n after this returns */
	if (at < m->size) {
		size_t k = m->size - at < n ? m->size - at : n;
		memcpy(m->buf + at, p, k);
	}
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	struct mem_out m = { { mem_write, 0, 0 }, buf, size ? size - 1 : 0 };
	int n = __format(&m.o, fmt, ap);
	if (size)
		buf[m.o.count < size ? m.o.count : size - 1] = 0;
	return n;
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, INT_MAX, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, INT_MAX, fmt, ap);
	va_end(ap);
	return n;
}

int vasprintf(char **restrict out, const char *restrict fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	*out = NULL;
	if (n < 0)
		return -1;
	char *s = malloc((size_t)n + 1);
	if (!s)
		return -1;
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	*out = s;
	return n;
}

int asprintf(char **restrict out, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(out, fmt, ap);
	va_end(ap);
	return n;
}

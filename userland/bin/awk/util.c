/* awk: memory that never comes back NULL, growing strings, and the two
 * ways awk stops with an error (a message naming the source line, then
 * status 2, as the other awks do). */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "awk.h"

const char *progname = "awk";

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		fatal("out of memory");
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		fatal("out of memory");
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

static void verror(const char *kind, int line, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: %s", progname, kind);
	if (line > 0)
		fprintf(stderr, "line %d: ", line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void fatal(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror("", cur_line, fmt, ap);
	va_end(ap);
	streams_flush_all();
	exit(2);
}

void syntax_error(int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	verror("syntax error: ", line, fmt, ap);
	va_end(ap);
	exit(2);
}

void buf_add(Buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		b->s = xrealloc(b->s, cap);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void buf_addc(Buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_adds(Buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

char *buf_finish(Buf *b)
{
	if (!b->s)
		return xstrdup("");
	return b->s;
}

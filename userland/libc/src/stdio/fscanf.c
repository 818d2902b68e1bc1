/* Ringel libc: fscanf, scanf, vfscanf, vscanf: the scanf engine (sscanf.c)
 * reading a stream through getc and ungetc. */
#include <stdarg.h>
#include <stdio.h>
#include "scan.h"

static int file_get(struct scan_src *in) { return getc(in->f); }
static void file_unget(struct scan_src *in, int c) { ungetc(c, in->f); }

int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	struct scan_src in = { file_get, file_unget, NULL, f, 0 };
	return __scan(&in, fmt, ap);
}

int vscanf(const char *restrict fmt, va_list ap) { return vfscanf(stdin, fmt, ap); }

int fscanf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vfscanf(f, fmt, ap);
	va_end(ap);
	return n;
}

int scanf(const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return n;
}

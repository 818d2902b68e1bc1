/* Ringel libc: writing to streams. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include "stdio_impl.h"

int fputc(int c, FILE *f)
{
	unsigned char ch = (unsigned char)c;
	/* The common case in a loop: room in a buffer being written. */
	if (f->wpos && f->wpos < f->size && f->mode == _IOFBF) {
		f->buf[f->wpos++] = ch;
		return ch;
	}
	return __stdio_write(f, &ch, 1) == 1 ? ch : EOF;
}

int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }

size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	if (!size || !n)
		return 0;
	if (n > SIZE_MAX / size) {
		errno = EOVERFLOW;
		f->flags |= F_ERR;
		return 0;
	}
	return __stdio_write(f, p, size * n) / size;
}

int fputs(const char *restrict s, FILE *restrict f)
{
	size_t n = strlen(s);
	return __stdio_write(f, (const unsigned char *)s, n) == n ? 0 : EOF;
}

int puts(const char *s)
{
	if (fputs(s, stdout) == EOF)
		return EOF;
	return fputc('\n', stdout) == EOF ? EOF : 0;
}

/* Ringel libc: reading from streams. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "stdio_impl.h"

int fgetc(FILE *f)
{
	if (f->nunget)
		return f->unget[--f->nunget];
	if (f->rpos == f->rend && !__stdio_fill(f))
		return EOF;
	return f->buf[f->rpos++];
}

int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }

int ungetc(int c, FILE *f)
{
	if (c == EOF || f->nunget == UNGET_MAX || !(f->flags & F_READ))
		return EOF;
	f->unget[f->nunget++] = (unsigned char)c;
	f->flags &= ~F_EOF;
	return (unsigned char)c;
}

size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f)
{
	if (!size || !n)
		return 0;
	if (n > SIZE_MAX / size) {
		errno = EOVERFLOW;
		f->flags |= F_ERR;
		return 0;
	}
	unsigned char *d = p;
	size_t want = size * n, got = 0;
	while (got < want && f->nunget)
		d[got++] = f->unget[--f->nunget];
	while (got < want) {
		size_t avail = f->rend - f->rpos;
		if (!avail && !(avail = __stdio_fill(f)))
			break;
		size_t k = want - got < avail ? want - got : avail;
		memcpy(d + got, f->buf + f->rpos, k);
		f->rpos += k;
		got += k;
	}
	return got / size;
}

char *fgets(char *restrict s, int n, FILE *restrict f)
{
	if (n <= 0)
		return NULL;
	int i = 0;
	while (i < n - 1) {
		if (!f->nunget && f->rpos < f->rend) {
			/* Copy from the buffer up to a newline in one go. */
			size_t avail = f->rend - f->rpos, room = (size_t)(n - 1 - i);
			size_t k = avail < room ? avail : room;
			unsigned char *nl = memchr(f->buf + f->rpos, '\n', k);
			if (nl)
				k = (size_t)(nl - (f->buf + f->rpos)) + 1;
			memcpy(s + i, f->buf + f->rpos, k);
			f->rpos += k;
			i += (int)k;
			if (nl)
				break;
			continue;
		}
		int c = fgetc(f);
		if (c == EOF)
			break;
		s[i++] = (char)c;
		if (c == '\n')
			break;
	}
	if (i == 0)
		return NULL;
	s[i] = 0;
	return s;
}

ssize_t getdelim(char **restrict line, size_t *restrict cap, int delim, FILE *restrict f)
{
	if (!line || !cap) {
		errno = EINVAL;
		return -1;
	}
	size_t len = 0;
	for (;;) {
		int c = fgetc(f);
		if (c == EOF)
			break;
		if (len + 2 > *cap || !*line) {
			size_t ncap = *cap < 64 ? 128 : *cap * 2;
			char *nl = realloc(*line, ncap);
			if (!nl) {
				f->flags |= F_ERR;
				return -1;
			}
			*line = nl;
			*cap = ncap;
		}
		(*line)[len++] = (char)c;
		if (c == delim)
			break;
	}
	if (!len)
		return -1;
	(*line)[len] = 0;
	return (ssize_t)len;
}

ssize_t getline(char **restrict line, size_t *restrict cap, FILE *restrict f)
{
	return getdelim(line, cap, '\n', f);
}

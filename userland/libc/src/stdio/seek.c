/* Ringel libc: positioning a stream.  The fd offset is ahead of the
 * program by the read-ahead (and ungetc'ed bytes), and behind it by what
 * waits to be written. */
#include <errno.h>
#include <limits.h>
#include <unistd.h>
#include "stdio_impl.h"

off_t ftello(FILE *f)
{
	off_t pos = lseek(f->fd, 0, SEEK_CUR);
	if (pos < 0)
		return -1;
	return pos - (off_t)(f->rend - f->rpos) - f->nunget + (off_t)f->wpos;
}

long ftell(FILE *f)
{
	return ftello(f);
}

int fseeko(FILE *f, off_t off, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) {
		errno = EINVAL;
		return -1;
	}
	if (__stdio_flush(f))
		return -1;
	if (whence == SEEK_CUR)   /* relative to where the program is */
		off -= (off_t)(f->rend - f->rpos) + f->nunget;
	if (lseek(f->fd, off, whence) < 0)
		return -1;
	f->rpos = f->rend = 0;
	f->nunget = 0;
	f->flags &= ~F_EOF;
	return 0;
}

int fseek(FILE *f, long off, int whence) { return fseeko(f, off, whence); }

void rewind(FILE *f)
{
	fseeko(f, 0, SEEK_SET);
	f->flags &= ~F_ERR;
}

int fgetpos(FILE *restrict f, fpos_t *restrict pos)
{
	off_t p = ftello(f);
	if (p < 0)
		return -1;
	*pos = p;
	return 0;
}

int fsetpos(FILE *f, const fpos_t *pos) { return fseeko(f, *pos, SEEK_SET); }

/* Ringel libc: the FILE structure, private to src/stdio.
 *
 * A stream owns one buffer used in one direction at a time:
 *  - reading: bytes [rpos, rend) of buf are read from the fd but not yet
 *    consumed; the fd's offset is at the end of them;
 *  - writing: bytes [0, wpos) are waiting to be written.
 * Switching direction flushes (writing) or gives back unread bytes with
 * lseek (reading), so the fd offset always matches what the program saw.
 * ungetc pushes into a small separate array read before the buffer. */
#ifndef _STDIO_IMPL_H
#define _STDIO_IMPL_H
#include <stdio.h>

#define F_READ 1        /* opened for reading */
#define F_WRITE 2       /* opened for writing */
#define F_EOF 4
#define F_ERR 8
#define F_APPEND 16
#define F_OWNBUF 32     /* buf was malloc'ed by us */
#define F_STATIC 64     /* stdin/stdout/stderr: never freed */
#define F_LINECHK 128   /* buffering mode not yet chosen (ask isatty) */

#define UNGET_MAX 8

struct _FILE {
	int fd;
	int flags;
	int mode;                   /* _IOFBF, _IOLBF or _IONBF */
	unsigned char *buf;
	size_t size;                /* 0 until a buffer is attached */
	size_t rpos, rend;          /* read buffer */
	size_t wpos;                /* write buffer */
	unsigned char unget[UNGET_MAX];
	int nunget;
	unsigned char onebyte;      /* the buffer of an unbuffered stream */
	struct _FILE *next;         /* all open streams, for exit and fflush(NULL) */
};

/* Attach a buffer and choose the buffering mode if not done yet. */
int __stdio_setup(FILE *f);
/* Write out the write buffer; 0 or EOF. */
int __stdio_flush(FILE *f);
/* Give back read-ahead so the fd offset is where the program is; 0 or EOF. */
int __stdio_unread(FILE *f);
/* Refill the read buffer; the number of bytes now available, 0 at EOF or error. */
size_t __stdio_fill(FILE *f);
/* Write n bytes into the stream; the count written. */
size_t __stdio_write(FILE *f, const unsigned char *p, size_t n);
/* Turn an fopen mode into open flags (and F_ flags); -1 if invalid. */
int __stdio_mode(const char *mode, int *fflags);
/* Link a new stream into the list of open ones. */
void __stdio_link(FILE *f);
void __stdio_unlink(FILE *f);
extern FILE *__stdio_head;
#endif

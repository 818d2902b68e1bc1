/* Ringel libc: the printf formatter's interface.  One formatter (format.c)
 * serves every printf; where its bytes go is the caller's business: a
 * string, a FILE, a file descriptor. */
#ifndef _FORMAT_H
#define _FORMAT_H
#include <stdarg.h>
#include <stddef.h>

struct fmt_out {
	/* Take n bytes of output; may set err. */
	void (*write)(struct fmt_out *o, const char *p, size_t n);
	size_t count;   /* bytes produced so far, kept or not */
	int err;        /* set by write on an output error */
};

/* Format into o; the number of bytes produced, or -1 (errno EOVERFLOW if
 * the count does not fit an int, or after an output error). */
int __format(struct fmt_out *o, const char *fmt, va_list ap);

/* Floating-point conversions (fmt_float.c).  flags: the FMT_ bits. */
#define FMT_LEFT 1
#define FMT_ZERO 2
#define FMT_PLUS 4
#define FMT_SPACE 8
#define FMT_ALT 16
void __format_float(struct fmt_out *o, double x, char conv, int flags, int width, int prec);
/* Emit n copies of c (used by both). */
void __format_pad(struct fmt_out *o, char c, long n);
#endif

/* Ringel libc: the scanf engine's input, private to src/stdio.  The get
 * hook returns the next character or EOF; the unget hook gives back the
 * one just read (never more than one).  count is the characters consumed,
 * for %n. */
#ifndef _SCAN_H
#define _SCAN_H
#include <stdarg.h>
#include <stdio.h>

struct scan_src {
	int (*get)(struct scan_src *in);
	void (*unget)(struct scan_src *in, int c);
	const char *s;          /* sscanf's string */
	FILE *f;                /* fscanf's stream */
	long count;
};

int __scan(struct scan_src *in, const char *fmt, va_list ap);
#endif

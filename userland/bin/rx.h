/* A small matcher for POSIX basic regular expressions, the subset grep
 * needs: literal characters, '.', '*', '^' at the start and '$' at the end,
 * bracket expressions ([abc], [^a-z], []x], [[:digit:]]) and '\' escapes.
 * Not supported: \( \) groups, back-references, \{m,n\}, alternation.
 * Checked against the host's regcomp/regexec by userland/bin/rx_test.c. */
#ifndef BIN_RX_H
#define BIN_RX_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rx_atom {
	uint8_t set[32];        /* the bytes this atom matches: a bit per byte */
	bool star;              /* zero or more of it */
};

struct rx {
	struct rx_atom *atoms;
	size_t n;
	bool anchor_start, anchor_end;
};

#define RX_ICASE 1u     /* letters match either case */
#define RX_FIXED 2u     /* the pattern is a plain string */

/* 0, or -1 with *err saying why (the pattern is malformed or uses a
 * feature this matcher lacks). */
int rx_compile(struct rx *r, const char *pattern, unsigned flags, const char **err);
/* Does the pattern match anywhere in s[0..len)? */
bool rx_search(const struct rx *r, const char *s, size_t len);
void rx_free(struct rx *r);
#endif

/* Ringel libc: the compiled form of a regular expression, shared by the
 * parser (regcomp.c) and the matchers (regexec.c).
 *
 * A pattern becomes a small program for a backtracking-free NFA machine
 * (Thompson/Pike): instructions that consume one byte from a set, fork,
 * jump, record a position, or test a condition at the current position.
 * The same program also drives a backtracking matcher, used when the
 * subexpression positions are wanted or the pattern has back-references. */
#ifndef _REGEX_IMPL_H
#define _REGEX_IMPL_H
#include <regex.h>
#include <stdbool.h>
#include <stdint.h>

enum {
	OP_SET,         /* consume a byte in sets[x] */
	OP_SPLIT,       /* go on at x, and (with less priority) at y */
	OP_JMP,         /* go on at x */
	OP_SAVE,        /* position into slot x (2n: start of group n, 2n+1: end) */
	OP_ASSERT,      /* condition x (AS_*) must hold here */
	OP_BREF,        /* the text group x matched, again */
	OP_LOOPRESET,   /* loop x starts: y iterations so far (copies before it) */
	OP_LOOPIN,      /* remember where this iteration of loop x began */
	OP_LOOPCHK,     /* back to x if this iteration (loop y) consumed text;
			 * an empty one ends the loop if it is the first, else fails */
	OP_MATCH,
};

enum { AS_BOL, AS_EOL, AS_WORDB, AS_NWORDB, AS_WBEG, AS_WEND, AS_BUFBEG, AS_BUFEND };

struct rinst {
	uint8_t op;
	int x, y;
};

struct rprog {
	struct rinst *code;
	int n;
	uint8_t (*sets)[32];
	int nsets;
	int nloops;
	int ngroups;            /* re_nsub + 1 */
	bool backrefs;
	int cflags;
};

static inline bool rx_in_set(const uint8_t *set, unsigned char c)
{
	return set[c >> 3] & (1u << (c & 7));
}
#endif

/* Ringel libc: regexec.
 *
 * Two matchers over the program of regex_impl.h:
 *  - an NFA simulation (Pike's machine without captures) finds the
 *    leftmost-longest match in time proportional to text times program,
 *    for patterns without back-references;
 *  - a backtracking matcher tries the ways the program can match in
 *    priority order (a repetition takes one more before one fewer, an
 *    alternation its left side first).  Told where the match ends, the
 *    first way found gives the subexpressions: each repetition and so each
 *    subexpression from the left as long as the whole match allows, glibc's
 *    choice too.  Not told, it looks for the longest match at one start:
 *    patterns with back-references.  A step budget bounds it: past
 *    the budget the best match found so far is kept (for a pattern with
 *    back-references that has not matched by then, none: such patterns
 *    are exponential to match and the budget keeps a grep from hanging). */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include "regex_impl.h"

#define BT_BUDGET 2000000L

struct ctx {
	const struct rprog *g;
	const unsigned char *s;
	long begin, end;        /* the text searched: s[begin, end) */
	int eflags;
};

static bool word_at(const struct ctx *c, long i)
{
	return i >= c->begin && i < c->end && (isalnum(c->s[i]) || c->s[i] == '_');
}

static bool assertion(const struct ctx *c, int kind, long pos)
{
	bool nl = (c->g->cflags & REG_NEWLINE) != 0;
	switch (kind) {
	case AS_BOL:
		return (pos == c->begin && !(c->eflags & REG_NOTBOL)) ||
		       (nl && pos > c->begin && c->s[pos - 1] == '\n');
	case AS_EOL:
		return (pos == c->end && !(c->eflags & REG_NOTEOL)) ||
		       (nl && pos < c->end && c->s[pos] == '\n');
	case AS_WORDB: return word_at(c, pos - 1) != word_at(c, pos);
	case AS_NWORDB: return word_at(c, pos - 1) == word_at(c, pos);
	case AS_WBEG: return !word_at(c, pos - 1) && word_at(c, pos);
	case AS_WEND: return word_at(c, pos - 1) && !word_at(c, pos);
	case AS_BUFBEG: return pos == c->begin;
	case AS_BUFEND: return pos == c->end;
	}
	return false;
}

/* ---- the NFA simulation */

struct tlist {
	int *pc;
	long *start;
	int n;
};

struct pike {
	struct ctx *c;
	unsigned *mark;         /* the step that last added each pc */
	unsigned step;
	int *stack;
};

/* Add the thread at pc (started at start) and every thread it reaches
 * without consuming, at text position pos. */
static void add_thread(struct pike *k, struct tlist *l, int pc0, long start, long pos)
{
	const struct rprog *g = k->c->g;
	int sp = 0;
	k->stack[sp++] = pc0;
	while (sp > 0) {
		int pc = k->stack[--sp];
		if (k->mark[pc] == k->step)
			continue;
		k->mark[pc] = k->step;
		const struct rinst *in = &g->code[pc];
		switch (in->op) {
		case OP_SPLIT:
			k->stack[sp++] = in->y;
			k->stack[sp++] = in->x;
			break;
		case OP_JMP:
			k->stack[sp++] = in->x;
			break;
		case OP_LOOPCHK:
			k->stack[sp++] = in->x;
			k->stack[sp++] = pc + 1;
			break;
		case OP_SAVE:
		case OP_LOOPRESET:
		case OP_LOOPIN:
			k->stack[sp++] = pc + 1;
			break;
		case OP_ASSERT:
			if (assertion(k->c, in->x, pos))
				k->stack[sp++] = pc + 1;
			break;
		default:        /* SET and MATCH wait for the step */
			l->pc[l->n] = pc;
			l->start[l->n++] = start;
		}
	}
}

/* Leftmost-longest [*so, *eo); -1 if out of memory, 0 no match, 1 found. */
static int pike_search(struct ctx *c, long *so, long *eo)
{
	const struct rprog *g = c->g;
	size_t n = (size_t)g->n;
	struct tlist a, b;
	struct pike k = { .c = c };
	void *mem = malloc(n * (2 * sizeof(int) + 2 * sizeof(long) + sizeof(unsigned) + 2 * sizeof(int)));
	if (!mem)
		return -1;
	a.start = mem;
	b.start = a.start + n;
	a.pc = (int *)(b.start + n);
	b.pc = a.pc + n;
	k.mark = (unsigned *)(b.pc + n);
	k.stack = (int *)(k.mark + n);
	memset(k.mark, 0, n * sizeof(unsigned));
	struct tlist *cl = &a, *nl = &b;
	cl->n = 0;
	bool found = false;
	long bs = 0, be = 0;
	for (long pos = c->begin;; pos++) {
		k.step++;
		/* re-mark the threads already here so the new start cannot displace them */
		for (int i = 0; i < cl->n; i++)
			k.mark[cl->pc[i]] = k.step;
		if (!found)
			add_thread(&k, cl, 0, pos, pos);
		if (cl->n == 0 && (found || pos >= c->end))
			break;
		k.step++;
		nl->n = 0;
		for (int i = 0; i < cl->n; i++) {
			long st = cl->start[i];
			if (found && st > bs)
				continue;
			const struct rinst *in = &g->code[cl->pc[i]];
			if (in->op == OP_MATCH) {
				if (!found || st < bs || (st == bs && pos > be)) {
					found = true;
					bs = st;
					be = pos;
				}
			} else if (pos < c->end && rx_in_set(g->sets[in->x], c->s[pos])) {
				add_thread(&k, nl, cl->pc[i] + 1, st, pos + 1);
			}
		}
		struct tlist *t = cl;
		cl = nl;
		nl = t;
		if (pos >= c->end)
			break;
	}
	free(mem);
	*so = bs;
	*eo = be;
	return found;
}

/* ---- the backtracking matcher */

struct bt {
	struct ctx *c;
	long *caps, *best, *loops;
	int ncaps;
	long want_end;          /* the match must end here, or -1: the longest wanted */
	long steps;
	bool found, stop;
};

static void bt_run(struct bt *b, int pc, long pos)
{
	const struct rprog *g = b->c->g;
	const struct ctx *c = b->c;
	for (;;) {
		if (b->stop)
			return;
		if (++b->steps > BT_BUDGET) {
			b->stop = true;
			return;
		}
		const struct rinst *in = &g->code[pc];
		switch (in->op) {
		case OP_SET:
			if (pos >= c->end || !rx_in_set(g->sets[in->x], c->s[pos]))
				return;
			pc++;
			pos++;
			break;
		case OP_JMP:
			pc = in->x;
			break;
		case OP_SPLIT:
			bt_run(b, in->x, pos);
			pc = in->y;
			break;
		case OP_SAVE: {
			long old = b->caps[in->x];
			b->caps[in->x] = pos;
			bt_run(b, pc + 1, pos);
			b->caps[in->x] = old;
			return;
		}
		case OP_LOOPRESET:
		case OP_LOOPIN: {
			/* loops[2x]: where this iteration began; loops[2x+1]: iterations */
			long *l = &b->loops[2 * in->x];
			long old0 = l[0], old1 = l[1];
			l[0] = pos;
			l[1] = in->op == OP_LOOPRESET ? in->y : l[1] + 1;
			bt_run(b, pc + 1, pos);
			l[0] = old0;
			l[1] = old1;
			return;
		}
		case OP_LOOPCHK: {
			/* an empty iteration ends the loop, and only as its first */
			const long *l = &b->loops[2 * in->y];
			if (pos > l[0])
				pc = in->x;
			else if (l[1] == 1)
				pc++;
			else
				return;
			break;
		}
		case OP_ASSERT:
			if (!assertion(c, in->x, pos))
				return;
			pc++;
			break;
		case OP_BREF: {
			long so = b->caps[2 * in->x], eo = b->caps[2 * in->x + 1];
			if (so < 0 || eo < so)
				return;
			long len = eo - so;
			if (len > c->end - pos)
				return;
			bool icase = (g->cflags & REG_ICASE) != 0;
			for (long i = 0; i < len; i++) {
				unsigned char x = c->s[so + i], y = c->s[pos + i];
				if (x != y && !(icase && tolower(x) == tolower(y)))
					return;
			}
			pos += len;
			pc++;
			break;
		}
		case OP_MATCH:
			if (b->want_end >= 0 && pos != b->want_end)
				return;
			b->caps[1] = pos;
			if (!b->found || pos > b->best[1])
				memcpy(b->best, b->caps, (size_t)b->ncaps * sizeof(long));
			b->found = true;
			/* with the end known, the first way found in priority order is
			 * the one wanted; without, only reaching the text's end stops */
			if (b->want_end >= 0 || pos == c->end)
				b->stop = true;
			return;
		}
	}
}

/* A match starting at start into best: ending at want_end, the first in
 * priority order; with want_end -1, the longest (and of those the first
 * found).  -1 out of memory, 0 none, 1 found. */
static int bt_match(struct ctx *c, long start, long want_end, long *best)
{
	const struct rprog *g = c->g;
	int ncaps = 2 * g->ngroups;
	long *mem = malloc(((size_t)ncaps + 2 * (size_t)g->nloops + 1) * sizeof(long));
	if (!mem)
		return -1;
	struct bt b = { .c = c, .caps = mem, .best = best, .loops = mem + ncaps, .ncaps = ncaps,
			.want_end = want_end };
	for (int i = 0; i < ncaps; i++)
		b.caps[i] = -1;
	for (int i = 0; i < 2 * g->nloops; i++)
		b.loops[i] = -1;
	b.caps[0] = start;
	bt_run(&b, 0, start);
	free(mem);
	return b.found;
}

int regexec(const regex_t *restrict re, const char *restrict s, size_t nmatch,
	    regmatch_t *restrict pmatch, int eflags)
{
	const struct rprog *g = re->__prog;
	if (!g)
		return REG_BADPAT;
	struct ctx c = { .g = g, .s = (const unsigned char *)s, .eflags = eflags };
	if (eflags & REG_STARTEND) {
		c.begin = pmatch[0].rm_so;
		c.end = pmatch[0].rm_eo;
	} else {
		c.begin = 0;
		c.end = (long)strlen(s);
	}
	if (g->cflags & REG_NOSUB)
		nmatch = 0;
	bool want_subs = nmatch > 1 && g->ngroups > 1;
	int ncaps = 2 * g->ngroups;
	long *best = malloc((size_t)ncaps * sizeof(long));
	if (!best)
		return REG_ESPACE;
	for (int i = 0; i < ncaps; i++)
		best[i] = -1;
	int r = 0;
	if (!g->backrefs) {
		long so, eo;
		r = pike_search(&c, &so, &eo);
		if (r > 0) {
			best[0] = so;
			best[1] = eo;
			/* past the budget the subexpressions stay unset: the whole
			 * match is still right */
			if (want_subs && bt_match(&c, so, eo, best) < 0)
				r = -1;
		}
	} else {
		for (long start = c.begin; start <= c.end && r == 0; start++)
			r = bt_match(&c, start, -1, best);
		/* the longest found, the captures of the first way to it */
		if (r > 0 && want_subs)
			r = bt_match(&c, best[0], best[1], best);
	}
	if (r < 0) {
		free(best);
		return REG_ESPACE;
	}
	if (r == 0) {
		free(best);
		return REG_NOMATCH;
	}
	for (size_t i = 0; i < nmatch; i++) {
		bool have = (int)i < g->ngroups;
		pmatch[i].rm_so = have ? best[2 * i] : -1;
		pmatch[i].rm_eo = have ? best[2 * i + 1] : -1;
	}
	free(best);
	return 0;
}

/* Ringel libc: regcomp and regfree.  The pattern is parsed (recursive
 * descent, basic or extended syntax) into a tree, and the tree is emitted
 * as the program of regex_impl.h.  Bounded repetition x{m,n} is emitted as
 * m copies of x and n-m optional ones, so RE_DUP_MAX stays small. */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>
#include "regex_impl.h"

enum { N_EMPTY, N_SET, N_ASSERT, N_BREF, N_GROUP, N_CAT, N_ALT, N_REP };

struct node {
	int type;
	int a, b;       /* set index, assertion, group number; or repeat min, max (-1: none) */
	int l, r;       /* children (node indexes) */
};

struct parser {
	const char *p;
	int cflags;
	bool ere;
	struct node *nodes;
	int nn, ncap;
	uint8_t (*sets)[32];
	int nsets, scap;
	int ngroups;
	unsigned closed;        /* groups 1..31 already closed: back-references may name them */
	int err;
	int depth;
};

#define MAX_CODE 200000

static int new_node(struct parser *P, int type, int a, int b, int l, int r)
{
	if (P->err)
		return 0;
	if (P->nn == P->ncap) {
		int cap = P->ncap ? P->ncap * 2 : 32;
		struct node *n = realloc(P->nodes, (size_t)cap * sizeof *n);
		if (!n) {
			P->err = REG_ESPACE;
			return 0;
		}
		P->nodes = n;
		P->ncap = cap;
	}
	P->nodes[P->nn] = (struct node){ type, a, b, l, r };
	return P->nn++;
}

static void set_add(uint8_t *set, unsigned c)
{
	set[c >> 3] |= (uint8_t)(1u << (c & 7));
}

static void fold_case(uint8_t *set)
{
	for (unsigned c = 'a'; c <= 'z'; c++) {
		unsigned u = c - 'a' + 'A';
		if (rx_in_set(set, (unsigned char)c) || rx_in_set(set, (unsigned char)u)) {
			set_add(set, c);
			set_add(set, u);
		}
	}
}

/* A new byte set; returns its node, the set zeroed in *out. */
static int new_set(struct parser *P, uint8_t **out)
{
	if (P->nsets == P->scap) {
		int cap = P->scap ? P->scap * 2 : 16;
		uint8_t (*s)[32] = realloc(P->sets, (size_t)cap * 32);
		if (!s) {
			P->err = REG_ESPACE;
			return 0;
		}
		P->sets = s;
		P->scap = cap;
	}
	memset(P->sets[P->nsets], 0, 32);
	*out = P->sets[P->nsets];
	return new_node(P, N_SET, P->nsets++, 0, 0, 0);
}

static int literal(struct parser *P, unsigned char c)
{
	uint8_t *s;
	int n = new_set(P, &s);
	if (P->err)
		return 0;
	set_add(s, c);
	if (P->cflags & REG_ICASE)
		fold_case(s);
	return n;
}

static const struct {
	const char *name;
	int (*fn)(int);
} classes[] = {
	{ "alpha", isalpha }, { "digit", isdigit }, { "alnum", isalnum }, { "space", isspace },
	{ "upper", isupper }, { "lower", islower }, { "punct", ispunct }, { "xdigit", isxdigit },
	{ "print", isprint }, { "graph", isgraph }, { "cntrl", iscntrl }, { "blank", isblank },
};

static int is_word(int c)
{
	return isalnum(c) || c == '_';
}

static void add_class(uint8_t *s, int (*fn)(int), bool negate)
{
	for (unsigned c = 0; c < 256; c++)
		if (!fn((int)c) != !negate)
			set_add(s, c);
}

/* One bracket element: a character, [.c.] or [=c=]; -1 on error. */
static int bracket_char(struct parser *P)
{
	const char *p = P->p;
	if (p[0] == '[' && (p[1] == '.' || p[1] == '=')) {
		char kind = p[1];
		if (!p[2]) {
			P->err = REG_EBRACK;
			return -1;
		}
		if (p[3] != kind || p[4] != ']') {
			const char *e = p + 2;
			while (*e && !(e[0] == kind && e[1] == ']'))
				e++;
			P->err = *e ? REG_ECOLLATE : REG_EBRACK;
			return -1;
		}
		P->p = p + 5;
		return (unsigned char)p[2];
	}
	P->p = p + 1;
	return (unsigned char)p[0];
}

/* A bracket expression; P->p is just after '['. */
static int bracket(struct parser *P)
{
	uint8_t *set;
	int node = new_set(P, &set);
	if (P->err)
		return 0;
	uint8_t s[32] = { 0 };
	bool negate = *P->p == '^';
	if (negate)
		P->p++;
	for (bool first = true;; first = false) {
		const char *p = P->p;
		if (!*p) {
			P->err = REG_EBRACK;
			return 0;
		}
		if (*p == ']' && !first) {
			P->p++;
			break;
		}
		if (p[0] == '[' && p[1] == ':') {
			const char *end = p + 2;
			while (*end && !(end[0] == ':' && end[1] == ']'))
				end++;
			if (!*end) {
				P->err = REG_EBRACK;
				return 0;
			}
			size_t len = (size_t)(end - (p + 2)), i = 0;
			for (; i < sizeof classes / sizeof classes[0]; i++)
				if (strlen(classes[i].name) == len && !strncmp(p + 2, classes[i].name, len))
					break;
			if (i == sizeof classes / sizeof classes[0]) {
				P->err = REG_ECTYPE;
				return 0;
			}
			add_class(s, classes[i].fn, false);
			P->p = end + 2;
			if (P->p[0] == '-' && P->p[1] != ']') {   /* a class cannot start a range */
				P->err = REG_ERANGE;
				return 0;
			}
			continue;
		}
		int lo = bracket_char(P);
		if (lo < 0)
			return 0;
		int hi = lo;
		if (P->p[0] == '-' && P->p[1] && P->p[1] != ']') {
			P->p++;
			if (P->p[0] == '[' && P->p[1] == ':') {
				P->err = REG_ERANGE;
				return 0;
			}
			hi = bracket_char(P);
			if (hi < 0)
				return 0;
			if (hi < lo) {
				P->err = REG_ERANGE;
				return 0;
			}
		}
		for (int c = lo; c <= hi; c++)
			set_add(s, (unsigned)c);
	}
	if (P->cflags & REG_ICASE)
		fold_case(s);   /* before negating: [^c] refuses C too */
	for (int i = 0; i < 32; i++)
		set[i] = negate ? (uint8_t)~s[i] : s[i];
	if (negate && (P->cflags & REG_NEWLINE))
		set['\n' >> 3] &= (uint8_t)~(1u << ('\n' & 7));
	return node;
}

static int parse_alt(struct parser *P);

/* A backslash escape outside brackets; P->p is on the character after '\'. */
static int escape(struct parser *P)
{
	unsigned char c = (unsigned char)*P->p;
	if (!c) {
		P->err = REG_EESCAPE;
		return 0;
	}
	P->p++;
	if (c >= '1' && c <= '9') {
		int n = c - '0';
		if (n > P->ngroups || !(P->closed & (1u << n))) {
			P->err = REG_ESUBREG;
			return 0;
		}
		return new_node(P, N_BREF, n, 0, 0, 0);
	}
	uint8_t *s;
	int node;
	switch (c) {
	case 'w': case 'W':
		node = new_set(P, &s);
		if (!P->err)
			add_class(s, is_word, c == 'W');
		return node;
	case 's': case 'S':
		node = new_set(P, &s);
		if (!P->err)
			add_class(s, isspace, c == 'S');
		return node;
	case '<': return new_node(P, N_ASSERT, AS_WBEG, 0, 0, 0);
	case '>': return new_node(P, N_ASSERT, AS_WEND, 0, 0, 0);
	case 'b': return new_node(P, N_ASSERT, AS_WORDB, 0, 0, 0);
	case 'B': return new_node(P, N_ASSERT, AS_NWORDB, 0, 0, 0);
	case '`': return new_node(P, N_ASSERT, AS_BUFBEG, 0, 0, 0);
	case '\'': return new_node(P, N_ASSERT, AS_BUFEND, 0, 0, 0);
	}
	return literal(P, c);
}

/* At the end of a branch: the pattern's end, '|' or the ')' of an open group. */
static bool branch_end(struct parser *P, const char *p)
{
	if (!*p)
		return true;
	if (P->ere)
		return *p == '|' || (*p == ')' && P->depth > 0);
	return p[0] == '\\' && (p[1] == '|' || (p[1] == ')' && P->depth > 0));
}

static int group(struct parser *P)
{
	int n = ++P->ngroups;
	P->depth++;
	int inner = parse_alt(P);
	P->depth--;
	if (P->err)
		return 0;
	const char *close = P->ere ? ")" : "\\)";
	if (strncmp(P->p, close, strlen(close))) {
		P->err = REG_EPAREN;
		return 0;
	}
	P->p += strlen(close);
	if (n < 32)
		P->closed |= 1u << n;
	return new_node(P, N_GROUP, n, 0, inner, 0);
}

static int atom(struct parser *P, bool start)
{
	const char *p = P->p;
	unsigned char c = (unsigned char)*p;
	if (P->ere) {
		switch (c) {
		case '(':
			P->p++;
			return group(P);
		case '*': case '+': case '?': case '{':
			if (start) {
				P->err = REG_BADRPT;
				return 0;
			}
			break;
		case '^':
			P->p++;
			return new_node(P, N_ASSERT, AS_BOL, 0, 0, 0);
		case '$':
			P->p++;
			return new_node(P, N_ASSERT, AS_EOL, 0, 0, 0);
		}
	} else {
		if (c == '\\' && p[1] == '(') {
			P->p += 2;
			return group(P);
		}
		if (c == '\\' && p[1] == ')') {
			P->err = REG_EPAREN;
			return 0;
		}
		if (c == '\\' && p[1] == '{' && start) {
			P->err = REG_BADRPT;
			return 0;
		}
		if (c == '^' && start) {
			P->p++;
			return new_node(P, N_ASSERT, AS_BOL, 0, 0, 0);
		}
		if (c == '$' && branch_end(P, p + 1)) {
			P->p++;
			return new_node(P, N_ASSERT, AS_EOL, 0, 0, 0);
		}
	}
	if (c == '.') {
		P->p++;
		uint8_t *s;
		int node = new_set(P, &s);
		if (!P->err) {
			memset(s, 0xff, 32);
			s[0] &= 0xfe;   /* not NUL */
			if (P->cflags & REG_NEWLINE)
				s['\n' >> 3] &= (uint8_t)~(1u << ('\n' & 7));
		}
		return node;
	}
	if (c == '[') {
		P->p++;
		return bracket(P);
	}
	if (c == '\\') {
		P->p++;
		return escape(P);
	}
	P->p++;
	return literal(P, c);
}

/* An interval after '{' (or '\{'): m, m, or m,n, then '}' (or '\}'). */
static bool interval(struct parser *P, int *min, int *max)
{
	const char *p = P->p;
	int m = -1, n;
	if (isdigit((unsigned char)*p)) {
		for (m = 0; isdigit((unsigned char)*p); p++)
			if ((m = m * 10 + (*p - '0')) > RE_DUP_MAX + 1)
				m = RE_DUP_MAX + 1;
	}
	n = m;
	if (*p == ',') {
		p++;
		n = -1;
		if (isdigit((unsigned char)*p)) {
			for (n = 0; isdigit((unsigned char)*p); p++)
				if ((n = n * 10 + (*p - '0')) > RE_DUP_MAX + 1)
					n = RE_DUP_MAX + 1;
		}
		if (m < 0)
			m = 0;
	}
	const char *close = P->ere ? "}" : "\\}";
	if (strncmp(p, close, strlen(close))) {
		P->err = *p ? REG_BADBR : REG_EBRACE;
		return false;
	}
	if (m < 0 || m > RE_DUP_MAX || n > RE_DUP_MAX || (n >= 0 && n < m)) {
		P->err = REG_BADBR;
		return false;
	}
	P->p = p + strlen(close);
	*min = m;
	*max = n;
	return true;
}

/* An atom and its repetition operators. */
static int piece(struct parser *P, bool start)
{
	bool bre_star_literal = !P->ere && start && *P->p == '*';
	int node;
	if (bre_star_literal) {
		P->p++;
		node = literal(P, '*');
	} else {
		node = atom(P, start);
	}
	/* in a BRE a leading '^' takes no '*': the '*' is the next atom, literal */
	if (!P->ere && start && !P->err && P->nodes[node].type == N_ASSERT && P->nodes[node].a == AS_BOL)
		return node;
	bool repeated = false;
	while (!P->err) {
		const char *p = P->p;
		int min, max;
		if (*p == '*') {
			P->p++;
			min = 0, max = -1;
		} else if (P->ere ? *p == '+' : (p[0] == '\\' && p[1] == '+')) {
			P->p += P->ere ? 1 : 2;
			min = 1, max = -1;
		} else if (P->ere ? *p == '?' : (p[0] == '\\' && p[1] == '?')) {
			P->p += P->ere ? 1 : 2;
			min = 0, max = 1;
		} else if (P->ere ? *p == '{' : (p[0] == '\\' && p[1] == '{')) {
			P->p += P->ere ? 1 : 2;
			if (!interval(P, &min, &max))
				return 0;
		} else {
			break;
		}
		if (repeated && !P->ere) {     /* a** is an error in a BRE (glibc) */
			P->err = REG_BADRPT;
			return 0;
		}
		repeated = true;
		node = new_node(P, N_REP, min, max, node, 0);
	}
	return node;
}

static int branch(struct parser *P)
{
	int node = new_node(P, N_EMPTY, 0, 0, 0, 0);
	bool start = true;
	while (!P->err && !branch_end(P, P->p)) {
		bool anchor = !P->ere && start && *P->p == '^';
		int next = piece(P, start);
		node = new_node(P, N_CAT, 0, 0, node, next);
		start = anchor;         /* in a BRE, '*' right after a leading '^' is literal */
	}
	return node;
}

/* Alternatives.  A back-reference may only name a group closed before it
 * in its own alternative (glibc's rule), so each starts from the set of
 * closed groups the first one started with. */
static int parse_alt(struct parser *P)
{
	unsigned initial = P->closed;
	int node = branch(P);
	unsigned all = P->closed;
	while (!P->err && *P->p && !(P->ere ? *P->p == ')' : P->p[1] == ')')) {
		P->p += P->ere ? 1 : 2;         /* '|' or '\|' */
		P->closed = initial;
		int next = branch(P);
		all |= P->closed;
		node = new_node(P, N_ALT, 0, 0, node, next);
	}
	P->closed = all;
	return node;
}

/* ---- emitting the program */

struct emitter {
	struct rprog *g;
	int cap;
	int err;
};

static int emit(struct emitter *E, int op, int x, int y)
{
	struct rprog *g = E->g;
	if (E->err)
		return 0;
	if (g->n == E->cap) {
		int cap = E->cap ? E->cap * 2 : 64;
		struct rinst *c = cap <= MAX_CODE ? realloc(g->code, (size_t)cap * sizeof *c) : NULL;
		if (!c) {
			E->err = REG_ESPACE;
			return 0;
		}
		g->code = c;
		E->cap = cap;
	}
	g->code[g->n] = (struct rinst){ (uint8_t)op, x, y };
	return g->n++;
}

static void gen(struct emitter *E, const struct node *nodes, int i)
{
	const struct node *n = &nodes[i];
	struct rprog *g = E->g;
	switch (n->type) {
	case N_EMPTY:
		break;
	case N_SET:
		emit(E, OP_SET, n->a, 0);
		break;
	case N_ASSERT:
		emit(E, OP_ASSERT, n->a, 0);
		break;
	case N_BREF:
		emit(E, OP_BREF, n->a, 0);
		g->backrefs = true;
		break;
	case N_GROUP:
		emit(E, OP_SAVE, 2 * n->a, 0);
		gen(E, nodes, n->l);
		emit(E, OP_SAVE, 2 * n->a + 1, 0);
		break;
	case N_CAT:
		gen(E, nodes, n->l);
		gen(E, nodes, n->r);
		break;
	case N_ALT: {
		int split = emit(E, OP_SPLIT, 0, 0);
		gen(E, nodes, n->l);
		int jmp = emit(E, OP_JMP, 0, 0);
		if (E->err)
			return;
		g->code[split].x = split + 1;
		g->code[split].y = g->n;
		gen(E, nodes, n->r);
		if (!E->err)
			g->code[jmp].x = g->n;
		break;
	}
	case N_REP: {
		for (int k = 0; k < n->a && !E->err; k++)
			gen(E, nodes, n->l);
		if (n->b < 0) {
			/* reset; L: split body, out; body: loopin; x; loopchk L; out: */
			int loop = g->nloops++;
			emit(E, OP_LOOPRESET, loop, n->a > 0);
			int split = emit(E, OP_SPLIT, 0, 0);
			emit(E, OP_LOOPIN, loop, 0);
			gen(E, nodes, n->l);
			emit(E, OP_LOOPCHK, split, loop);
			if (!E->err) {
				g->code[split].x = split + 1;
				g->code[split].y = g->n;
			}
			break;
		}
		/* (x(x(x)?)?)?: each optional copy may stop the rest */
		int first = g->n, count = n->b - n->a;
		for (int k = 0; k < count && !E->err; k++) {
			int split = emit(E, OP_SPLIT, 0, 0);
			if (!E->err)
				g->code[split].x = split + 1;
			gen(E, nodes, n->l);
		}
		for (int k = first; k < g->n && !E->err; k++)
			if (g->code[k].op == OP_SPLIT && g->code[k].y == 0 && g->code[k].x == k + 1)
				g->code[k].y = g->n;
		break;
	}
	}
}

int regcomp(regex_t *restrict re, const char *restrict pattern, int cflags)
{
	struct parser P = { .p = pattern, .cflags = cflags, .ere = (cflags & REG_EXTENDED) != 0 };
	int root = parse_alt(&P);
	if (!P.err && *P.p)
		P.err = P.ere ? REG_EPAREN : REG_EPAREN;   /* a ')' with no '(' */
	struct rprog *g = NULL;
	if (!P.err) {
		g = calloc(1, sizeof *g);
		if (!g)
			P.err = REG_ESPACE;
	}
	if (!P.err) {
		struct emitter E = { .g = g };
		gen(&E, P.nodes, root);
		emit(&E, OP_MATCH, 0, 0);
		P.err = E.err;
	}
	free(P.nodes);
	if (P.err) {
		free(P.sets);
		if (g)
			free(g->code);
		free(g);
		return P.err;
	}
	g->sets = P.sets;
	g->nsets = P.nsets;
	g->ngroups = P.ngroups + 1;
	g->cflags = cflags;
	re->re_nsub = (size_t)P.ngroups;
	re->__prog = g;
	return 0;
}

void regfree(regex_t *re)
{
	struct rprog *g = re->__prog;
	if (g) {
		free(g->code);
		free(g->sets);
		free(g);
	}
	re->__prog = NULL;
}

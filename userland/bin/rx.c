/* The basic-regular-expression matcher (see rx.h).
 *
 * A pattern compiles to a list of atoms, each a 256-bit set of the bytes it
 * accepts and whether it repeats.  Matching walks the list against the
 * text, trying the longest run of a starred atom first and backing off:
 * exponential only for patterns nobody types at a shell. */
#include "rx.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static void set_add(uint8_t *set, unsigned c)
{
	set[c >> 3] |= (uint8_t)(1u << (c & 7));
}

static bool set_has(const uint8_t *set, unsigned c)
{
	return set[c >> 3] & (1u << (c & 7));
}

static const struct {
	const char *name;
	int (*fn)(int);
} classes[] = {
	{ "alpha", isalpha }, { "digit", isdigit }, { "alnum", isalnum }, { "space", isspace },
	{ "upper", isupper }, { "lower", islower }, { "punct", ispunct }, { "xdigit", isxdigit },
	{ "print", isprint }, { "graph", isgraph }, { "cntrl", iscntrl }, { "blank", isblank },
};

static void fold_case(uint8_t *set)
{
	for (unsigned c = 'a'; c <= 'z'; c++) {
		unsigned u = c - 'a' + 'A';
		if (set_has(set, c) || set_has(set, u)) {
			set_add(set, c);
			set_add(set, u);
		}
	}
}

/* A bracket expression starting after '['; returns the position after ']'
 * or NULL.  With icase a letter stands for both its cases. */
static const char *bracket(const char *p, uint8_t *set, bool icase, const char **err)
{
	bool negate = *p == '^';
	if (negate)
		p++;
	uint8_t s[32] = { 0 };
	bool first = true;
	for (;; first = false) {
		if (!*p) {
			*err = "unmatched [";
			return NULL;
		}
		if (*p == ']' && !first)
			break;
		if (p[0] == '[' && p[1] == ':') {
			const char *end = strstr(p + 2, ":]");
			size_t i = 0, len = end ? (size_t)(end - (p + 2)) : 0;
			for (; end && i < sizeof classes / sizeof classes[0]; i++)
				if (strlen(classes[i].name) == len && !strncmp(p + 2, classes[i].name, len))
					break;
			if (!end || i == sizeof classes / sizeof classes[0]) {
				*err = "invalid character class";
				return NULL;
			}
			for (unsigned c = 0; c < 256; c++)
				if (classes[i].fn((int)c))
					set_add(s, c);
			p = end + 2;
			continue;
		}
		if (p[0] == '[' && (p[1] == '.' || p[1] == '=')) {
			*err = "collating elements are not supported";
			return NULL;
		}
		unsigned lo = (unsigned char)*p++, hi = lo;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			hi = (unsigned char)p[1];
			if (p[1] == '[' && (p[2] == '.' || p[2] == '=' || p[2] == ':')) {
				*err = "collating elements are not supported";
				return NULL;
			}
			p += 2;
			/* a-c-e: a range end cannot start another range */
			if (hi < lo || (p[0] == '-' && p[1] != ']')) {
				*err = "invalid range end";
				return NULL;
			}
		}
		for (unsigned c = lo; c <= hi; c++)
			set_add(s, c);
	}
	if (icase)
		fold_case(s);   /* before negating: [^c] refuses C too */
	for (int i = 0; i < 32; i++)
		set[i] = negate ? (uint8_t)~s[i] : s[i];
	return p + 1;
}

int rx_compile(struct rx *r, const char *pat, unsigned flags, const char **err)
{
	memset(r, 0, sizeof *r);
	size_t cap = strlen(pat) + 1;
	r->atoms = calloc(cap, sizeof *r->atoms);
	if (!r->atoms) {
		*err = "out of memory";
		return -1;
	}
	const char *p = pat;
	if (!(flags & RX_FIXED) && *p == '^') {
		r->anchor_start = true;
		p++;
	}
	while (*p) {
		if (flags & RX_FIXED) {
			struct rx_atom *a = &r->atoms[r->n++];
			set_add(a->set, (unsigned char)*p++);
			if (flags & RX_ICASE)
				fold_case(a->set);
			continue;
		}
		/* '$' is an anchor only at the very end */
		if (p[0] == '$' && p[1] == 0) {
			r->anchor_end = true;
			break;
		}
		/* '*' first (or right after '^') is an ordinary character */
		if (*p == '*' && r->n > 0) {
			if (r->atoms[r->n - 1].star) {
				*err = "a * after a * (undefined in basic regular expressions)";
				rx_free(r);
				return -1;
			}
			r->atoms[r->n - 1].star = true;
			p++;
			continue;
		}
		struct rx_atom *a = &r->atoms[r->n++];
		if (*p == '.') {
			memset(a->set, 0xff, sizeof a->set);   /* any byte: grep's lines hold no newline */
			p++;
		} else if (*p == '[') {
			if (!(p = bracket(p + 1, a->set, flags & RX_ICASE, err))) {
				rx_free(r);
				return -1;
			}
		} else if (*p == '\\') {
			char c = p[1];
			if (!c) {
				*err = "trailing backslash";
				rx_free(r);
				return -1;
			}
			if (strchr("(){}123456789<>bBwWsS`'+?|", c)) {
				*err = "\\( \\) \\{ \\}, back-references and GNU escapes are not supported";
				rx_free(r);
				return -1;
			}
			set_add(a->set, (unsigned char)c);
			p += 2;
		} else {
			set_add(a->set, (unsigned char)*p++);
		}
		if (flags & RX_ICASE)
			fold_case(a->set);
	}
	return 0;
}

/* Match atoms [i..n) at s[pos..len), honouring the end anchor. */
static bool match_here(const struct rx *r, size_t i, const char *s, size_t pos, size_t len)
{
	for (; i < r->n; i++) {
		const struct rx_atom *a = &r->atoms[i];
		if (a->star) {
			size_t run = 0;
			while (pos + run < len && set_has(a->set, (unsigned char)s[pos + run]))
				run++;
			for (;; run--) {
				if (match_here(r, i + 1, s, pos + run, len))
					return true;
				if (run == 0)
					return false;
			}
		}
		if (pos >= len || !set_has(a->set, (unsigned char)s[pos]))
			return false;
		pos++;
	}
	return !r->anchor_end || pos == len;
}

bool rx_search(const struct rx *r, const char *s, size_t len)
{
	if (r->anchor_start)
		return match_here(r, 0, s, 0, len);
	for (size_t pos = 0; pos <= len; pos++)
		if (match_here(r, 0, s, pos, len))
			return true;
	return false;
}

void rx_free(struct rx *r)
{
	free(r->atoms);
	r->atoms = NULL;
	r->n = 0;
}

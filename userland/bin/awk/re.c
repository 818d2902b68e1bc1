/* awk: regular expressions, through the libc's regcomp in extended mode.
 * awk's escapes (\n \t \/ \" \ddd ...) are turned into the characters
 * they stand for first; other backslashes are left for regcomp.  Dynamic
 * regular expressions (strings used as one) are compiled once and kept in
 * a small cache by their text. */
#include <stdlib.h>
#include <string.h>
#include "awk.h"

static void add_literal(Buf *b, char c, int in_bracket)
{
	if (!in_bracket && strchr(".[]()*+?{}|^$\\", c))
		buf_addc(b, '\\');
	buf_addc(b, c);
}

static char *translate(const char *s)
{
	Buf b = { 0 };
	int bracket = 0;
	while (*s) {
		char c = *s++;
		if (c == '[' && !bracket) {
			bracket = 1;
			buf_addc(&b, c);
			if (*s == '^')
				buf_addc(&b, *s++);
			if (*s == ']')
				buf_addc(&b, *s++);
			continue;
		}
		if (bracket && c == '[' && (*s == ':' || *s == '.' || *s == '=')) {
			char close = *s;        /* [:alpha:] and friends */
			buf_addc(&b, c);
			while (*s && !(*s == close && s[1] == ']'))
				buf_addc(&b, *s++);
			if (*s) {
				buf_addc(&b, *s++);
				buf_addc(&b, *s++);
			}
			continue;
		}
		if (c == ']' && bracket) {
			bracket = 0;
			buf_addc(&b, c);
			continue;
		}
		if (c != '\\' || !*s) {
			buf_addc(&b, c);
			continue;
		}
		c = *s++;
		switch (c) {
		case 'n': add_literal(&b, '\n', bracket); break;
		case 't': add_literal(&b, '\t', bracket); break;
		case 'r': add_literal(&b, '\r', bracket); break;
		case 'f': add_literal(&b, '\f', bracket); break;
		case 'v': add_literal(&b, '\v', bracket); break;
		case 'a': add_literal(&b, '\a', bracket); break;
		case 'b': add_literal(&b, '\b', bracket); break;
		case '/': add_literal(&b, '/', bracket); break;
		case '"': add_literal(&b, '"', bracket); break;
		default:
			if (c >= '0' && c <= '7') {
				int v = c - '0', k = 1;
				while (k < 3 && *s >= '0' && *s <= '7')
					v = v * 8 + (*s++ - '0'), k++;
				add_literal(&b, (char)v, bracket);
			} else if (bracket) {
				if (c == '\\' || c == ']') {
					buf_addc(&b, '\\');   /* regcomp has no escapes in brackets */
					buf_addc(&b, c);
				} else {
					buf_addc(&b, '\\');
					buf_addc(&b, c);
				}
			} else {
				buf_addc(&b, '\\');
				buf_addc(&b, c);
			}
		}
	}
	return buf_finish(&b);
}

regex_t *re_literal(const char *src, int line)
{
	char *t = translate(src);
	regex_t *re = xmalloc(sizeof *re);
	int err = regcomp(re, t, REG_EXTENDED);
	if (err) {
		char msg[128];
		regerror(err, re, msg, sizeof msg);
		free(t);
		free(re);
		if (line > 0)
			cur_line = line;
		fatal("bad regular expression /%s/: %s", src, msg);
	}
	free(t);
	return re;
}

#define CACHE 32
static struct {
	char *src;
	regex_t *re;
} cache[CACHE];
static int cache_next;

regex_t *re_compile(const char *src, int line)
{
	for (int i = 0; i < CACHE; i++)
		if (cache[i].src && !strcmp(cache[i].src, src))
			return cache[i].re;
	regex_t *re = re_literal(src, line);
	int i = cache_next;
	cache_next = (cache_next + 1) % CACHE;
	if (cache[i].src) {
		free(cache[i].src);
		regfree(cache[i].re);
		free(cache[i].re);
	}
	cache[i].src = xstrdup(src);
	cache[i].re = re;
	return re;
}

int re_match(regex_t *re, const char *s, int notbol, regmatch_t *m)
{
	return regexec(re, s, 1, m, notbol ? REG_NOTBOL : 0) == 0;
}

regex_t *re_of(Node *n)
{
	if (n->type == N_ERE)
		return n->re;
	if (n->type == N_GROUP && n->a->type == N_ERE)
		return n->a->re;
	Val v = eval(n);
	char *s = to_str(&v);
	val_free(&v);
	regex_t *re = re_compile(s, n->line);
	free(s);
	return re;
}

/* printf FORMAT [ARGS...] (XCU printf): the format is reused while
 * arguments remain; %b expands backslash escapes in its argument; a
 * numeric argument 'c or "c is the code of c. */
#include "sh.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pf {
	struct str out;
	char **args;
	int nargs, next;
	int status;
	bool stop;        /* \c in %b: no more output at all */
};

static const char *next_arg(struct pf *p)
{
	return p->next < p->nargs ? p->args[p->next++] : NULL;
}

static long long num_arg(struct pf *p)
{
	const char *a = next_arg(p);
	if (!a || !*a)
		return 0;
	if (a[0] == '\'' || a[0] == '"')
		return (unsigned char)a[1];
	char *end;
	errno = 0;
	long long v = strtoll(a, &end, 0);
	if (*end || errno) {
		sh_error("printf: %s: %s", a, end == a ? "expected numeric value" :
					      *end ? "not completely converted" : "Numerical result out of range");
		p->status = 1;
	}
	return v;
}

/* One backslash escape at *s (after the backslash); in %b, \0NNN and \c. */
static void escape(struct pf *p, const char **s, bool in_b)
{
	const char *c = *s;
	int v = 0, k = 0;
	switch (*c) {
	case 'a': str_addc(&p->out, '\a'); break;
	case 'b': str_addc(&p->out, '\b'); break;
	case 'f': str_addc(&p->out, '\f'); break;
	case 'n': str_addc(&p->out, '\n'); break;
	case 'r': str_addc(&p->out, '\r'); break;
	case 't': str_addc(&p->out, '\t'); break;
	case 'v': str_addc(&p->out, '\v'); break;
	case '\\': str_addc(&p->out, '\\'); break;
	case 'c':
		if (in_b) {
			p->stop = true;
			break;
		}
		/* fall through */
	default:
		if (*c >= '0' && *c <= '7') {
			if (in_b && *c == '0')
				c++;
			for (; k < 3 && *c >= '0' && *c <= '7'; k++)
				v = v * 8 + (*c++ - '0');
			str_addc(&p->out, (char)v);
			*s = c - 1;
			return;
		}
		str_addc(&p->out, '\\');
		str_addc(&p->out, *c);
	}
	*s = c;
}

/* A conversion: spec is "%[flags][width][.prec]" plus the letter conv. */
static void convert(struct pf *p, const char *spec, size_t n, char conv)
{
	char fmt[64], buf[512];
	if (n > 40)
		n = 40;
	if (conv == 'b') {
		const char *a = next_arg(p);
		struct str saved = p->out;
		p->out = (struct str){ 0 };
		for (const char *s = a ? a : ""; *s && !p->stop; s++) {
			if (*s == '\\' && s[1]) {
				s++;
				escape(p, &s, true);
			} else {
				str_addc(&p->out, *s);
			}
		}
		char *text = str_take(&p->out);
		p->out = saved;
		snprintf(fmt, sizeof fmt, "%.*ss", (int)n, spec);
		char *big = xmalloc(strlen(text) + 512);
		snprintf(big, strlen(text) + 512, fmt, text);
		str_adds(&p->out, big);
		free(big);
		free(text);
		return;
	}
	if (strchr("diouxXc", conv)) {
		if (conv == 'c') {
			const char *a = next_arg(p);
			snprintf(fmt, sizeof fmt, "%.*sc", (int)n, spec);
			snprintf(buf, sizeof buf, fmt, a ? a[0] : 0);
		} else {
			snprintf(fmt, sizeof fmt, "%.*sll%c", (int)n, spec, conv);
			snprintf(buf, sizeof buf, fmt, num_arg(p));
		}
		str_adds(&p->out, buf);
		return;
	}
	/* %s */
	const char *a = next_arg(p);
	snprintf(fmt, sizeof fmt, "%.*ss", (int)n, spec);
	size_t len = strlen(a ? a : "") + 512;
	char *big = xmalloc(len);
	snprintf(big, len, fmt, a ? a : "");
	str_adds(&p->out, big);
	free(big);
}

/* One pass over the format; false on a bad conversion. */
static bool format_once(struct pf *p, const char *f)
{
	for (const char *s = f; *s && !p->stop; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			escape(p, &s, false);
			continue;
		}
		if (*s != '%') {
			str_addc(&p->out, *s);
			continue;
		}
		if (s[1] == '%') {
			str_addc(&p->out, '%');
			s++;
			continue;
		}
		const char *spec = s++;
		s += strspn(s, "-+ #0");
		s += strspn(s, "0123456789");
		if (*s == '.') {
			s++;
			s += strspn(s, "0123456789");
		}
		if (!*s || !strchr("diouxXcsb", *s)) {
			sh_error("printf: %%%c: invalid directive", *s ? *s : ' ');
			p->status = 2;
			return false;
		}
		convert(p, spec, (size_t)(s - spec), *s);
	}
	return true;
}

int builtin_printf(int argc, char **argv)
{
	if (argc < 2) {
		sh_error("printf: usage: printf format [arg ...]");
		return 2;
	}
	struct pf p = { .args = argv + 2, .nargs = argc - 2 };
	do {
		int before = p.next;
		if (!format_once(&p, argv[1]))
			break;
		if (p.next == before)
			break;          /* the format takes no arguments */
	} while (p.next < p.nargs && !p.stop);
	bool ok = write_all_checked(1, p.out.s ? p.out.s : "", p.out.len);
	free(p.out.s);
	if (!ok)
		sh_error("printf: I/O error");
	return ok ? p.status : 1;
}

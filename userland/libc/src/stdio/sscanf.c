/* Ringel libc: the scanf family's engine, and sscanf/vsscanf.
 *
 * __scan() reads from any source through get/unget (a string here, a FILE
 * in fscanf.c) and never needs more than one character of push-back, as a
 * stream allows.  Like glibc, a number is gathered as long as its text can
 * still grow into one, then the longest number it starts with is taken:
 * "1e" for %f is 1, "0x" for %x is 0, both consumed whole.
 *
 * Directives: white space (skips any), ordinary characters, %% and
 * %[*][width][hh|h|l|ll|j|z|t|q|L]conv with conv one of d i u o x X p
 * (integers, as strtol/strtoul read them and truncated to the type),
 * f e g a F E G A (floating point: float, l double, L long double, which
 * gets the double's value),
 * s c [set] (characters) and n (characters read so far).  Returns the
 * number of assignments, or EOF if the input ended (or failed) before the
 * first assignment. */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scan.h"

enum { S_INT, S_CHAR, S_SHORT, S_LONG, S_LLONG, S_LDOUBLE };

static void store_int(va_list *ap, int len, unsigned long long v)
{
	switch (len) {
	case S_CHAR: *va_arg(*ap, char *) = (char)v; break;
	case S_SHORT: *va_arg(*ap, short *) = (short)v; break;
	case S_LONG: *va_arg(*ap, long *) = (long)v; break;
	case S_LLONG: case S_LDOUBLE: *va_arg(*ap, long long *) = (long long)v; break;
	default: *va_arg(*ap, int *) = (int)v; break;
	}
}

/* %Lf: the double's value as a long double.  Where long double is IEEE
 * binary128 (AArch64) the compiler would call the soft-float library for
 * the conversion, which this libc does not carry: the bits are rebiased
 * by hand (exactly: a double fits). */
static void store_ldouble(long double *p, double v)
{
#if __LDBL_MANT_DIG__ == 113
	uint64_t b;
	memcpy(&b, &v, sizeof b);
	uint64_t sign = b >> 63, exp = (b >> 52) & 0x7ff, man = b & ((1ull << 52) - 1), qexp;
	if (exp == 0x7ff) {
		qexp = 0x7fff;
	} else if (exp == 0 && man == 0) {
		qexp = 0;
	} else if (exp == 0) {                  /* subnormal: normal in binary128 */
		int top = 63 - __builtin_clzll(man);
		man = (man << (52 - top)) & ((1ull << 52) - 1);
		qexp = (uint64_t)(top - 1074 + 16383);
	} else {
		qexp = exp - 1023 + 16383;
	}
	uint64_t q[2] = { man << 60, sign << 63 | qexp << 48 | man >> 4 };   /* little-endian */
	memcpy(p, q, sizeof q);
#else
	*p = v;
#endif
}

/* The next character, counted. */
static int next(struct scan_src *in)
{
	int c = in->get(in);
	if (c != EOF)
		in->count++;
	return c;
}

static void back(struct scan_src *in, int c)
{
	if (c != EOF) {
		in->unget(in, c);
		in->count--;
	}
}

/* A token being gathered for strtoull/strtod: at most TOKEN_MAX
 * characters are kept (more digits could not change a valid result's
 * acceptance, and the width of any sane format is smaller). */
#define TOKEN_MAX 512
struct token {
	char s[TOKEN_MAX + 1];
	int n;
	long width;             /* characters still allowed */
	int c;                  /* the current character, not yet taken */
	struct scan_src *in;
};

static void take(struct token *t)
{
	if (t->n < TOKEN_MAX)
		t->s[t->n++] = (char)t->c;
	t->width--;
	t->c = t->width > 0 ? next(t->in) : EOF;
}

static bool is_digit(int c, int base)
{
	if (c == EOF)
		return false;
	if (base <= 10)
		return c >= '0' && c < '0' + base;
	return isxdigit(c);
}

/* An integer's text: sign, 0x or 0 for the bases that allow it, digits. */
static void gather_int(struct token *t, int *base)
{
	if (t->c == '+' || t->c == '-')
		take(t);
	if ((*base == 0 || *base == 16) && t->c == '0') {
		take(t);
		if (t->c == 'x' || t->c == 'X') {
			take(t);
			*base = 16;
		} else if (*base == 0) {
			*base = 8;
		}
	}
	if (*base == 0)
		*base = 10;
	while (is_digit(t->c, *base))
		take(t);
}

static bool match_word(struct token *t, const char *w)
{
	for (; *w; w++) {
		if (t->c == EOF || tolower(t->c) != *w)
			return false;
		take(t);
	}
	return true;
}

/* A floating-point number's text, as long as it can still become one.
 * False when it cannot be one at all, as glibc judges: a word (inf,
 * infinity, nan) cut short, or 0x without a hex digit or point. */
static bool gather_float(struct token *t)
{
	if (t->c == '+' || t->c == '-')
		take(t);
	if (t->c == 'i' || t->c == 'I') {
		if (!match_word(t, "inf"))
			return false;
		return t->c != 'i' && t->c != 'I' ? true : match_word(t, "inity");
	}
	if (t->c == 'n' || t->c == 'N')
		return match_word(t, "nan");   /* (glibc's scanf reads no "(chars)") */
	int base = 10;
	bool digits = false, point = false;
	if (t->c == '0') {
		take(t);
		digits = true;
		if (t->c == 'x' || t->c == 'X') {
			take(t);
			base = 16;
			digits = false;
		}
	}
	while (is_digit(t->c, base)) {
		take(t);
		digits = true;
	}
	if (t->c == '.') {
		take(t);
		point = true;
		while (is_digit(t->c, base)) {
			take(t);
			digits = true;
		}
	}
	if (base == 16 && !digits)
		return point;           /* glibc takes "0x." as 0, and no exponent after it */
	if (base == 10 ? t->c == 'e' || t->c == 'E' : t->c == 'p' || t->c == 'P') {
		take(t);
		if (t->c == '+' || t->c == '-')
			take(t);
		while (is_digit(t->c, 10))
			take(t);
	}
	return true;
}

static void skip_space(struct scan_src *in)
{
	int c;
	do
		c = next(in);
	while (c != EOF && isspace(c));
	back(in, c);
}

int __scan(struct scan_src *in, const char *fmt, va_list ap_in)
{
	va_list ap;
	va_copy(ap, ap_in);
	int done = 0;
	bool input_failure = false;
	for (; *fmt; fmt++) {
		if (isspace((unsigned char)*fmt)) {
			skip_space(in);
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%') {          /* %% skips white space, then wants a '%' */
				fmt++;
				skip_space(in);
			}
			int c = next(in);
			if (c != (unsigned char)*fmt) {
				input_failure = c == EOF;
				back(in, c);
				goto out;
			}
			continue;
		}
		fmt++;
		bool skip = false;
		long width = 0;
		int len = S_INT;
		if (*fmt == '*') {
			skip = true;
			fmt++;
		}
		while (isdigit((unsigned char)*fmt))
			width = width * 10 + (*fmt++ - '0');
		for (;; fmt++) {
			if (*fmt == 'h') len = len == S_SHORT ? S_CHAR : S_SHORT;
			else if (*fmt == 'l') len = len == S_LONG ? S_LLONG : S_LONG;
			else if (*fmt == 'z' || *fmt == 'j' || *fmt == 't') len = S_LONG;
			else if (*fmt == 'q') len = S_LLONG;
			else if (*fmt == 'L') len = S_LDOUBLE;
			else break;
		}
		char conv = *fmt;
		if (!conv)
			break;
		if (conv == 'n') {
			if (!skip)
				store_int(&ap, len, (unsigned long long)in->count);
			continue;
		}
		if (conv != 'c' && conv != '[')
			skip_space(in);
		int c = next(in);
		if (c == EOF) {
			input_failure = true;
			goto out;
		}
		switch (conv) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p': {
			struct token t = { .width = width ? width : LONG_MAX, .c = c, .in = in };
			int base = conv == 'd' || conv == 'u' ? 10 : conv == 'o' ? 8 : conv == 'i' ? 0 : 16;
			gather_int(&t, &base);
			back(in, t.c);
			t.s[t.n] = 0;
			/* the longest number the text starts with ("0" of "0x");
			 * none at all is a matching failure */
			int saved = errno;
			char *end;
			unsigned long long v = conv == 'd' || conv == 'i'
				? (unsigned long long)strtol(t.s, &end, base) : strtoul(t.s, &end, base);
			if (len == S_LLONG || len == S_LDOUBLE)
				v = conv == 'd' || conv == 'i'
					? (unsigned long long)strtoll(t.s, &end, base) : strtoull(t.s, &end, base);
			errno = saved;
			if (end == t.s)
				goto out;
			if (!skip) {
				if (conv == 'p')
					*va_arg(ap, void **) = (void *)(uintptr_t)v;
				else
					store_int(&ap, len, v);
				done++;
			}
			break;
		}
		case 'f': case 'e': case 'g': case 'a': case 'F': case 'E': case 'G': case 'A': {
			struct token t = { .width = width ? width : LONG_MAX, .c = c, .in = in };
			bool whole = gather_float(&t);
			back(in, t.c);
			t.s[t.n] = 0;
			char *end;
			int saved = errno;
			double v = strtod(t.s, &end);
			errno = saved;
			if (!whole || end == t.s)
				goto out;               /* no number at all: a matching failure */
			if (!skip) {
				if (len == S_LDOUBLE)
					store_ldouble(va_arg(ap, long double *), v);
				else if (len == S_LONG || len == S_LLONG)
					*va_arg(ap, double *) = v;
				else
					*va_arg(ap, float *) = strtof(t.s, NULL);
				done++;
			}
			break;
		}
		case 's': {
			char *d = skip ? NULL : va_arg(ap, char *);
			long n = 0;
			while (c != EOF && !isspace(c)) {
				if (d)
					d[n] = (char)c;
				n++;
				if (width && n == width) {
					c = EOF;
					break;
				}
				c = next(in);
			}
			back(in, c);
			if (d) {
				d[n] = 0;
				done++;
			}
			break;
		}
		case 'c': {
			char *d = skip ? NULL : va_arg(ap, char *);
			long want = width ? width : 1, n = 0;
			for (;;) {
				if (d)
					d[n] = (char)c;
				if (++n == want)
					break;
				c = next(in);
				if (c == EOF)
					break;
			}
			if (d)
				done++;
			break;
		}
		case '[': {
			/* [abc], [^abc], []abc], [^]abc] and ranges a-z */
			fmt++;
			bool negate = *fmt == '^';
			if (negate)
				fmt++;
			bool set[256] = { false };
			const char *start = fmt;
			for (; *fmt && (*fmt != ']' || fmt == start); fmt++) {
				if (fmt[1] == '-' && fmt[2] && fmt[2] != ']' && (unsigned char)fmt[0] <= (unsigned char)fmt[2]) {
					for (int ch = (unsigned char)fmt[0]; ch <= (unsigned char)fmt[2]; ch++)
						set[ch] = true;
					fmt += 2;
				} else {
					set[(unsigned char)*fmt] = true;
				}
			}
			if (!*fmt) {
				back(in, c);
				goto out;
			}
			char *d = skip ? NULL : va_arg(ap, char *);
			long n = 0;
			while (c != EOF && set[c] != negate) {
				if (d)
					d[n] = (char)c;
				n++;
				if (width && n == width) {
					c = EOF;
					break;
				}
				c = next(in);
			}
			back(in, c);
			if (!n)
				goto out;
			if (d) {
				d[n] = 0;
				done++;
			}
			break;
		}
		default:
			back(in, c);
			goto out;
		}
	}
out:
	va_end(ap);
	return input_failure && done == 0 ? EOF : done;
}

static int str_get(struct scan_src *in)
{
	const unsigned char *p = (const unsigned char *)in->s;
	if (!*p)
		return EOF;
	in->s++;
	return *p;
}

static void str_unget(struct scan_src *in, int c)
{
	in->s--;
}

int vsscanf(const char *restrict str, const char *restrict fmt, va_list ap)
{
	struct scan_src in = { str_get, str_unget, str, NULL, 0 };
	return __scan(&in, fmt, ap);
}

int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsscanf(s, fmt, ap);
	va_end(ap);
	return n;
}

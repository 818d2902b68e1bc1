/* awk: printf and sprintf.  Each conversion of the format is taken apart
 * (flags, width, precision, either of which may be '*') and handed to the
 * C library's snprintf with an argument of the C type it wants: integers
 * for d i o x X u, a character for c, a string for s, a double for e f g
 * and the rest.  Integers too large for a C integer print their exact
 * digits (integer_digits). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "awk.h"

static void add_formatted(Buf *out, const char *spec, int type, ...)
{
	va_list ap;
	char small[256];
	va_start(ap, type);
	int n = vsnprintf(small, sizeof small, spec, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		buf_add(out, small, (size_t)n);
		return;
	}
	char *big = xmalloc((size_t)n + 1);
	va_start(ap, type);
	vsnprintf(big, (size_t)n + 1, spec, ap);
	va_end(ap);
	buf_add(out, big, (size_t)n);
	free(big);
}

enum { A_INT, A_UINT, A_DOUBLE, A_CHAR, A_STR };

char *format_vals(const char *fmt, Val *args, int nargs, size_t *len)
{
	Buf out = { 0 };
	int next = 0;
	const char *p = fmt;
	while (*p) {
		if (*p != '%') {
			const char *q = strchr(p, '%');
			size_t n = q ? (size_t)(q - p) : strlen(p);
			buf_add(&out, p, n);
			p += n;
			continue;
		}
		if (p[1] == '%') {
			buf_addc(&out, '%');
			p += 2;
			continue;
		}
		const char *start = p++;
		char spec[64];
		size_t k = 0;
		spec[k++] = '%';
		while (*p && strchr("-+ #0", *p)) {
			if (k < 20)
				spec[k++] = *p;
			p++;
		}
		for (int part = 0; part < 2; part++) {
			if (part == 1) {
				if (*p != '.')
					break;
				spec[k++] = *p++;
			}
			if (*p == '*') {
				p++;
				if (next >= nargs)
					fatal("not enough arguments to satisfy format string \"%s\"", fmt);
				k += (size_t)snprintf(spec + k, sizeof spec - k, "%d",
						      (int)to_num(&args[next++]));
			} else {
				int digits = 0;
				while (*p >= '0' && *p <= '9') {
					if (digits++ < 9)
						spec[k++] = *p;
					p++;
				}
			}
		}
		while (*p == 'h' || *p == 'l' || *p == 'L' || *p == 'q' || *p == 'j' || *p == 'z' ||
		       *p == 't')
			p++;     /* C length modifiers mean nothing in awk */
		char conv = *p;
		if (conv == '%') {      /* "%5%": a percent sign; the width means nothing */
			buf_addc(&out, '%');
			p++;
			continue;
		}
		if (!conv || !strchr("diouxXeEfFgGcsaA", conv)) {
			/* not a conversion: printed as written */
			buf_add(&out, start, (size_t)(p - start));
			continue;
		}
		p++;
		if (next >= nargs)
			fatal("not enough arguments to satisfy format string \"%s\"", fmt);
		Val *a = &args[next++];
		switch (conv) {
		case 'd':
		case 'i': {
			double d = to_num(a);
			if (isnan(d) || isinf(d)) {
				spec[k++] = 'f';
				spec[k] = 0;
				add_formatted(&out, spec, A_DOUBLE, d);
			} else if (d < 9.2e18 && d > -9.2e18) {
				strcpy(spec + k, "lld");
				add_formatted(&out, spec, A_INT, (long long)d);
			} else {        /* too big for a C integer: its exact digits, padded as %s */
				char *digits = integer_digits(trunc(d));
				char *sign = d > 0 && strchr(spec, '+') ? "+" : d > 0 && strchr(spec, ' ') ? " " : "";
				char *str = xmalloc(strlen(digits) + 2);
				strcpy(str, sign);
				strcat(str, digits);
				char *dot = strchr(spec, '.');
				if (dot)
					k = (size_t)(dot - spec);
				strcpy(spec + k, "s");
				add_formatted(&out, spec, A_STR, str);
				free(str);
				free(digits);
			}
			break;
		}
		case 'o': case 'u': case 'x': case 'X': {
			double d = to_num(a);
			if (d < 0 && d > -9.2e18) {
				spec[k++] = 'l', spec[k++] = 'l', spec[k++] = conv;
				spec[k] = 0;
				add_formatted(&out, spec, A_UINT, (unsigned long long)(long long)d);
			} else if (d >= 0 && d < 1.8e19) {
				spec[k++] = 'l', spec[k++] = 'l', spec[k++] = conv;
				spec[k] = 0;
				add_formatted(&out, spec, A_UINT, (unsigned long long)d);
			} else {        /* out of range: as gawk, a %g */
				char *dot = strchr(spec, '.');
				if (dot)
					k = (size_t)(dot - spec);
				strcpy(spec + k, "g");
				add_formatted(&out, spec, A_DOUBLE, d);
			}
			break;
		}
		case 'c': {
			spec[k++] = 'c';
			spec[k] = 0;
			int c;
			if (a->type == V_NUM || a->type == V_STRNUM) {
				double d = to_num(a);
				c = d > -9.2e18 && d < 9.2e18 ? (int)((long long)d & 0xff) : 0;
			} else {
				char *s = to_str(a);
				c = (unsigned char)s[0];
				free(s);
				if (!c) {       /* an empty string prints nothing */
					spec[k - 1] = 's';
					add_formatted(&out, spec, A_STR, "");
					break;
				}
			}
			add_formatted(&out, spec, A_CHAR, c);
			break;
		}
		case 's': {
			spec[k++] = 's';
			spec[k] = 0;
			char *s = to_str(a);
			add_formatted(&out, spec, A_STR, s);
			free(s);
			break;
		}
		default:
			spec[k++] = conv;
			spec[k] = 0;
			add_formatted(&out, spec, A_DOUBLE, to_num(a));
		}
	}
	*len = out.len;
	return buf_finish(&out);
}

/* A number through CONVFMT or OFMT. */
char *format_num(const char *fmt, double d)
{
	Val v = val_num(d);
	size_t len;
	const char *p = strchr(fmt, '%');
	while (p && p[1] && strchr("-+ #0123456789.", p[1]))
		p++;
	if (!p || !p[1] || !strchr("eEfFgGaAdiouxX", p[1]))
		fmt = "%.6g";    /* a CONVFMT that is not a number format */
	return format_vals(fmt, &v, 1, &len);
}

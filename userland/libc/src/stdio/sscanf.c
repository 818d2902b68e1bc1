/* Ringel libc: sscanf, reading values out of a string.
 *
 * Directives: white space (skips any), literal characters, and
 * %[*][width][hh|h|l|ll|z|j|t|L]conv with conv one of d i u o x X c s [
 * n p f e g a %.  Returns the number of assignments, or EOF if the input
 * ended before the first conversion. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { S_INT, S_CHAR, S_SHORT, S_LONG, S_LLONG };

static void store_int(va_list *ap, int len, unsigned long long v)
{
	switch (len) {
	case S_CHAR: *va_arg(*ap, char *) = (char)v; break;
	case S_SHORT: *va_arg(*ap, short *) = (short)v; break;
	case S_LONG: *va_arg(*ap, long *) = (long)v; break;
	case S_LLONG: *va_arg(*ap, long long *) = (long long)v; break;
	default: *va_arg(*ap, int *) = (int)v; break;
	}
}

int vsscanf(const char *restrict str, const char *restrict fmt, va_list ap_in)
{
	va_list ap;
	va_copy(ap, ap_in);
	const char *s = str;
	int assigned = 0, converted = 0;
	for (; *fmt; fmt++) {
		if (isspace((unsigned char)*fmt)) {
			while (isspace((unsigned char)*s))
				s++;
			continue;
		}
		if (*fmt != '%' || fmt[1] == '%') {
			if (*fmt == '%')
				fmt++;
			while (*fmt == '%' && isspace((unsigned char)*s))
				s++;
			if (*s != *fmt)
				goto out;
			s++;
			continue;
		}
		fmt++;
		int skip = 0, width = 0, len = S_INT;
		if (*fmt == '*') {
			skip = 1;
			fmt++;
		}
		while (isdigit((unsigned char)*fmt))
			width = width * 10 + (*fmt++ - '0');
		for (;; fmt++) {
			if (*fmt == 'h') len = len == S_SHORT ? S_CHAR : S_SHORT;
			else if (*fmt == 'l') len = len == S_LONG ? S_LLONG : S_LONG;
			else if (*fmt == 'z' || *fmt == 'j' || *fmt == 't' || *fmt == 'q') len = S_LONG;
			else if (*fmt == 'L') len = S_LLONG;
			else break;
		}
		char c = *fmt;
		if (!c)
			break;
		if (c == 'n') {
			if (!skip)
				store_int(&ap, len, (unsigned long long)(s - str));
			continue;
		}
		if (c != 'c' && c != '[')
			while (isspace((unsigned char)*s))
				s++;
		if (!*s)
			goto out;
		/* Numbers parse from a copy cut to the width. */
		char num[64];
		size_t lim = width ? (size_t)width : sizeof(num) - 1;
		if (lim > sizeof(num) - 1)
			lim = sizeof(num) - 1;
		switch (c) {
		case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': case 'p': {
			strncpy(num, s, lim);
			num[lim] = 0;
			int base = c == 'd' || c == 'u' ? 10 : c == 'o' ? 8 : c == 'i' ? 0 : 16;
			char *e;
			unsigned long long v = c == 'd' || c == 'i'
				? (unsigned long long)strtoll(num, &e, base) : strtoull(num, &e, base);
			if (e == num)
				goto out;
			s += e - num;
			if (!skip) {
				if (c == 'p')
					*va_arg(ap, void **) = (void *)(uintptr_t)v;
				else
					store_int(&ap, len, v);
				assigned++;
			}
			break;
		}
		case 'f': case 'e': case 'g': case 'E': case 'G': case 'a': {
			strncpy(num, s, lim);
			num[lim] = 0;
			char *e;
			double v = strtod(num, &e);
			if (e == num)
				goto out;
			s += e - num;
			if (!skip) {
				if (len == S_LONG || len == S_LLONG)
					*va_arg(ap, double *) = v;
				else
					*va_arg(ap, float *) = (float)v;
				assigned++;
			}
			break;
		}
		case 's': {
			char *d = skip ? NULL : va_arg(ap, char *);
			size_t n = 0;
			while (s[n] && !isspace((unsigned char)s[n]) && (!width || n < (size_t)width))
				n++;
			if (d) {
				memcpy(d, s, n);
				d[n] = 0;
				assigned++;
			}
			s += n;
			break;
		}
		case 'c': {
			size_t n = width ? (size_t)width : 1;
			if (strnlen(s, n) < n)
				goto out;
			if (!skip) {
				memcpy(va_arg(ap, char *), s, n);
				assigned++;
			}
			s += n;
			break;
		}
		case '[': {
			/* A set: [abc], [^abc], []abc] and ranges a-z. */
			fmt++;
			int negate = *fmt == '^';
			if (negate)
				fmt++;
			unsigned char set[256] = { 0 };
			const char *start = fmt;
			for (; *fmt && (*fmt != ']' || fmt == start); fmt++) {
				if (fmt[1] == '-' && fmt[2] && fmt[2] != ']') {
					for (int ch = (unsigned char)fmt[0]; ch <= (unsigned char)fmt[2]; ch++)
						set[ch] = 1;
					fmt += 2;
				} else {
					set[(unsigned char)*fmt] = 1;
				}
			}
			if (!*fmt)
				goto out;
			size_t n = 0;
			while (s[n] && set[(unsigned char)s[n]] != negate && (!width || n < (size_t)width))
				n++;
			if (!n)
				goto out;
			if (!skip) {
				char *d = va_arg(ap, char *);
				memcpy(d, s, n);
				d[n] = 0;
				assigned++;
			}
			s += n;
			break;
		}
		default:
			goto out;
		}
		converted++;
	}
out:
	va_end(ap);
	if (!converted && !assigned && !*s)
		return EOF;
	return assigned;
}

int sscanf(const char *restrict s, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsscanf(s, fmt, ap);
	va_end(ap);
	return n;
}

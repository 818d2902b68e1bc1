/* Ringel libc: floating-point numbers from text (strtod, strtof, atof).
 *
 * Decimal input: up to 19 significant digits are gathered exactly in an
 * integer, then scaled by the decimal exponent with powers of ten.  That is
 * exact for most everyday numbers (up to 15 digits and small exponents) and
 * otherwise within an ulp or so; it is not the correctly rounded conversion
 * of a full libc.  Also accepted: inf, infinity, nan (any case), and hex
 * floats (0x1.8p3). */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static double pow10_scale(double v, long e)
{
	/* Multiply by 10^e through repeated squaring of 10, staying exact
	 * while the powers are exact (up to 10^22). */
	double p = 10;
	int neg = e < 0;
	unsigned long n = neg ? -(unsigned long)e : (unsigned long)e;
	double scale = 1;
	while (n) {
		if (n & 1)
			scale *= p;
		p *= p;
		n >>= 1;
	}
	if (neg) {
		/* Dividing by an exact power is better than multiplying by an
		 * inexact reciprocal; split when the power itself overflows. */
		if (scale == __builtin_inf()) {
			v /= 1e300;
			return pow10_scale(v, e + 300);
		}
		return v / scale;
	}
	return v * scale;
}

static int hexval(int c)
{
	if (isdigit(c))
		return c - '0';
	c |= 32;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

double strtod(const char *restrict s, char **restrict end)
{
	const char *p = s;
	while (isspace((unsigned char)*p))
		p++;
	int neg = 0;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	double v;
	if (!strncasecmp(p, "inf", 3)) {
		p += strncasecmp(p, "infinity", 8) ? 3 : 8;
		v = __builtin_inf();
	} else if (!strncasecmp(p, "nan", 3)) {
		p += 3;
		if (*p == '(') {   /* nan(chars): skip the chars */
			const char *q = p + 1;
			while (isalnum((unsigned char)*q) || *q == '_')
				q++;
			if (*q == ')')
				p = q + 1;
		}
		v = __builtin_nan("");
	} else if (p[0] == '0' && (p[1] | 32) == 'x' &&
		   (hexval((unsigned char)p[2]) >= 0 ||
		    (p[2] == '.' && hexval((unsigned char)p[3]) >= 0))) {
		p += 2;
		uint64_t m = 0;
		long e = 0;
		int any = 0, seen_point = 0;
		for (;; p++) {
			int d = hexval((unsigned char)*p);
			if (*p == '.' && !seen_point) {
				seen_point = 1;
				continue;
			}
			if (d < 0)
				break;
			any = 1;
			if (m >> 60) {
				e += seen_point ? 0 : 4;   /* digits beyond 60 bits: dropped */
			} else {
				m = m * 16 + (uint64_t)d;
				if (seen_point)
					e -= 4;
			}
		}
		(void)any;
		if ((*p | 32) == 'p') {
			char *q;
			long x = strtol(p + 1, &q, 10);
			if (q != p + 1) {
				e += x;
				p = q;
			}
		}
		v = (double)m;
		while (e > 0 && v != __builtin_inf()) { v *= 2; e--; }
		while (e < 0 && v != 0) { v /= 2; e++; }
	} else {
		uint64_t m = 0;
		int digits = 0, any = 0, seen_point = 0;
		long e = 0;
		for (;; p++) {
			if (*p == '.' && !seen_point) {
				seen_point = 1;
				continue;
			}
			if (!isdigit((unsigned char)*p))
				break;
			any = 1;
			if (digits < 19) {
				if (m || *p != '0')
					digits++;
				m = m * 10 + (uint64_t)(*p - '0');
				if (seen_point)
					e--;
			} else if (!seen_point) {
				e++;             /* an integer digit beyond what is kept */
			}
		}
		if (!any) {
			if (end)
				*end = (char *)s;
			return 0;
		}
		if ((*p | 32) == 'e') {
			char *q;
			long x = strtol(p + 1, &q, 10);
			if (q != p + 1 && isdigit((unsigned char)q[-1])) {
				e += x;
				p = q;
			}
		}
		v = m ? pow10_scale((double)m, e) : 0;
		if (v == __builtin_inf() || (m && v == 0))
			errno = ERANGE;
	}
	if (end)
		*end = (char *)p;
	return neg ? -v : v;
}

float strtof(const char *restrict s, char **restrict end) { return (float)strtod(s, end); }
double atof(const char *s) { return strtod(s, NULL); }

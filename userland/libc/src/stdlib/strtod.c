/* Ringel libc: floating-point numbers from text (strtod, strtof, atof),
 * correctly rounded (to nearest, ties to even) for every input.
 *
 * A decimal number is the integer D of its significant digits times 10^E.
 * Everyday numbers (D < 2^53, |E| <= 22) take one exact IEEE operation,
 * which rounds correctly by itself.  Every other number is done exactly in
 * big integers: the quotient D * 10^E * 2^-S for a scale S that leaves 63
 * bits, and whether anything remained ("sticky").  Those 63 bits and the
 * sticky bit are rounded to the format's precision in round_bits(), which
 * also knows subnormals and overflow.  At most MAX_DIGITS digits are kept:
 * the halfway points between two doubles have at most 767 significant
 * digits, so the digits after the kept ones can only tell "exactly this"
 * from "a little more", and a final 1 digit stands for "a little more".
 *
 * Hex floats (0x1.8p3) are a binary mantissa already: the same rounding.
 * Also accepted: inf, infinity, nan, nan(chars) (any case; the chars are
 * skipped, the NaN has no payload).  ERANGE: overflow to +-HUGE_VAL, and a
 * nonzero number below the smallest normal number (before rounding) whose
 * result is inexact, as glibc does. */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_DIGITS 800
/* 10^(MAX_DIGITS + 1 + 400) shifted by up to 1100 bits fits in here. */
#define LIMBS 160

struct big {
	int n;                  /* limbs in use; w[n - 1] != 0 unless n == 0 */
	uint32_t w[LIMBS];
};

/* The two formats: precision in bits, the exponent of the smallest
 * subnormal's unit, the largest finite number's top exponent + 1. */
struct fmt {
	int prec, emin, emax;
};
static const struct fmt fmt_double = { 53, -1074, 1024 };
static const struct fmt fmt_float = { 24, -149, 128 };

static void big_set(struct big *b, uint64_t v)
{
	b->n = 0;
	while (v) {
		b->w[b->n++] = (uint32_t)v;
		v >>= 32;
	}
}

static void big_mul_add(struct big *b, uint32_t m, uint32_t add)
{
	uint64_t carry = add;
	for (int i = 0; i < b->n; i++) {
		uint64_t t = (uint64_t)b->w[i] * m + carry;
		b->w[i] = (uint32_t)t;
		carry = t >> 32;
	}
	if (carry)
		b->w[b->n++] = (uint32_t)carry;
}

static void big_mul_pow10(struct big *b, int e)
{
	for (; e >= 9; e -= 9)
		big_mul_add(b, 1000000000u, 0);
	static const uint32_t small[9] = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000 };
	if (e)
		big_mul_add(b, small[e], 0);
}

static void big_shl(struct big *b, int s)
{
	if (!b->n)
		return;
	int limbs = s / 32, bits = s % 32;
	b->w[b->n] = 0;
	for (int i = b->n; i >= 0; i--) {
		uint32_t hi = b->w[i] << bits;
		uint32_t lo = bits && i ? b->w[i - 1] >> (32 - bits) : 0;
		b->w[i + limbs] = hi | lo;
	}
	for (int i = 0; i < limbs; i++)
		b->w[i] = 0;
	b->n += limbs + 1;
	while (b->n && !b->w[b->n - 1])
		b->n--;
}

static int big_bits(const struct big *b)
{
	if (!b->n)
		return 0;
	return 32 * (b->n - 1) + 32 - __builtin_clz(b->w[b->n - 1]);
}

static int big_cmp(const struct big *a, const struct big *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

static void big_sub(struct big *a, const struct big *b)   /* a >= b */
{
	int64_t borrow = 0;
	for (int i = 0; i < a->n; i++) {
		int64_t t = (int64_t)a->w[i] - (i < b->n ? b->w[i] : 0) - borrow;
		borrow = t < 0;
		a->w[i] = (uint32_t)t;
	}
	while (a->n && !a->w[a->n - 1])
		a->n--;
}

/* m * 2^e exactly as a double, for m < 2^54 and any e the result fits
 * (normal or subnormal): the bits are put together by hand. */
static double exact_double(uint64_t m, long e)
{
	if (!m)
		return 0;
	while (m >= (1ull << 53)) {      /* only when m is even (the caller rounded) */
		m >>= 1;
		e++;
	}
	while (m < (1ull << 52) && e > -1074) {
		m <<= 1;
		e--;
	}
	uint64_t bits = m < (1ull << 52) ? m : ((uint64_t)(e + 1075) << 52) | (m & ((1ull << 52) - 1));
	double d;
	memcpy(&d, &bits, sizeof d);
	return d;
}

/* Round (m + a little if sticky) * 2^e to the format, to nearest, ties to
 * even.  Sets *range when the result overflowed or is tiny and inexact. */
static double round_bits(uint64_t m, long e, bool sticky, const struct fmt *f, bool *range)
{
	if (!m)
		return 0;
	int top = 63 - __builtin_clzll(m);          /* m's highest bit */
	/* glibc's rule: tiny is judged before rounding */
	bool tiny = top + e < f->emin + f->prec - 1;
	long shift = top + 1 - f->prec;             /* bits to drop for the precision */
	if (e + shift < f->emin)                    /* subnormal: the unit is fixed */
		shift = f->emin - e;
	bool half = false;
	if (shift > 64) {
		sticky = true;
		m = 0;
	} else if (shift > 0) {
		uint64_t dropped = shift == 64 ? m : m & ((1ull << shift) - 1);
		uint64_t halfway = 1ull << (shift - 1);
		half = dropped & halfway;                /* the round bit */
		sticky |= (dropped & (halfway - 1)) != 0;
		m = shift == 64 ? 0 : m >> shift;
		e += shift;
	}
	bool inexact = half || sticky;
	if (half && (sticky || (m & 1)))
		m++;
	if (m >> f->prec) {                          /* the carry made one more bit */
		m >>= 1;
		e++;
	}
	if (m && 64 - __builtin_clzll(m) + e > f->emax) {
		*range = true;
		return __builtin_inf();
	}
	if (tiny && inexact)
		*range = true;
	return exact_double(m, e);
}

/* (num / den) as 63 bits and sticky: num < 2^63 * den. */
static uint64_t big_divide(struct big *num, struct big *den, bool *sticky)
{
	big_shl(den, 63);
	uint64_t q = 0;
	for (int i = 0; i < 63; i++) {
		big_shl(num, 1);
		q <<= 1;
		if (big_cmp(num, den) >= 0) {
			big_sub(num, den);
			q |= 1;
		}
	}
	*sticky = num->n != 0;
	return q;
}

/* digits[0..nd) (values 0-9, the first nonzero) times 10^e10. */
static double decimal_value(const char *digits, int nd, long e10, const struct fmt *f, bool *range)
{
	if (nd <= 19) {
		uint64_t d = 0;
		for (int i = 0; i < nd; i++)
			d = d * 10 + (uint64_t)digits[i];
		if (f == &fmt_double && d < (1ull << 53) && e10 >= -22 && e10 <= 22) {
			static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10,
				1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
			return e10 < 0 ? (double)d / p10[-e10] : (double)d * p10[e10];
		}
	}
	if (nd + e10 > 320) {                         /* >= 10^320: beyond every format */
		*range = true;
		return __builtin_inf();
	}
	if (nd + e10 < -330) {                        /* < 10^-330: rounds to zero */
		*range = true;
		return 0;
	}
	struct big num, den;
	big_set(&num, 0);
	for (int i = 0; i < nd; i++)
		big_mul_add(&num, 10, (uint32_t)digits[i]);
	big_set(&den, 1);
	if (e10 > 0)
		big_mul_pow10(&num, (int)e10);
	else
		big_mul_pow10(&den, (int)-e10);
	/* scale so that the quotient has 62 or 63 bits */
	int s = 62 - (big_bits(&num) - big_bits(&den));
	if (s > 0)
		big_shl(&num, s);
	else
		big_shl(&den, -s);
	bool sticky;
	uint64_t q = big_divide(&num, &den, &sticky);
	return round_bits(q, -s, sticky, f, range);
}

static int hexval(int c)
{
	if (isdigit(c))
		return c - '0';
	c |= 32;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* An exponent's digits, saturated far beyond any format's range. */
static long parse_exponent(const char **pp)
{
	const char *p = *pp + 1;
	bool neg = false;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (!isdigit((unsigned char)*p))
		return 0;                             /* not an exponent: *pp stays */
	long x = 0;
	for (; isdigit((unsigned char)*p); p++)
		if (x < 100000000)
			x = x * 10 + (*p - '0');
	*pp = p;
	return neg ? -x : x;
}

static double hex_value(const char **pp, const struct fmt *f, bool *range)
{
	const char *p = *pp;
	uint64_t m = 0;
	long e = 0;
	bool sticky = false, seen_point = false;
	for (;; p++) {
		if (*p == '.' && !seen_point) {
			seen_point = true;
			continue;
		}
		int d = hexval((unsigned char)*p);
		if (d < 0)
			break;
		if (m >> 59) {                /* keep 63 bits; the rest is sticky */
			sticky |= d != 0;
			if (!seen_point)
				e += 4;
		} else {
			m = m * 16 + (uint64_t)d;
			if (seen_point)
				e -= 4;
		}
	}
	if ((*p | 32) == 'p')
		e += parse_exponent(&p);
	*pp = p;
	if (!m)
		return 0;
	/* keep the exponent in a range where round_bits cannot overflow */
	if (e > 100000)
		e = 100000;
	if (e < -100000)
		e = -100000;
	return round_bits(m, e, sticky, f, range);
}

static double parse(const char *s, char **end, const struct fmt *f)
{
	const char *p = s;
	while (isspace((unsigned char)*p))
		p++;
	bool neg = false, range = false;
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
		v = hex_value(&p, f, &range);
	} else {
		char digits[MAX_DIGITS + 1];
		int nd = 0;
		long e10 = 0;
		bool any = false, seen_point = false, more = false;
		for (;; p++) {
			if (*p == '.' && !seen_point) {
				seen_point = true;
				continue;
			}
			if (!isdigit((unsigned char)*p))
				break;
			any = true;
			int d = *p - '0';
			if (nd == 0 && d == 0) {          /* a leading zero */
				if (seen_point)
					e10--;
			} else if (nd < MAX_DIGITS) {
				digits[nd++] = (char)d;
				if (seen_point)
					e10--;
			} else {                          /* beyond the kept digits */
				more |= d != 0;
				if (!seen_point)
					e10++;
			}
		}
		if (!any) {
			if (end)
				*end = (char *)s;
			return 0;
		}
		if ((*p | 32) == 'e')
			e10 += parse_exponent(&p);
		if (more) {                               /* "a little more" */
			digits[nd++] = 1;
			e10--;
		}
		v = nd ? decimal_value(digits, nd, e10, f, &range) : 0;
	}
	if (range)
		errno = ERANGE;
	if (end)
		*end = (char *)p;
	return neg ? -v : v;
}

double strtod(const char *restrict s, char **restrict end) { return parse(s, end, &fmt_double); }
/* Rounded once, to float's precision: a float result is exact in a double. */
float strtof(const char *restrict s, char **restrict end) { return (float)parse(s, end, &fmt_float); }
double atof(const char *s) { return strtod(s, NULL); }

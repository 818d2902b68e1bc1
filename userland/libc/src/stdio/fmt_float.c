/* Ringel libc: printf's %f %e %g (and %a, printed as %e).
 *
 * Exact and simple rather than fast: a finite double is m * 2^e with an
 * integer m < 2^53, so its decimal expansion is finite.  For e >= 0 it is
 * the integer m * 2^e; for e < 0 it is m * 5^-e / 10^-e, i.e. the digits of
 * the integer m * 5^-e with the point -e places from the right.  Either
 * integer is built in base 10^9 limbs by repeated small multiplications,
 * giving every digit exactly; rounding then happens once, in decimal,
 * half to even on an exact tie (what glibc prints in the default rounding
 * mode). */
#include <stdint.h>
#include <string.h>
#include "format.h"

#define LIMB 1000000000u
#define MAXLIMBS 90           /* 5^1074 * 2^53 < 10^(9*90) */
#define MAXDIGITS (MAXLIMBS * 9 + 2)

struct decimal {
	char d[MAXDIGITS];    /* significant digits, no leading zeros */
	int n;                /* how many */
	int point;            /* value = 0.d[0]d[1]... * 10^point */
};

static int mul_small(uint32_t *limb, int n, uint32_t factor)
{
	uint64_t carry = 0;
	for (int i = 0; i < n; i++) {   /* limb[0] is the least significant */
		uint64_t v = (uint64_t)limb[i] * factor + carry;
		limb[i] = (uint32_t)(v % LIMB);
		carry = v / LIMB;
	}
	while (carry) {
		limb[n++] = (uint32_t)(carry % LIMB);
		carry /= LIMB;
	}
	return n;
}

/* The exact decimal expansion of a finite x > 0. */
static void to_decimal(double x, struct decimal *dec)
{
	uint64_t bits;
	memcpy(&bits, &x, sizeof(bits));
	int bexp = (int)((bits >> 52) & 0x7ff);
	uint64_t m = bits & ((1ull << 52) - 1);
	if (bexp)
		m |= 1ull << 52;
	else
		bexp = 1;                      /* subnormal */
	int e = bexp - 1075;               /* x = m * 2^e */

	uint32_t limb[MAXLIMBS];
	int n = 0;
	for (uint64_t v = m; v; v /= LIMB)
		limb[n++] = (uint32_t)(v % LIMB);
	int frac = 0;                      /* digits after the point */
	if (e >= 0) {
		for (int k = e; k > 0; k -= 29)
			n = mul_small(limb, n, 1u << (k < 29 ? k : 29));
	} else {
		for (int k = -e; k > 0; k -= 13) {
			uint32_t f = 1;
			for (int i = 0; i < (k < 13 ? k : 13); i++)
				f *= 5;
			n = mul_small(limb, n, f);
		}
		frac = -e;
	}

	/* Limbs to a digit string, most significant first. */
	char *p = dec->d;
	for (int i = n - 1; i >= 0; i--) {
		char buf[9];
		uint32_t v = limb[i];
		for (int j = 8; j >= 0; j--, v /= 10)
			buf[j] = (char)('0' + v % 10);
		int skip = 0;
		if (i == n - 1)
			while (skip < 8 && buf[skip] == '0')
				skip++;
		memcpy(p, buf + skip, (size_t)(9 - skip));
		p += 9 - skip;
	}
	dec->n = (int)(p - dec->d);
	dec->point = dec->n - frac;
	while (dec->n > 0 && dec->d[dec->n - 1] == '0')   /* trailing zeros say nothing */
		dec->n--;
}

/* Keep the first `keep` digits (keep may be <= 0 or beyond n), rounding
 * half to even on what is cut. */
static void round_to(struct decimal *dec, int keep)
{
	if (keep >= dec->n)
		return;
	if (keep < 0) {            /* everything cut, and less than half: zero */
		dec->n = 0;
		return;
	}
	int up;
	char first = dec->d[keep];
	if (first > '5') {
		up = 1;
	} else if (first < '5') {
		up = 0;
	} else {
		int rest = keep + 1 < dec->n;  /* trailing zeros were stripped */
		char prev = keep > 0 ? dec->d[keep - 1] : '0';
		up = rest || ((prev - '0') & 1);
	}
	dec->n = keep;
	if (up) {
		int i = keep - 1;
		while (i >= 0 && dec->d[i] == '9')
			i--;
		if (i < 0) {           /* 999 -> 1000: one digit, point moves */
			dec->d[0] = '1';
			dec->n = 1;
			dec->point++;
		} else {
			dec->d[i]++;
			dec->n = i + 1;
		}
	}
	while (dec->n > 0 && dec->d[dec->n - 1] == '0')
		dec->n--;
}

static char digit_at(const struct decimal *dec, int i)
{
	return i >= 0 && i < dec->n ? dec->d[i] : '0';
}

/* Body of %f: integer digits, then the point and prec digits. */
static int fixed(const struct decimal *dec, int prec, int alt, char *buf)
{
	char *p = buf;
	if (dec->point <= 0 || dec->n == 0) {
		*p++ = '0';
	} else {
		for (int i = 0; i < dec->point; i++)
			*p++ = digit_at(dec, i);
	}
	if (prec > 0 || alt)
		*p++ = '.';
	for (int i = 0; i < prec; i++)
		*p++ = digit_at(dec, dec->point + i);
	return (int)(p - buf);
}

/* Body of %e: d.ddd then e±XX. */
static int expo(const struct decimal *dec, int prec, int alt, char e, char *buf)
{
	char *p = buf;
	*p++ = digit_at(dec, 0);
	if (prec > 0 || alt)
		*p++ = '.';
	for (int i = 1; i <= prec; i++)
		*p++ = digit_at(dec, i);
	int x = dec->n ? dec->point - 1 : 0;
	*p++ = e;
	*p++ = x < 0 ? '-' : '+';
	if (x < 0)
		x = -x;
	char t[8];
	int k = 0;
	do
		t[k++] = (char)('0' + x % 10);
	while ((x /= 10));
	if (k < 2)
		t[k++] = '0';
	while (k)
		*p++ = t[--k];
	return (int)(p - buf);
}

void __format_float(struct fmt_out *o, double x, char conv, int flags, int width, int prec)
{
	uint64_t bits;
	memcpy(&bits, &x, sizeof(bits));
	int neg = (int)(bits >> 63);
	int upper = conv == 'F' || conv == 'E' || conv == 'G' || conv == 'A';
	const char *sign = neg ? "-" : (flags & FMT_PLUS) ? "+" : (flags & FMT_SPACE) ? " " : "";
	int alt = flags & FMT_ALT;

	if (((bits >> 52) & 0x7ff) == 0x7ff) {  /* inf and nan: no zero padding */
		const char *s = bits & ((1ull << 52) - 1) ? (upper ? "NAN" : "nan")
							 : (upper ? "INF" : "inf");
		char buf[8];
		size_t n = strlen(sign);
		memcpy(buf, sign, n);
		memcpy(buf + n, s, 3);
		n += 3;
		long fill = width - (long)n;
		if (!(flags & FMT_LEFT))
			__format_pad(o, ' ', fill);
		o->write(o, buf, n);
		o->count += n;
		if (flags & FMT_LEFT)
			__format_pad(o, ' ', fill);
		return;
	}

	static struct decimal dec;   /* ~800 bytes: kept off small stacks */
	dec.n = 0;
	dec.point = 1;
	if (neg)
		x = -x;
	if (x != 0)
		to_decimal(x, &dec);
	if (prec < 0)
		prec = 6;

	/* The body can be long (1e308 with %f has 309 digits), so it is built
	 * in a static buffer; this printf is not reentrant from signal
	 * handlers for floats. */
	static char body[MAXDIGITS + 400];
	int blen;
	char lower = upper ? 'E' : 'e';
	if (conv == 'f' || conv == 'F') {
		if (prec > 350)   /* beyond any double's digits: zeros */
			prec = 350;
		round_to(&dec, dec.point + prec);
		blen = fixed(&dec, prec, alt, body);
	} else if (conv == 'e' || conv == 'E' || conv == 'a' || conv == 'A') {
		if (prec > 350)
			prec = 350;
		round_to(&dec, prec + 1);
		blen = expo(&dec, prec, alt, lower, body);
	} else {   /* g: %e or %f by the exponent after rounding to prec digits */
		if (prec == 0)
			prec = 1;
		if (prec > 350)
			prec = 350;
		round_to(&dec, prec);
		int xp = dec.n ? dec.point - 1 : 0;
		if (xp >= -4 && xp < prec)
			blen = fixed(&dec, prec - 1 - xp, alt, body);
		else
			blen = expo(&dec, prec - 1, alt, lower, body);
		if (!alt) {   /* drop trailing zeros of the fraction, and a bare point */
			char *e = memchr(body, lower, (size_t)blen);
			int mant = e ? (int)(e - body) : blen;
			if (memchr(body, '.', (size_t)mant)) {
				int k = mant;
				while (body[k - 1] == '0')
					k--;
				if (body[k - 1] == '.')
					k--;
				memmove(body + k, body + mant, (size_t)(blen - mant));
				blen -= mant - k;
			}
		}
	}

	size_t slen = strlen(sign);
	long fill = width - (long)slen - blen;
	if (!(flags & FMT_LEFT) && !(flags & FMT_ZERO))
		__format_pad(o, ' ', fill);
	o->write(o, sign, slen);
	o->count += slen;
	if (!(flags & FMT_LEFT) && (flags & FMT_ZERO))
		__format_pad(o, '0', fill);
	o->write(o, body, (size_t)blen);
	o->count += (size_t)blen;
	if (flags & FMT_LEFT)
		__format_pad(o, ' ', fill);
}

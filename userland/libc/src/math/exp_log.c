/* Ringel libc: exp, log, log10, pow.  exp reduces x = k ln2 + r (ln2 in
 * two parts, so k ln2 is exact in the first) and sums the series of e^r
 * for |r| <= ln2/2; log splits off the power of two and sums the series
 * of 2 atanh(s), s = (m-1)/(m+1), for m within sqrt(1/2)..sqrt(2). */
#include <math.h>
#include "invalid.h"

static const double ln2_hi = 6.93147180369123816490e-01;   /* 32 bits: k * ln2_hi is exact */
static const double ln2_lo = 1.90821492927058770002e-10;

double exp(double x)
{
	if (isnan(x))
		return x;
	if (x > 709.782712893384)
		return HUGE_VAL;
	if (x < -745.1332191019412)
		return 0;
	double k = round(x / M_LN2);
	double r = (x - k * ln2_hi) - k * ln2_lo;
	/* e^r = 1 + r + r^2/2! + ... + r^14/14!, in Horner form */
	double p = 1;
	for (int i = 14; i >= 1; i--)
		p = 1 + p * r / i;
	return ldexp(p, (int)k);
}

double log(double x)
{
	if (isnan(x) || x == HUGE_VAL)
		return x;
	if (x == 0)
		return -HUGE_VAL;
	if (x < 0)
		return math_invalid();
	int e;
	double m = frexp(x, &e);
	if (m < M_SQRT2 / 2) {
		m *= 2;
		e--;
	}
	double f = m - 1, s = f / (2 + f), s2 = s * s;
	/* 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...), |s| < 0.172 */
	double sum = 0;
	for (int i = 25; i >= 3; i -= 2)
		sum = (sum + 1.0 / i) * s2;
	/* f - 2s = -s f, so log m = f - s (f - 2 s sum) = f - s (f - sum 2s) */
	double hfsq = 0.5 * f * f;
	double logm = f - (hfsq - s * (hfsq + 2 * sum));
	return e * ln2_hi + (e * ln2_lo + logm);
}

double log10(double x)
{
	return log(x) / 2.30258509299404568402;
}

static int is_odd_integer(double y)
{
	return y == trunc(y) && fabs(y) < 0x1p53 && fmod(y, 2) != 0;
}

double pow(double x, double y)
{
	if (y == 0 || x == 1)
		return 1;
	if (isnan(x) || isnan(y))
		return x + y;
	if (x == 0) {
		if (y < 0)
			return is_odd_integer(y) ? copysign(HUGE_VAL, x) : HUGE_VAL;
		return is_odd_integer(y) ? x : 0;
	}
	if (isinf(y)) {
		double ax = fabs(x);
		if (ax == 1)
			return 1;
		return (ax > 1) == (y > 0) ? HUGE_VAL : 0;
	}
	if (isinf(x)) {
		if (x > 0)
			return y > 0 ? HUGE_VAL : 0;
		double r = y > 0 ? HUGE_VAL : 0;
		return is_odd_integer(y) ? -r : r;
	}
	double sign = 1;
	if (x < 0) {
		if (y != trunc(y))
			return math_invalid();
		if (is_odd_integer(y))
			sign = -1;
		x = -x;
	}
	if (y == trunc(y) && fabs(y) <= 64) {   /* small integer powers: by squaring */
		double r = 1, b = x;
		long long k = (long long)fabs(y);
		while (k) {
			if (k & 1)
				r *= b;
			b *= b;
			k >>= 1;
		}
		return sign * (y < 0 ? 1 / r : r);
	}
	return sign * exp(y * log(x));
}

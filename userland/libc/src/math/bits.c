/* Ringel libc: the functions that work on a double's bits exactly: fabs,
 * copysign, frexp, ldexp, trunc, floor, ceil, round, modf, fmod. */
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "invalid.h"

static uint64_t bits(double x)
{
	uint64_t u;
	memcpy(&u, &x, sizeof u);
	return u;
}

static double from_bits(uint64_t u)
{
	double x;
	memcpy(&x, &u, sizeof x);
	return x;
}

double fabs(double x)
{
	return from_bits(bits(x) & ~(1ull << 63));
}

double copysign(double x, double y)
{
	return from_bits((bits(x) & ~(1ull << 63)) | (bits(y) & (1ull << 63)));
}

double frexp(double x, int *e)
{
	uint64_t u = bits(x);
	int ex = (int)(u >> 52 & 0x7ff);
	if (ex == 0) {
		if (x == 0) {
			*e = 0;
			return x;
		}
		x *= 0x1p64;            /* subnormal: make it normal first */
		double m = frexp(x, e);
		*e -= 64;
		return m;
	}
	if (ex == 0x7ff) {
		*e = 0;
		return x;
	}
	*e = ex - 1022;
	return from_bits((u & ~(0x7ffull << 52)) | (1022ull << 52));
}

/* Scaled in at most three steps; the small side multiplies by 2^53 on the
 * way so that only the last step can round (into a subnormal). */
double ldexp(double x, int e)
{
	if (e > 1023) {
		x *= 0x1p1023;
		e -= 1023;
		if (e > 1023) {
			x *= 0x1p1023;
			e -= 1023;
			if (e > 1023)
				e = 1023;
		}
	} else if (e < -1022) {
		x *= 0x1p-1022 * 0x1p53;
		e += 1022 - 53;
		if (e < -1022) {
			x *= 0x1p-1022 * 0x1p53;
			e += 1022 - 53;
			if (e < -1022)
				e = -1022;
		}
	}
	return x * from_bits((uint64_t)(e + 1023) << 52);
}

double trunc(double x)
{
	if (!(fabs(x) < 0x1p52))
		return x;               /* already integral, or inf/nan */
	return copysign((double)(long long)x, x);
}

double floor(double x)
{
	double t = trunc(x);
	return t > x ? t - 1 : t;
}

double ceil(double x)
{
	double t = trunc(x);
	return t < x ? t + 1 : t;
}

double round(double x)
{
	double t = trunc(x);
	if (fabs(x - t) >= 0.5)
		t += copysign(1.0, x);
	return t;
}

double modf(double x, double *ip)
{
	double t = trunc(x);
	*ip = t;
	if (isinf(x))
		return copysign(0.0, x);
	return copysign(x - t, x);
}

/* Long division on the binary values: each step subtracts y scaled by a
 * power of two from a remainder less than twice as big, which is exact. */
double fmod(double x, double y)
{
	if (isnan(x) || isnan(y) || isinf(x) || y == 0)
		return isnan(x) ? x : isnan(y) ? y : math_invalid();
	double ax = fabs(x), ay = fabs(y);
	if (ax < ay || isinf(y))
		return x;
	int ey;
	frexp(ay, &ey);
	while (ax >= ay) {
		int ex;
		frexp(ax, &ex);
		double t = ldexp(ay, ex - ey);
		if (t > ax)
			t = ldexp(ay, ex - ey - 1);
		ax -= t;
	}
	return copysign(ax, x);
}

/* Ringel libc: sin, cos, tan, atan, atan2.  sin and cos reduce x by
 * multiples of pi/2 (pi/2 in three parts, each exact when multiplied by
 * the quotient, good while |x| < 2^30 or so; beyond that the reduction
 * loses digits) and sum their series within pi/4.  atan folds its argument
 * into |t| <= tan(pi/12) and sums the series there. */
#include <math.h>
#include "invalid.h"

static const double pio2_1 = 1.57079632673412561417e+00;   /* first 33 bits of pi/2 */
static const double pio2_2 = 6.07710050630396597660e-11;   /* next 33 bits */
static const double pio2_3 = 2.02226624871116645580e-21;   /* next 33 bits */
static const double pio2_3t = 8.47842766036889956997e-32;  /* pi/2 - the three above */

/* x - k pi/2 for the nearest k; *quadrant = k mod 4 */
static double reduce(double x, int *quadrant)
{
	double k = round(x * (2 / M_PI));
	double r = x - k * pio2_1;
	r -= k * pio2_2;
	r -= k * pio2_3;
	r -= k * pio2_3t;
	*quadrant = (int)(long long)fmod(k, 4);
	if (*quadrant < 0)
		*quadrant += 4;
	return r;
}

/* the series of sin and cos for |r| <= pi/4, to r^19 / r^20 */
static double sin_series(double r)
{
	double r2 = r * r, p = 0;
	for (int i = 19; i >= 3; i -= 2)
		p = (1 - p) * r2 / (i * (i - 1));
	return r - r * p;
}

static double cos_series(double r)
{
	double r2 = r * r, p = 0;
	for (int i = 20; i >= 2; i -= 2)
		p = (1 - p) * r2 / (i * (i - 1));
	return 1 - p;
}

double sin(double x)
{
	if (isnan(x))
		return x;
	if (isinf(x))
		return math_invalid();
	if (fabs(x) < 0x1p-26)
		return x;
	int q;
	double r = reduce(x, &q);
	switch (q) {
	case 0: return sin_series(r);
	case 1: return cos_series(r);
	case 2: return -sin_series(r);
	default: return -cos_series(r);
	}
}

double cos(double x)
{
	if (isnan(x))
		return x;
	if (isinf(x))
		return math_invalid();
	int q;
	double r = reduce(x, &q);
	switch (q) {
	case 0: return cos_series(r);
	case 1: return -sin_series(r);
	case 2: return -cos_series(r);
	default: return sin_series(r);
	}
}

double tan(double x)
{
	return sin(x) / cos(x);
}

static const double pi_6 = 0.52359877559829887308;
static const double sqrt3 = 1.73205080756887729353;

double atan(double x)
{
	if (isnan(x))
		return x;
	double ax = fabs(x), r;
	int invert = ax > 1;
	if (invert)
		ax = 1 / ax;
	double base = 0;
	if (ax > 0.26794919243112270) {         /* tan(pi/12) */
		ax = (ax * sqrt3 - 1) / (ax + sqrt3);
		base = pi_6;
	}
	double t2 = ax * ax, p = 0;
	for (int i = 31; i >= 3; i -= 2)
		p = (1.0 / i - p) * t2;
	r = base + (ax - ax * p);
	if (invert)
		r = M_PI / 2 - r;
	return copysign(r, x);
}

double atan2(double y, double x)
{
	if (isnan(x) || isnan(y))
		return x + y;
	if (y == 0) {
		if (x > 0 || (x == 0 && !signbit(x)))
			return y;
		return copysign(M_PI, y);
	}
	if (x == 0)
		return copysign(M_PI / 2, y);
	if (isinf(x)) {
		if (isinf(y))
			return copysign(x > 0 ? M_PI / 4 : 3 * M_PI / 4, y);
		return x > 0 ? copysign(0.0, y) : copysign(M_PI, y);
	}
	if (isinf(y))
		return copysign(M_PI / 2, y);
	double a = atan(fabs(y / x));
	if (x < 0)
		a = M_PI - a;
	return copysign(a, y);
}

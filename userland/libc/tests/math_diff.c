/* Ringel libc host test: <math.h> against glibc's libm.  The exact
 * functions (fabs floor ceil trunc round fmod modf frexp ldexp copysign
 * sqrt) must give the same bits; exp, log, pow and the trigonometric
 * functions must be within a few units in the last place (pow: a relative
 * 1e-13; sin and cos: for |x| below 2^20).  Random
 * arguments over the ranges that matter, plus the special values (zeros,
 * infinities, NaN, subnormals, huge).  Usage: libc_math_diff [N [SEED]] */
#define _GNU_SOURCE
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rl.h"

int rl_passed, rl_failed;
uint64_t rl_seed = 0x5eed0fa11ull;

double rl_fabs(double), rl_floor(double), rl_ceil(double), rl_trunc(double), rl_round(double);
double rl_fmod(double, double), rl_modf(double, double *), rl_frexp(double, int *);
double rl_ldexp(double, int), rl_copysign(double, double), rl_sqrt(double), rl_exp(double);
double rl_log(double), rl_log10(double), rl_pow(double, double), rl_sin(double), rl_cos(double);
double rl_tan(double), rl_atan(double), rl_atan2(double, double);

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

static int same(double a, double b)
{
	return (isnan(a) && isnan(b)) || bits(a) == bits(b);
}

/* distance in representable doubles */
static double ulps(double a, double b)
{
	if (same(a, b) || a == b)
		return 0;
	if (isnan(a) || isnan(b) || isinf(a) || isinf(b) || signbit(a) != signbit(b))
		return 1e30;
	int64_t x = (int64_t)bits(fabs(a)), y = (int64_t)bits(fabs(b));
	return (double)(x > y ? x - y : y - x);
}

static double uniform(double lo, double hi)
{
	return lo + (hi - lo) * ((double)(rl_rand64() >> 11) / 9007199254740992.0);
}

static double any_double(void)
{
	return from_bits(rl_rand64());
}

static const double specials[] = {
	0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 2.0, 3.0, -3.0, 1e-310, -1e-310, 5e-324, 1e308, -1e308,
	INFINITY, -INFINITY, NAN, 0.1, 1e-20, 1e20, 4.5, -4.5, 2.5, 0x1p52, 0x1p52 + 1, 0x1p53,
	709.7, -745.0, 710.0, -746.0, 1e-5, 3.141592653589793, 1.5707963267948966, 100.0,
};
#define NSPECIAL (sizeof specials / sizeof specials[0])

static void exact1(const char *name, double (*ours)(double), double (*theirs)(double), double x)
{
	double a = ours(x), b = theirs(x);
	RL_CHECK(same(a, b), "%s(%a): ours %a, glibc %a", name, x, a, b);
}

static void close1(const char *name, double (*ours)(double), double (*theirs)(double), double x,
		   double tol)
{
	double a = ours(x), b = theirs(x);
	RL_CHECK(ulps(a, b) <= tol || fabs(a - b) < 1e-300, "%s(%.17g): ours %.17g, glibc %.17g (%g ulps)",
		 name, x, a, b, ulps(a, b));
}

static void exact_functions(int n)
{
	for (int i = 0; i < n; i++) {
		double x = i < (int)NSPECIAL ? specials[i] : (i & 1) ? any_double() : uniform(-1e6, 1e6);
		double y = (i / 2 < (int)NSPECIAL) ? specials[(i / 2) % NSPECIAL]
			: (i & 2) ? any_double() : uniform(-1000, 1000);
		exact1("fabs", rl_fabs, fabs, x);
		exact1("floor", rl_floor, floor, x);
		exact1("ceil", rl_ceil, ceil, x);
		exact1("trunc", rl_trunc, trunc, x);
		exact1("round", rl_round, round, x);
		if (x >= 0 || isnan(x))
			exact1("sqrt", rl_sqrt, sqrt, x);
		double a = rl_fmod(x, y), b = fmod(x, y);
		RL_CHECK(same(a, b), "fmod(%a, %a): ours %a, glibc %a", x, y, a, b);
		a = rl_copysign(x, y), b = copysign(x, y);
		RL_CHECK(same(a, b), "copysign(%a, %a): ours %a, glibc %a", x, y, a, b);
		double ia, ib;
		a = rl_modf(x, &ia), b = modf(x, &ib);
		RL_CHECK(same(a, b) && same(ia, ib), "modf(%a): ours %a %a, glibc %a %a", x, a, ia, b, ib);
		int ea = 0, eb = 0;
		a = rl_frexp(x, &ea), b = frexp(x, &eb);
		RL_CHECK(same(a, b) && (ea == eb || isnan(x) || isinf(x)), "frexp(%a): ours %a %d, glibc %a %d",
			 x, a, ea, b, eb);
		int e = (int)rl_below(2300) - 1150;
		a = rl_ldexp(x, e), b = ldexp(x, e);
		RL_CHECK(same(a, b), "ldexp(%a, %d): ours %a, glibc %a", x, e, a, b);
	}
}

static void close_functions(int n)
{
	for (size_t i = 0; i < NSPECIAL; i++) {
		double x = specials[i];
		close1("exp", rl_exp, exp, x, 2);
		close1("log", rl_log, log, x, 2);
		if (!(fabs(x) > 0x1p20)) {      /* the reduction is exact up to here */
			close1("sin", rl_sin, sin, x, 2);
			close1("cos", rl_cos, cos, x, 2);
		}
		close1("atan", rl_atan, atan, x, 2);
		for (size_t j = 0; j < NSPECIAL; j++) {
			double y = specials[j];
			double a = rl_atan2(x, y), b = atan2(x, y);
			RL_CHECK(ulps(a, b) <= 2, "atan2(%g, %g): ours %.17g, glibc %.17g", x, y, a, b);
			a = rl_pow(x, y), b = pow(x, y);
			RL_CHECK(ulps(a, b) <= 2 || fabs(a - b) <= 1e-13 * fabs(b),
				 "pow(%g, %g): ours %.17g, glibc %.17g", x, y, a, b);
		}
	}
	for (int i = 0; i < n; i++) {
		close1("exp", rl_exp, exp, uniform(-745, 709.7), 2);
		close1("exp", rl_exp, exp, uniform(-1, 1), 2);
		double x = fabs(any_double());
		if (!isnan(x))
			close1("log", rl_log, log, x, 2);
		close1("log", rl_log, log, uniform(0.5, 2), 2);
		close1("log10", rl_log10, log10, uniform(0, 1e6), 3);
		close1("sin", rl_sin, sin, uniform(-10, 10), 2);
		close1("cos", rl_cos, cos, uniform(-10, 10), 2);
		double big = uniform(-1e5, 1e5);
		double a = rl_sin(big), b = sin(big);
		RL_CHECK(fabs(a - b) < 1e-15, "sin(%.17g): ours %.17g, glibc %.17g", big, a, b);
		a = rl_cos(big), b = cos(big);
		RL_CHECK(fabs(a - b) < 1e-15, "cos(%.17g): ours %.17g, glibc %.17g", big, a, b);
		a = rl_tan(x = uniform(-1.5, 1.5)), b = tan(x);
		RL_CHECK(ulps(a, b) <= 4, "tan(%.17g): ours %.17g, glibc %.17g", x, a, b);
		close1("atan", rl_atan, atan, uniform(-3, 3), 2);
		close1("atan", rl_atan, atan, any_double(), 2);
		double y = uniform(-10, 10);
		x = uniform(-10, 10);
		a = rl_atan2(y, x), b = atan2(y, x);
		RL_CHECK(ulps(a, b) <= 2, "atan2(%.17g, %.17g): ours %.17g, glibc %.17g", y, x, a, b);
		x = uniform(0, 100), y = uniform(-50, 50);
		a = rl_pow(x, y), b = pow(x, y);
		RL_CHECK(fabs(a - b) <= 1e-13 * fabs(b), "pow(%.17g, %.17g): ours %.17g, glibc %.17g", x, y,
			 a, b);
		double k = (double)((int)rl_below(80) - 40);
		x = uniform(-3, 3);
		a = rl_pow(x, k), b = pow(x, k);
		RL_CHECK(fabs(a - b) <= 1e-13 * fabs(b), "pow(%.17g, %g): ours %.17g, glibc %.17g", x, k, a, b);
	}
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 20000;
	if (argc > 2)
		rl_seed = strtoull(argv[2], NULL, 0);
	exact_functions(n);
	close_functions(n);
	printf("%d passed, %d failed\n", rl_passed, rl_failed);
	return rl_failed != 0;
}

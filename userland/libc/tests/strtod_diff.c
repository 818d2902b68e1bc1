/* Ringel libc host test: strtod and strtof against glibc, bit for bit (and
 * the end pointer and errno), on generated hard cases: the exact decimal
 * midpoints between neighbouring doubles and floats and their near misses
 * (glibc's printf writes a long double's exact expansion), long digit
 * strings, subnormals, the overflow edge, hex floats, random decimals over
 * the whole exponent range, and malformed text.  NaNs compare by sign (no
 * payloads).  Usage: libc_strtod_diff [CASES [SEED]] (a million by default). */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rl.h"

int rl_passed, rl_failed;
uint64_t rl_seed = 0x9e3779b97f4a7c15ull;
float rl_strtof(const char *s, char **end);
double rl_atof(const char *s);

static long count_d, count_f;

static void check_one(const char *s)
{
	char *e1, *e2;
	errno = 0;
	*rl___errno_location() = 0;
	double w = strtod(s, &e1);
	int werr = errno;
	double g = rl_strtod(s, &e2);
	int gerr = *rl___errno_location();
	uint64_t bw, bg;
	memcpy(&bw, &w, 8);
	memcpy(&bg, &g, 8);
	bool same = isnan(w) ? isnan(g) && signbit(w) == signbit(g) : bw == bg;
	RL_CHECK(same && e1 == e2 && werr == gerr, "strtod(\"%.120s\"): glibc %a +%td errno %d, ours %a +%td errno %d",
		 s, w, e1 - s, werr, g, e2 - s, gerr);
	count_d++;
	errno = 0;
	*rl___errno_location() = 0;
	float fw = strtof(s, &e1);
	werr = errno;
	float fg = rl_strtof(s, &e2);
	gerr = *rl___errno_location();
	uint32_t cw, cg;
	memcpy(&cw, &fw, 4);
	memcpy(&cg, &fg, 4);
	same = isnan(fw) ? isnan(fg) && signbit(fw) == signbit(fg) : cw == cg;
	RL_CHECK(same && e1 == e2 && werr == gerr, "strtof(\"%.120s\"): glibc %a +%td errno %d, ours %a +%td errno %d",
		 s, fw, e1 - s, werr, fg, e2 - s, gerr);
	count_f++;
}

static double rand_double(void)
{
	uint64_t b = rl_rand64();
	switch (rl_below(6)) {
	case 0: b &= ~(0x7ffull << 52); break;                 /* subnormal */
	case 1: b = (b & ~(0x7ffull << 52)) | (1ull << 52); break;  /* near DBL_MIN */
	case 2: b |= 0x7feull << 52; b &= ~(1ull << 63); break;   /* near DBL_MAX */
	case 3: b = (b & ~(0x7ffull << 52)) | ((uint64_t)(1023 + rl_below(120) - 60) << 52); break;
	default: break;
	}
	double d;
	memcpy(&d, &b, 8);
	if (isnan(d) || isinf(d))
		d = 1.5;
	return fabs(d);
}

/* The exact midpoint of d and the next double up (or of f and the next
 * float) in decimal, then changed a little. */
static void midpoint_case(char *s, size_t size, bool for_float)
{
	long double a, b;
	if (for_float) {
		float f = (float)rand_double();
		if (isinf(f))
			f = FLT_MAX;
		if (rl_below(3) == 0) {
			uint32_t bits = (uint32_t)rl_rand64() & 0x7fffffff;
			if (rl_below(2))
				bits &= 0x007fffff;
			memcpy(&f, &bits, 4);
			if (isnan(f) || isinf(f))
				f = 0.75f;
		}
		a = f;
		b = nextafterf(f, INFINITY);
		if (isinf(b))
			b = (long double)FLT_MAX * 2 - a;     /* the overflow threshold's partner */
	} else {
		double d = rand_double();
		a = d;
		b = nextafter(d, INFINITY);
		if (isinf(b))
			b = (long double)DBL_MAX * 2 - a;
	}
	long double mid = (a + b) / 2;
	int prec = (int)rl_below(4) == 0 ? 780 : 1 + (int)rl_below(40);
	snprintf(s, size, "%.*Le", prec, mid);
	char *e = strchr(s, 'e');
	if (!e) {
		printf("no exponent in %s\n", s); fflush(stdout);
		abort();
	}
	size_t mant = (size_t)(e - s);
	switch (rl_below(6)) {
	case 0: break;                                   /* as is (maybe exact) */
	case 1: {                                        /* one more digit after the mantissa */
		char tail[32];
		snprintf(tail, sizeof tail, "%s", e);
		snprintf(e, size - mant, "%c%s", '0' + (int)rl_below(10), tail);
		break;
	}
	case 2:                                          /* last digit one up or down */
		if (isdigit((unsigned char)e[-1]))
			e[-1] = (char)(e[-1] == '9' ? '8' : e[-1] + 1);
		break;
	case 3: {                                        /* trailing zeros, then a 1 */
		char tail[32];
		snprintf(tail, sizeof tail, "%s", e);
		snprintf(e, size - mant, "00000000000000000001%s", tail);
		break;
	}
	default: break;
	}
}

static void decimal_case(char *s, size_t size)
{
	int n = 0;
	if (rl_below(4) == 0)
		s[n++] = "+- \t"[rl_below(4)];
	int nd = 1 + (int)rl_below(rl_below(5) == 0 ? 60 : 20);
	int point = (int)rl_below((unsigned)nd + 2);
	for (int i = 0; i < nd; i++) {
		if (i == point)
			s[n++] = '.';
		s[n++] = (char)('0' + (rl_below(5) == 0 ? 0 : rl_below(10)));
	}
	if (rl_below(3)) {
		int ex = (int)rl_below(700) - 360;
		n += snprintf(s + n, size - (size_t)n, "%c%s%d", "eE"[rl_below(2)],
			      ex >= 0 && rl_below(2) ? "+" : "", ex);
	}
	s[n] = 0;
}

static void printed_case(char *s, size_t size)
{
	double d = rand_double();
	if (rl_below(2))
		snprintf(s, size, "%.*g", 1 + (int)rl_below(20), d);
	else
		snprintf(s, size, "%.*e", (int)rl_below(25), d);
}

static void hex_case(char *s, size_t size)
{
	int n = snprintf(s, size, "%s0%c", rl_below(3) ? "" : "-", "xX"[rl_below(2)]);
	int nd = 1 + (int)rl_below(22);
	int point = (int)rl_below((unsigned)nd + 2);
	for (int i = 0; i < nd; i++) {
		if (i == point)
			s[n++] = '.';
		s[n++] = "0123456789abcdefABCDEF"[rl_below(22)];
	}
	if (rl_below(4))
		n += snprintf(s + n, size - (size_t)n, "p%d", (int)rl_below(2300) - 1150);
	s[n] = 0;
}

static void long_case(char *s, size_t size)
{
	/* many digits: a double's exact expansion plus noise, or just noise */
	int nd = 100 + (int)rl_below(1000);
	int n = 0;
	for (int i = 0; i < nd && (size_t)n + 16 < size; i++)
		s[n++] = (char)('0' + (i > nd - 3 ? rl_below(10) : rl_below(10)));
	if (rl_below(2)) {
		s[rl_below(20)] = '.';
	}
	snprintf(s + n, size - (size_t)n, "e%d", (int)rl_below(1400) - 1100);
}

static const char *const fixed[] = {
	"inf", "-INFINITY", "infin", "nan", "-nan", "NaN(123)", "nan(", "nan(x y)", "0x1.8p3", "-0x10",
	"  12abc", ".", "-.5e", "1e", "e5", "", "+", "-0", "0x", "0x.p1", "0x.8", "0x1p", "0x1p+",
	"1e+", "1.e5", ".e5", "00000.0000001e7", "1e-400", "1e400", "-1e400", "2.4703282292062327e-324",
	"2.4703282292062328e-324", "4.9406564584124654e-324", "2.2250738585072011e-308",
	"2.2250738585072012e-308", "1.7976931348623157e308", "1.7976931348623158e308",
	"1.7976931348623159e308", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792.0",
	"3.4028235e38", "3.40282357e38", "3.4028236e38", "1.1754943e-38", "1.4e-45", "7e-46", "7.1e-46",
	"0.000000000000000000000000000000000000000000001401298464324817070923729583289916131280e0",
	"9007199254740993", "9007199254740993.0000000000000000000001", "1e23", "8.589973e9",
	"123456789012345678901234567890e-30", "0e999999999999", "1e-999999999999", "1e999999999999",
	"0x1.fffffffffffff8p1023", "0x1.fffffffffffff7ffp1023", "0x1p-1075", "0x1.0000000000001p-1075",
	"0x1p-1074", "0x0.00000000000008p-1022", "0x1.00000000000008p0", "0x1.00000000000018p0",
	"0x1.000001p0", "0x1.0000010000000001p0", "0x1p-150", "0x1.000002p-150",
};

int main(int argc, char **argv)
{
	long cases = argc > 1 ? atol(argv[1]) : 1000000;
	if (argc > 2)
		rl_seed = strtoull(argv[2], NULL, 0);
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		check_one(fixed[i]);
	static char s[2048];
	for (long it = 0; it < cases; it++) {
		switch (rl_below(10)) {
		case 0: case 1: case 2: midpoint_case(s, sizeof s, false); break;
		case 3: midpoint_case(s, sizeof s, true); break;
		case 4: case 5: decimal_case(s, sizeof s); break;
		case 6: printed_case(s, sizeof s); break;
		case 7: hex_case(s, sizeof s); break;
		case 8: long_case(s, sizeof s); break;
		default: {
			/* garbage around a number */
			decimal_case(s, sizeof s);
			size_t n = strlen(s);
			if (n && n + 2 < sizeof s) {
				s[rl_below((unsigned)n)] = "xe.+-p "[rl_below(7)];
			}
		}
		}
		check_one(s);
	}
	RL_CHECK(rl_atof("2.5e-3x") == 2.5e-3, "atof");
	printf("strtod_diff: %ld strtod and %ld strtof cases: %d passed, %d failed\n", count_d, count_f,
	       rl_passed, rl_failed);
	return rl_failed != 0;
}

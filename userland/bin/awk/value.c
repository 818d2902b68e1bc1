/* awk: values and their conversions.  A number becomes a string through
 * CONVFMT (OFMT for output), except integers, which print as integers.  A
 * string becomes a number by its longest decimal prefix.  Strings that
 * come from input (fields, getline, ARGV, ENVIRON, -v) and look entirely
 * like numbers are "strnums": they compare as numbers (POSIX XCU awk,
 * "Expressions in awk"). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "awk.h"

Val val_num(double d)
{
	return (Val){ V_NUM, d, NULL };
}

Val val_str(const char *s)
{
	return (Val){ V_STR, 0, xstrdup(s) };
}

Val val_take(char *s)
{
	return (Val){ V_STR, 0, s };
}

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* A string's number is what strtod reads at its start (decimal, hex,
 * inf, nan: POSIX XCU awk defers to strtod); it looks numeric when
 * nothing but blanks follows. */
int looks_numeric(const char *s)
{
	char *end;
	strtod(s, &end);
	if (end == s)
		return 0;
	while (space(*end))
		end++;
	return *end == 0;
}

double str_to_num(const char *s)
{
	return strtod(s, NULL);
}

Val val_strnum(const char *s)
{
	Val v = val_str(s);
	if (looks_numeric(s)) {
		v.type = V_STRNUM;
		v.num = str_to_num(s);
	}
	return v;
}

Val val_copy(const Val *v)
{
	Val c = *v;
	if (v->str)
		c.str = xstrdup(v->str);
	return c;
}

void val_free(Val *v)
{
	free(v->str);
	v->str = NULL;
	v->type = V_UNINIT;
}

double to_num(const Val *v)
{
	switch (v->type) {
	case V_NUM: case V_STRNUM: return v->num;
	case V_STR: return v->str ? str_to_num(v->str) : 0;
	default: return 0;
	}
}

/* The decimal digits of an integral double, exactly: its 53-bit mantissa
 * doubled e times in base 10^9 (a C library's "%.0f" need not be exact
 * past 17 digits). */
char *integer_digits(double d)
{
	int neg = d < 0, e;
	double m = frexp(fabs(d), &e);
	unsigned long long mant = (unsigned long long)ldexp(m, 53);
	e -= 53;
	while (e < 0) {                 /* below 2^53: the mantissa's low bits are zero */
		mant >>= 1;
		e++;
	}
	unsigned limbs[40];
	int n = 0;
	do {
		limbs[n++] = (unsigned)(mant % 1000000000u);
		mant /= 1000000000u;
	} while (mant);
	for (; e > 0; e--) {
		unsigned carry = 0;
		for (int i = 0; i < n; i++) {
			unsigned long long v = (unsigned long long)limbs[i] * 2 + carry;
			limbs[i] = (unsigned)(v % 1000000000u);
			carry = (unsigned)(v / 1000000000u);
		}
		if (carry)
			limbs[n++] = carry;
	}
	char *out = xmalloc((size_t)n * 9 + 2), *p = out;
	if (neg)
		*p++ = '-';
	p += sprintf(p, "%u", limbs[n - 1]);
	for (int i = n - 2; i >= 0; i--)
		p += sprintf(p, "%09u", limbs[i]);
	return out;
}

/* An integral value prints as an integer ("%d"), even a large one, as gawk does. */
char *num_to_str(double d, const char *fmt)
{
	char buf[512];
	if (isnan(d))
		snprintf(buf, sizeof buf, "%s", signbit(d) ? "-nan" : "+nan");
	else if (isinf(d))
		snprintf(buf, sizeof buf, "%s", d < 0 ? "-inf" : "+inf");
	else if (d > -1e18 && d < 1e18 && d == (double)(long long)d)
		snprintf(buf, sizeof buf, "%lld", (long long)d);
	else if (d == floor(d))
		return integer_digits(d);
	else
		return format_num(fmt, d);
	return xstrdup(buf);
}

char *to_str(const Val *v)
{
	switch (v->type) {
	case V_NUM: return num_to_str(v->num, var_cstr(v_CONVFMT));
	case V_STR: case V_STRNUM: return xstrdup(v->str ? v->str : "");
	default: return xstrdup("");
	}
}

char *to_out_str(const Val *v)
{
	if (v->type == V_NUM)
		return num_to_str(v->num, var_cstr(v_OFMT));
	return to_str(v);
}

int to_bool(const Val *v)
{
	switch (v->type) {
	case V_NUM: case V_STRNUM: return v->num != 0;
	case V_STR: return v->str && v->str[0] != 0;
	default: return 0;
	}
}

/* Numbers compare as numbers when both sides are numeric (a number, a
 * strnum or an uninitialized value); otherwise as strings. */
int val_compare(const Val *a, const Val *b)
{
	if (a->type != V_STR && b->type != V_STR) {
		double x = to_num(a), y = to_num(b);
		return x < y ? -1 : x > y ? 1 : x == y ? 0 : (isnan(x) ? (isnan(y) ? 0 : 1) : -1);
	}
	char *s = to_str(a), *t = to_str(b);
	int r = strcmp(s, t);
	free(s);
	free(t);
	return r < 0 ? -1 : r > 0;
}

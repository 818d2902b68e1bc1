/* Ringel libc: integers from text — strtol and its family, atoi.
 *
 * All share one parser: optional white space, an optional sign, then (for
 * base 16, or base 0 which picks the base) an optional 0x, then digits.
 * The magnitude is accumulated with overflow detection; the callers clamp
 * it to their type.  "0x" not followed by a hex digit is just the number 0,
 * with the end pointer at the x. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>

static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* The magnitude (saturated at ULLONG_MAX on overflow, with *ovf set); the
 * end of the number in *end, s itself when there were no digits. */
static unsigned long long parse(const char *s, char **end, int base, int *neg, int *ovf)
{
	const char *p = s;
	*neg = 0;
	*ovf = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (end)
			*end = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '+' || *p == '-')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 32) == 'x' &&
	    digit_value((unsigned char)p[2]) < 16) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = p[0] == '0' ? 8 : 10;
	}
	unsigned long long v = 0;
	const char *digits = p;
	for (int d; (d = digit_value((unsigned char)*p)) < base; p++) {
		if (v > (ULLONG_MAX - (unsigned)d) / (unsigned)base) {
			*ovf = 1;
			v = ULLONG_MAX;
		} else if (!*ovf) {
			v = v * (unsigned)base + (unsigned)d;
		}
	}
	if (end)
		*end = (char *)(p == digits ? s : p);
	return v;
}

unsigned long long strtoull(const char *restrict s, char **restrict end, int base)
{
	int neg, ovf;
	unsigned long long v = parse(s, end, base, &neg, &ovf);
	if (ovf) {
		errno = ERANGE;
		return ULLONG_MAX;
	}
	return neg ? -v : v;   /* "-1" is ULLONG_MAX, as C says */
}

long long strtoll(const char *restrict s, char **restrict end, int base)
{
	int neg, ovf;
	unsigned long long v = parse(s, end, base, &neg, &ovf);
	unsigned long long limit = neg ? (unsigned long long)LLONG_MAX + 1 : LLONG_MAX;
	if (ovf || v > limit) {
		errno = ERANGE;
		return neg ? LLONG_MIN : LLONG_MAX;
	}
	return neg ? (long long)(0 - v) : (long long)v;
}

/* long and long long are the same size on both architectures (LP64). */
unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	return strtoull(s, end, base);
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	return strtoll(s, end, base);
}

intmax_t strtoimax(const char *restrict s, char **restrict end, int base)
{
	return strtoll(s, end, base);
}

uintmax_t strtoumax(const char *restrict s, char **restrict end, int base)
{
	return strtoull(s, end, base);
}

int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }

/* Ringel libc host test: the printf family against glibc.  Random
 * directives (flags, width, precision, * forms, length modifiers, every
 * conversion) with random values of the right type, each formatted by
 * both libraries into buffers of several sizes (so truncation is checked
 * too); the bytes and the return values must agree.  Also sscanf on a
 * table of inputs.  Usage: libc_format_diff [ITERATIONS [SEED]] */
#define _GNU_SOURCE
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rl.h"

int rl_passed, rl_failed;
uint64_t rl_seed = 0x9e3779b97f4a7c15ull;

struct arg {
	enum { A_INT, A_LONG, A_LLONG, A_DOUBLE, A_STR, A_PTR } kind;
	long long i;
	double d;
	const char *s;
	void *p;
};

/* The same call to both snprintfs: up to 2 star arguments, then the value. */
static int call(int (*fn)(char *, size_t, const char *, ...), char *buf, size_t size,
		const char *fmt, int nstar, int s1, int s2, const struct arg *a)
{
#define CALL(v) (nstar == 0 ? fn(buf, size, fmt, v) : nstar == 1 ? fn(buf, size, fmt, s1, v) \
		 : fn(buf, size, fmt, s1, s2, v))
	switch (a->kind) {
	case A_INT: return CALL((int)a->i);
	case A_LONG: return CALL((long)a->i);
	case A_LLONG: return CALL(a->i);
	case A_DOUBLE: return CALL(a->d);
	case A_STR: return CALL(a->s);
	default: return CALL(a->p);
	}
#undef CALL
}

static double random_double(void)
{
	switch (rl_below(8)) {
	case 0: {   /* any bit pattern: subnormals, huge, inf, nan */
		uint64_t b = rl_rand64();
		double d;
		memcpy(&d, &b, sizeof(d));
		return d;
	}
	case 1: return (double)(int)rl_rand64() / pow(10, rl_below(12));
	case 2: return (double)rl_below(1000) + 0.5;     /* ties */
	case 3: return ldexp((double)(rl_rand64() >> 11), (int)rl_below(200) - 100);
	case 4: return rl_below(2) ? 0.0 : -0.0;
	case 5: return (double)rl_below(100000) / 1000;
	case 6: return rl_below(3) == 0 ? INFINITY : rl_below(2) ? -NAN : NAN;
	default: return (double)(int64_t)rl_rand64() * pow(10, (int)rl_below(40) - 20);
	}
}

static const char *const strings[] = { "", "a", "hello", "hello, world", "tab\there",
				       "0123456789abcdefghijklmnopqrstuvwxyz", "\xff\x80 high" };

/* Build one directive and its argument. */
static void one_directive(char *fmt, int *nstar, int *s1, int *s2, struct arg *a)
{
	static const char convs[] = "diuxXocspfFeEgG%";
	char conv = convs[rl_below(sizeof(convs) - 1)];
	int integer = strchr("diuxXo", conv) != NULL;
	int floating = strchr("fFeEgG", conv) != NULL;
	char *p = fmt;
	*p++ = '%';
	*nstar = 0;
	/* Flags, avoiding the combinations C leaves undefined. */
	if (rl_below(3) == 0) *p++ = '-';
	if ((integer || floating) && rl_below(3) == 0) *p++ = '0';
	if ((conv == 'd' || conv == 'i' || floating) && rl_below(4) == 0) *p++ = '+';
	if ((conv == 'd' || conv == 'i' || floating) && rl_below(4) == 0) *p++ = ' ';
	if ((strchr("xXo", conv) || floating) && rl_below(3) == 0) *p++ = '#';
	if (conv == '%') {
		p = fmt + 1;
	} else {
		/* Width: none, digits, or * (possibly negative). */
		int w = (int)rl_below(4);
		if (w == 1) {
			p += sprintf(p, "%u", rl_below(25));
		} else if (w == 2) {
			*p++ = '*';
			*s1 = (int)rl_below(40) - 12;
			(*nstar)++;
		}
		/* Precision: none, ".", digits or * (possibly negative). */
		int pr = conv == 'c' || conv == 'p' ? 0 : (int)rl_below(5);
		if (pr == 1) {
			*p++ = '.';
		} else if (pr == 2 || pr == 3) {
			p += sprintf(p, ".%u", floating && rl_below(8) == 0 ? rl_below(60) : rl_below(20));
		} else if (pr == 4) {
			*p++ = '.';
			*p++ = '*';
			int v = (int)rl_below(30) - 5;
			if (*nstar)
				*s2 = v;
			else
				*s1 = v;
			(*nstar)++;
		}
	}
	a->kind = A_INT;
	if (integer) {
		static const char *const lens[] = { "", "hh", "h", "l", "ll", "z", "t", "j" };
		const char *len = lens[rl_below(8)];
		p += sprintf(p, "%s", len);
		uint64_t r = rl_rand64();
		long long v = rl_below(3) == 0 ? (long long)(r >> (rl_below(64))) : (long long)r;
		if (rl_below(10) == 0)
			v = 0;
		a->i = v;
		a->kind = !*len || len[0] == 'h' ? A_INT : !strcmp(len, "ll") ? A_LLONG : A_LONG;
	} else if (floating) {
		a->kind = A_DOUBLE;
		a->d = random_double();
	} else if (conv == 's') {
		a->kind = A_STR;
		a->s = strings[rl_below(sizeof(strings) / sizeof(strings[0]))];
	} else if (conv == 'p') {
		a->kind = A_PTR;
		a->p = rl_below(8) ? (void *)(uintptr_t)(rl_rand64() >> rl_below(64)) : NULL;
	} else if (conv == 'c') {
		a->i = (int)rl_below(256);
	}
	*p++ = conv;
	*p = 0;
}

static void compare(const char *fmt, int nstar, int s1, int s2, const struct arg *a)
{
	char want[2048], got[2048];
	int n_want = call(snprintf, want, sizeof(want), fmt, nstar, s1, s2, a);
	size_t sizes[] = { sizeof(got), 0, 1, 2, (size_t)rl_below(40),
			   n_want >= 0 ? (size_t)n_want : 0, n_want >= 0 ? (size_t)n_want + 1 : 0 };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t size = sizes[i] > sizeof(got) ? sizeof(got) : sizes[i];
		memset(got, 0x55, sizeof(got));
		memset(want, 0x55, sizeof(want));
		int w = call(snprintf, want, size, fmt, nstar, s1, s2, a);
		int g = call(rl_snprintf, got, size, fmt, nstar, s1, s2, a);
		/* Compare the whole buffer: bytes past the size must be untouched. */
		int same = w == g && !memcmp(want, got, size + 8 < sizeof(got) ? size + 8 : sizeof(got));
		RL_CHECK(same, "fmt \"%s\" stars %d,%d size %zu: glibc %d \"%.*s\", ours %d \"%.*s\"",
			 fmt, s1, s2, size, w, (int)(size ? size : 1), want, g,
			 (int)(size ? size : 1), got);
		if (!same)
			return;
	}
}

static void fixed_cases(void)
{
	char want[512], got[512];
#define SAME(...) do {                                                          \
	int w = snprintf(want, sizeof(want), __VA_ARGS__);                      \
	int g = rl_snprintf(got, sizeof(got), __VA_ARGS__);                     \
	RL_CHECK(w == g && !strcmp(want, got), "%s: glibc %d \"%s\", ours %d \"%s\"", \
		 #__VA_ARGS__, w, want, g, got);                                \
} while (0)
	SAME("plain text, no directives");
	SAME("%d %i %u %x %X %o %c %s %p %%", -42, 42, 42u, 255u, 255u, 8u, 'z', "str", (void *)0x1234);
	SAME("%5d|%-5d|%05d|%+d|% d|%.3d|%8.3d|%-8.3d|%08.3d", 42, 42, 42, 42, 42, 42, 42, 42, 42);
	SAME("%#x %#X %#o %#o %#.0o %.0d %.0x|", 255u, 255u, 8u, 0u, 0u, 0, 0u);
	SAME("%ld %lu %lld %llu %zd %zu %td %jd", -1L, ~0UL, -9223372036854775807LL - 1,
	     18446744073709551615ULL, (ssize_t)-5, (size_t)5, (ptrdiff_t)-7, (intmax_t)-9);
	SAME("%hhd %hhu %hd %hu", (char)300, (unsigned char)300, (short)70000, (unsigned short)70000);
	SAME("%*d|%-*d|%.*d|%*.*s|", 6, 1, 6, 2, 4, 3, 8, 3, "abcdef");
	SAME("%s|%.2s|%10s|%-10s|", "hello", "hello", "hi", "hi");
	SAME("%f %e %g %E %G %F", 3.14159, 3.14159, 3.14159, 1e-10, 1e100, 2.5);
	SAME("%.0f %.0f %.0f %.0f %.1f %.2f", 0.5, 1.5, 2.5, -0.5, 0.05, 1.005);
	SAME("%g %g %g %g %g %g", 100000.0, 1000000.0, 0.0001, 0.00001, 0.0, -0.0);
	SAME("%#g %#.0f %#.0e %#x", 1.0, 3.0, 4.0, 0u);
	SAME("%.20f %.17g %.30e", 0.1, 0.1, 1.0 / 3);
	SAME("%f %e %g", DBL_MAX, DBL_MIN, 4.9e-324);
	SAME("%10.3f|%-10.3f|%010.3f|%+.3e|% .3g", 3.14159, 3.14159, -3.14159, 12345.678, 0.000123);
	SAME("%f %F %e %g %5f %-5f|", INFINITY, -INFINITY, NAN, -NAN, INFINITY, NAN);
	SAME("%Lf %Le %Lg", 1.5L, 1.5L, 1.5L);
	SAME("%s", (char *)NULL);
	SAME("%5c|%-5c|", 'x', 'y');
	SAME("%p %p %10p %-10p|", (void *)0, (void *)0xdeadbeef, (void *)0x10, (void *)0x10);
	SAME("%5%|%-5%|");

	int n1 = 0, n2 = 0;
	snprintf(want, sizeof(want), "abc%ndef", &n1);
	rl_snprintf(got, sizeof(got), "abc%ndef", &n2);
	RL_CHECK(n1 == n2 && n2 == 3, "%%n: glibc %d ours %d", n1, n2);

	char *s = NULL;
	int n = rl_asprintf(&s, "%s-%d", "x", 12345);
	RL_CHECK(n == 7 && s && !strcmp(s, "x-12345"), "asprintf: %d %s", n, s ? s : "(null)");
	rl_free(s);
}

static void scanf_cases(void)
{
	struct {
		const char *in, *fmt;
	} t[] = {
		{ "42 -17 0x1f", "%d %d %x" }, { "  12abc", "%d%s" }, { "077 0x10 10", "%i %i %i" },
		{ "a,b", "%c,%c" }, { "key=value rest", "%[^=]=%s" }, { "123456", "%3d%3d" },
		{ "", "%d" }, { "x", "%d" }, { "3.25 -1e3", "%lf %lf" }, { "MemFree:  1234 kB", "MemFree: %ld kB" },
		{ "1 2 3", "%d %*d %d" }, { "ab12", "%[a-z]%d" }, { "100%", "%d%%" },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		/* Every conversion in the table lands in one of these slots. */
		union { int i; long l; double d; char s[32]; } w[3], g[3];
		memset(w, 0, sizeof(w));
		memset(g, 0, sizeof(g));
		int nw = sscanf(t[i].in, t[i].fmt, &w[0], &w[1], &w[2]);
		int ng = rl_sscanf(t[i].in, t[i].fmt, &g[0], &g[1], &g[2]);
		RL_CHECK(nw == ng && !memcmp(w, g, sizeof(w)), "sscanf(\"%s\", \"%s\"): glibc %d, ours %d",
			 t[i].in, t[i].fmt, nw, ng);
	}
}

/* Directives glibc does not know, and the argument types C promotes
 * (hh and h read an int): checked without the compiler's format check. */
static int (*volatile plain_snprintf)(char *, size_t, const char *, ...) = snprintf;
static int (*volatile plain_rl_snprintf)(char *, size_t, const char *, ...) = rl_snprintf;

static void unchecked_cases(void)
{
	char want[128], got[128];
	static const char *const fmts[] = { "%y %k unknown", "%hhd %hhu %hd %hu", "%lc", "%5.5" };
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		int w = plain_snprintf(want, sizeof(want), fmts[i], 300, 300, 70000, 70000);
		int g = plain_rl_snprintf(got, sizeof(got), fmts[i], 300, 300, 70000, 70000);
		RL_CHECK(w == g && !strcmp(want, got), "\"%s\": glibc %d \"%s\", ours %d \"%s\"",
			 fmts[i], w, want, g, got);
	}
}

int main(int argc, char **argv)
{
	long iters = argc > 1 ? atol(argv[1]) : 200000;
	if (argc > 2)
		rl_seed = strtoull(argv[2], NULL, 0);
	fixed_cases();
	unchecked_cases();
	scanf_cases();
	for (long it = 0; it < iters; it++) {
		/* One to three directives with literal text around them. */
		char fmt[128];
		int nstar, s1 = 0, s2 = 0;
		struct arg a;
		char dir[64];
		one_directive(dir, &nstar, &s1, &s2, &a);
		snprintf(fmt, sizeof(fmt), "%s%s%s", rl_below(2) ? "<" : "", dir, rl_below(2) ? ">" : "");
		compare(fmt, nstar, s1, s2, &a);
	}
	printf("%d passed, %d failed\n", rl_passed, rl_failed);
	return rl_failed != 0;
}

/* Ringel libc host test: sscanf/vsscanf against glibc on generated formats
 * and inputs: every conversion with and without widths, length modifiers,
 * assignment suppression, %n, scansets, literal text and white space;
 * inputs made of numbers (decimal, octal, hex, floats, inf/nan, signs,
 * half-finished ones like "0x" and "1e"), words and separators, often cut
 * short.  The return value and every byte of every argument must agree.
 * (Not %Lf: the libc's long double is the double's value.)
 * Usage: libc_scanf_diff [CASES [SEED]] */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rl.h"

int rl_passed, rl_failed;
uint64_t rl_seed = 0x3c6ef372fe94f82bull;
int rl_vsscanf(const char *s, const char *fmt, va_list ap);

#define NARGS 8
#define ARGSIZE 512

static const char *const convs[] = {
	"%d", "%i", "%u", "%o", "%x", "%X", "%hhd", "%hd", "%ld", "%lld", "%hu", "%lx", "%lli", "%jd",
	"%zu", "%p", "%f", "%lf", "%e", "%g", "%a", "%le", "%s", "%c", "%3c", "%[a-c]", "%[^ ,]",
	"%[]a]", "%[^]x]", "%[0-9a-f]", "%n", "%hhn", "%%", "%5s", "%2d", "%3x", "%4f", "%1s", "%*d",
	"%*s", "%*[a-z]", "%*c", "%10lf", "%3i", "%2o", "%*f", "%lln",
};
static const char *const lits[] = { " ", ",", "x", "  ", ":", "\t", "ab", "-" };
static const char *const toks[] = {
	"0", "1", "-1", "+7", "123", "-0", "007", "08", "0x1f", "0X", "0x", "0xg", "ff", "-ff", "1e5", "1e",
	"1e+", ".5", "-.5e-3", "3.25", "inf", "-INFINITY", "nan", "nan(12)", "in", "0x1.8p3", "0x.p",
	"99999999999999999999", "-9223372036854775809", "4294967296", "abc", "a", "b", "c", "ab,c",
	"]a", "x]", "", " ", "  ", "\t", "\n", ",", ":", "-", "+", "%", "12abc", "0.", "1.5e300", "1e-400",
	"deadbeef", "DEAD", "0777", "-0x8", "z",
};

static int call_ours(const char *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = rl_vsscanf(s, fmt, ap);
	va_end(ap);
	return n;
}

int main(int argc, char **argv)
{
	long cases = argc > 1 ? atol(argv[1]) : 20000;
	if (argc > 2)
		rl_seed = strtoull(argv[2], NULL, 0);
	static char w[NARGS][ARGSIZE], g[NARGS][ARGSIZE];
	long total = 0;
	for (long it = 0; it < cases; it++) {
		char fmt[128] = "", in[256] = "";
		int nd = 1 + (int)rl_below(4);
		for (int i = 0; i < nd; i++) {
			if (rl_below(3) == 0)
				strcat(fmt, lits[rl_below(sizeof lits / sizeof *lits)]);
			strcat(fmt, convs[rl_below(sizeof convs / sizeof *convs)]);
		}
		if (rl_below(3) == 0)
			strcat(fmt, "%n");
		int nt = (int)rl_below(6);
		for (int i = 0; i < nt; i++) {
			if (i && rl_below(2))
				strcat(in, rl_below(3) ? " " : lits[rl_below(sizeof lits / sizeof *lits)]);
			strcat(in, toks[rl_below(sizeof toks / sizeof *toks)]);
		}
		if (rl_below(8) == 0 && in[0])
			in[rl_below((unsigned)strlen(in))] = 0;     /* cut short */
		memset(w, 0x55, sizeof w);
		memset(g, 0x55, sizeof g);
		int nw = sscanf(in, fmt, w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]);
		int ng = call_ours(in, fmt, g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7]);
		int bad = -1;
		for (int i = 0; i < NARGS && bad < 0; i++)
			if (memcmp(w[i], g[i], ARGSIZE))
				bad = i;
		RL_CHECK(nw == ng && bad < 0, "sscanf(\"%s\", \"%s\"): glibc %d, ours %d; argument %d differs (%.16s | %.16s)",
			 in, fmt, nw, ng, bad, bad >= 0 ? w[bad] : "", bad >= 0 ? g[bad] : "");
		total++;
	}
	/* the fixed cases of the standard's examples */
	static const struct { const char *in, *fmt; } ex[] = {
		{ "25 54.32E-1 thompson", "%d%f%s" }, { "56789 0123 56a72", "%2d%f%*d %[0123456789]" },
		{ "100ergs of energy", "%f%20s of %20s" }, { "count: 123", "count:%d" }, { "", "%d" },
		{ "   ", "%d" }, { "", " " }, { "a", "%c%c" }, { "1", "%*d%d" }, { "%", "%%" },
		{ "  %5", "%%%d" }, { "abc", "%[abc]%n" }, { "abc", "abd" }, { "ab", "abc" },
	};
	for (size_t i = 0; i < sizeof ex / sizeof *ex; i++) {
		memset(w, 0x55, sizeof w);
		memset(g, 0x55, sizeof g);
		int nw = sscanf(ex[i].in, ex[i].fmt, w[0], w[1], w[2], w[3]);
		int ng = call_ours(ex[i].in, ex[i].fmt, g[0], g[1], g[2], g[3]);
		RL_CHECK(nw == ng && !memcmp(w, g, sizeof w), "sscanf(\"%s\", \"%s\"): glibc %d, ours %d", ex[i].in,
			 ex[i].fmt, nw, ng);
		total++;
	}
	printf("scanf_diff: %ld cases: %d passed, %d failed\n", total, rl_passed, rl_failed);
	return rl_failed != 0;
}

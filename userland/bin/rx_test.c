/* rx_test: the grep matcher (rx.c) against the host C library's
 * regcomp/regexec on generated basic regular expressions and texts, in the
 * subset rx supports.  Usage: rx_test [ITERATIONS [SEED]] */
#include "rx.h"
#include <check.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long state = 88172645463325252ULL;

static unsigned rnd(unsigned n)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return (unsigned)(state % n);
}

static const char lits[] = "abcAB.*^$[]-";

static void gen_bracket(char *p, size_t *n, bool icase)
{
	p[(*n)++] = '[';
	if (rnd(3) == 0)
		p[(*n)++] = '^';
	if (!icase && rnd(6) == 0)
		p[(*n)++] = ']';   /* literal when first (under icase it can swallow what follows
				    * into a range glibc folds differently) */
	int items = 1 + (int)rnd(3);
	for (int i = 0; i < items; i++) {
		switch (rnd(6)) {
		case 0: {
			static const char *cls[] = { "[:alpha:]", "[:digit:]", "[:upper:]", "[:lower:]", "[:punct:]" };
			const char *c = cls[rnd(5)];
			memcpy(p + *n, c, strlen(c));
			*n += strlen(c);
			break;
		}
		case 1: {
			char lo = "aAb."[rnd(4)], hi = "cBz*"[rnd(4)];
			/* glibc folds range ends under REG_ICASE (B-a turns invalid):
			 * ranges that are not within one case are left out */
			if (icase && lo == '.')
				lo = 'b';
			if (icase && lo >= 'A' && lo <= 'Z')
				hi = 'B';
			else if (icase && lo >= 'a')
				hi = 'z';
			if (hi < lo) {
				char t = lo;
				lo = hi;
				hi = t;
			}
			p[(*n)++] = lo;
			p[(*n)++] = '-';
			p[(*n)++] = hi;
			break;
		}
		default:
			p[(*n)++] = "abcAB.*^$"[rnd(9)];
		}
	}
	if (!icase && rnd(8) == 0)
		p[(*n)++] = '-';   /* literal when last (could end a range under icase) */
	p[(*n)++] = ']';
}

static void gen_pattern(char *p, bool icase)
{
	size_t n = 0;
	if (rnd(3) == 0)
		p[n++] = '^';
	if (rnd(10) == 0)
		p[n++] = '*';      /* literal at the start */
	int atoms = (int)rnd(7);
	for (int i = 0; i < atoms; i++) {
		switch (rnd(8)) {
		case 0: p[n++] = '.'; break;
		case 1: gen_bracket(p, &n, icase); break;
		case 2: p[n++] = '\\'; p[n++] = ".*[]^$\\"[rnd(7)]; break;   /* \a etc. are undefined */
		case 3: if (i > 0) p[n++] = "^$"[rnd(2)]; else p[n++] = 'a'; break;   /* literal mid-pattern */
		default: p[n++] = icase ? "abcAB"[rnd(5)] : "abcAB-]"[rnd(7)];   /* see gen_bracket */
		}
		if (rnd(4) == 0)
			p[n++] = '*';
	}
	if (rnd(3) == 0)
		p[n++] = '$';
	p[n] = 0;
}

int main(int argc, char **argv)
{
	long iters = argc > 1 ? atol(argv[1]) : 200000;
	if (argc > 2)
		state = strtoull(argv[2], NULL, 0) | 1;
	long compared = 0;
	for (long it = 0; it < iters && check_failures() < 10; it++) {
		char pat[256], txt[32];
		bool icase = rnd(4) == 0;
		gen_pattern(pat, icase);
		regex_t re;
		int rc = regcomp(&re, pat, REG_NOSUB | (icase ? REG_ICASE : 0));
		struct rx r;
		const char *err;
		int mine = rx_compile(&r, pat, icase ? RX_ICASE : 0, &err);
		CHECK((rc == 0) == (mine == 0), "pattern '%s'%s: regcomp %s, rx %s", pat,
		      icase ? " (icase)" : "", rc == 0 ? "accepts" : "rejects", mine == 0 ? "accepts" : err);
		if (rc != 0 || mine != 0) {
			if (rc == 0)
				regfree(&re);
			if (mine == 0)
				rx_free(&r);
			continue;
		}
		for (int t = 0; t < 8; t++) {
			size_t len = rnd(12);
			for (size_t i = 0; i < len; i++)
				txt[i] = lits[rnd(sizeof lits - 1)];
			txt[len] = 0;
			bool want = regexec(&re, txt, 0, NULL, 0) == 0;
			bool got = rx_search(&r, txt, len);
			compared++;
			CHECK(want == got, "pattern '%s'%s on '%s': regexec %d, rx %d", pat,
			      icase ? " (icase)" : "", txt, want, got);
		}
		regfree(&re);
		rx_free(&r);
	}
	/* rx's own errors: what it refuses must be refused with a reason */
	static const char *bad[] = { "a\\", "[ab", "[b-a]", "[[:nope:]]", "\\(a\\)", "a\\{2\\}", "\\1", "a**" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct rx r;
		const char *err = NULL;
		CHECK(rx_compile(&r, bad[i], 0, &err) != 0 && err, "'%s' was accepted", bad[i]);
	}
	/* -F: every byte literal */
	struct rx r;
	const char *err;
	CHECK(!rx_compile(&r, "a.*[", RX_FIXED, &err) && rx_search(&r, "xa.*[y", 6) &&
	      !rx_search(&r, "abbb[", 5), "fixed string");
	rx_free(&r);
	printf("rx_test: %ld texts compared, %u failures\n", compared, check_failures());
	return check_finish();
}

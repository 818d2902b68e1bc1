/* Ringel libc host test: <string.h>, <ctype.h>, number parsing, qsort and
 * bsearch, time conversion and libgen against glibc, on generated inputs.
 * Buffers are allocated at their exact size so ASan catches any read past
 * them.  Usage: libc_string_diff [ITERATIONS [SEED]] */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "rl.h"

int rl_passed, rl_failed;
uint64_t rl_seed = 0x243f6a8885a308d3ull;
static long iters;

static int sign(int x) { return (x > 0) - (x < 0); }

/* A random string over a small alphabet (so searches hit), exact-size. */
static char *rand_str(size_t *len_out, const char *alphabet)
{
	size_t len = rl_below(4) == 0 ? rl_below(200) : rl_below(16);
	char *s = malloc(len + 1);
	size_t na = strlen(alphabet);
	for (size_t i = 0; i < len; i++)
		s[i] = alphabet[rl_below((unsigned)na)];
	s[len] = 0;
	if (len_out)
		*len_out = len;
	return s;
}

static const char *const alphabets[] = { "ab", "abc ,;", "aAbBzZ09", "\x01\x7f\x80\xff a" };
static const char *alpha(void) { return alphabets[rl_below(4)]; }

static void test_mem(void)
{
	for (long it = 0; it < iters; it++) {
		size_t n = rl_below(300);
		unsigned char *a = malloc(n + 64), *b = malloc(n + 64), *src = malloc(n + 64);
		for (size_t i = 0; i < n + 64; i++)
			src[i] = (unsigned char)rl_rand64();
		size_t off = rl_below(16), len = n ? rl_below((unsigned)n) : 0;
		memcpy(a, src, n + 64);
		memcpy(b, src, n + 64);
		switch (rl_below(5)) {
		case 0: {
			void *w = mempcpy(a + off, src + 3, len), *g = rl_mempcpy(b + off, src + 3, len);
			RL_CHECK((char *)w - (char *)a == (char *)g - (char *)b, "mempcpy");
			break;
		}
		case 1: {
			size_t d = rl_below(48), s = rl_below(48);
			memmove(a + d, a + s, len);
			rl_memmove(b + d, b + s, len);
			break;
		}
		case 2: {
			int c = (int)rl_rand64();
			memset(a + off, c, len);
			rl_memset(b + off, c, len);
			break;
		}
		case 3: {
			size_t s = rl_below(16);
			memcpy(a + off, src + s, len);
			rl_memcpy(b + off, src + s, len);
			break;
		}
		default: {
			int c = src[rl_below((unsigned)n + 1)];
			unsigned char *w = memchr(src, c, n), *g = rl_memchr(src, c, n);
			RL_CHECK(w == g, "memchr");
			w = memrchr(src, c, n);
			g = rl_memrchr(src, c, n);
			RL_CHECK(w == g, "memrchr");
			w = memccpy(a, src, c, n);
			g = rl_memccpy(b, src, c, n);
			RL_CHECK((w ? w - a : -1) == (g ? g - b : -1), "memccpy");
			RL_CHECK(sign(memcmp(src, a, n)) == sign(rl_memcmp(src, a, n)), "memcmp");
			size_t nl = rl_below(4), at = n > nl ? rl_below((unsigned)(n - nl)) : 0;
			const unsigned char *needle = rl_below(3) ? src + at : (const unsigned char *)"\x01\x02\x03";
			if (n < nl)
				nl = n;
			w = memmem(src, n, needle, nl);
			g = rl_memmem(src, n, needle, nl);
			RL_CHECK(w == g, "memmem n %zu needle %zu", n, nl);
			break;
		}
		}
		RL_CHECK(!memcmp(a, b, n + 64), "mem* result differs (n %zu off %zu len %zu)", n, off, len);
		free(a);
		free(b);
		free(src);
	}
}

static void test_str(void)
{
	for (long it = 0; it < iters; it++) {
		size_t la, lb;
		const char *al = alpha();
		char *a = rand_str(&la, al), *b = rand_str(&lb, al);
		if (rl_below(4) == 0) {   /* often a prefix or the same string */
			free(b);
			b = strndup(a, rl_below((unsigned)la + 1));
			lb = strlen(b);
		}
		RL_CHECK(strlen(a) == rl_strlen(a), "strlen");
		size_t m = rl_below(20);
		RL_CHECK(strnlen(a, m) == rl_strnlen(a, m), "strnlen");
		RL_CHECK(sign(strcmp(a, b)) == sign(rl_strcmp(a, b)), "strcmp \"%s\" \"%s\"", a, b);
		RL_CHECK(sign(strncmp(a, b, m)) == sign(rl_strncmp(a, b, m)), "strncmp");
		RL_CHECK(sign(strcasecmp(a, b)) == sign(rl_strcasecmp(a, b)), "strcasecmp \"%s\" \"%s\"", a, b);
		RL_CHECK(sign(strncasecmp(a, b, m)) == sign(rl_strncasecmp(a, b, m)), "strncasecmp");
		int c = rl_below(3) ? (la ? a[rl_below((unsigned)la)] : 0) : (int)rl_below(256);
		RL_CHECK(strchr(a, c) == rl_strchr(a, c), "strchr %d", c);
		RL_CHECK(strrchr(a, c) == rl_strrchr(a, c), "strrchr");
		RL_CHECK(strchrnul(a, c) == rl_strchrnul(a, c), "strchrnul");
		RL_CHECK(strspn(a, b) == rl_strspn(a, b), "strspn \"%s\" \"%s\"", a, b);
		RL_CHECK(strcspn(a, b) == rl_strcspn(a, b), "strcspn");
		RL_CHECK(strpbrk(a, b) == rl_strpbrk(a, b), "strpbrk");
		char *needle = strndup(a + rl_below((unsigned)la + 1), rl_below(4));
		if (rl_below(3) == 0) {
			free(needle);
			needle = strndup(b, rl_below(3));
		}
		RL_CHECK(strstr(a, needle) == rl_strstr(a, needle), "strstr \"%s\" \"%s\"", a, needle);
		RL_CHECK(strcasestr(a, needle) == rl_strcasestr(a, needle), "strcasestr");

		/* Copies into exact-size buffers. */
		char *d1 = malloc(la + lb + 1), *d2 = malloc(la + lb + 1);
		strcpy(d1, a);
		rl_strcpy(d2, a);
		RL_CHECK(!strcmp(d1, d2), "strcpy");
		RL_CHECK(stpcpy(d1, a) - d1 == rl_stpcpy(d2, a) - d2, "stpcpy");
		strcat(d1, b);
		rl_strcat(d2, b);
		RL_CHECK(!strcmp(d1, d2), "strcat");
		strcpy(d1, a);
		strcpy(d2, a);
		size_t k = rl_below((unsigned)lb + 3);
		strncat(d1, b, k);
		rl_strncat(d2, b, k);
		RL_CHECK(!strcmp(d1, d2), "strncat");
		k = rl_below((unsigned)(la + lb + 1));
		memset(d1, 'x', la + lb + 1);
		memset(d2, 'x', la + lb + 1);
		strncpy(d1, a, k);
		rl_strncpy(d2, a, k);
		RL_CHECK(!memcmp(d1, d2, la + lb + 1), "strncpy");
		RL_CHECK(stpncpy(d1, a, k) - d1 == rl_stpncpy(d2, a, k) - d2, "stpncpy");
		char *s1 = strdup(a), *s2 = rl_strdup(a);
		RL_CHECK(!strcmp(s1, s2), "strdup");
		free(s1);
		rl_free(s2);
		s1 = strndup(a, k);
		s2 = rl_strndup(a, k);
		RL_CHECK(!strcmp(s1, s2), "strndup");
		free(s1);
		rl_free(s2);

		/* Tokenising: the same token sequence. */
		char *t1 = strdup(a), *t2 = strdup(a), *sv1, *sv2;
		const char *delim = rl_below(2) ? " ," : b;
		char *x = strtok_r(t1, delim, &sv1), *y = rl_strtok_r(t2, delim, &sv2);
		for (;;) {
			RL_CHECK((x ? x - t1 : -1) == (y ? y - t2 : -1), "strtok_r \"%s\" \"%s\"", a, delim);
			if (!x || !y)
				break;
			x = strtok_r(NULL, delim, &sv1);
			y = rl_strtok_r(NULL, delim, &sv2);
		}
		free(t1);
		free(t2);
		t1 = strdup(a);
		t2 = strdup(a);
		char *p1 = t1, *p2 = t2;
		for (;;) {
			x = strsep(&p1, delim);
			y = rl_strsep(&p2, delim);
			RL_CHECK((x ? x - t1 : -1) == (y ? y - t2 : -1), "strsep");
			if (!x || !y)
				break;
		}
		free(t1);
		free(t2);
		free(d1);
		free(d2);
		free(needle);
		free(a);
		free(b);
	}
	/* strtok's own state. */
	char w[] = "  a,b,, c ", g[] = "  a,b,, c ";
	char *x = strtok(w, " ,"), *y = rl_strtok(g, " ,");
	while (x && y) {
		RL_CHECK(x - w == y - g, "strtok");
		x = strtok(NULL, " ,");
		y = rl_strtok(NULL, " ,");
	}
	RL_CHECK(!x && !y, "strtok end");
	/* strlcpy/strlcat (not in every glibc): by their definition. */
	char small[4];
	RL_CHECK(rl_strlcpy(small, "hello", sizeof(small)) == 5 && !strcmp(small, "hel"), "strlcpy");
	RL_CHECK(rl_strlcat(small, "xy", sizeof(small)) == 5 && !strcmp(small, "hel"), "strlcat");
}

static void test_ctype(void)
{
	for (int c = -1; c < 256; c++) {
#define CT(f) RL_CHECK(!!f(c) == !!rl_##f(c), #f "(%d)", c)
		CT(isalnum); CT(isalpha); CT(isblank); CT(iscntrl); CT(isdigit); CT(isgraph);
		CT(islower); CT(isprint); CT(ispunct); CT(isspace); CT(isupper); CT(isxdigit);
		RL_CHECK(tolower(c) == rl_tolower(c) && toupper(c) == rl_toupper(c), "to*(%d)", c);
	}
}

static void test_strtol(void)
{
	static const char *const pre[] = { "", " ", "\t\n ", "+", "-", " -", "0", "0x", "0X", "-0x",
					   "00", "+0x", "x", "0b" };
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFXYZ";
	static const char *const post[] = { "", " ", "g", ".5", "-", "z", "\xff" };
	for (long it = 0; it < iters; it++) {
		char s[80];
		int n = snprintf(s, sizeof(s), "%s", pre[rl_below(14)]);
		int nd = (int)rl_below(rl_below(5) == 0 ? 40 : 12);
		for (int i = 0; i < nd; i++)
			s[n++] = digits[rl_below(rl_below(2) ? 10 : 46)];
		snprintf(s + n, sizeof(s) - (size_t)n, "%s", post[rl_below(7)]);
		int base = rl_below(8) == 0 ? (int)rl_below(37) : (int[]){ 0, 10, 16, 8, 2, 36 }[rl_below(6)];
		if (base == 1)   /* an invalid base: where *end points is unspecified */
			base = 0;
		char *e1 = NULL, *e2 = NULL;
		errno = 0;
		*rl___errno_location() = 0;
		long w = strtol(s, &e1, base);
		int ew = errno;
		long g = rl_strtol(s, &e2, base);
		int eg = *rl___errno_location();
		RL_CHECK(w == g && e1 == e2 && ew == eg, "strtol(\"%s\", %d): glibc %ld +%td e%d, ours %ld +%td e%d",
			 s, base, w, e1 - s, ew, g, e2 - s, eg);
		errno = 0;
		*rl___errno_location() = 0;
		e1 = e2 = NULL;
		unsigned long uw = strtoul(s, &e1, base), ug = rl_strtoul(s, &e2, base);
		RL_CHECK(uw == ug && e1 == e2 && errno == *rl___errno_location(),
			 "strtoul(\"%s\", %d): glibc %lu, ours %lu", s, base, uw, ug);
		errno = 0;
		*rl___errno_location() = 0;
		e1 = e2 = NULL;
		long long lw = strtoll(s, &e1, base), lg = rl_strtoll(s, &e2, base);
		RL_CHECK(lw == lg && e1 == e2 && errno == *rl___errno_location(), "strtoll(\"%s\", %d)", s, base);
		errno = 0;
		*rl___errno_location() = 0;
		e1 = e2 = NULL;
		unsigned long long vw = strtoull(s, &e1, base), vg = rl_strtoull(s, &e2, base);
		RL_CHECK(vw == vg && e1 == e2 && errno == *rl___errno_location(), "strtoull(\"%s\", %d)", s, base);
		RL_CHECK(atoi(s) == rl_atoi(s) && atol(s) == rl_atol(s), "atoi(\"%s\")", s);
	}
}

static void test_strtod(void)
{
	/* Exact agreement is asked only where the simple algorithm is exact
	 * (up to 15 significant digits and a power of ten up to 10^22);
	 * elsewhere within a relative 1e-15 (a few units in the last place:
	 * ours is not the correctly rounded conversion). */
	for (long it = 0; it < iters; it++) {
		char s[64];
		int nd = 1 + (int)rl_below(rl_below(4) == 0 ? 25 : 15);
		int n = 0;
		if (rl_below(3) == 0)
			s[n++] = rl_below(2) ? '-' : '+';
		int point = (int)rl_below((unsigned)nd + 1);
		for (int i = 0; i < nd; i++) {
			if (i == point && rl_below(2))
				s[n++] = '.';
			s[n++] = (char)('0' + rl_below(10));
		}
		int ex = 0;
		if (rl_below(2)) {
			ex = (int)rl_below(rl_below(4) == 0 ? 600 : 44) - (rl_below(4) == 0 ? 300 : 22);
			n += sprintf(s + n, "e%d", ex);
		}
		s[n] = 0;
		char *e1, *e2;
		double w = strtod(s, &e1), g = rl_strtod(s, &e2);
		/* The value is (integer of nd digits) * 10^eff: exact when that
		 * integer fits 2^53 and 10^|eff| is an exact double. */
		int frac = 0;
		for (const char *q = strchr(s, '.'); q && q[1] && q[1] != 'e'; q++)
			frac++;
		int eff = ex - frac;
		int exact = nd <= 15 && eff >= -22 && eff <= 22;
		int ok = e1 == e2 && (exact ? w == g : (w == g || fabs(w - g) <= fabs(w) * 1e-15));
		RL_CHECK(ok, "strtod(\"%s\"): glibc %.17g +%td, ours %.17g +%td", s, w, e1 - s, g, e2 - s);
	}
	static const char *const special[] = { "inf", "-INFINITY", "nan", "NaN(123)", "0x1.8p3",
					       "-0x10", "  12abc", ".", "-.5e", "1e", "e5", "" };
	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++) {
		char *e1, *e2;
		double w = strtod(special[i], &e1), g = rl_strtod(special[i], &e2);
		RL_CHECK(e1 == e2 && (w == g || (isnan(w) && isnan(g))), "strtod(\"%s\"): glibc %g, ours %g",
			 special[i], w, g);
	}
}

struct rec {
	int key;
	int seq;
};
static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}
static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;
	return (x->key > y->key) - (x->key < y->key);
}

static void test_qsort(void)
{
	for (long it = 0; it < iters / 20 + 1; it++) {
		size_t n = rl_below(4) == 0 ? rl_below(3000) : rl_below(40);
		int range = rl_below(2) ? 10 : 1 << 30;
		int *a = malloc(n * sizeof(int) + 1), *b = malloc(n * sizeof(int) + 1);
		struct rec *r1 = malloc(n * sizeof(*r1) + 1), *r2 = malloc(n * sizeof(*r2) + 1);
		for (size_t i = 0; i < n; i++) {
			a[i] = b[i] = (int)rl_below((unsigned)range) - range / 2;
			r1[i].key = r2[i].key = (int)rl_below(8);
			r1[i].seq = r2[i].seq = (int)i;
		}
		qsort(a, n, sizeof(int), cmp_int);
		rl_qsort(b, n, sizeof(int), cmp_int);
		RL_CHECK(!memcmp(a, b, n * sizeof(int)), "qsort ints, n %zu", n);
		/* Stable like glibc's merge sort: ties keep their order. */
		qsort(r1, n, sizeof(*r1), cmp_rec);
		rl_qsort(r2, n, sizeof(*r2), cmp_rec);
		RL_CHECK(!memcmp(r1, r2, n * sizeof(*r1)), "qsort records (stability), n %zu", n);
		for (int k = 0; k < 20; k++) {
			int key = (int)rl_below((unsigned)range) - range / 2;
			int *w = bsearch(&key, a, n, sizeof(int), cmp_int);
			int *g = rl_bsearch(&key, a, n, sizeof(int), cmp_int);
			RL_CHECK((w != NULL) == (g != NULL) && (!g || *g == key), "bsearch %d", key);
		}
		free(a);
		free(b);
		free(r1);
		free(r2);
	}
}

static void test_time(void)
{
	static const char *const fmts[] = {
		"%a %A %b %B %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %n %p %r %R %S %t %T %u %U %V %w %W %x %X %y %Y %z %%",
		"%c", "%s", "%Y-%m-%dT%H:%M:%S", "%-d %-m %_H %02e", "[%10Y] [%3d]",
	};
	for (long it = 0; it < iters; it++) {
		time_t t = (time_t)(rl_rand64() % 20000000000ull) - 5000000000ll;
		if (rl_below(4) == 0)
			t = (time_t)rl_below(2000000000);
		struct tm w, g;
		memset(&w, 0, sizeof(w));
		memset(&g, 0, sizeof(g));
		gmtime_r(&t, &w);
		rl_gmtime_r(&t, &g);
		RL_CHECK(w.tm_year == g.tm_year && w.tm_mon == g.tm_mon && w.tm_mday == g.tm_mday &&
			 w.tm_hour == g.tm_hour && w.tm_min == g.tm_min && w.tm_sec == g.tm_sec &&
			 w.tm_wday == g.tm_wday && w.tm_yday == g.tm_yday,
			 "gmtime(%lld): glibc %d-%d-%d wday %d yday %d, ours %d-%d-%d wday %d yday %d",
			 (long long)t, w.tm_year, w.tm_mon, w.tm_mday, w.tm_wday, w.tm_yday,
			 g.tm_year, g.tm_mon, g.tm_mday, g.tm_wday, g.tm_yday);
		for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
			char bw[512], bg[512];
			size_t nw = strftime(bw, sizeof(bw), fmts[f], &w);
			size_t ng = rl_strftime(bg, sizeof(bg), fmts[f], &g);
			RL_CHECK(nw == ng && !strcmp(bw, bg), "strftime(\"%s\", %lld):\n glibc \"%s\"\n ours  \"%s\"",
				 fmts[f], (long long)t, bw, bg);
		}
		char aw[64], ag[64];
		if (w.tm_year < 8000) {
			asctime_r(&w, aw);
			rl_asctime_r(&g, ag);
			RL_CHECK(!strcmp(aw, ag), "asctime: \"%s\" vs \"%s\"", aw, ag);
		}
		/* timegm on fields out of range: the same time and normalised tm. */
		struct tm d;
		memset(&d, 0, sizeof(d));
		d.tm_year = (int)rl_below(300);
		d.tm_mon = (int)rl_below(40) - 14;
		d.tm_mday = (int)rl_below(80) - 20;
		d.tm_hour = (int)rl_below(60) - 10;
		d.tm_min = (int)rl_below(200) - 50;
		d.tm_sec = (int)rl_below(200) - 50;
		struct tm d2 = d;
		time_t tw = timegm(&d), tg = rl_timegm(&d2);
		RL_CHECK(tw == tg && d.tm_mday == d2.tm_mday && d.tm_mon == d2.tm_mon &&
			 d.tm_yday == d2.tm_yday && d.tm_wday == d2.tm_wday, "timegm: glibc %lld, ours %lld",
			 (long long)tw, (long long)tg);
	}
}

static void test_misc(void)
{
	static const char *const paths[] = { "", "/", "a", "a/", "/a", "/a/", "a/b", "a//b//",
					     "/usr/lib/", "usr", "..", "../x", "./", "///a///b///" };
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		char b1[32], b2[32], d1[32], d2[32];
		strcpy(b1, paths[i]);
		strcpy(b2, paths[i]);
		strcpy(d1, paths[i]);
		strcpy(d2, paths[i]);
		RL_CHECK(!strcmp(basename(b1), rl_basename(b2)), "basename(\"%s\")", paths[i]);
		RL_CHECK(!strcmp(dirname(d1), rl_dirname(d2)), "dirname(\"%s\"): glibc \"%s\", ours \"%s\"",
			 paths[i], dirname(strcpy(d1, paths[i])), rl_dirname(strcpy(d2, paths[i])));
	}
	for (int e = 0; e < 134; e++)
		RL_CHECK(!strcmp(strerror(e), rl_strerror(e)), "strerror(%d): glibc \"%s\", ours \"%s\"",
			 e, strerror(e), rl_strerror(e));
	for (int s = 1; s < 32; s++)
		RL_CHECK(!strcmp(strsignal(s), rl_strsignal(s)), "strsignal(%d): glibc \"%s\", ours \"%s\"",
			 s, strsignal(s), rl_strsignal(s));
}

/* The one errno list and the one signal list (kernel/include/uapi/), entry
 * by entry, against glibc: the name glibc gives the number, its message, and
 * ours.  Including the lists redefines glibc's E* and SIG* macros with the
 * list's numbers (glibc spells some as aliases: SIGIO is SIGPOLL), so the
 * numbers are checked here at run time: glibc must give the number the
 * list's name. */
static int same(const char *a, const char *b) { return a && b && !strcmp(a, b); }

static void check_errno(const char *name, int num, const char *msg)
{
	RL_CHECK(same(strerrorname_np(num), name), "%s is %d, which glibc calls %s", name, num,
		 strerrorname_np(num));
	RL_CHECK(same(strerror(num), msg), "strerror(%s): glibc \"%s\", the list \"%s\"", name,
		 strerror(num), msg);
	RL_CHECK(same(rl_strerror(num), msg), "strerror(%s): ours \"%s\"", name, rl_strerror(num));
	RL_CHECK(same(rl_strerrorname_np(num), name), "strerrorname_np(%d): ours %s", num,
		 rl_strerrorname_np(num));
	RL_CHECK(same(rl_strerrordesc_np(num), msg), "strerrordesc_np(%d)", num);
}

static void check_signal(const char *name, int num, const char *abbrev, const char *descr)
{
	RL_CHECK(!strncmp(name, "SIG", 3) && same(name + 3, abbrev), "%s: short name %s", name, abbrev);
	/* glibc names 29 by its System V alias, POLL; Linux's kill -l says IO */
	const char *g = sigabbrev_np(num);
	RL_CHECK(same(g, abbrev) || (same(g, "POLL") && same(abbrev, "IO")),
		 "%s is %d, which glibc calls SIG%s", name, num, g);
	RL_CHECK(same(strsignal(num), descr), "strsignal(%s): glibc \"%s\", the list \"%s\"", name,
		 strsignal(num), descr);
	RL_CHECK(same(rl_strsignal(num), descr), "strsignal(%s): ours \"%s\"", name, rl_strsignal(num));
	RL_CHECK(same(rl_sigabbrev_np(num), abbrev), "sigabbrev_np(%d): ours %s", num,
		 rl_sigabbrev_np(num));
	RL_CHECK(same(rl_sigdescr_np(num), descr), "sigdescr_np(%d)", num);
}

static void test_lists(void)
{
	int n = 0;
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wmacro-redefined"
#define ERRNO(name, msg) check_errno(#name, name, msg), n++;
#include <uapi/errno_list.h>
#undef ERRNO
	/* every number glibc names is in the list */
	for (int e = 1; e < 4096; e++)
		RL_CHECK(!strerrorname_np(e) || rl_strerrorname_np(e), "errno %d (%s) is not in the list", e,
			 strerrorname_np(e));
	RL_CHECK(n > 130, "the errno list has %d entries", n);
	n = 0;
#define SIGNAL(name, abbrev, descr) check_signal(#name, name, abbrev, descr), n++;
#include <uapi/signal_list.h>
#undef SIGNAL
#pragma clang diagnostic pop
	for (int s = 1; s < 32; s++)
		RL_CHECK(!sigabbrev_np(s) || rl_sigabbrev_np(s), "signal %d (SIG%s) is not in the list", s,
			 sigabbrev_np(s));
	RL_CHECK(n == 31, "the signal list has %d entries", n);
}

int main(int argc, char **argv)
{
	iters = argc > 1 ? atol(argv[1]) : 30000;
	if (argc > 2)
		rl_seed = strtoull(argv[2], NULL, 0);
	setenv("TZ", "UTC", 1);
	tzset();
	test_mem();
	test_str();
	test_ctype();
	test_strtol();
	test_strtod();
	test_qsort();
	test_time();
	test_misc();
	test_lists();
	printf("%d passed, %d failed\n", rl_passed, rl_failed);
	return rl_failed != 0;
}

/* tr: translate, delete or squeeze bytes. */
#include "common.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"[-cds] SET1 [SET2]\n"
	"Copy standard input to standard output, replacing the bytes of SET1 by those of\n"
	"SET2 (its last one repeated), or deleting them (-d), or squeezing runs of the\n"
	"same byte of the last set into one (-s).  -c: SET1's complement.  Sets: a-z,\n"
	"[:alpha:] and the other classes, [c*N] and [c*], \\n \\t \\\\ \\ooo escapes.\n";

static const struct {
	const char *name;
	int (*fn)(int);
} classes[] = {
	{ "alpha", isalpha }, { "digit", isdigit }, { "alnum", isalnum }, { "space", isspace },
	{ "upper", isupper }, { "lower", islower }, { "punct", ispunct }, { "xdigit", isxdigit },
	{ "print", isprint }, { "graph", isgraph }, { "cntrl", iscntrl }, { "blank", isblank },
};

/* One character of a set, with escapes; advances *p. */
static int set_char(const char **p)
{
	const char *s = *p;
	if (*s != '\\' || !s[1]) {
		*p = s + 1;
		return (unsigned char)*s;
	}
	s++;
	int c;
	if (*s >= '0' && *s <= '7') {
		c = 0;
		for (int i = 0; i < 3 && *s >= '0' && *s <= '7'; i++)
			c = c * 8 + (*s++ - '0');
		*p = s;
		return c & 0xff;
	}
	switch (*s) {
	case 'n': c = '\n'; break;
	case 't': c = '\t'; break;
	case 'r': c = '\r'; break;
	case 'a': c = '\a'; break;
	case 'b': c = '\b'; break;
	case 'f': c = '\f'; break;
	case 'v': c = '\v'; break;
	default: c = (unsigned char)*s;
	}
	*p = s + 1;
	return c;
}

/* Expand a set into out (up to 4096 entries); its length.  [c*] (fill)
 * is marked by *fill_at, the position where the fill goes. */
static int expand(const char *s, unsigned char *out, int *fill_at, int *fill_c)
{
	int n = 0;
	*fill_at = -1;
	while (*s && n < 4096) {
		if (s[0] == '[' && s[1] == ':') {
			const char *e = strstr(s, ":]");
			size_t len = e ? (size_t)(e - s - 2) : 0;
			size_t i = 0;
			for (; e && i < sizeof classes / sizeof classes[0]; i++)
				if (strlen(classes[i].name) == len && !strncmp(classes[i].name, s + 2, len))
					break;
			if (!e || i == sizeof classes / sizeof classes[0])
				die("invalid character class");
			for (int c = 0; c < 256 && n < 4096; c++)
				if (classes[i].fn(c))
					out[n++] = (unsigned char)c;
			s = e + 2;
			continue;
		}
		if (s[0] == '[' && s[1] && s[2] == '*') {
			const char *q = s + 1;
			int c = set_char(&q);
			q++;    /* '*' */
			char *end;
			long count = strtol(q, &end, *q == '0' ? 8 : 10);
			if (*end == ']') {
				if (end == q) {
					*fill_at = n;
					*fill_c = c;
				}
				for (long i = 0; i < count && n < 4096; i++)
					out[n++] = (unsigned char)c;
				s = end + 1;
				continue;
			}
		}
		int lo = set_char(&s);
		if (s[0] == '-' && s[1]) {
			s++;
			int hi = set_char(&s);
			if (hi < lo)
				die("range-endpoints of '%c-%c' are in reverse collating sequence order", lo, hi);
			for (int c = lo; c <= hi && n < 4096; c++)
				out[n++] = (unsigned char)c;
			continue;
		}
		out[n++] = (unsigned char)lo;
	}
	return n;
}

int main(int argc, char **argv)
{
	cmd_init("tr", help);
	bool opt_c = false, opt_d = false, opt_s = false;
	int c;
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	while ((c = getopt(argc, argv, "cCdsh")) != -1) {
		switch (c) {
		case 'c': case 'C': opt_c = true; break;
		case 'd': opt_d = true; break;
		case 's': opt_s = true; break;
		default: usage(c == 'h' ? 0 : 1);
		}
	}
	int nsets = argc - optind;
	bool translate = !opt_d && nsets >= 2;
	if (nsets < 1 || nsets > 2 || (opt_d && !opt_s && nsets != 1) || (!opt_d && !opt_s && nsets != 2))
		usage(1);
	static unsigned char s1[4096], s2[4096];
	int fill1, fill2, fc1, fc2;
	int n1 = expand(argv[optind], s1, &fill1, &fc1);
	int n2 = nsets == 2 ? expand(argv[optind + 1], s2, &fill2, &fc2) : 0;
	bool in1[256] = { 0 };
	for (int i = 0; i < n1; i++)
		in1[s1[i]] = true;
	if (opt_c) {
		/* the complement, in ascending order */
		n1 = 0;
		for (int i = 0; i < 256; i++)
			if (!in1[i])
				s1[n1++] = (unsigned char)i;
		memset(in1, 0, sizeof in1);
		for (int i = 0; i < n1; i++)
			in1[s1[i]] = true;
	}
	int map[256];
	for (int i = 0; i < 256; i++)
		map[i] = i;
	if (translate && opt_c && strstr(argv[optind], "[:")) {
		/* GNU: the order of a complemented class is unspecified, so
		 * every byte of it must map to the same one */
		for (int i = 1; i < n2; i++)
			if (s2[i] != s2[0])
				die("when translating with complemented character classes,\n"
				    "string2 must map all characters in the domain to one");
	}
	if (translate) {
		if (fill2 >= 0 && n2 < n1) {
			/* [c*] in SET2 fills it out to SET1's length */
			int extra = n1 - n2;
			memmove(s2 + fill2 + extra, s2 + fill2, (size_t)(n2 - fill2));
			memset(s2 + fill2, fc2, (size_t)extra);
			n2 = n1;
		}
		if (n2 == 0)
			die("when not truncating set1, string2 must be non-empty");
		for (int i = 0; i < n1; i++)
			map[s1[i]] = s2[i < n2 ? i : n2 - 1];
	}
	/* the squeeze set: SET2 when translating or deleting, else SET1 */
	bool sq[256] = { 0 };
	if (opt_s) {
		if (nsets == 2)
			for (int i = 0; i < n2; i++)
				sq[s2[i]] = true;
		else
			for (int i = 0; i < 256; i++)
				sq[i] = in1[i];
	}
	static unsigned char buf[65536], out[65536];
	int last = -1;
	ssize_t r;
	while ((r = read(0, buf, sizeof buf)) > 0) {
		size_t o = 0;
		for (ssize_t i = 0; i < r; i++) {
			int ch = buf[i];
			if (opt_d && in1[ch])
				continue;
			ch = map[ch];
			if (opt_s && sq[ch] && ch == last)
				continue;
			last = ch;
			out[o++] = (unsigned char)ch;
		}
		if (write_all(1, out, o) < 0)
			die_errno("write error");
	}
	if (r < 0)
		die_errno("read error");
	return 0;
}

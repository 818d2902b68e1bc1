/* cut: print selected bytes, characters or fields of each line. */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"-b LIST | -c LIST | -f LIST [-d DELIM] [-s] [FILE...]\n"
	"Print the selected parts of each line.  LIST: N, N-, -M, N-M, separated by\n"
	"commas, counted from 1.  -f: fields separated by DELIM (tab by default); -s: skip\n"
	"lines without a delimiter (printed whole otherwise).\n";

struct range {
	long lo, hi;
};
static struct range *ranges;
static int nranges;

static void parse_list(const char *s)
{
	while (*s) {
		struct range r = { 1, -1 };
		char *end;
		if (*s == '-') {
			r.hi = strtol(s + 1, &end, 10);
			if (end == s + 1)
				die("invalid range with no endpoint: -");
		} else {
			r.lo = strtol(s, &end, 10);
			if (end == s)
				die("invalid byte, character or field list");
			if (*end == '-') {
				const char *h = end + 1;
				if (*h >= '0' && *h <= '9')
					r.hi = strtol(h, &end, 10);
				else
					end = (char *)h;        /* N-: to the end */
			} else {
				r.hi = r.lo;
			}
		}
		if (r.lo < 1)
			die("fields and positions are numbered from 1");
		if (r.hi >= 0 && r.hi < r.lo)
			die("invalid decreasing range");
		if (!(ranges = realloc(ranges, (size_t)(nranges + 1) * sizeof *ranges)))
			die("out of memory");
		ranges[nranges++] = r;
		s = end;
		if (*s == ',')
			s++;
		else if (*s)
			die("invalid byte, character or field list");
	}
}

static bool wanted(long i)
{
	for (int k = 0; k < nranges; k++)
		if (i >= ranges[k].lo && (ranges[k].hi < 0 || i <= ranges[k].hi))
			return true;
	return false;
}

static char mode, delim = '\t';
static bool opt_s;

static void cut_line(char *line, size_t len, bool nl, void *ctx)
{
	if (mode != 'f') {
		for (size_t k = 0; k < len; k++)
			if (wanted((long)k + 1))
				putchar(line[k]);
		putchar('\n');
		return;
	}
	if (!memchr(line, delim, len)) {
		if (!opt_s) {
			fwrite(line, 1, len, stdout);
			putchar('\n');
		}
		return;
	}
	long field = 1;
	bool first = true;
	size_t start = 0;
	for (size_t k = 0; k <= len; k++) {
		if (k < len && line[k] != delim)
			continue;
		if (wanted(field)) {
			if (!first)
				putchar(delim);
			fwrite(line + start, 1, k - start, stdout);
			first = false;
		}
		field++;
		start = k + 1;
	}
	putchar('\n');
}

int main(int argc, char **argv)
{
	cmd_init("cut", help);
	int c;
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	while ((c = getopt(argc, argv, "b:c:f:d:snh")) != -1) {
		switch (c) {
		case 'b': case 'c': case 'f':
			if (mode)
				die("only one type of list may be specified");
			mode = (char)c;
			parse_list(optarg);
			break;
		case 'd':
			if (strlen(optarg) > 1)
				die("the delimiter must be a single character");
			delim = optarg[0];
			break;
		case 's': opt_s = true; break;
		case 'n': break;
		default: usage(c == 'h' ? 0 : 1);
		}
	}
	if (!mode)
		die("you must specify a list of bytes, characters, or fields");
	return each_line(argc - optind, argv + optind, cut_line, NULL);
}

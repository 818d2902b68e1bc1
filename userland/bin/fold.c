/* fold: wrap long lines to a width. */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"[-bs] [-w WIDTH] [FILE...]\n"
	"Break lines longer than WIDTH (80) columns.  -b: count bytes, not columns (tabs\n"
	"to the next multiple of 8, backspace one back, carriage return to 0);\n"
	"-s: break after the last blank before the limit when there is one.\n";

static bool opt_b, opt_s;
static long width = 80;

static size_t advance(size_t col, char c)
{
	if (opt_b)
		return col + 1;
	if (c == '\t')
		return col + 8 - col % 8;
	if (c == '\b')
		return col ? col - 1 : 0;
	if (c == '\r')
		return 0;
	return col + 1;
}

static void fold_line(const char *s, size_t len)
{
	size_t start = 0;
	while (start < len) {
		size_t col = 0, k = start;
		/* take characters while they fit */
		while (k < len) {
			size_t next = advance(col, s[k]);
			if (next > (size_t)width && k > start)
				break;
			col = next;
			k++;
		}
		if (k == len) {
			fwrite(s + start, 1, len - start, stdout);
			break;
		}
		size_t cut = k;
		if (opt_s) {
			size_t b = k;
			while (b > start && s[b - 1] != ' ' && s[b - 1] != '\t')
				b--;
			if (b > start)
				cut = b;
		}
		fwrite(s + start, 1, cut - start, stdout);
		putchar('\n');
		start = cut;
	}
}

static void fold_each(char *line, size_t len, bool nl, void *ctx)
{
	fold_line(line, len);
	if (nl)
		putchar('\n');
}

int main(int argc, char **argv)
{
	cmd_init("fold", help);
	int c;
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	while ((c = getopt(argc, argv, "bsw:h")) != -1) {
		switch (c) {
		case 'b': opt_b = true; break;
		case 's': opt_s = true; break;
		case 'w':
			if (!parse_long(optarg, &width) || width <= 0)
				die("invalid number of columns: '%s'", optarg);
			break;
		default: usage(c == 'h' ? 0 : 1);
		}
	}
	return each_line(argc - optind, argv + optind, fold_each, NULL);
}

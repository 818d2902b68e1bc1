/* nl: number the lines of files. */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"[-b STYLE] [-n FORMAT] [-w WIDTH] [-s SEP] [-v START] [-i INCR] [FILE...]\n"
	"Print the FILEs with line numbers.  STYLE: t non-empty lines (default), a all,\n"
	"n none.  FORMAT: rn right-aligned (default), ln left-aligned, rz zero-padded.\n";

static char style = 't';
static const char *format = "rn", *sep = "\t";
static long width = 6, no, incr = 1;

static void number_line(char *line, size_t len, bool nl, void *ctx)
{
	bool number = style == 'a' || (style == 't' && len > 0);
	if (number) {
		if (!strcmp(format, "ln"))
			printf("%-*ld%s", (int)width, no, sep);
		else if (!strcmp(format, "rz"))
			printf("%0*ld%s", (int)width, no, sep);
		else
			printf("%*ld%s", (int)width, no, sep);
		no += incr;
	} else {
		printf("%*s", (int)(width + (long)strlen(sep)), "");
	}
	fwrite(line, 1, len, stdout);
	putchar('\n');
}

int main(int argc, char **argv)
{
	cmd_init("nl", help);
	long start = 1;
	int c;
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	while ((c = getopt(argc, argv, "b:n:w:s:v:i:h")) != -1) {
		switch (c) {
		case 'b':
			if (strcmp(optarg, "a") && strcmp(optarg, "t") && strcmp(optarg, "n"))
				die("invalid body numbering style: '%s'", optarg);
			style = optarg[0];
			break;
		case 'n':
			if (strcmp(optarg, "rn") && strcmp(optarg, "ln") && strcmp(optarg, "rz"))
				die("invalid line numbering format: '%s'", optarg);
			format = optarg;
			break;
		case 'w':
			if (!parse_long(optarg, &width) || width <= 0)
				die("invalid line number field width: '%s'", optarg);
			break;
		case 's': sep = optarg; break;
		case 'v':
			if (!parse_long(optarg, &start))
				die("invalid starting line number: '%s'", optarg);
			break;
		case 'i':
			if (!parse_long(optarg, &incr))
				die("invalid line number increment: '%s'", optarg);
			break;
		default: usage(c == 'h' ? 0 : 1);
		}
	}
	no = start;
	return each_line(argc - optind, argv + optind, number_line, NULL);
}

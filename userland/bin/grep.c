/* grep: print lines that match a pattern. */
#include "common.h"
#include "rx.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-ivncqlF] [-e] PATTERN [FILE...]\n"
	"Print the lines of each FILE (standard input for - or none) that match PATTERN,\n"
	"a basic regular expression: . any character, * any number of the one before,\n"
	"^ the start, $ the end, [abc] [^a-z] [[:digit:]] sets, \\ to take a character\n"
	"literally.  Exit status: 0 a line was selected, 1 none, 2 an error.\n"
	"  -i  ignore case          -v  select the lines that do not match\n"
	"  -n  prefix line numbers  -c  print only how many lines were selected\n"
	"  -q  print nothing        -l  print only the names of files with a selected line\n"
	"  -F  PATTERN is a plain string\n";

static bool opt_v, opt_n, opt_c, opt_q, opt_l;
static struct rx rx;

/* Lines selected in one file; -1 on a read error. */
static long grep_fd(int fd, const char *name, bool show_name)
{
	struct lines in;
	lines_init(&in, fd);
	long selected = 0, no = 0;
	char *line;
	size_t len;
	while ((line = lines_next(&in, &len, NULL))) {
		no++;
		if (rx_search(&rx, line, len) == opt_v)
			continue;
		selected++;
		if (opt_q)
			break;
		if (opt_l || opt_c)
			continue;
		if (show_name)
			printf("%s:", name);
		if (opt_n)
			printf("%ld:", no);
		fwrite(line, 1, len, stdout);
		putchar('\n');
	}
	bool err = in.err;
	lines_free(&in);
	if (err) {
		warn_errno(name);
		return -1;
	}
	if (opt_c && !opt_q) {
		if (show_name)
			printf("%s:", name);
		printf("%ld\n", selected);
	}
	if (opt_l && selected && !opt_q)
		puts(name);
	return selected;
}

int main(int argc, char **argv)
{
	cmd_init("grep", text);
	unsigned flags = 0;
	const char *pattern = NULL;
	int c;
	while ((c = getopt(argc, argv, "hivncqlFe:")) != -1) {
		switch (c) {
		case 'i': flags |= RX_ICASE; break;
		case 'v': opt_v = true; break;
		case 'n': opt_n = true; break;
		case 'c': opt_c = true; break;
		case 'q': opt_q = true; break;
		case 'l': opt_l = true; break;
		case 'F': flags |= RX_FIXED; break;
		case 'e': pattern = optarg; break;
		default: usage(c == 'h' ? 0 : 2);
		}
	}
	if (!pattern) {
		if (optind == argc)
			usage(2);
		pattern = argv[optind++];
	}
	const char *err;
	if (rx_compile(&rx, pattern, flags, &err) < 0) {
		warn("%s: %s", pattern, err);
		return 2;
	}
	bool any = false, failed = false;
	int nfiles = argc - optind;
	for (int i = optind; i < argc || (nfiles == 0 && i == optind); i++) {
		const char *name = nfiles ? argv[i] : "-";
		int fd = open_input(name);
		if (fd < 0) {
			failed = true;
			continue;
		}
		long n = grep_fd(fd, nfiles ? name : "(standard input)", nfiles > 1);
		if (fd > 0)
			close(fd);
		if (n < 0)
			failed = true;
		else if (n > 0)
			any = true;
		if (any && opt_q)
			break;
	}
	rx_free(&rx);
	if (fflush(stdout) != 0)
		die_errno("write error");
	if (any && opt_q)
		return 0;
	return failed ? 2 : any ? 0 : 1;
}

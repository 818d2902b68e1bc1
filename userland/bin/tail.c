/* tail: the last lines of files. */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-n [+]N] [FILE...]\n"
	"Print the last N (default 10) lines of each FILE (standard input for - or none).\n"
	"  -n N   lines to print (also -N)\n"
	"  -n +N  print from line N on\n";

/* The last n lines: a ring of the n most recent lines. */
static int tail_last(int fd, const char *name, long n)
{
	struct lines in;
	lines_init(&in, fd);
	char **ring = n ? calloc((size_t)n, sizeof *ring) : NULL;
	bool *nl = n ? calloc((size_t)n, sizeof *nl) : NULL;
	if (n && (!ring || !nl))
		die("out of memory");
	long seen = 0;
	char *line;
	size_t len;
	bool had_nl;
	while ((line = lines_next(&in, &len, &had_nl))) {
		if (!n)
			continue;
		long slot = seen++ % n;
		free(ring[slot]);
		ring[slot] = malloc(len + 1);
		if (!ring[slot])
			die("out of memory");
		memcpy(ring[slot], line, len + 1);
		nl[slot] = had_nl;
	}
	int status = 0;
	if (in.err) {
		warn_errno(name);
		status = 1;
	}
	long first = seen > n ? seen - n : 0;
	for (long i = first; i < seen; i++) {
		long slot = i % n;
		fputs(ring[slot], stdout);
		if (nl[slot])
			putchar('\n');
		free(ring[slot]);
	}
	free(ring);
	free(nl);
	lines_free(&in);
	return status;
}

/* From line 'from' (1-based) to the end. */
static int tail_from(int fd, const char *name, long from)
{
	struct lines in;
	lines_init(&in, fd);
	long no = 0;
	char *line;
	size_t len;
	bool had_nl;
	while ((line = lines_next(&in, &len, &had_nl))) {
		if (++no < from)
			continue;
		fwrite(line, 1, len, stdout);
		if (had_nl)
			putchar('\n');
	}
	int status = 0;
	if (in.err) {
		warn_errno(name);
		status = 1;
	}
	lines_free(&in);
	return status;
}

int main(int argc, char **argv)
{
	cmd_init("tail", text);
	long n = 10;
	bool from_start = false;
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
		if (!parse_long(argv[1] + 1, &n))
			die("invalid number of lines: '%s'", argv[1] + 1);
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	int c;
	while ((c = getopt(argc, argv, "hn:")) != -1) {
		if (c == 'n') {
			from_start = optarg[0] == '+';
			if (!parse_long(optarg + from_start, &n) || n < 0)
				die("invalid number of lines: '%s'", optarg);
		} else {
			usage(c == 'h' ? 0 : 1);
		}
	}
	int status = 0;
	int nfiles = argc - optind;
	for (int i = optind; i < argc || (nfiles == 0 && i == optind); i++) {
		const char *name = nfiles ? argv[i] : "-";
		int fd = open_input(name);
		if (fd < 0) {
			status = 1;
			continue;
		}
		if (nfiles > 1)
			printf("%s==> %s <==\n", i > optind ? "\n" : "", name);
		status |= from_start ? tail_from(fd, name, n) : tail_last(fd, name, n);
		if (fd > 0)
			close(fd);
	}
	return status;
}

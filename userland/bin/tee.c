/* tee: copy standard input to standard output and to files. */
#include "common.h"
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"[-ai] [FILE...]\n"
	"Copy standard input to standard output and to each FILE.\n"
	"  -a  append to the FILEs    -i  ignore SIGINT\n";

int main(int argc, char **argv)
{
	cmd_init("tee", help);
	int flags = O_WRONLY | O_CREAT | O_TRUNC, c;
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	while ((c = getopt(argc, argv, "aih")) != -1) {
		switch (c) {
		case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; break;
		case 'i': signal(SIGINT, SIG_IGN); break;
		default: usage(c == 'h' ? 0 : 1);
		}
	}
	int n = argc - optind, status = 0;
	int *fds = calloc((size_t)n + 1, sizeof *fds);
	if (!fds)
		die("out of memory");
	fds[0] = 1;
	for (int i = 0; i < n; i++) {
		fds[i + 1] = open(argv[optind + i], flags, 0666);
		if (fds[i + 1] < 0) {
			warn_errno(argv[optind + i]);
			status = 1;
		}
	}
	static char buf[65536];
	ssize_t r;
	while ((r = read(0, buf, sizeof buf)) > 0) {
		for (int i = 0; i <= n; i++) {
			if (fds[i] >= 0 && write_all(fds[i], buf, (size_t)r) < 0) {
				warn_errno(i ? argv[optind + i - 1] : "standard output");
				fds[i] = -1;
				status = 1;
			}
		}
	}
	if (r < 0)
		die_errno("read error");
	return status;
}

/* tac: print files with their lines in reverse order. */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] = "[FILE...]\nPrint each FILE (standard input for - or none) last line first.\n";

static int tac_file(int fd, const char *name, void *ctx)
{
	size_t len;
	char *buf = read_all(fd, &len);
	if (!buf) {
		warn_errno(name);
		return 1;
	}
	/* a line is its text and the '\n' after it (GNU: the last, without one, too) */
	size_t end = len;
	while (end > 0) {
		size_t start = end - 1;     /* skip this line's own '\n' */
		while (start > 0 && buf[start - 1] != '\n')
			start--;
		fwrite(buf + start, 1, end - start, stdout);
		end = start;
	}
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	cmd_init("tac", help);
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		usage(0);
	return each_input(argc - 1, argv + 1, tac_file, NULL);
}

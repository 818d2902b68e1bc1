/* tac: print files with their lines in reverse order. */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] = "[FILE...]\nPrint each FILE (standard input for - or none) last line first.\n";

/* The whole input of fd, malloc'd. */
static char *slurp(int fd, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf)
			die("out of memory");
		if (n == cap && !(buf = realloc(buf, cap *= 2)))
			die("out of memory");
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0)
			die_errno("read error");
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*len = n;
	return buf;
}

static int tac_file(int fd, const char *name, void *ctx)
{
	size_t len;
	char *buf = slurp(fd, &len);
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

/* rev: reverse the bytes of each line. */
#include "common.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char help[] = "[FILE...]\nPrint each line of the FILEs with its bytes in reverse order.\n";

static void rev_line(char *line, size_t len, bool nl, void *ctx)
{
	for (size_t k = len; k-- > 0;)
		putchar(line[k]);
	if (nl)
		putchar('\n');
}

int main(int argc, char **argv)
{
	cmd_init("rev", help);
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		usage(0);
	return each_line(argc - 1, argv + 1, rev_line, NULL);
}

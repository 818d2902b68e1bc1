/* rev: reverse the bytes of each line. */
#include "common.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char help[] = "[FILE...]\nPrint each line of the FILEs with its bytes in reverse order.\n";

int main(int argc, char **argv)
{
	cmd_init("rev", help);
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		usage(0);
	int status = 0, nfiles = argc - 1;
	for (int i = 1; i < argc || (nfiles == 0 && i == 1); i++) {
		const char *name = nfiles ? argv[i] : "-";
		int fd = open_input(name);
		if (fd < 0) {
			status = 1;
			continue;
		}
		struct lines in;
		lines_init(&in, fd);
		char *line;
		size_t len;
		bool nl;
		while ((line = lines_next(&in, &len, &nl))) {
			for (size_t k = len; k-- > 0;)
				putchar(line[k]);
			if (nl)
				putchar('\n');
		}
		lines_free(&in);
		if (fd > 0)
			close(fd);
	}
	if (fflush(stdout) != 0)
		die_errno("write error");
	return status;
}

/* yes: print a line forever. */
#include "common.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char text[] = "[STRING...]\nPrint STRING (default y) on a line, over and over.\n";

int main(int argc, char **argv)
{
	cmd_init("yes", text);
	if (argc == 2 && strcmp(argv[1], "-h") == 0)
		usage(0);
	size_t len = 0;
	for (int i = 1; i < argc; i++)
		len += strlen(argv[i]) + 1;
	char *line = malloc(len < 2 ? 2 : len);
	if (!line)
		die("out of memory");
	if (argc < 2) {
		strcpy(line, "y\n");
		len = 2;
	} else {
		char *p = line;
		for (int i = 1; i < argc; i++) {
			size_t n = strlen(argv[i]);
			memcpy(p, argv[i], n);
			p[n] = i + 1 < argc ? ' ' : '\n';
			p += n + 1;
		}
	}
	/* fill a buffer with whole lines: fewer system calls */
	size_t copies = len < 4096 ? 4096 / len : 1;
	char *buf = malloc(copies * len);
	if (!buf)
		die("out of memory");
	for (size_t i = 0; i < copies; i++)
		memcpy(buf + i * len, line, len);
	for (;;)
		if (write_all(1, buf, copies * len) < 0)
			return 1;   /* a closed pipe: SIGPIPE or EPIPE ends us quietly */
}

/* dirname: a path without its last component. */
#include "common.h"
#include <stdio.h>
#include <string.h>

static const char help[] =
	"NAME...\n"
	"Print each NAME without its last component: the directory that holds it\n"
	"(. when there is none).\n";

int main(int argc, char **argv)
{
	cmd_init("dirname", help);
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		usage(0);
	int a = argc > 1 && !strcmp(argv[1], "--") ? 2 : 1;
	if (a >= argc)
		usage(1);
	for (; a < argc; a++) {
		const char *p = argv[a];
		size_t n = strlen(p);
		while (n > 1 && p[n - 1] == '/')      /* trailing slashes */
			n--;
		while (n > 0 && p[n - 1] != '/')      /* the last component */
			n--;
		while (n > 1 && p[n - 1] == '/')      /* the slashes before it */
			n--;
		if (n == 0)
			puts(p[0] == '/' ? "/" : ".");
		else
			printf("%.*s\n", (int)n, p);
	}
	return 0;
}

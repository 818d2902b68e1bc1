/* basename: the last component of a path, a suffix removed. */
#include "common.h"
#include <stdio.h>
#include <string.h>

static const char help[] =
	"NAME [SUFFIX]\n"
	"Print NAME without its directories (and without SUFFIX, if it ends so and is\n"
	"not all of it).\n";

int main(int argc, char **argv)
{
	cmd_init("basename", help);
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		usage(0);
	int a = argc > 1 && !strcmp(argv[1], "--") ? 2 : 1;
	if (argc - a < 1 || argc - a > 2)
		usage(1);
	const char *p = argv[a];
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		n--;
	size_t s = n;
	while (s > 0 && p[s - 1] != '/')
		s--;
	if (n == 1 && p[0] == '/')
		s = 0;
	size_t len = n - s;
	if (argc - a == 2) {
		size_t k = strlen(argv[a + 1]);
		if (k < len && !memcmp(p + s + len - k, argv[a + 1], k))
			len -= k;
	}
	printf("%.*s\n", (int)len, p + s);
	return 0;
}

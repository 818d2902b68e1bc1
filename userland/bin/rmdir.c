/* rmdir: remove empty directories. */
#include "common.h"
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-p] DIR...\n"
	"Remove each empty directory.\n"
	"  -p  then remove its parents named in DIR as they become empty\n";

int main(int argc, char **argv)
{
	cmd_init("rmdir", text);
	bool parents = false;
	int c;
	while ((c = getopt(argc, argv, "hp")) != -1) {
		if (c == 'p')
			parents = true;
		else
			usage(c == 'h' ? 0 : 1);
	}
	if (optind == argc)
		usage(1);
	int status = 0;
	for (int i = optind; i < argc; i++) {
		char *path = argv[i];
		for (;;) {
			if (rmdir(path) < 0) {
				warn_errno(path);
				status = 1;
				break;
			}
			if (!parents)
				break;
			char *slash = strrchr(path, '/');
			while (slash && slash > path && slash[1] == 0) {   /* "a/b/" */
				*slash = 0;
				slash = strrchr(path, '/');
			}
			if (!slash || slash == path)
				break;
			*slash = 0;
		}
	}
	return status;
}

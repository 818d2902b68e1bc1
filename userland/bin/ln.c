/* ln: make hard links or symbolic links. */
#include "common.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char text[] =
	"[-sf] TARGET [LINK_NAME]\n"
	"   or: ln [-sf] TARGET... DIRECTORY\n"
	"Make LINK_NAME (or DIRECTORY/basename, or ./basename) a link to TARGET.\n"
	"  -s  a symbolic link (holding the text TARGET) instead of a hard link\n"
	"  -f  remove an existing LINK_NAME first\n";

static bool symbolic, force;

static int make_link(const char *target, const char *name)
{
	if (force)
		unlink(name);
	int r = symbolic ? symlink(target, name) : link(target, name);
	if (r < 0) {
		if (errno == ENOENT && !symbolic && access(target, F_OK) < 0)
			warn_errno(target);
		else
			warn("failed to create %s link '%s': %s", symbolic ? "symbolic" : "hard", name,
			     strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	cmd_init("ln", text);
	int c;
	while ((c = getopt(argc, argv, "hsf")) != -1) {
		if (c == 's')
			symbolic = true;
		else if (c == 'f')
			force = true;
		else
			usage(c == 'h' ? 0 : 1);
	}
	int n = argc - optind;
	if (n < 1)
		usage(1);
	if (n == 1) {
		char *name = path_into(".", argv[optind]);
		int r = make_link(argv[optind], name);
		free(name);
		return r;
	}
	return for_each_source(n, argv + optind, make_link);
}

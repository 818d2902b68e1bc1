/* mv: rename files and directories. */
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char text[] =
	"SOURCE DEST\n"
	"   or: mv SOURCE... DIRECTORY\n"
	"Rename SOURCE to DEST, or move each SOURCE into DIRECTORY.\n";

static int move(const char *src, const char *dst)
{
	if (rename(src, dst) == 0)
		return 0;
	int err = errno;
	if (err == ENOENT && access(src, F_OK) == 0)
		warn("cannot move '%s' to '%s': %s", src, dst, strerror(err));
	else if (err == ENOENT)
		warn_errno(src);
	else
		warn("cannot move '%s' to '%s': %s", src, dst, strerror(err));
	return 1;
}

int main(int argc, char **argv)
{
	cmd_init("mv", text);
	int c;
	while ((c = getopt(argc, argv, "hf")) != -1)
		if (c != 'f')
			usage(c == 'h' ? 0 : 1);
	if (argc - optind < 2)
		usage(1);
	return for_each_source(argc - optind, argv + optind, move);
}

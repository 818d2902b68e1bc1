/* umount: unmount file systems. */
#include "common.h"
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>

static const char text[] =
	"[-l] [-f] DIR...\n"
	"Unmount the file system mounted on each DIR, after writing back what it holds.\n"
	"A file system something still uses (a working directory, an open file) stays: EBUSY.\n"
	"  -l  lazy (MNT_DETACH)    -f  force (MNT_FORCE): accepted, the same as without\n";

int main(int argc, char **argv)
{
	cmd_init("umount", text);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	int flags = 0, c;
	while ((c = getopt(argc, argv, "hlf")) != -1) {
		if (c == 'l')
			flags |= MNT_DETACH;
		else if (c == 'f')
			flags |= MNT_FORCE;
		else
			usage(c == 'h' ? 0 : 1);
	}
	if (optind == argc)
		usage(1);
	int status = 0;
	for (int i = optind; i < argc; i++) {
		if (umount2(argv[i], flags) < 0) {
			warn_errno(argv[i]);
			status = 1;
		}
	}
	return status;
}

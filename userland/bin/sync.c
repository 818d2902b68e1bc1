/* sync: write what file systems hold in memory to their disks. */
#include "common.h"
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-d|-f] [FILE...]\n"
	"Without FILE, write back every file system.  With FILEs, write back each file\n"
	"(fsync), only its data (-d, fdatasync), or the file system it is on (-f, syncfs).\n";

int main(int argc, char **argv)
{
	cmd_init("sync", text);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	char mode = 0;
	int c;
	while ((c = getopt(argc, argv, "hdf")) != -1) {
		if (c == 'd' || c == 'f')
			mode = (char)c;
		else
			usage(c == 'h' ? 0 : 1);
	}
	if (optind == argc) {
		if (mode)
			usage(1);
		sync();
		return 0;
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY | O_NONBLOCK);
		int r = fd < 0 ? -1 : mode == 'd' ? fdatasync(fd) : mode == 'f' ? syncfs(fd) : fsync(fd);
		if (r < 0) {
			warn_errno(argv[i]);
			status = 1;
		}
		if (fd >= 0)
			close(fd);
	}
	return status;
}

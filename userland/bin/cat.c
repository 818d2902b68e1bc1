/* cat: copy files (or standard input) to standard output. */
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

static const char text[] =
	"[-h] [FILE...]\n"
	"Copy each FILE (standard input for - or none) to standard output.\n";

static int copy(int fd, const char *name)
{
	static char buf[16384];
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			warn_errno(name);
			return 1;
		}
		if (n == 0)
			return 0;
		if (write_all(1, buf, (size_t)n) < 0)
			die_errno("write error");
	}
}

int main(int argc, char **argv)
{
	cmd_init("cat", text);
	int c;
	while ((c = getopt(argc, argv, "hu")) != -1)
		if (c != 'u')
			usage(c == 'h' ? 0 : 1);
	if (optind == argc)
		return copy(0, "stdin");
	int status = 0;
	for (int i = optind; i < argc; i++) {
		int fd = open_input(argv[i]);
		if (fd < 0) {
			status = 1;
			continue;
		}
		status |= copy(fd, argv[i]);
		if (fd > 0)
			close(fd);
	}
	return status;
}

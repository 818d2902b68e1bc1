/* head: the first lines of files. */
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-n N | -c N] [FILE...]\n"
	"Print the first N (default 10) lines of each FILE (standard input for - or none).\n"
	"  -n N  lines to print (also -N)\n"
	"  -c N  bytes to print instead\n";

static bool bytes;

static int head(int fd, const char *name, long n)
{
	static char buf[16384];
	while (n > 0) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			warn_errno(name);
			return 1;
		}
		if (r == 0)
			break;
		ssize_t end = 0;
		if (bytes) {
			end = r < n ? r : (ssize_t)n;
			n -= end;
		}
		while (!bytes && end < r && n > 0)
			if (buf[end++] == '\n')
				n--;
		if (write_all(1, buf, (size_t)end) < 0)
			die_errno("write error");
	}
	return 0;
}

int main(int argc, char **argv)
{
	cmd_init("head", text);
	long n = 10;
	/* the old form -N */
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
		if (!parse_long(argv[1] + 1, &n))
			die("invalid number of lines: '%s'", argv[1] + 1);
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	int c;
	while ((c = getopt(argc, argv, "hn:c:")) != -1) {
		if (c == 'n' || c == 'c') {
			bytes = c == 'c';
			if (!parse_long(optarg, &n) || n < 0)
				die("invalid number of %s: '%s'", bytes ? "bytes" : "lines", optarg);
		} else {
			usage(c == 'h' ? 0 : 1);
		}
	}
	if (optind == argc)
		return head(0, "stdin", n);
	int status = 0;
	for (int i = optind; i < argc; i++) {
		int fd = open_input(argv[i]);
		if (fd < 0) {
			status = 1;
			continue;
		}
		if (argc - optind > 1) {
			printf("%s==> %s <==\n", i > optind ? "\n" : "", argv[i]);
			fflush(stdout);
		}
		status |= head(fd, argv[i], n);
		if (fd > 0)
			close(fd);
	}
	return status;
}

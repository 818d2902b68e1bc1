/* head: the first lines of files. */
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-qv] [-n [-]N | -c [-]N] [FILE...]\n"
	"Print the first N (default 10) lines of each FILE (standard input for - or none).\n"
	"  -n N  lines to print (also -N); -n -N: all but the last N\n"
	"  -c N  bytes to print instead; -c -N: all but the last N\n"
	"  -q  never print the \"==> FILE <==\" headers   -v  always\n";

static bool bytes;

/* All but the last n lines or bytes: the whole input is read first. */
static int head_but(int fd, const char *name, long n)
{
	size_t len;
	char *buf = read_all(fd, &len);
	if (!buf) {
		warn_errno(name);
		return 1;
	}
	size_t end = len;
	if (bytes) {
		end = (size_t)n < len ? len - (size_t)n : 0;
	} else {
		/* back over n lines; the last line counts even without its '\n' */
		long k = n;
		if (end && buf[end - 1] != '\n' && k > 0) {
			while (end && buf[end - 1] != '\n')
				end--;
			k--;
		}
		for (; k > 0 && end; k--) {
			end--;
			while (end && buf[end - 1] != '\n')
				end--;
		}
	}
	if (write_all(1, buf, end) < 0)
		die_errno("write error");
	free(buf);
	return 0;
}

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
	int c, headers = 0;
	bool all_but = false;
	while ((c = getopt(argc, argv, "hn:c:qv")) != -1) {
		if (c == 'n' || c == 'c') {
			bytes = c == 'c';
			all_but = optarg[0] == '-';
			if (!parse_long(optarg + all_but, &n) || n < 0)
				die("invalid number of %s: '%s'", bytes ? "bytes" : "lines", optarg);
		} else if (c == 'q' || c == 'v') {
			headers = c == 'v' ? 1 : -1;
		} else {
			usage(c == 'h' ? 0 : 1);
		}
	}
	if (headers == 0)
		headers = argc - optind > 1 ? 1 : -1;
	int status = 0, nfiles = argc - optind;
	for (int i = optind; i < argc || (nfiles == 0 && i == optind); i++) {
		const char *name = nfiles ? argv[i] : "-";
		int fd = open_input(name);
		if (fd < 0) {
			status = 1;
			continue;
		}
		if (headers > 0) {
			printf("%s==> %s <==\n", i > optind ? "\n" : "", nfiles ? name : "standard input");
			fflush(stdout);
		}
		status |= all_but ? head_but(fd, name, n) : head(fd, name, n);
		if (fd > 0)
			close(fd);
	}
	return status;
}

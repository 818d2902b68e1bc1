/* strings: the runs of printable characters in files. */
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"[-a] [-n MIN] [-t d|o|x] [FILE...]\n"
	"Print each run of at least MIN (default 4) printable characters (and tabs) in\n"
	"the FILEs, one a line.  The whole file is searched (-a is the default).\n"
	"  -t d|o|x  put the run's offset in the file before it, in that base\n";

static long min_len = 4;
static char radix;

static bool printable(unsigned char c) { return (c >= 0x20 && c < 0x7f) || c == '\t'; }

/* A run is kept in run[] until it is known to be long enough, then printed
 * as it goes on. */
static int strings_of(int fd, const char *name, void *ctx)
{
	static unsigned char buf[16384];
	char *run = malloc((size_t)min_len);
	if (!run)
		die("out of memory");
	long len = 0, offset = 0, start = 0;
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			warn_errno(name);
			free(run);
			return 1;
		}
		if (r == 0)
			break;
		for (ssize_t i = 0; i < r; i++, offset++) {
			unsigned char c = buf[i];
			if (!printable(c)) {
				if (len >= min_len)
					putchar('\n');
				len = 0;
				continue;
			}
			if (len == 0)
				start = offset;
			if (len < min_len - 1) {
				run[len++] = (char)c;
				continue;
			}
			if (len == min_len - 1) {      /* long enough: out with the start */
				if (radix)
					printf(radix == 'd' ? "%7ld " : radix == 'o' ? "%7lo " : "%7lx ", start);
				fwrite(run, 1, (size_t)len, stdout);
			}
			putchar(c);
			len++;
		}
	}
	if (len >= min_len)
		putchar('\n');
	free(run);
	return 0;
}

int main(int argc, char **argv)
{
	cmd_init("strings", help);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	int c;
	while ((c = getopt(argc, argv, "an:t:h")) != -1) {
		switch (c) {
		case 'a': break;
		case 'n':
			if (!parse_long(optarg, &min_len) || min_len < 1)
				die("invalid minimum string length '%s'", optarg);
			break;
		case 't':
			if (strlen(optarg) != 1 || !strchr("dox", optarg[0]))
				die("invalid radix '%s'", optarg);
			radix = optarg[0];
			break;
		default: usage(c == 'h' ? 0 : 1);
		}
	}
	return each_input(argc - optind, argv + optind, strings_of, NULL);
}

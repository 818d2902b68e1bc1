/* dmesg: print (or clear) the kernel log, through syslog(2) (klogctl). */
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

static const char text[] =
	"[-c] [-C] [-s SIZE]\n"
	"Print the kernel's log (its ring buffer).\n"
	"  -c  print it, then clear it         -C  clear it only\n"
	"  -s  read at most SIZE bytes (default: the whole buffer)\n";

enum { READ_ALL = 3, READ_CLEAR = 4, CLEAR = 5, SIZE_BUFFER = 10 };

int main(int argc, char **argv)
{
	cmd_init("dmesg", text);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	bool clear = false, only_clear = false;
	long size = 0;
	int c;
	while ((c = getopt(argc, argv, "hcCrs:")) != -1) {
		switch (c) {
		case 'c': clear = true; break;
		case 'C': only_clear = true; break;
		case 'r': break;        /* raw: the log has no level prefixes to strip */
		case 's':
			if (!parse_long(optarg, &size) || size <= 0)
				die("bad size '%s'", optarg);
			break;
		case 'h': usage(0);
		default: usage(1);
		}
	}
	if (optind < argc)
		usage(1);
	if (only_clear) {
		if (klogctl(CLEAR, NULL, 0) < 0)
			die_errno("klogctl");
		return 0;
	}
	if (size == 0) {
		int n = klogctl(SIZE_BUFFER, NULL, 0);
		size = n > 0 ? n : 64 * 1024;
	}
	char *buf = malloc((size_t)size);
	if (!buf)
		die("out of memory");
	int n = klogctl(clear ? READ_CLEAR : READ_ALL, buf, (int)size);
	if (n < 0)
		die_errno("klogctl");
	if (write_all(1, buf, (size_t)n) < 0)
		die_errno("write");
	if (n > 0 && buf[n - 1] != '\n')
		write_all(1, "\n", 1);
	free(buf);
	return 0;
}

/* cmp: compare two files byte by byte. */
#include "common.h"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"[-ls] FILE1 [FILE2]\n"
	"Say where FILE1 and FILE2 (standard input for - or none) first differ.\n"
	"Exit status: 0 the same, 1 different, 2 an error.\n"
	"  -l  list every differing byte (number, octal values)   -s  print nothing\n";

struct in {
	int fd;
	unsigned char buf[65536];
	size_t pos, len;
	bool eof;
};

static int next_byte(struct in *f, const char *name)
{
	if (f->pos == f->len) {
		if (f->eof)
			return -1;
		ssize_t r = read(f->fd, f->buf, sizeof f->buf);
		if (r < 0) {
			warn_errno(name);
			exit(2);
		}
		if (r == 0) {
			f->eof = true;
			return -1;
		}
		f->pos = 0;
		f->len = (size_t)r;
	}
	return f->buf[f->pos++];
}

int main(int argc, char **argv)
{
	cmd_init("cmp", help);
	bool opt_l = false, opt_s = false;
	int c;
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	while ((c = getopt(argc, argv, "lsh")) != -1) {
		switch (c) {
		case 'l': opt_l = true; break;
		case 's': opt_s = true; break;
		default: usage(c == 'h' ? 0 : 2);
		}
	}
	int n = argc - optind;
	if (n < 1 || n > 2)
		usage(2);
	const char *name[2] = { argv[optind], n == 2 ? argv[optind + 1] : "-" };
	static struct in f[2];
	for (int i = 0; i < 2; i++) {
		f[i].fd = strcmp(name[i], "-") ? open(name[i], O_RDONLY) : 0;
		if (f[i].fd < 0) {
			if (!opt_s)
				warn_errno(name[i]);
			return 2;
		}
	}
	/* -l pads byte numbers to the digits of the smaller file's size, the
	 * last byte that can differ (GNU) */
	int width = 1;
	long long smallest = -1;
	for (int i = 0; i < 2; i++) {
		struct stat st;
		if (fstat(f[i].fd, &st) == 0 && S_ISREG(st.st_mode) &&
		    (smallest < 0 || st.st_size < smallest))
			smallest = st.st_size;
	}
	if (smallest > 0)
		width = snprintf(NULL, 0, "%lld", smallest);
	long long byte = 1, line = 1;
	int status = 0;
	for (;; byte++) {
		int a = next_byte(&f[0], name[0]), b = next_byte(&f[1], name[1]);
		if (a < 0 || b < 0) {
			if (a == b)
				break;
			/* one ended first */
			if (!opt_s) {
				fflush(stdout);
				if (byte == 1)
					fprintf(stderr, "cmp: EOF on %s which is empty\n", name[a < 0 ? 0 : 1]);
				else if (opt_l)
					fprintf(stderr, "cmp: EOF on %s after byte %lld\n", name[a < 0 ? 0 : 1], byte - 1);
				else
					fprintf(stderr, "cmp: EOF on %s after byte %lld, line %lld\n",
						name[a < 0 ? 0 : 1], byte - 1, line - (a < 0 ? (byte > 1 && f[0].buf[f[0].pos - 1] == '\n') : (byte > 1 && f[1].buf[f[1].pos - 1] == '\n')));
			}
			status = 1;
			break;
		}
		if (a != b) {
			status = 1;
			if (opt_s)
				break;
			if (!opt_l) {
				printf("%s %s differ: char %lld, line %lld\n", name[0], name[1], byte, line);
				break;
			}
			printf("%*lld %3o %3o\n", width, byte, a, b);
		}
		if (a == '\n')
			line++;
	}
	if (fflush(stdout) != 0)
		die_errno("write error");
	return status;
}

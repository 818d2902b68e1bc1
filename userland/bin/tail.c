/* tail: the last lines of files. */
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char text[] =
	"[-fqv] [-n [+]N | -c [+]N] [FILE...]\n"
	"Print the last N (default 10) lines of each FILE (standard input for - or none).\n"
	"  -n N   lines to print (also -N)\n"
	"  -n +N  print from line N on\n"
	"  -c N   the last N bytes; -c +N from byte N on\n"
	"  -f     then follow: print what is appended to the (last) file as it grows\n"
	"  -q  never print the \"==> FILE <==\" headers   -v  always\n";

/* The last n bytes, or from byte 'from' on: the whole input is read. */
static int tail_bytes(int fd, const char *name, long n, bool from_start)
{
	size_t len;
	char *buf = read_all(fd, &len);
	if (!buf) {
		warn_errno(name);
		return 1;
	}
	size_t start;
	if (from_start)
		start = n > 0 && (size_t)n - 1 < len ? (size_t)n - 1 : (n > 0 ? len : 0);
	else
		start = (size_t)n < len ? len - (size_t)n : 0;
	fflush(stdout);
	if (write_all(1, buf + start, len - start) < 0)
		die_errno("write error");
	free(buf);
	return 0;
}

/* tail -f: copy what is appended to fd (a regular file) as it grows, from
 * the present end on, until killed; a file cut short is read again from
 * its start. */
static _Noreturn void follow(int fd, const char *name)
{
	static char buf[16384];
	fflush(stdout);
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r > 0) {
			if (write_all(1, buf, (size_t)r) < 0)
				die_errno("write error");
			continue;
		}
		if (r < 0 && errno != EINTR)
			die_errno(name);
		struct stat st;
		off_t pos = lseek(fd, 0, SEEK_CUR);
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && pos > st.st_size) {
			warn("%s: file truncated", name);
			lseek(fd, 0, SEEK_SET);
			continue;
		}
		struct timespec ts = { 0, 200 * 1000 * 1000 };   /* a fifth of a second */
		nanosleep(&ts, NULL);
	}
}

/* The last n lines: a ring of the n most recent lines. */
static int tail_last(int fd, const char *name, long n)
{
	struct lines in;
	lines_init(&in, fd);
	char **ring = n ? calloc((size_t)n, sizeof *ring) : NULL;
	bool *nl = n ? calloc((size_t)n, sizeof *nl) : NULL;
	if (n && (!ring || !nl))
		die("out of memory");
	long seen = 0;
	char *line;
	size_t len;
	bool had_nl;
	while ((line = lines_next(&in, &len, &had_nl))) {
		if (!n)
			continue;
		long slot = seen++ % n;
		free(ring[slot]);
		ring[slot] = malloc(len + 1);
		if (!ring[slot])
			die("out of memory");
		memcpy(ring[slot], line, len + 1);
		nl[slot] = had_nl;
	}
	int status = 0;
	if (in.err) {
		warn_errno(name);
		status = 1;
	}
	long first = seen > n ? seen - n : 0;
	for (long i = first; i < seen; i++) {
		long slot = i % n;
		fputs(ring[slot], stdout);
		if (nl[slot])
			putchar('\n');
		free(ring[slot]);
	}
	free(ring);
	free(nl);
	lines_free(&in);
	return status;
}

/* From line 'from' (1-based) to the end. */
static int tail_from(int fd, const char *name, long from)
{
	struct lines in;
	lines_init(&in, fd);
	long no = 0;
	char *line;
	size_t len;
	bool had_nl;
	while ((line = lines_next(&in, &len, &had_nl))) {
		if (++no < from)
			continue;
		fwrite(line, 1, len, stdout);
		if (had_nl)
			putchar('\n');
	}
	int status = 0;
	if (in.err) {
		warn_errno(name);
		status = 1;
	}
	lines_free(&in);
	return status;
}

int main(int argc, char **argv)
{
	cmd_init("tail", text);
	long n = 10;
	bool from_start = false;
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] >= '0' && argv[1][1] <= '9') {
		if (!parse_long(argv[1] + 1, &n))
			die("invalid number of lines: '%s'", argv[1] + 1);
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	int c, headers = 0;
	bool bytes = false, follow_it = false;
	while ((c = getopt(argc, argv, "hn:c:fqv")) != -1) {
		if (c == 'n' || c == 'c') {
			bytes = c == 'c';
			from_start = optarg[0] == '+';
			if (!parse_long(optarg + from_start, &n))
				die("invalid number of %s: '%s'", bytes ? "bytes" : "lines", optarg);
			if (n < 0)
				n = -n;           /* -n -5 is -n 5 */
		} else if (c == 'f') {
			follow_it = true;
		} else if (c == 'q' || c == 'v') {
			headers = c == 'v' ? 1 : -1;
		} else {
			usage(c == 'h' ? 0 : 1);
		}
	}
	int status = 0;
	int nfiles = argc - optind;
	if (headers == 0)
		headers = nfiles > 1 ? 1 : -1;
	for (int i = optind; i < argc || (nfiles == 0 && i == optind); i++) {
		const char *name = nfiles ? argv[i] : "-";
		int fd = open_input(name);
		if (fd < 0) {
			status = 1;
			continue;
		}
		if (headers > 0)
			printf("%s==> %s <==\n", i > optind ? "\n" : "", nfiles ? name : "standard input");
		if (bytes)
			status |= tail_bytes(fd, name, n, from_start);
		else
			status |= from_start ? tail_from(fd, name, n) : tail_last(fd, name, n);
		struct stat st;
		if (follow_it && i == argc - 1 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
			follow(fd, name);
		if (fd > 0)
			close(fd);
	}
	fflush(stdout);
	return status;
}

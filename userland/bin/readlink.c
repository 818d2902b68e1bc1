/* readlink and realpath (one program, named by how it is called): a
 * symbolic link's target, or a canonical path (canon.c). */
#include "common.h"
#include "canon.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char readlink_text[] =
	"[-f|-e|-m] [-n] [-q] [-z] FILE...\n"
	"Print the target of each symbolic link FILE; with -f, -e or -m, the canonical\n"
	"path of FILE (every link resolved):\n"
	"  -f  every component but the last must exist   -e  all must exist\n"
	"  -m  none need exist                           -n  no newline at the end\n"
	"  -q -s  no messages (the default)   -v  messages   -z  end lines with NUL\n";
static const char realpath_text[] =
	"[-e|-m] [-s] [-q] [-z] FILE...\n"
	"Print the canonical absolute path of each FILE (every link resolved; all\n"
	"components but the last must exist).\n"
	"  -e  all must exist   -m  none need exist   -s  do not resolve links\n"
	"  -q  no messages      -z  end lines with NUL\n";

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	bool is_realpath = !strcmp(base, "realpath");
	cmd_init(is_realpath ? "realpath" : "readlink", is_realpath ? realpath_text : readlink_text);
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help"))
			usage(0);
		else if (!strcmp(argv[i], "--"))
			break;
	/* readlink is silent unless -v; realpath speaks unless -q */
	bool canon = is_realpath, no_nl = false, quiet = !is_realpath, zero = false, follow = true;
	enum canon_mode mode = CANON_BUT_LAST;
	int c;
	while ((c = getopt(argc, argv, is_realpath ? "emsqzLh" : "femnqsvz")) != -1) {
		switch (c) {
		case 'f': canon = true; mode = CANON_BUT_LAST; break;
		case 'e': canon = true; mode = CANON_ALL; break;
		case 'm': canon = true; mode = CANON_ANY; break;
		case 'n': no_nl = true; break;
		case 's':
			if (is_realpath)
				follow = false;
			else
				quiet = true;
			break;
		case 'q': quiet = true; break;
		case 'v': quiet = false; break;
		case 'z': zero = true; break;
		case 'L': follow = true; break;
		case 'h': usage(0);
		default: usage(1);
		}
	}
	if (optind >= argc) {
		warn("missing operand");
		usage(1);
	}
	if (!is_realpath && !zero && argc - optind > 1 && no_nl) {
		warn("ignoring --no-newline with multiple arguments");
		no_nl = false;
	}
	int status = 0;
	for (int i = optind; i < argc; i++) {
		char *out = NULL;
		if (canon) {
			out = canonicalize(argv[i], mode, follow);
		} else {
			char buf[PATH_MAX];
			ssize_t n = readlink(argv[i], buf, sizeof buf - 1);
			if (n >= 0) {
				buf[n] = 0;
				out = strdup(buf);
			}
		}
		if (!out) {
			if (!quiet)
				warn("%s: %s", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		fputs(out, stdout);
		if (zero)
			putchar(0);
		else if (!no_nl)
			putchar('\n');
		free(out);
	}
	return fflush(stdout) ? 1 : status;
}

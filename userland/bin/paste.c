/* paste: join the lines of files side by side (or each file's lines, -s). */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"[-s] [-d LIST] [FILE...]\n"
	"Write the first lines of all FILEs on one line, separated by tabs, then the\n"
	"second lines, ...  -s: each file's lines on one line instead.  -d: the\n"
	"separators are LIST's characters in turn (\\n \\t \\\\ \\0 escapes).\n";

static char *delims;
static size_t ndelims;

static void parse_delims(const char *s)
{
	delims = malloc(strlen(s) + 1);
	if (!delims)
		die("out of memory");
	for (; *s; s++) {
		char c = *s;
		if (c == '\\' && s[1]) {
			s++;
			c = *s == 'n' ? '\n' : *s == 't' ? '\t' : *s == '0' ? 0 : *s;
		}
		delims[ndelims++] = c;
	}
}

static char *out;
static size_t olen, ocap;

static void append(const char *s, size_t n)
{
	if (n == 0)
		return;
	if (olen + n > ocap) {
		ocap = (olen + n) * 2 + 64;
		if (!(out = realloc(out, ocap)))
			die("out of memory");
	}
	memcpy(out + olen, s, n);
	olen += n;
}

/* Separator number i (a "\0" is none). */
static void sep(size_t i)
{
	char c = delims[i % ndelims];
	if (c)
		putchar(c);
}

int main(int argc, char **argv)
{
	cmd_init("paste", help);
	bool serial = false;
	int c;
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	while ((c = getopt(argc, argv, "sd:h")) != -1) {
		switch (c) {
		case 's': serial = true; break;
		case 'd': parse_delims(optarg); break;
		default: usage(c == 'h' ? 0 : 1);
		}
	}
	if (!delims)
		parse_delims("\t");
	if (!ndelims)
		parse_delims("\\0");
	int n = argc - optind;
	char *dash[] = { "-" };
	char **names = n ? argv + optind : dash;
	if (!n)
		n = 1;
	struct lines *in = calloc((size_t)n, sizeof *in);
	bool *open_ = calloc((size_t)n, sizeof *open_);
	if (!in || !open_)
		die("out of memory");
	int status = 0;
	for (int i = 0; i < n; i++) {
		int fd = open_input(names[i]);
		if (fd < 0)
			return 1;
		lines_init(&in[i], fd);
		open_[i] = true;
	}
	char *line;
	size_t len;
	if (serial) {
		for (int i = 0; i < n; i++) {
			size_t k = 0;
			while ((line = lines_next(&in[i], &len, NULL))) {
				if (k)
					sep(k - 1);
				fwrite(line, 1, len, stdout);
				k++;
			}
			putchar('\n');
		}
	} else {
		for (;;) {
			int live = 0;
			for (int i = 0; i < n; i++)
				live += open_[i];
			if (!live)
				break;
			bool any = false;
			/* the output line, printed only if some file still had a line */
			olen = 0;
			for (int i = 0; i < n; i++) {
				if (i && delims[(size_t)(i - 1) % ndelims])
					append(&delims[(size_t)(i - 1) % ndelims], 1);
				if (open_[i] && (line = lines_next(&in[i], &len, NULL))) {
					append(line, len);
					any = true;
				} else {
					open_[i] = false;
				}
			}
			if (any) {
				if (olen)
					fwrite(out, 1, olen, stdout);
				putchar('\n');
			}
		}
	}
	if (fflush(stdout) != 0)
		die_errno("write error");
	return status;
}

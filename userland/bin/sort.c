/* sort: sort lines. */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-rnu] [FILE...]\n"
	"Write the lines of all FILEs (standard input for - or none), sorted by their bytes.\n"
	"  -n  by the number at the start of each line (no number counts as 0)\n"
	"  -r  reverse the order\n"
	"  -u  print only the first of lines that compare equal\n";

struct line {
	char *s;
	size_t len;
	double num;
	size_t index;           /* input order: -u keeps the first of equal lines */
};

static bool numeric, reverse, unique;

/* A leading decimal number: blanks, '-', digits, a fraction (no '+', as
 * in POSIX sort -n). */
static double leading_number(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	double sign = 1, v = 0, scale = 1;
	if (*s == '-') {
		sign = -1;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			v += (*s - '0') * (scale /= 10);
	return sign * v;
}

static int bytes_cmp(const struct line *a, const struct line *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int c = memcmp(a->s, b->s, n);
	if (c)
		return c;
	return a->len < b->len ? -1 : a->len > b->len;
}

/* The ordering key: the number with -n, else the bytes. */
static int key_cmp(const struct line *a, const struct line *b)
{
	if (numeric)
		return a->num < b->num ? -1 : a->num > b->num;
	return bytes_cmp(a, b);
}

static int cmp(const void *pa, const void *pb)
{
	const struct line *a = pa, *b = pb;
	int c = key_cmp(a, b);
	if (!c && !unique)
		c = bytes_cmp(a, b);   /* equal numbers: by their text, for a stable result */
	if (reverse)
		c = -c;
	if (!c)
		c = (a->index > b->index) - (a->index < b->index);
	return c;
}

static struct line *lines;
static size_t nlines, cap;

static int slurp(int fd, const char *name)
{
	struct lines in;
	lines_init(&in, fd);
	char *s;
	size_t len;
	while ((s = lines_next(&in, &len, NULL))) {
		if (nlines == cap) {
			cap = cap ? cap * 2 : 1024;
			if (!(lines = realloc(lines, cap * sizeof *lines)))
				die("out of memory");
		}
		char *copy = malloc(len + 1);
		if (!copy)
			die("out of memory");
		memcpy(copy, s, len + 1);
		lines[nlines] = (struct line){ copy, len, numeric ? leading_number(copy) : 0, nlines };
		nlines++;
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
	cmd_init("sort", text);
	int c;
	while ((c = getopt(argc, argv, "hrnu")) != -1) {
		if (c == 'r')
			reverse = true;
		else if (c == 'n')
			numeric = true;
		else if (c == 'u')
			unique = true;
		else
			usage(c == 'h' ? 0 : 1);
	}
	int status = 0;
	if (optind == argc)
		status |= slurp(0, "stdin");
	for (int i = optind; i < argc; i++) {
		int fd = open_input(argv[i]);
		if (fd < 0)
			return 2;
		status |= slurp(fd, argv[i]);
		if (fd > 0)
			close(fd);
	}
	if (nlines)
		qsort(lines, nlines, sizeof *lines, cmp);
	for (size_t i = 0; i < nlines; i++) {
		if (unique && i > 0 && key_cmp(&lines[i - 1], &lines[i]) == 0)
			continue;
		fwrite(lines[i].s, 1, lines[i].len, stdout);
		putchar('\n');
	}
	if (fflush(stdout) != 0)
		die_errno("write error");
	return status ? 2 : 0;
}

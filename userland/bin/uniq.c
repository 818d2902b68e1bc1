/* uniq: drop repeated adjacent lines. */
#include "common.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-cdui] [-f N] [-s N] [INPUT [OUTPUT]]\n"
	"Print each line once where it repeats on adjacent lines.\n"
	"  -c  prefix each line with how many times it occurred\n"
	"  -d  only lines that repeat   -u  only lines that do not\n"
	"  -i  ignore case   -f N  skip N fields   -s N  skip N characters (after the fields)\n";

static bool counts, only_dups, only_uniq, fold;
static long skip_fields, skip_chars;

/* The part of a line that is compared: after skip_fields fields (blanks,
 * then non-blanks) and then skip_chars characters. */
static const char *key(const char *line, size_t len, size_t *klen)
{
	size_t i = 0;
	for (long f = 0; f < skip_fields; f++) {
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		while (i < len && line[i] != ' ' && line[i] != '\t')
			i++;
	}
	i = len - i > (size_t)skip_chars ? i + (size_t)skip_chars : len;
	*klen = len - i;
	return line + i;
}

static bool same(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t ka, kb;
	a = key(a, alen, &ka);
	b = key(b, blen, &kb);
	if (ka != kb)
		return false;
	if (!fold)
		return memcmp(a, b, ka) == 0;
	for (size_t i = 0; i < ka; i++)
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[i]))
			return false;
	return true;
}

static void emit(const char *line, size_t len, long n, FILE *out)
{
	if ((only_dups && n < 2) || (only_uniq && n > 1))
		return;
	if (counts)
		fprintf(out, "%7ld ", n);
	fwrite(line, 1, len, out);
	fputc('\n', out);
}

int main(int argc, char **argv)
{
	cmd_init("uniq", text);
	int c;
	while ((c = getopt(argc, argv, "hcduif:s:")) != -1) {
		if (c == 'i')
			fold = true;
		else if (c == 'f' || c == 's') {
			long v;
			if (!parse_long(optarg, &v) || v < 0)
				die("invalid number of %s to skip: '%s'", c == 'f' ? "fields" : "bytes", optarg);
			*(c == 'f' ? &skip_fields : &skip_chars) = v;
		} else if (c == 'c')
			counts = true;
		else if (c == 'd')
			only_dups = true;
		else if (c == 'u')
			only_uniq = true;
		else
			usage(c == 'h' ? 0 : 1);
	}
	if (argc - optind > 2)
		usage(1);
	int fd = optind < argc ? open_input(argv[optind]) : 0;
	if (fd < 0)
		return 1;
	FILE *out = stdout;
	if (argc - optind == 2 && !(out = fopen(argv[optind + 1], "w")))
		die_errno(argv[optind + 1]);
	struct lines in;
	lines_init(&in, fd);
	char *prev = NULL;
	size_t prev_len = 0;
	long n = 0;
	char *line;
	size_t len;
	while ((line = lines_next(&in, &len, NULL))) {
		if (prev && same(prev, prev_len, line, len)) {
			n++;
			continue;
		}
		if (prev)
			emit(prev, prev_len, n, out);
		free(prev);
		prev = malloc(len + 1);
		if (!prev)
			die("out of memory");
		memcpy(prev, line, len + 1);
		prev_len = len;
		n = 1;
	}
	if (prev)
		emit(prev, prev_len, n, out);
	free(prev);
	int status = 0;
	if (in.err) {
		warn_errno(optind < argc ? argv[optind] : "stdin");
		status = 1;
	}
	lines_free(&in);
	if (fclose(out) != 0 && out != stdout)
		die_errno(argv[optind + 1]);
	return status;
}

/* grep: print lines that match a pattern (the libc's <regex.h>). */
#include "common.h"
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-EFivnclqoxws] [-e PATTERN]... [PATTERN] [FILE...]\n"
	"Print the lines of each FILE (standard input for - or none) that match a PATTERN,\n"
	"a basic regular expression (-E: extended).  Exit status: 0 a line was selected,\n"
	"1 none, 2 an error.\n"
	"  -E  extended regular expressions    -F  PATTERN is a plain string\n"
	"  -i  ignore case          -v  select the lines that do not match\n"
	"  -n  prefix line numbers  -c  print only how many lines were selected\n"
	"  -q  print nothing        -l  print only the names of files with a selected line\n"
	"  -o  print only the matched parts    -x  the whole line must match\n"
	"  -w  the match must be whole words   -s  no messages about unreadable files\n";

static bool opt_v, opt_n, opt_c, opt_q, opt_l, opt_o, opt_x, opt_w, opt_s, opt_F, opt_i;
static regex_t *res;
static char **pats;
static size_t npats;

static bool is_word(unsigned char c)
{
	return isalnum(c) || c == '_';
}

/* A plain string's leftmost occurrence in line[from, len) (-F). */
static bool fixed_find(const char *pat, const char *line, size_t from, size_t len, size_t *so, size_t *eo)
{
	size_t n = strlen(pat);
	for (size_t i = from; i + n <= len; i++) {
		size_t k = 0;
		while (k < n && (opt_i ? tolower((unsigned char)line[i + k]) == tolower((unsigned char)pat[k])
				       : line[i + k] == pat[k]))
			k++;
		if (k == n) {
			*so = i;
			*eo = i + n;
			return true;
		}
	}
	return false;
}

/* The leftmost (then longest) match of any pattern in line[from, len). */
static bool find(const char *line, size_t from, size_t len, size_t *so, size_t *eo)
{
	bool found = false;
	for (size_t p = 0; p < npats; p++) {
		size_t s, e;
		if (opt_F) {
			if (!fixed_find(pats[p], line, from, len, &s, &e))
				continue;
		} else {
			regmatch_t m[1] = { { (regoff_t)from, (regoff_t)len } };
			if (regexec(&res[p], line, 1, m, REG_STARTEND | (from ? REG_NOTBOL : 0)))
				continue;
			s = (size_t)m[0].rm_so;
			e = (size_t)m[0].rm_eo;
		}
		if (!found || s < *so || (s == *so && e > *eo)) {
			*so = s;
			*eo = e;
			found = true;
		}
	}
	return found;
}

static bool whole_word(const char *line, size_t len, size_t so, size_t eo)
{
	return (so == 0 || !is_word((unsigned char)line[so - 1])) &&
	       (eo == len || !is_word((unsigned char)line[eo]));
}

/* Does some pattern match exactly line[so, eo)? */
static bool matches_span(const char *line, size_t len, size_t so, size_t eo)
{
	for (size_t p = 0; p < npats; p++) {
		if (opt_F) {
			size_t s, e;
			if (fixed_find(pats[p], line, so, eo, &s, &e) && s == so && e == eo)
				return true;
			continue;
		}
		regmatch_t m[1] = { { (regoff_t)so, (regoff_t)eo } };
		int fl = REG_STARTEND | (so ? REG_NOTBOL : 0) | (eo < len ? REG_NOTEOL : 0);
		if (!regexec(&res[p], line, 1, m, fl) && m[0].rm_so == (regoff_t)so && m[0].rm_eo == (regoff_t)eo)
			return true;
	}
	return false;
}

/* Does the line match, with -x and -w?  A match that is not a whole word
 * may still have a shorter one at its start that is (GNU grep's rule);
 * failing that, the search goes on one byte further. */
static bool line_matches(const char *line, size_t len)
{
	size_t from = 0, so, eo;
	while (from <= len && find(line, from, len, &so, &eo)) {
		if (opt_x)
			return so == 0 && eo == len;   /* the leftmost-longest match is not the line */
		if (!opt_w || whole_word(line, len, so, eo))
			return true;
		for (size_t e = eo; e-- > so;)
			if (whole_word(line, len, so, e) && matches_span(line, len, so, e))
				return true;
		from = so + 1;
	}
	return false;
}

/* -o: each non-empty match on its own line. */
static void print_parts(const char *line, size_t len, const char *prefix_name, long no)
{
	size_t from = 0, so, eo;
	while (from <= len && find(line, from, len, &so, &eo)) {
		if (eo == so) {
			from = so + 1;
			continue;
		}
		if (prefix_name)
			printf("%s:", prefix_name);
		if (opt_n)
			printf("%ld:", no);
		fwrite(line + so, 1, eo - so, stdout);
		putchar('\n');
		from = eo;
	}
}

/* Lines selected in one file; -1 on a read error. */
static long grep_fd(int fd, const char *name, bool show_name)
{
	struct lines in;
	lines_init(&in, fd);
	long selected = 0, no = 0;
	char *line;
	size_t len;
	while ((line = lines_next(&in, &len, NULL))) {
		no++;
		if (line_matches(line, len) == opt_v)
			continue;
		selected++;
		if (opt_q)
			break;
		if (opt_l || opt_c)
			continue;
		if (opt_o) {
			if (!opt_v)
				print_parts(line, len, show_name ? name : NULL, no);
			continue;
		}
		if (show_name)
			printf("%s:", name);
		if (opt_n)
			printf("%ld:", no);
		fwrite(line, 1, len, stdout);
		putchar('\n');
	}
	bool err = in.err;
	lines_free(&in);
	if (err) {
		if (!opt_s)
			warn_errno(name);
		return -1;
	}
	if (opt_c && !opt_q) {
		if (show_name)
			printf("%s:", name);
		printf("%ld\n", selected);
	}
	if (opt_l && selected && !opt_q)
		puts(name);
	return selected;
}

/* -e PATTERN may hold several patterns, one a line. */
static void add_patterns(const char *arg)
{
	for (;;) {
		const char *nl = strchr(arg, '\n');
		size_t n = nl ? (size_t)(nl - arg) : strlen(arg);
		pats = realloc(pats, (npats + 1) * sizeof *pats);
		if (!pats || !(pats[npats] = strndup(arg, n)))
			die("out of memory");
		npats++;
		if (!nl)
			break;
		arg = nl + 1;
	}
}

int main(int argc, char **argv)
{
	cmd_init("grep", text);
	int cflags = REG_NOSUB;
	int c;
	while ((c = getopt(argc, argv, "hEFivncqloxwse:")) != -1) {
		switch (c) {
		case 'E': cflags |= REG_EXTENDED; break;
		case 'F': opt_F = true; break;
		case 'i': opt_i = true; cflags |= REG_ICASE; break;
		case 'v': opt_v = true; break;
		case 'n': opt_n = true; break;
		case 'c': opt_c = true; break;
		case 'q': opt_q = true; break;
		case 'l': opt_l = true; break;
		case 'o': opt_o = true; break;
		case 'x': opt_x = true; break;
		case 'w': opt_w = true; break;
		case 's': opt_s = true; break;
		case 'e': add_patterns(optarg); break;
		default: usage(c == 'h' ? 0 : 2);
		}
	}
	if (!npats) {
		if (optind == argc)
			usage(2);
		add_patterns(argv[optind++]);
	}
	if (opt_o || opt_w || opt_x)
		cflags &= ~REG_NOSUB;   /* the match's position is needed */
	if (!opt_F) {
		res = calloc(npats, sizeof *res);
		if (!res)
			die("out of memory");
		for (size_t i = 0; i < npats; i++) {
			int err = regcomp(&res[i], pats[i], cflags);
			if (err) {
				char msg[128];
				regerror(err, &res[i], msg, sizeof msg);
				warn("%s: %s", pats[i], msg);
				return 2;
			}
		}
	}
	bool any = false, failed = false;
	int nfiles = argc - optind;
	for (int i = optind; i < argc || (nfiles == 0 && i == optind); i++) {
		const char *name = nfiles ? argv[i] : "-";
		int fd = strcmp(name, "-") == 0 ? 0 : open_input(name);
		if (fd < 0) {
			failed = true;
			continue;
		}
		long n = grep_fd(fd, nfiles ? name : "(standard input)", nfiles > 1);
		if (fd > 0)
			close(fd);
		if (n < 0)
			failed = true;
		else if (n > 0)
			any = true;
		if (any && opt_q)
			break;
	}
	for (size_t i = 0; !opt_F && i < npats; i++)
		regfree(&res[i]);
	if (fflush(stdout) != 0)
		die_errno("write error");
	if (any && opt_q)
		return 0;
	return failed ? 2 : any ? 0 : 1;
}

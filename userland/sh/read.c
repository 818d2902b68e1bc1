/* read [-r] [-p PROMPT] NAME...: one line of standard input, split by
 * IFS into the NAMEs, the last taking the rest of the line.  Without -r a
 * backslash quotes the next character and backslash-newline continues the
 * line.  Input is read a byte at a time so that nothing after the line is
 * taken from a shared descriptor. */
#include "sh.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One line; quoted characters are marked in q (1) for the splitting.
 * False if input ended before a newline (what came is still used). */
static bool read_line_raw(bool raw, struct str *line, struct str *q)
{
	for (;;) {
		char c;
		ssize_t n = read(0, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		if (c == '\n')
			return true;
		if (c == '\\' && !raw) {
			n = read(0, &c, 1);
			if (n <= 0)
				return false;
			if (c == '\n')
				continue;
			str_addc(line, c);
			str_addc(q, 1);
			continue;
		}
		str_addc(line, c);
		str_addc(q, 0);
	}
}

static bool in_ifs(const char *ifs, char c, char quoted)
{
	return !quoted && c && strchr(ifs, c);
}

static bool is_white(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

int builtin_read(int argc, char **argv)
{
	bool raw = false;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "-r")) {
			raw = true;
		} else if (!strcmp(argv[i], "-p") && i + 1 < argc) {
			/* the prompt is for a person: only on a terminal */
			if (isatty(0))
				out_str(2, argv[i + 1]);
			i++;
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else {
			sh_error("read: %s: illegal option", argv[i]);
			return 2;
		}
	}
	if (i == argc) {
		sh_error("read: arg count");
		return 2;
	}
	for (int k = i; k < argc; k++) {
		if (!is_valid_name(argv[k])) {
			sh_error("read: %s: bad variable name", argv[k]);
			return 2;
		}
	}
	struct str line = { 0 }, q = { 0 };
	bool got = read_line_raw(raw, &line, &q);
	const char *ifs = var_get("IFS");
	if (!ifs)
		ifs = " \t\n";
	const char *s = line.s ? line.s : "";
	const char *qs = q.s ? q.s : "";
	size_t n = line.len, p = 0;
	while (p < n && in_ifs(ifs, s[p], qs[p]) && is_white(s[p]))
		p++;
	int st = 0;
	for (; i < argc; i++) {
		struct str v = { 0 };
		if (i == argc - 1) {
			/* the rest, less trailing IFS white space */
			size_t e = n;
			while (e > p && in_ifs(ifs, s[e - 1], qs[e - 1]) && is_white(s[e - 1]))
				e--;
			str_addn(&v, s + p, e - p);
			p = n;
		} else {
			while (p < n && !in_ifs(ifs, s[p], qs[p]))
				str_addc(&v, s[p++]);
			/* the delimiter: white space, one other IFS character, white space */
			while (p < n && in_ifs(ifs, s[p], qs[p]) && is_white(s[p]))
				p++;
			if (p < n && in_ifs(ifs, s[p], qs[p]) && !is_white(s[p]))
				p++;
			while (p < n && in_ifs(ifs, s[p], qs[p]) && is_white(s[p]))
				p++;
		}
		char *val = str_take(&v);
		if (!var_set_checked(argv[i], val))
			st = 1;
		free(val);
	}
	free(line.s);
	free(q.s);
	return got ? st : 1;
}

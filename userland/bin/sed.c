/* sed: the stream editor.  A script is parsed once into a list of
 * commands (blocks become jumps), then each input line is read into the
 * pattern space and the commands run over it.  Regular expressions are
 * the libc's <regex.h>; GNU sed's behaviour is followed where POSIX leaves
 * room (a last line without '\n' stays without one, N on the last line
 * prints the pattern space, -i and -s number each file's lines alone). */
#include "common.h"
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"[-nEs] [-i[SUFFIX]] {SCRIPT | -e SCRIPT... | -f FILE...} [FILE...]\n"
	"Edit each line of the FILEs (standard input for - or none) by the script.\n"
	"  -n  print only what p, P, l, = and s///p ask for   -E, -r  extended regexes\n"
	"  -i  edit the files in place (keeping FILE+SUFFIX)  -s  number each file alone\n"
	"Addresses: N, $, /RE/ (\\cREc), A,B ranges, ! negation.  Commands: { } s///[gpNIw]\n"
	"y/abc/xyz/ a i c TEXT, d D p P n N g G h H x l = q Q r w b t T :label #comment\n";

/* ---- the script */

enum { A_NONE, A_LINE, A_LAST, A_RE, A_STEP };

struct addr {
	int type;
	long line, step;        /* A_STEP: first~step (GNU) */
	regex_t *re;    /* NULL with A_RE: the last regex used */
};

struct outfile {
	char *name;
	FILE *f;
	bool missing_nl;
	struct outfile *next;
};

struct cmd {
	struct addr a1, a2;
	bool negate;
	bool in_range;
	bool started;           /* the range has begun once */
	long range_end;         /* a line-number end already passed: range of one line */
	char c;
	char *text;             /* a i c: the text; : b t T: the label; r: the file */
	size_t text_len;
	regex_t *re;            /* s */
	char *repl;             /* s: the replacement (with \n and & kept as codes) */
	size_t repl_len;
	int nth;                /* s: replace the nth match (and after, with g) */
	bool global, print;
	struct outfile *wfile;  /* s///w and w */
	unsigned char ymap[256];
	int target;             /* b t T and {: where to go; }: nothing */
	int exit_code;          /* q Q */
};

static struct cmd *cmds;
static int ncmds, cmd_cap;
static int cflags;
static bool opt_n, opt_s, opt_i;
static const char *suffix = "";
static struct outfile *outfiles;
static struct outfile out_stdout;

/* The script's text: every -e joined with newlines. */
static char *script;
static size_t script_len;
static const char *sp;          /* the parser's position */

static void script_add(const char *s, size_t n)
{
	script = realloc(script, script_len + n + 2);
	if (!script)
		die("out of memory");
	memcpy(script + script_len, s, n);
	script_len += n;
	script[script_len++] = '\n';
	script[script_len] = 0;
}

static _Noreturn void bad(const char *what)
{
	die("-e expression #1, char %ld: %s", (long)(sp - script), what);
}

static struct cmd *new_cmd(void)
{
	if (ncmds == cmd_cap) {
		cmd_cap = cmd_cap ? cmd_cap * 2 : 32;
		cmds = realloc(cmds, (size_t)cmd_cap * sizeof *cmds);
		if (!cmds)
			die("out of memory");
	}
	struct cmd *c = &cmds[ncmds++];
	memset(c, 0, sizeof *c);
	return c;
}

static void skip_blanks(void)
{
	while (*sp == ' ' || *sp == '\t')
		sp++;
}

/* Text up to the unescaped delimiter; "\n" becomes a newline, "\delim"
 * the delimiter, other escapes are kept for the regex. */
static char *delimited(char delim, bool regex, size_t *len)
{
	size_t cap = 64, n = 0;
	char *buf = malloc(cap);
	if (!buf)
		die("out of memory");
	for (;;) {
		if (!*sp)
			bad("unterminated `s' command");
		char ch = *sp++;
		if (ch == delim)
			break;
		if (n + 3 >= cap && !(buf = realloc(buf, cap *= 2)))
			die("out of memory");
		if (ch == '\\' && *sp) {
			char e = *sp++;
			if (e == delim) {
				buf[n++] = e;
			} else if (e == 'n') {
				buf[n++] = '\n';
			} else if (e == '\n') {
				buf[n++] = '\n';
			} else {
				buf[n++] = '\\';
				buf[n++] = e;
			}
			continue;
		}
		if (regex && ch == '[') {
			/* a bracket expression may hold the delimiter */
			buf[n++] = ch;
			const char *q = sp;
			if (*q == '^')
				q++;
			if (*q == ']')
				q++;
			while (*q && *q != ']' && *q != '\n') {
				if (q[0] == '[' && (q[1] == ':' || q[1] == '.' || q[1] == '=')) {
					const char *e = strchr(q + 2, q[1]);
					if (e && e[1] == ']')
						q = e + 1;
				}
				q++;
			}
			if (*q == ']') {
				while (sp <= q) {
					if (n + 3 >= cap && !(buf = realloc(buf, cap *= 2)))
						die("out of memory");
					buf[n++] = *sp++;
				}
			}
			continue;
		}
		buf[n++] = ch;
	}
	buf[n] = 0;
	*len = n;
	return buf;
}

static regex_t *last_re;

static regex_t *compile(const char *pat, int extra)
{
	if (!*pat)
		return NULL;    /* the empty regex: the last one used */
	regex_t *re = malloc(sizeof *re);
	if (!re)
		die("out of memory");
	int err = regcomp(re, pat, cflags | extra);
	if (err) {
		char msg[128];
		regerror(err, re, msg, sizeof msg);
		die("-e expression #1: %s", msg);
	}
	return re;
}

static bool parse_addr(struct addr *a)
{
	if (isdigit((unsigned char)*sp)) {
		a->type = A_LINE;
		a->line = strtol(sp, (char **)&sp, 10);
		if (*sp == '~') {
			a->type = A_STEP;
			a->step = strtol(sp + 1, (char **)&sp, 10);
		}
		return true;
	}
	if (*sp == '$') {
		sp++;
		a->type = A_LAST;
		return true;
	}
	if (*sp == '/' || *sp == '\\') {
		char delim = '/';
		if (*sp == '\\')
			delim = *++sp;
		sp++;
		size_t len;
		char *pat = delimited(delim, true, &len);
		int extra = 0;
		while (*sp == 'I' || *sp == 'M') {
			extra |= *sp == 'I' ? REG_ICASE : REG_NEWLINE;
			sp++;
		}
		a->type = A_RE;
		a->re = compile(pat, extra);
		free(pat);
		return true;
	}
	return false;
}

static struct outfile *open_out(const char *name)
{
	if (!strcmp(name, "/dev/stdout"))
		return &out_stdout;
	for (struct outfile *o = outfiles; o; o = o->next)
		if (!strcmp(o->name, name))
			return o;
	struct outfile *o = calloc(1, sizeof *o);
	if (!o || !(o->name = strdup(name)))
		die("out of memory");
	if (!(o->f = fopen(name, "w")))
		die_errno(name);
	o->next = outfiles;
	outfiles = o;
	return o;
}

/* The rest of the line (a file name or label), blanks before skipped. */
static char *rest_of_line(bool stop_at_semicolon)
{
	skip_blanks();
	const char *start = sp;
	while (*sp && *sp != '\n' && !(stop_at_semicolon && (*sp == ';' || *sp == '}')))
		sp++;
	const char *end = sp;
	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	char *s = strndup(start, (size_t)(end - start));
	if (!s)
		die("out of memory");
	return s;
}

/* a, i, c: GNU's one-line form ("a text") or POSIX's ("a\" newline text),
 * lines continued by a trailing backslash. */
static void parse_text(struct cmd *c)
{
	skip_blanks();
	if (*sp == '\\') {
		sp++;
		if (*sp == '\n')
			sp++;
	}
	size_t cap = 64, n = 0;
	char *buf = malloc(cap);
	while (buf && *sp && *sp != '\n') {
		if (n + 2 >= cap && !(buf = realloc(buf, cap *= 2)))
			break;
		if (*sp == '\\' && sp[1]) {
			sp++;
			buf[n++] = *sp++;       /* "\" newline continues; "\x" is x */
			continue;
		}
		buf[n++] = *sp++;
	}
	if (!buf)
		die("out of memory");
	buf[n++] = '\n';
	buf[n] = 0;
	c->text = buf;
	c->text_len = n;
}

static void parse_s(struct cmd *c)
{
	char delim = *sp++;
	if (!delim || delim == '\n' || delim == '\\')
		bad("unterminated `s' command");
	size_t len;
	char *pat = delimited(delim, true, &len);
	/* the replacement: keep '\' escapes for the substitution to read */
	size_t cap = 64, n = 0;
	char *r = malloc(cap);
	for (;;) {
		if (!r)
			die("out of memory");
		if (!*sp)
			bad("unterminated `s' command");
		char ch = *sp++;
		if (ch == delim)
			break;
		if (n + 3 >= cap && !(r = realloc(r, cap *= 2)))
			die("out of memory");
		if (ch == '\\' && *sp) {
			char e = *sp++;
			if (e == delim && delim != '&' && !isdigit((unsigned char)delim)) {
				r[n++] = e;
			} else if (e == 'n' || e == '\n') {
				r[n++] = '\n';
			} else if (e == 't') {
				r[n++] = '\t';
			} else {
				r[n++] = '\\';
				r[n++] = e;
			}
			continue;
		}
		r[n++] = ch;
	}
	r[n] = 0;
	c->repl = r;
	c->repl_len = n;
	c->nth = 1;
	int extra = 0;
	for (;;) {
		if (*sp == 'g') {
			c->global = true;
			sp++;
		} else if (*sp == 'p') {
			c->print = true;
			sp++;
		} else if (*sp == 'I' || *sp == 'i') {
			extra |= REG_ICASE;
			sp++;
		} else if (*sp == 'M' || *sp == 'm') {
			extra |= REG_NEWLINE;
			sp++;
		} else if (isdigit((unsigned char)*sp)) {
			c->nth = (int)strtol(sp, (char **)&sp, 10);
			if (c->nth <= 0)
				bad("number option to `s' command may not be zero");
		} else if (*sp == 'w') {
			sp++;
			char *name = rest_of_line(false);
			c->wfile = open_out(name);
			free(name);
			break;
		} else {
			break;
		}
	}
	c->re = compile(pat, extra);
	free(pat);
}

static void parse_y(struct cmd *c)
{
	char delim = *sp++;
	size_t n1, n2;
	char *a = delimited(delim, false, &n1), *b = delimited(delim, false, &n2);
	/* delimited kept "\\x" as two bytes: only "\\\\" means a backslash here */
	size_t i = 0, j = 0;
	for (size_t k = 0; k < n1; k++)
		a[i++] = (a[k] == '\\' && k + 1 < n1 && a[k + 1] == '\\') ? a[k++] : a[k];
	for (size_t k = 0; k < n2; k++)
		b[j++] = (b[k] == '\\' && k + 1 < n2 && b[k + 1] == '\\') ? b[k++] : b[k];
	if (i != j)
		bad("strings for `y' command are different lengths");
	for (int k = 0; k < 256; k++)
		c->ymap[k] = (unsigned char)k;
	for (size_t k = 0; k < i; k++)
		c->ymap[(unsigned char)a[k]] = (unsigned char)b[k];
	free(a);
	free(b);
}

static void parse_script(void)
{
	int stack[64], depth = 0;
	sp = script;
	if (sp[0] == '#' && sp[1] == 'n' && sp[2] == '\n')
		opt_n = true;
	for (;;) {
		while (*sp == ' ' || *sp == '\t' || *sp == '\n' || *sp == ';')
			sp++;
		if (!*sp)
			break;
		if (*sp == '#') {
			while (*sp && *sp != '\n')
				sp++;
			continue;
		}
		struct cmd *c = new_cmd();
		if (parse_addr(&c->a1)) {
			skip_blanks();
			if (*sp == ',') {
				sp++;
				skip_blanks();
				if (!parse_addr(&c->a2))
					bad("unexpected `,'");
			}
			/* line 0 exists only as 0,/re/: the range may end on line 1 */
			bool zero = (c->a1.type == A_LINE || (c->a1.type == A_STEP && c->a1.step <= 0)) &&
				    c->a1.line == 0;
			if (zero && c->a2.type != A_RE)
				bad("invalid usage of line address 0");
			if (zero)
				c->in_range = true;
		}
		skip_blanks();
		while (*sp == '!') {
			c->negate = true;
			sp++;
			skip_blanks();
		}
		c->c = *sp++;
		switch (c->c) {
		case '{':
			if (depth == 64)
				bad("blocks nested too deeply");
			stack[depth++] = ncmds - 1;
			continue;
		case '}':
			if (!depth)
				bad("unexpected `}'");
			if (c->a1.type)
				bad("} doesn't want any addresses");
			cmds[stack[--depth]].target = ncmds;   /* '{' skips to after the '}' */
			break;
		case 'a': case 'i': case 'c':
			parse_text(c);
			continue;
		case ':':
			if (c->a1.type)
				bad(": doesn't want any addresses");
			c->text = rest_of_line(true);
			if (!*c->text)
				bad("\":\" lacks a label");
			break;
		case 'b': case 't': case 'T':
			c->text = rest_of_line(true);
			break;
		case 'r': case 'w':
			c->text = rest_of_line(false);
			if (c->c == 'w')
				c->wfile = open_out(c->text);
			break;
		case 'q': case 'Q':
			skip_blanks();
			c->exit_code = isdigit((unsigned char)*sp) ? (int)strtol(sp, (char **)&sp, 10) : 0;
			break;
		case 's':
			parse_s(c);
			break;
		case 'y':
			parse_y(c);
			break;
		case '=': case 'd': case 'D': case 'g': case 'G': case 'h': case 'H': case 'l':
		case 'n': case 'N': case 'p': case 'P': case 'x': case 'z':
			break;
		default:
			sp--;
			bad("unknown command");
		}
		skip_blanks();
		if (*sp && *sp != '\n' && *sp != ';' && *sp != '}' && *sp != '#')
			bad("extra characters after command");
	}
	if (depth)
		bad("unmatched `{'");
	/* labels */
	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];
		if (!strchr("btT", c->c))
			continue;
		c->target = ncmds;      /* no label: to the end of the script */
		if (!*c->text)
			continue;
		int j = 0;
		while (j < ncmds && !(cmds[j].c == ':' && !strcmp(cmds[j].text, c->text)))
			j++;
		if (j == ncmds)
			die("-e expression #1: can't find label for jump to `%s'", c->text);
		c->target = j;
	}
}

/* ---- input: every file as one stream, one line looked ahead to know $ */

static char **files;
static int nfiles, file_idx;
static int in_fd = -1;
static struct lines in;
static bool have_next;
static char *next_line;
static size_t next_len, next_cap;
static bool next_nl;
static int status;
static long lineno;
static FILE *out;               /* where the pattern space goes (stdout, or -i's file) */
static char *inplace_tmp;

static bool open_next_file(void);

/* Read the line after the current one into next_*; false at the end of
 * the stream (or of the file, with -s/-i). */
static void look_ahead(void)
{
	have_next = false;
	for (;;) {
		if (in_fd >= 0) {
			size_t len;
			bool nl;
			char *l = lines_next(&in, &len, &nl);
			if (l) {
				if (next_cap < len + 1) {
					next_cap = len + 1;
					if (!(next_line = realloc(next_line, next_cap)))
						die("out of memory");
				}
				memcpy(next_line, l, len + 1);
				next_len = len;
				next_nl = nl;
				have_next = true;
				return;
			}
			if (in.err) {
				warn_errno(files[file_idx - 1]);
				status = 2;
			}
			lines_free(&in);
			if (in_fd > 0)
				close(in_fd);
			in_fd = -1;
			if (opt_s)
				return;         /* each file ends on its own */
		}
		if (!open_next_file())
			return;
	}
}

static bool open_next_file(void)
{
	while (file_idx < nfiles) {
		const char *name = files[file_idx++];
		int fd = strcmp(name, "-") ? open(name, O_RDONLY) : 0;
		if (fd < 0) {
			warn("can't read %s: %s", name, strerror(errno));
			status = 2;
			continue;
		}
		in_fd = fd;
		lines_init(&in, fd);
		return true;
	}
	return false;
}

/* ---- the pattern and hold spaces */

struct buf {
	char *s;
	size_t len, cap;
};

static void buf_reserve(struct buf *b, size_t n)
{
	if (b->cap >= n + 1)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < n + 1)
		cap *= 2;
	if (!(b->s = realloc(b->s, cap)))
		die("out of memory");
	b->cap = cap;
}

static void buf_set(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	memmove(b->s, s, n);
	b->len = n;
	b->s[n] = 0;
}

static void buf_add(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, b->len + n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

static struct buf ps, hs;
/* Did the line ended with '\n'?  It travels with the text (h, g, x), as
 * in GNU sed: only a last line without one is printed without one. */
static bool ps_nl = true, hs_nl = true;

/* Append queue: a's text and r's files, written at the end of the cycle. */
struct pending {
	const char *text;
	size_t len;
	bool is_file;
};
static struct pending *queue;
static int nqueue, queue_cap;

static void out_bytes(struct outfile *o, const char *s, size_t n, bool nl)
{
	FILE *f = o == &out_stdout ? out : o->f;
	if (o->missing_nl)
		putc('\n', f);
	fwrite(s, 1, n, f);
	if (nl)
		putc('\n', f);
	o->missing_nl = !nl;
}

static void print_ps(struct outfile *o, size_t n)
{
	/* only the pattern space's last line may lack its newline */
	out_bytes(o, ps.s, n, n < ps.len || ps_nl);
}

static void flush_queue(void)
{
	for (int i = 0; i < nqueue; i++) {
		if (!queue[i].is_file) {
			out_bytes(&out_stdout, queue[i].text, queue[i].len, false);
			out_stdout.missing_nl = false;
			continue;
		}
		size_t len;
		char *data = read_file(queue[i].text, &len);
		if (data && len) {
			out_bytes(&out_stdout, data, len, false);
			out_stdout.missing_nl = data[len - 1] != '\n';
		}
		free(data);
	}
	nqueue = 0;
}

static void enqueue(const char *text, size_t len, bool is_file)
{
	if (nqueue == queue_cap) {
		queue_cap = queue_cap ? queue_cap * 2 : 8;
		if (!(queue = realloc(queue, (size_t)queue_cap * sizeof *queue)))
			die("out of memory");
	}
	queue[nqueue++] = (struct pending){ text, len, is_file };
}

/* Move the looked-ahead line into the pattern space (or append it). */
static bool read_line(bool append)
{
	if (!have_next)
		return false;
	if (append) {
		buf_add(&ps, "\n", 1);
		buf_add(&ps, next_line, next_len);
	} else {
		buf_set(&ps, next_line, next_len);
	}
	ps_nl = next_nl;
	lineno++;
	look_ahead();
	return true;
}

/* ---- running the script */

static bool replaced;           /* an s/// succeeded since the last line read or t */

static bool match_re(regex_t *re, const char *s, size_t len, size_t from, regmatch_t *m, size_t nm)
{
	if (!re)
		re = last_re;
	if (!re)
		die("no previous regular expression");
	last_re = re;
	m[0].rm_so = (regoff_t)from;
	m[0].rm_eo = (regoff_t)len;
	return regexec(re, s, nm, m, REG_STARTEND | (from ? REG_NOTBOL : 0)) == 0;
}

static bool addr_match(struct addr *a)
{
	regmatch_t m[1];
	switch (a->type) {
	case A_LINE: return lineno == a->line;
	case A_STEP:
		return a->step <= 0 ? lineno == a->line
				    : lineno >= a->line && (lineno - a->line) % a->step == 0;
	case A_LAST: return !have_next;
	case A_RE: return match_re(a->re, ps.s, ps.len, 0, m, 1);
	}
	return false;
}

static bool selected(struct cmd *c)
{
	if (!c->a1.type)
		return true;
	if (!c->a2.type)
		return addr_match(&c->a1);
	if (c->in_range) {
		if (c->a2.type == A_LINE) {
			if (lineno >= c->a2.line)
				c->in_range = false;
			return lineno <= c->a2.line || c->a2.line < c->range_end;
		}
		if (addr_match(&c->a2))
			c->in_range = false;
		return true;
	}
	/* a line-number start skipped over (by N) still starts the range, once */
	bool passed = c->a1.type == A_LINE && !c->started && lineno > c->a1.line &&
		      !(c->a2.type == A_LINE && lineno > c->a2.line);
	if (!passed && !addr_match(&c->a1))
		return false;
	c->started = true;
	/* a line-number end at or before the start: a range of one line */
	if (c->a2.type == A_LINE && c->a2.line <= lineno)
		return true;
	if (c->a2.type == A_LAST && !have_next)
		return true;
	c->in_range = true;
	c->range_end = lineno;
	return true;
}

static void substitute(struct cmd *c)
{
	regmatch_t m[10];
	struct buf r = { 0 };
	size_t pos = 0, copied = 0;
	int count = 0;
	bool done = false;
	long prev_end = -1;
	while (pos <= ps.len && match_re(c->re, ps.s, ps.len, pos, m, 10)) {
		size_t so = (size_t)m[0].rm_so, eo = (size_t)m[0].rm_eo;
		/* an empty match right after the previous match does not count */
		if (so == eo && (long)so == prev_end) {
			pos = so + 1;
			continue;
		}
		count++;
		if (count >= c->nth) {
			buf_add(&r, ps.s + copied, so - copied);
			for (size_t i = 0; i < c->repl_len; i++) {
				char ch = c->repl[i];
				if (ch == '&') {
					buf_add(&r, ps.s + so, eo - so);
				} else if (ch == '\\' && i + 1 < c->repl_len) {
					char e = c->repl[++i];
					if (e >= '0' && e <= '9') {
						regmatch_t *g = &m[e - '0'];
						if (g->rm_so >= 0)
							buf_add(&r, ps.s + g->rm_so, (size_t)(g->rm_eo - g->rm_so));
					} else {
						buf_add(&r, &e, 1);
					}
				} else {
					buf_add(&r, &ch, 1);
				}
			}
			copied = eo;
			done = true;
			if (!c->global)
				break;
		}
		prev_end = (long)eo;
		pos = eo > so ? eo : so + 1;
	}
	if (!done) {
		free(r.s);
		return;
	}
	buf_add(&r, ps.s + copied, ps.len - copied);
	free(ps.s);
	ps = r;
	replaced = true;
	if (c->print)
		print_ps(&out_stdout, ps.len);
	if (c->wfile)
		print_ps(c->wfile, ps.len);
}

/* l: the pattern space unambiguously, folded at 70 columns. */
static void list_ps(void)
{
	char line[128];
	size_t n = 0;
	FILE *f = out;
	if (out_stdout.missing_nl) {
		putc('\n', f);
		out_stdout.missing_nl = false;
	}
	for (size_t i = 0; i < ps.len; i++) {
		unsigned char ch = (unsigned char)ps.s[i];
		char piece[8];
		static const char esc[] = "\\\\\aa\bb\ff\nn\rr\tt\vv";
		const char *e = ch ? strchr(esc, ch) : NULL;
		if (e && ((e - esc) % 2) == 0)
			snprintf(piece, sizeof piece, "\\%c", e[1]);
		else if (!isprint(ch))
			snprintf(piece, sizeof piece, "\\%03o", ch);
		else
			snprintf(piece, sizeof piece, "%c", ch);
		size_t k = strlen(piece);
		if (n + k > 69) {
			fprintf(f, "%.*s\\\n", (int)n, line);
			n = 0;
		}
		memcpy(line + n, piece, k);
		n += k;
	}
	fprintf(f, "%.*s$\n", (int)n, line);
}

/* QUIT is q's; END_INPUT is n or N finding no more input (GNU: print and stop) */
enum { GO_ON, NEXT_CYCLE, RESTART, QUIT, QUIT_SILENT, END_INPUT };

/* Run the script over the pattern space; what the cycle does next. */
static int run(void)
{
	for (int pc = 0; pc < ncmds; pc++) {
		struct cmd *c = &cmds[pc];
		if (c->c == ':' || c->c == '}')
			continue;
		if (selected(c) == c->negate) {
			if (c->c == '{')
				pc = c->target - 1;
			continue;
		}
		switch (c->c) {
		case '{':
			break;
		case '=':
			if (out_stdout.missing_nl) {
				putc('\n', out);
				out_stdout.missing_nl = false;
			}
			fprintf(out, "%ld\n", lineno);
			break;
		case 'a':
			enqueue(c->text, c->text_len, false);
			break;
		case 'i':
			out_bytes(&out_stdout, c->text, c->text_len, false);
			out_stdout.missing_nl = false;
			break;
		case 'c':
			/* in a range, the text replaces the whole range, printed at its end */
			if (!c->a2.type || !c->in_range || c->negate) {
				out_bytes(&out_stdout, c->text, c->text_len, false);
				out_stdout.missing_nl = false;
			}
			return NEXT_CYCLE;
		case 'd':
			return NEXT_CYCLE;
		case 'D': {
			char *nl = memchr(ps.s, '\n', ps.len);
			if (!nl)
				return NEXT_CYCLE;
			buf_set(&ps, nl + 1, ps.len - (size_t)(nl + 1 - ps.s));
			return RESTART;
		}
		case 'g':
			buf_set(&ps, hs.s ? hs.s : "", hs.len);
			ps_nl = hs_nl;
			break;
		case 'G':
			buf_add(&ps, "\n", 1);
			buf_add(&ps, hs.s ? hs.s : "", hs.len);
			ps_nl = hs_nl;  /* appending takes the source's ending (GNU) */
			break;
		case 'h':
			buf_set(&hs, ps.s, ps.len);
			hs_nl = ps_nl;
			break;
		case 'H':
			buf_add(&hs, "\n", 1);
			buf_add(&hs, ps.s, ps.len);
			hs_nl = ps_nl;
			break;
		case 'x': {
			struct buf t = ps;
			ps = hs;
			hs = t;
			bool nl = ps_nl;
			ps_nl = hs_nl;
			hs_nl = nl;
			if (!ps.s)
				buf_set(&ps, "", 0);
			break;
		}
		case 'l':
			list_ps();
			break;
		case 'n':
			if (!have_next)
				return opt_n ? QUIT_SILENT : END_INPUT;
			if (!opt_n)
				print_ps(&out_stdout, ps.len);
			flush_queue();
			read_line(false);
			break;
		case 'N':
			if (!have_next)
				return opt_n ? QUIT_SILENT : END_INPUT;   /* GNU: print what is there */
			flush_queue();
			read_line(true);
			break;
		case 'p':
			print_ps(&out_stdout, ps.len);
			break;
		case 'P': {
			char *nl = memchr(ps.s, '\n', ps.len);
			if (nl)
				out_bytes(&out_stdout, ps.s, (size_t)(nl - ps.s), true);
			else
				print_ps(&out_stdout, ps.len);
			break;
		}
		case 'q':
			status = status ? status : c->exit_code;
			return QUIT;
		case 'Q':
			status = status ? status : c->exit_code;
			return QUIT_SILENT;
		case 'r':
			enqueue(c->text, 0, true);
			break;
		case 'w':
			print_ps(c->wfile, ps.len);
			break;
		case 's':
			substitute(c);
			break;
		case 't':
		case 'T':
			if (replaced == (c->c == 't')) {
				replaced = false;
				pc = c->target - 1;
			} else if (c->c == 'T') {
				replaced = false;
			}
			break;
		case 'b':
			pc = c->target - 1;
			break;
		case 'y':
			for (size_t i = 0; i < ps.len; i++)
				ps.s[i] = (char)c->ymap[(unsigned char)ps.s[i]];
			break;
		case 'z':
			ps.len = 0;
			ps.s[0] = 0;
			break;
		}
	}
	return GO_ON;
}

/* Edit the stream (every file, or one with -i/-s); false once q was run. */
static bool edit(void)
{
	bool restart = false;
	lineno = opt_s ? 0 : lineno;
	look_ahead();
	for (;;) {
		if (!restart) {
			if (!read_line(false))
				return true;
			replaced = false;
		}
		int r = run();
		restart = r == RESTART;   /* D: again, on what is left, reading nothing */
		if ((r == GO_ON || r == QUIT || r == END_INPUT) && !opt_n)
			print_ps(&out_stdout, ps.len);
		flush_queue();
		if (r == QUIT && out_stdout.missing_nl) {
			putc('\n', out);       /* GNU: q ends the output with a newline */
			out_stdout.missing_nl = false;
		}
		if (r == QUIT || r == QUIT_SILENT || r == END_INPUT)
			return false;
	}
}

/* -i: the file's edited text goes to a temporary file beside it, which
 * then takes its place (the old one kept as FILE+SUFFIX if asked). */
static void edit_in_place(const char *name)
{
	struct stat st;
	if (stat(name, &st) < 0) {
		warn("can't read %s: %s", name, strerror(errno));
		status = 2;
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		warn("couldn't edit %s: not a regular file", name);
		status = 4;
		return;
	}
	size_t n = strlen(name);
	inplace_tmp = malloc(n + 16);
	if (!inplace_tmp)
		die("out of memory");
	snprintf(inplace_tmp, n + 16, "%s.sedXXXXXX", name);
	int fd = mkstemp(inplace_tmp);
	if (fd < 0)
		die("couldn't open temporary file %s: %s", inplace_tmp, strerror(errno));
	fchmod(fd, st.st_mode & 07777);
	out = fdopen(fd, "w");
	if (!out)
		die_errno(inplace_tmp);
	out_stdout.missing_nl = false;
	files = (char **)&name;
	nfiles = 1;
	file_idx = 0;
	bool go_on = edit();
	if (fclose(out) != 0)
		die_errno(inplace_tmp);
	if (*suffix) {
		char *bak = malloc(n + strlen(suffix) + 1);
		if (!bak)
			die("out of memory");
		sprintf(bak, "%s%s", name, suffix);
		if (rename(name, bak) < 0)
			warn_errno(bak);
		free(bak);
	}
	if (rename(inplace_tmp, name) < 0)
		die_errno(name);
	free(inplace_tmp);
	inplace_tmp = NULL;
	out = stdout;
	if (!go_on)
		exit(status);
}

int main(int argc, char **argv)
{
	cmd_init("sed", help);
	bool have_script = false;
	/* options anywhere (GNU's permutation): operands are gathered apart */
	char **operands = calloc((size_t)argc + 1, sizeof *operands);
	int nops = 0;
	if (!operands)
		die("out of memory");
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--")) {
			while (++i < argc)
				operands[nops++] = argv[i];
			break;
		}
		if (a[0] != '-' || !a[1]) {
			operands[nops++] = argv[i];
			continue;
		}
		if (!strcmp(a, "--help"))
			usage(0);
		for (const char *o = a + 1; *o; o++) {
			switch (*o) {
			case 'n': opt_n = true; break;
			case 's': opt_s = true; break;
			case 'E': case 'r': cflags |= REG_EXTENDED; break;
			case 'i':
				opt_i = opt_s = true;
				suffix = o + 1;
				o += strlen(o) - 1;
				break;
			case 'e': case 'f': {
				const char *arg = o[1] ? o + 1 : argv[++i];
				if (!arg)
					usage(1);
				if (*o == 'e') {
					script_add(arg, strlen(arg));
				} else {
					size_t len;
					char *t = strcmp(arg, "-") ? read_file(arg, &len) : NULL;
					if (!t)
						die("couldn't open file %s: %s", arg, strerror(errno));
					if (len && t[len - 1] == '\n')
						len--;
					script_add(t, len);
					free(t);
				}
				have_script = true;
				o += strlen(o) - 1;
				break;
			}
			case 'h': usage(0);
			default:
				warn("invalid option -- '%c'", *o);
				usage(1);
			}
		}
	}
	argc = nops;
	argv = operands;
	int i = 0;
	if (!have_script) {
		if (i == argc)
			usage(1);
		script_add(argv[i], strlen(argv[i]));
		i++;
	}
	out = stdout;
	parse_script();
	static char *dash[] = { "-" };
	if (opt_i) {
		if (i == argc)
			die("no input files");
		for (; i < argc; i++)
			edit_in_place(argv[i]);
	} else {
		files = i < argc ? argv + i : dash;
		nfiles = i < argc ? argc - i : 1;
		while (file_idx < nfiles || in_fd >= 0) {
			if (!edit())
				break;
			if (!opt_s)
				break;
		}
	}
	for (struct outfile *o = outfiles; o; o = o->next)
		fclose(o->f);
	if (fflush(stdout) != 0)
		die_errno("couldn't write");
	return status;
}

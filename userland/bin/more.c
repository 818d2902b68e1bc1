/* more and less (one program; the name it is called by picks the prompt):
 * a pager that reads files or a pipe lazily, line by line as the screen
 * needs them, and takes its keys from the terminal (/dev/tty when standard
 * input is the pipe).  Lines longer than the screen wrap onto the next
 * rows; tabs go to the next multiple of 8; control bytes show as ^X.
 * Searching is for a plain string (no regular expressions), matches shown
 * in reverse video.  When standard output is not a terminal it copies its
 * input, as both programs do. */
#include "common.h"
#include "term.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help_text[] =
	"[FILE...]\n"
	"Show FILEs (or standard input) a screen at a time.  Keys (N: an optional count):\n"
	"  space f ^F PgDn  next screen        b ^B PgUp       previous screen\n"
	"  Enter j e ^N Down  N lines down     k y ^P Up       N lines up\n"
	"  d ^D  half a screen down            u ^U            half a screen up\n"
	"  g < Home  first line (or line N)    G > End         last line (or line N)\n"
	"  /RE  search forward ?RE backward (extended regular expressions)  n N  again, same or other way\n"
	"  :n :p  next and previous file       ^L r  redraw (also when the window is resized)\n"
	"  q Q ZZ ^C  quit\n";

struct doc {
	const char *name;
	int fd;
	bool eof;
	long long size;         /* bytes, when a regular file; else -1 */
	char **line;
	size_t *len;
	size_t n, cap;
	long long bytes;        /* read so far */
	char *part;             /* a line without its '\n' yet */
	size_t part_len;
};

static struct doc doc;
static int rows, cols, page;            /* page: rows for text (all but the prompt) */
static size_t top;                      /* first line shown */
static bool is_more;
static char *pattern;                   /* last search */
static bool search_back;
static char msg[160];                   /* shown once in the prompt line */

static void add_line(const char *s, size_t n)
{
	if (doc.n == doc.cap) {
		doc.cap = doc.cap ? doc.cap * 2 : 256;
		doc.line = realloc(doc.line, doc.cap * sizeof *doc.line);
		doc.len = realloc(doc.len, doc.cap * sizeof *doc.len);
		if (!doc.line || !doc.len)
			die("out of memory");
	}
	char *p = malloc(n + 1);
	if (!p)
		die("out of memory");
	memcpy(p, s, n);
	p[n] = 0;
	doc.line[doc.n] = p;
	doc.len[doc.n++] = n;
}

/* Read until there are at least want lines (or the end). */
static void load(size_t want)
{
	char buf[8192];
	while (!doc.eof && doc.n < want) {
		ssize_t r = read(doc.fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			doc.eof = true;
			if (doc.part_len)
				add_line(doc.part, doc.part_len);
			doc.part_len = 0;
			break;
		}
		doc.bytes += r;
		size_t s = 0;
		for (size_t i = 0; i < (size_t)r; i++) {
			if (buf[i] != '\n')
				continue;
			if (doc.part_len) {
				doc.part = realloc(doc.part, doc.part_len + i - s);
				if (!doc.part)
					die("out of memory");
				memcpy(doc.part + doc.part_len, buf + s, i - s);
				add_line(doc.part, doc.part_len + i - s);
				doc.part_len = 0;
			} else {
				add_line(buf + s, i - s);
			}
			s = i + 1;
		}
		if (s < (size_t)r) {
			doc.part = realloc(doc.part, doc.part_len + (size_t)r - s);
			if (!doc.part)
				die("out of memory");
			memcpy(doc.part + doc.part_len, buf + s, (size_t)r - s);
			doc.part_len += (size_t)r - s;
		}
	}
}

static void close_doc(void)
{
	for (size_t i = 0; i < doc.n; i++)
		free(doc.line[i]);
	free(doc.line);
	free(doc.len);
	free(doc.part);
	if (doc.fd > 0)
		close(doc.fd);
	memset(&doc, 0, sizeof doc);
}

static bool open_doc(const char *name)
{
	close_doc();
	int fd = open_input(name);
	if (fd < 0)
		return false;
	struct stat st;
	doc.fd = fd;
	doc.name = name;
	doc.size = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? (long long)st.st_size : -1;
	top = 0;
	return true;
}

/* Display cells of byte c at column col (tabs depend on it); UTF-8
 * continuation bytes take none. */
static int cell_width(unsigned char c, int col)
{
	if (c == '\t')
		return 8 - col % 8;
	if (c < 0x20 || c == 0x7f)
		return 2;
	if (c >= 0x80 && c < 0xc0)
		return 0;
	return 1;
}

/* Screen rows line i takes. */
static int line_rows(size_t i)
{
	int col = 0, r = 1;
	for (size_t k = 0; k < doc.len[i]; k++) {
		int w = cell_width((unsigned char)doc.line[i][k], col);
		if (col + w > cols) {
			r++;
			col = 0;
			w = cell_width((unsigned char)doc.line[i][k], 0);
		}
		col += w;
	}
	return r;
}

static bool in_match(size_t i, size_t k, size_t *until)
{
	if (!pattern || !*pattern)
		return false;
	size_t pl = strlen(pattern);
	if (k + pl <= doc.len[i] && memcmp(doc.line[i] + k, pattern, pl) == 0) {
		*until = k + pl;
		return true;
	}
	return false;
}

/* Draw line i from screen row row; returns the next free row. */
static int draw_line(size_t i, int row)
{
	int col = 0;
	size_t hl_end = 0;
	bool hl = false;
	out_move(row, 0);
	for (size_t k = 0; k < doc.len[i]; k++) {
		unsigned char c = (unsigned char)doc.line[i][k];
		if (!hl && in_match(i, k, &hl_end)) {
			hl = true;
			out_s("\033[7m");
		} else if (hl && k >= hl_end) {
			hl = false;
			out_s("\033[m");
			if (in_match(i, k, &hl_end)) {
				hl = true;
				out_s("\033[7m");
			}
		}
		int w = cell_width(c, col);
		if (col + w > cols) {
			if (++row >= page)
				break;
			col = 0;
			w = cell_width(c, 0);
			out_move(row, 0);
		}
		if (c == '\t')
			out_f("%*s", w, "");
		else if (c < 0x20 || c == 0x7f)
			out_f("^%c", c == 0x7f ? '?' : c + '@');
		else
			out_c((char)c);
		col += w;
	}
	if (hl)
		out_s("\033[m");
	if (col < cols)
		out_s("\033[K");
	return row + 1;
}

/* t, or less when from t the text would end above the last text row:
 * only the lines up to a screen after t are read for it (a pipe that never
 * ends is fine). */
static size_t clamp_top(size_t t)
{
	load(t + (size_t)page + 1);
	if (!doc.eof || t + (size_t)page < doc.n)
		return t;
	size_t m = doc.n;
	int used = 0;
	while (m > 0 && used + line_rows(m - 1) <= page)
		used += line_rows(--m);
	return t < m ? t : m;
}

/* Is the last line on the screen (as far as is known without reading on)? */
static bool at_end(void)
{
	int used = 0;
	size_t i = top;
	load(top + (size_t)page + 1);
	for (; i < doc.n && used + line_rows(i) <= page; i++)
		used += line_rows(i);
	return i >= doc.n && doc.eof;
}

static void prompt(void)
{
	out_move(rows - 1, 0);
	out_s("\033[7m");
	if (msg[0]) {
		out_s(msg);
		msg[0] = 0;
	} else if (is_more) {
		out_s("--More--");
		if (at_end())
			out_s("(END)");
		else if (doc.size > 0) {
			/* the share of bytes up to the end of the screen */
			long long b = 0;
			for (size_t i = 0; i < top + (size_t)page && i < doc.n; i++)
				b += (long long)doc.len[i] + 1;
			out_f("(%lld%%)", b * 100 / doc.size > 100 ? 100 : b * 100 / doc.size);
		}
	} else if (at_end()) {
		out_s("(END)");
	} else if (top == 0 && strcmp(doc.name, "-")) {
		out_s(doc.name);
	} else {
		out_s(":");
	}
	out_s("\033[m\033[K");
}

static void draw(void)
{
	load(top + (size_t)page + 1);
	int row = 0;
	for (size_t i = top; i < doc.n && row < page; i++)
		row = draw_line(i, row);
	for (; row < page; row++) {
		out_move(row, 0);
		out_s("~\033[K");
	}
	prompt();
	out_flush();
}

static void down(size_t n)
{
	top = clamp_top(top + n);
}

static void up(size_t n)
{
	top = n > top ? 0 : top - n;
}

/* Move to the first line after the screen. */
static void page_down(void)
{
	int used = 0;
	size_t i = top;
	load(top + (size_t)page + 1);
	while (i < doc.n && used + line_rows(i) <= page)
		used += line_rows(i++);
	if (i == top)
		i++;
	top = clamp_top(i);
}

static void page_up(void)
{
	int used = 0;
	while (top > 0 && used + line_rows(top - 1) <= page)
		used += line_rows(--top);
}

/* Read a line of text on the prompt row after the character lead: false
 * when cancelled (ESC, ^C, or erasing past the start). */
static bool read_text(char lead, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = 0;
	for (;;) {
		out_move(rows - 1, 0);
		out_f("%c%s\033[K", lead, buf);
		out_flush();
		int c = term_key();
		if (c == '\r' || c == '\n')
			return true;
		if (c == 27 || c == CTRL('C') || c == KEY_EOF)
			return false;
		if (c == 127 || c == CTRL('H')) {
			if (n == 0)
				return false;
			buf[--n] = 0;
		} else if (c == CTRL('U')) {
			n = 0;
			buf[0] = 0;
		} else if (c >= 0x20 && c < 0x100 && n + 1 < size) {
			buf[n++] = (char)c;
			buf[n] = 0;
		}
	}
}

static regex_t pattern_re;              /* pattern, compiled */

static bool line_has(size_t i)
{
	size_t so, eo;
	return term_find(&pattern_re, doc.line[i], doc.len[i], 0, &so, &eo);
}

/* A new pattern: an extended regular expression (as less takes them). */
static bool set_pattern(const char *text)
{
	regex_t re;
	int err = regcomp(&re, text, REG_EXTENDED);
	if (err) {
		char why[100];
		regerror(err, &re, why, sizeof why);
		snprintf(msg, sizeof msg, "Invalid pattern: %s", why);
		return false;
	}
	if (pattern)
		regfree(&pattern_re);
	free(pattern);
	pattern = strdup(text);
	pattern_re = re;
	return true;
}

/* The next line holding the pattern after (or before) the top line; the
 * match becomes the top line. */
static void search(bool back)
{
	if (!pattern || !*pattern) {
		snprintf(msg, sizeof msg, "No previous pattern");
		return;
	}
	if (back) {
		for (size_t i = top; i-- > 0;)
			if (line_has(i)) {
				top = i;
				return;
			}
	} else {
		for (size_t i = top + 1;; i++) {
			load(i + 1);
			if (i >= doc.n)
				break;
			if (line_has(i)) {
				top = clamp_top(i);
				return;
			}
		}
	}
	snprintf(msg, sizeof msg, "Pattern not found");
}

static void copy_out(int fd)
{
	char buf[8192];
	ssize_t r;
	while ((r = read(fd, buf, sizeof buf)) > 0 || (r < 0 && errno == EINTR))
		if (r > 0 && write_all(1, buf, (size_t)r) < 0)
			die_errno("write");
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	is_more = strcmp(base, "less") != 0;
	cmd_init(is_more ? "more" : "less", help_text);
	int first = 1;
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		usage(0);
	if (argc > 1 && !strcmp(argv[1], "--"))
		first = 2;
	char *dash[] = { "-" };
	char **files = argc > first ? argv + first : dash;
	int nfiles = argc > first ? argc - first : 1;

	if (!isatty(1)) {
		int status = 0;
		for (int i = 0; i < nfiles; i++) {
			int fd = open_input(files[i]);
			if (fd < 0) {
				status = 1;
				continue;
			}
			copy_out(fd);
			if (fd > 0)
				close(fd);
		}
		return status;
	}
	if (nfiles == 1 && !strcmp(files[0], "-") && isatty(0))
		die("missing file name (\"%s --help\" for help)", progname);
	if (!term_open())
		die("no terminal to read keys from");
	term_size(&rows, &cols);
	page = rows - 1;
	int cur = 0;
	while (cur < nfiles && !open_doc(files[cur]))
		cur++;
	if (cur == nfiles)
		return 1;
	term_raw();
	out_s("\033[H\033[2J");
	long count = 0;
	char text[256];
	for (;;) {
		draw();
		int c = term_key();
		if (c >= '0' && c <= '9') {
			count = count * 10 + (c - '0');
			if (count > 100000000)
				count = 100000000;
			continue;
		}
		size_t n = count > 0 ? (size_t)count : 1;
		bool counted = count > 0;
		count = 0;
		switch (c) {
		case 'q': case 'Q': case CTRL('C'): case KEY_EOF:
			goto quit;
		case 'Z':
			if (term_key() == 'Z')
				goto quit;
			break;
		case '\r': case '\n': case 'j': case 'e': case CTRL('E'): case CTRL('N'): case KEY_DOWN:
			down(n);
			break;
		case 'k': case 'y': case CTRL('Y'): case CTRL('P'): case CTRL('K'): case KEY_UP:
			up(n);
			break;
		case ' ': case 'f': case CTRL('F'): case CTRL('V'): case KEY_PGDN: case 'z':
			if (is_more && at_end()) {
				/* more: paging past the end goes on to the next file or quits */
				while (++cur < nfiles && !open_doc(files[cur]))
					;
				if (cur >= nfiles)
					goto quit;
				break;
			}
			if (counted)
				down(n);
			else
				page_down();
			break;
		case 'b': case CTRL('B'): case KEY_PGUP:
			if (counted)
				up(n);
			else
				page_up();
			break;
		case 'd': case CTRL('D'):
			down(counted ? n : (size_t)(page + 1) / 2);
			break;
		case 'u': case CTRL('U'):
			up(counted ? n : (size_t)(page + 1) / 2);
			break;
		case 'g': case '<': case KEY_HOME:
			top = 0;
			if (counted)
				top = clamp_top(n - 1);
			break;
		case 'G': case '>': case KEY_END:
			if (counted) {
				top = clamp_top(n - 1);
			} else {
				load((size_t)-1);
				top = clamp_top(doc.n);
			}
			break;
		case '/': case '?':
			if (read_text((char)c, text, sizeof text)) {
				if (!text[0] || set_pattern(text)) {
					search_back = c == '?';
					search(search_back);
				}
			}
			break;
		case 'n':
			search(search_back);
			break;
		case 'N':
			search(!search_back);
			break;
		case ':':
			if (read_text(':', text, sizeof text)) {
				int to = cur;
				if (!strcmp(text, "n"))
					to = cur + 1;
				else if (!strcmp(text, "p"))
					to = cur - 1;
				else if (!strcmp(text, "q"))
					goto quit;
				if (to < 0 || to >= nfiles)
					snprintf(msg, sizeof msg, "No %s file", to < 0 ? "previous" : "next");
				else if (to != cur && open_doc(files[to]))
					cur = to;
			}
			break;
		case '=':
			snprintf(msg, sizeof msg, "%s: lines %zu-... of %s%zu", doc.name, top + 1,
				 doc.eof ? "" : "at least ", doc.n);
			break;
		case CTRL('L'): case 'r': case KEY_RESIZE:      /* SIGWINCH: the new size */
			term_size(&rows, &cols);
			page = rows - 1;
			top = clamp_top(top);
			out_s("\033[H\033[2J");
			break;
		}
	}
quit:
	out_move(rows - 1, 0);
	out_s("\033[K");
	out_flush();
	term_restore();
	close_doc();
	return 0;
}

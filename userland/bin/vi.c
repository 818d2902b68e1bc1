/* vi: a small full-screen editor with the core of vi.
 *
 * The text is an array of lines.  Every change goes through three
 * primitives (set_line, insert_lines, delete_lines) that first take a
 * snapshot of the whole text for undo, once per command: undo and redo
 * are then exact, many levels deep, at the cost of a copy of the text per
 * change (fine for the files one edits on a console).  The keys of the last
 * change are recorded and replayed by '.'.
 *
 * The screen is redrawn after each key, but only the rows that differ from
 * what is already shown are sent.  Long lines wrap onto the next rows; tabs
 * go to the next multiple of 8; control bytes show as ^X.  Searches and :s
 * take plain text, not regular expressions. */
#include "common.h"
#include "term.h"
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help_text[] =
	"[FILE]\n"
	"Edit FILE full screen.  Normal mode: h j k l w b e 0 ^ $ gg G f t F T ; ,\n"
	"^F ^B ^D ^U move; i a I A o O insert (ESC ends); x X dd D d<motion> cc C cw\n"
	"c<motion> s S yy Y y<motion> p P r J ~ change; u ^R undo, redo; . repeat;\n"
	"/RE ?RE n N search (basic regular expressions); ZZ write and quit.  Ex: :w [FILE]\n"
	":q :q! :wq :x :e FILE :N "
	":[range]s/RE/NEW/[g] (& in NEW: the match; range: N, N,M, ., $, %) :[range]d.\n";

struct line {
	char *s;
	size_t n;
};

struct pos {
	size_t y, x;
};

/* the text */
static struct line *L;
static size_t nl;
static char *fname;
static bool modified;

/* the screen */
static int rows, cols, textrows;
static size_t top;                      /* first line shown */
static char **shadow;                   /* what each row shows now */
static char msg[256];
static bool inserting;

/* the cursor */
static size_t cy, cx;
static size_t want_col;                 /* column j and k aim for */

/* ---------------------------------------------------------------- memory */

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static char *xmemdup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

/* ---------------------------------------------------------------- undo */

struct snap {
	struct line *L;
	size_t nl, cy, cx;
};

#define UNDO_MAX 200
static struct snap undo_stack[UNDO_MAX], redo_stack[UNDO_MAX];
static int undo_n, redo_n;
static bool snapped;            /* this command has its snapshot already */

static struct snap take(void)
{
	struct snap s = { xmalloc(nl * sizeof *L), nl, cy, cx };
	for (size_t i = 0; i < nl; i++)
		s.L[i] = (struct line){ xmemdup(L[i].s, L[i].n), L[i].n };
	return s;
}

static void drop(struct snap *s)
{
	for (size_t i = 0; i < s->nl; i++)
		free(s->L[i].s);
	free(s->L);
}

static void push(struct snap *stack, int *n, struct snap s)
{
	if (*n == UNDO_MAX) {
		drop(&stack[0]);
		memmove(stack, stack + 1, (UNDO_MAX - 1) * sizeof *stack);
		(*n)--;
	}
	stack[(*n)++] = s;
}

static void free_text(void)
{
	for (size_t i = 0; i < nl; i++)
		free(L[i].s);
	free(L);
	L = NULL;
	nl = 0;
}

/* Replace the text with a snapshot (which is consumed). */
static void restore(struct snap s)
{
	free_text();
	L = s.L;
	nl = s.nl;
	cy = s.cy < nl ? s.cy : nl - 1;
	cx = s.cx;
	modified = true;
}

static void before_change(void)
{
	if (snapped)
		return;
	snapped = true;
	modified = true;
	push(undo_stack, &undo_n, take());
	while (redo_n > 0)
		drop(&redo_stack[--redo_n]);
}

static void undo(bool redo)
{
	struct snap *from = redo ? redo_stack : undo_stack, *to = redo ? undo_stack : redo_stack;
	int *fn = redo ? &redo_n : &undo_n, *tn = redo ? &undo_n : &redo_n;
	if (*fn == 0) {
		snprintf(msg, sizeof msg, redo ? "Already at newest change" : "Already at oldest change");
		return;
	}
	push(to, tn, take());
	restore(from[--*fn]);
}

/* ---------------------------------------------------------------- the text */

static void set_line(size_t y, const char *s, size_t n)
{
	before_change();
	char *p = xmemdup(s, n);
	free(L[y].s);
	L[y] = (struct line){ p, n };
}

static void insert_lines(size_t at, size_t count)
{
	before_change();
	L = realloc(L, (nl + count) * sizeof *L);
	if (!L)
		die("out of memory");
	memmove(L + at + count, L + at, (nl - at) * sizeof *L);
	for (size_t i = 0; i < count; i++)
		L[at + i] = (struct line){ xmemdup("", 0), 0 };
	nl += count;
}

/* Delete count lines from at; the text keeps one (empty) line at least. */
static void delete_lines(size_t at, size_t count)
{
	before_change();
	for (size_t i = 0; i < count; i++)
		free(L[at + i].s);
	memmove(L + at, L + at + count, (nl - at - count) * sizeof *L);
	nl -= count;
	if (nl == 0) {
		nl = 1;
		L[0] = (struct line){ xmemdup("", 0), 0 };
	}
}

/* Insert text (may hold '\n') at p; returns the position after it. */
static struct pos insert_text(struct pos p, const char *t, size_t n)
{
	struct line *l = &L[p.y];
	char *tail = xmemdup(l->s + p.x, l->n - p.x);
	size_t tail_n = l->n - p.x;
	size_t y = p.y, x = p.x;
	const char *seg = t;
	for (;;) {
		const char *nlp = memchr(seg, '\n', (size_t)(t + n - seg));
		size_t k = nlp ? (size_t)(nlp - seg) : (size_t)(t + n - seg);
		/* line y so far = its head up to x, then this segment */
		char *nb = xmalloc(x + k + 1);
		memcpy(nb, L[y].s, x);
		memcpy(nb + x, seg, k);
		set_line(y, nb, x + k);
		free(nb);
		x += k;
		if (!nlp)
			break;
		insert_lines(y + 1, 1);
		y++;
		x = 0;
		seg = nlp + 1;
	}
	char *nb = xmalloc(L[y].n + tail_n + 1);
	memcpy(nb, L[y].s, L[y].n);
	memcpy(nb + L[y].n, tail, tail_n);
	set_line(y, nb, L[y].n + tail_n);
	free(nb);
	free(tail);
	return (struct pos){ y, x };
}

static int cmp(struct pos a, struct pos b)
{
	return a.y != b.y ? (a.y < b.y ? -1 : 1) : (a.x < b.x ? -1 : a.x > b.x);
}

/* The text from a up to b (b excluded; x may be a line's length = its
 * newline), malloc'd. */
static char *get_text(struct pos a, struct pos b, size_t *len)
{
	size_t cap = 64, n = 0;
	char *r = xmalloc(cap);
	for (struct pos p = a; cmp(p, b) < 0;) {
		char c;
		if (p.x < L[p.y].n) {
			c = L[p.y].s[p.x++];
		} else {
			c = '\n';
			if (p.y + 1 >= nl) {
				p.x++;
			} else {
				p.y++;
				p.x = 0;
			}
		}
		if (n + 1 >= cap)
			r = realloc(r, cap *= 2);
		if (!r)
			die("out of memory");
		r[n++] = c;
	}
	r[n] = 0;
	*len = n;
	return r;
}

static void delete_text(struct pos a, struct pos b)
{
	if (b.y >= nl) {
		b.y = nl - 1;
		b.x = L[b.y].n;
	}
	if (b.x > L[b.y].n) {          /* through the newline of b's line */
		if (b.y + 1 < nl) {
			b.y++;
			b.x = 0;
		} else {
			b.x = L[b.y].n;
		}
	}
	size_t n = a.x + L[b.y].n - b.x;
	char *nb = xmalloc(n + 1);
	memcpy(nb, L[a.y].s, a.x);
	memcpy(nb + a.x, L[b.y].s + b.x, L[b.y].n - b.x);
	set_line(a.y, nb, n);
	free(nb);
	if (b.y > a.y)
		delete_lines(a.y + 1, b.y - a.y);
}

/* ---------------------------------------------------------------- register */

static char *reg;
static size_t reg_n;
static bool reg_lines;          /* whole lines (dd, yy) or characters */

static void yank(char *text, size_t n, bool lines)
{
	free(reg);
	reg = text;
	reg_n = n;
	reg_lines = lines;
}

static void yank_lines(size_t y, size_t count)
{
	size_t len;
	char *t = get_text((struct pos){ y, 0 }, (struct pos){ y + count - 1, L[y + count - 1].n + 1 }, &len);
	if (len == 0 || t[len - 1] != '\n') {   /* the last line's newline */
		t = realloc(t, len + 2);
		if (!t)
			die("out of memory");
		t[len++] = '\n';
		t[len] = 0;
	}
	yank(t, len, true);
}

/* ---------------------------------------------------------------- loading and saving */

static void load_file(const char *name)
{
	free_text();
	nl = 0;
	size_t len = 0;
	char *text = read_file(name, &len);
	size_t cap = 16;
	L = xmalloc(cap * sizeof *L);
	if (!text) {
		if (errno == ENOENT)
			snprintf(msg, sizeof msg, "\"%s\" [New File]", name);
		else
			snprintf(msg, sizeof msg, "\"%s\" %s", name, strerror(errno));
	} else {
		for (size_t s = 0; s < len;) {
			char *e = memchr(text + s, '\n', len - s);
			size_t k = e ? (size_t)(e - text) - s : len - s;
			if (nl == cap)
				L = realloc(L, (cap *= 2) * sizeof *L);
			if (!L)
				die("out of memory");
			L[nl++] = (struct line){ xmemdup(text + s, k), k };
			s += k + 1;
		}
		snprintf(msg, sizeof msg, "\"%s\" %zuL, %zuB", name, nl, len);
		free(text);
	}
	if (nl == 0)
		L[nl++] = (struct line){ xmemdup("", 0), 0 };
	cy = cx = 0;
	top = 0;
	modified = false;
	while (undo_n > 0)
		drop(&undo_stack[--undo_n]);
	while (redo_n > 0)
		drop(&redo_stack[--redo_n]);
}

static bool write_file(const char *name)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		snprintf(msg, sizeof msg, "\"%s\" %s", name, strerror(errno));
		return false;
	}
	size_t bytes = 0;
	bool ok = true;
	/* one empty line is an empty file */
	if (!(nl == 1 && L[0].n == 0))
		for (size_t i = 0; i < nl && ok; i++) {
			ok = write_all(fd, L[i].s, L[i].n) == 0 && write_all(fd, "\n", 1) == 0;
			bytes += L[i].n + 1;
		}
	if (close(fd) < 0)
		ok = false;
	if (!ok) {
		snprintf(msg, sizeof msg, "\"%s\" write error: %s", name, strerror(errno));
		return false;
	}
	snprintf(msg, sizeof msg, "\"%s\" %zuL, %zuB written", name, bytes ? nl : 0, bytes);
	if (!fname || !strcmp(name, fname))
		modified = false;
	return true;
}

/* ---------------------------------------------------------------- the screen */

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

/* Display column of byte x of line y (its first cell). */
static int col_of(size_t y, size_t x)
{
	int col = 0;
	for (size_t i = 0; i < x && i < L[y].n; i++)
		col += cell_width((unsigned char)L[y].s[i], col);
	return col;
}

static int line_rows(size_t y)
{
	int w = col_of(y, L[y].n);
	return w == 0 ? 1 : (w + cols - 1) / cols;
}

static void scroll_to_cursor(void)
{
	if (cy < top)
		top = cy;
	for (;;) {
		int used = 0;
		for (size_t i = top; i < cy; i++)
			used += line_rows(i);
		used += col_of(cy, cx) / cols + 1;
		if (used <= textrows || top == cy)
			break;
		top++;
	}
}

/* Put row text (already with its escapes) on screen row r, if it changed. */
static void show_row(int r, const char *text)
{
	if (shadow[r] && !strcmp(shadow[r], text))
		return;
	free(shadow[r]);
	shadow[r] = xmemdup(text, strlen(text));
	out_move(r, 0);
	out_s(text);
	out_s("\033[K");
}

static void draw(void)
{
	scroll_to_cursor();
	int r = 0;
	for (size_t y = top; y < nl && r < textrows; y++) {
		/* a row holds at most cols cells of 2 bytes, and bytes of no width */
		char *row = xmalloc((size_t)cols * 2 + L[y].n + 16);
		size_t n = 0;
		int col = 0;
		for (size_t i = 0; i < L[y].n; i++) {
			unsigned char c = (unsigned char)L[y].s[i];
			int w = cell_width(c, col);
			if (col + w > cols) {         /* wrap */
				row[n] = 0;
				show_row(r++, row);
				if (r >= textrows)
					break;
				n = 0;
				col = 0;
				w = cell_width(c, 0);
			}
			if (c == '\t')
				for (int k = 0; k < w; k++)
					row[n++] = ' ';
			else if (c < 0x20 || c == 0x7f) {
				row[n++] = '^';
				row[n++] = c == 0x7f ? '?' : (char)(c + '@');
			} else
				row[n++] = (char)c;
			col += w;
		}
		if (r < textrows) {
			row[n] = 0;
			show_row(r++, row);
		}
		free(row);
	}
	for (; r < textrows; r++)
		show_row(r, "~");
	/* the status row: a message, or the mode; the cursor's line and column */
	char status[512];
	const char *left = msg[0] ? msg : inserting ? "-- INSERT --" : "";
	int w = cols > 40 ? cols - 20 : cols / 2;
	snprintf(status, sizeof status, "%-*.*s %zu,%zu", w, w, left, cy + 1, cx + 1);
	show_row(rows - 1, status);
	msg[0] = 0;
	/* the cursor */
	int used = 0;
	for (size_t i = top; i < cy; i++)
		used += line_rows(i);
	int c = col_of(cy, cx);
	if (!inserting && cx < L[cy].n && L[cy].s[cx] == '\t')
		c += cell_width('\t', c) - 1;   /* on a tab: its last cell, as vi does */
	out_move(used + c / cols, c % cols);
	out_flush();
}

static void redraw_all(void)
{
	for (int r = 0; r < rows; r++) {
		free(shadow[r]);
		shadow[r] = NULL;
	}
	out_s("\033[H\033[2J");
}

/* The terminal's size again (^L, SIGWINCH): the row shadows follow it. */
static void resize(void)
{
	redraw_all();
	free(shadow);
	term_size(&rows, &cols);
	textrows = rows - 1;
	shadow = calloc((size_t)rows, sizeof *shadow);
	if (!shadow)
		die("out of memory");
}

/* ---------------------------------------------------------------- keys and '.' */

static int *replay;             /* keys being replayed by '.' */
static size_t replay_n, replay_at;
static int *rec, *dot;          /* the current command's keys; the last change's */
static size_t rec_n, rec_cap, dot_n;

static void resize(void);

static int getkey(void)
{
	int c;
	if (replay_at < replay_n)
		c = replay[replay_at++];
	else
		while ((c = term_key()) == KEY_RESIZE) {    /* SIGWINCH: redraw at the new size */
			resize();
			draw();
		}
	if (rec_n == rec_cap) {
		rec_cap = rec_cap ? rec_cap * 2 : 64;
		rec = realloc(rec, rec_cap * sizeof *rec);
		if (!rec)
			die("out of memory");
	}
	rec[rec_n++] = c;
	return c;
}

static bool replaying(void)
{
	return replay_at < replay_n;
}

/* ---------------------------------------------------------------- motions */

static int at(struct pos p)
{
	return p.x < L[p.y].n ? (unsigned char)L[p.y].s[p.x] : '\n';
}

static bool fwd(struct pos *p)
{
	if (p->x < L[p->y].n) {
		p->x++;
		return true;
	}
	if (p->y + 1 < nl) {
		p->y++;
		p->x = 0;
		return true;
	}
	return false;
}

static bool bwd(struct pos *p)
{
	if (p->x > 0) {
		p->x--;
		return true;
	}
	if (p->y > 0) {
		p->y--;
		p->x = L[p->y].n;
		return true;
	}
	return false;
}

static int cls(int c)
{
	if (c == ' ' || c == '\t' || c == '\n')
		return 0;
	return isalnum(c) || c == '_' || c >= 0x80 ? 1 : 2;
}

static struct pos word_fwd(struct pos p)
{
	size_t y0 = p.y;
	int c = cls(at(p));
	if (c)
		while (cls(at(p)) == c)
			if (!fwd(&p))
				return p;
	while (cls(at(p)) == 0) {
		if (L[p.y].n == 0 && p.y != y0)
			break;          /* an empty line is a word */
		if (!fwd(&p))
			break;
	}
	return p;
}

static struct pos word_end(struct pos p)
{
	fwd(&p);
	while (cls(at(p)) == 0 && fwd(&p))
		;
	int c = cls(at(p));
	struct pos q = p;
	while (fwd(&q) && cls(at(q)) == c && c)
		p = q;
	return p;
}

static struct pos word_back(struct pos p)
{
	bwd(&p);
	while (cls(at(p)) == 0 && !(L[p.y].n == 0) && bwd(&p))
		;
	int c = cls(at(p));
	struct pos q = p;
	while (c && bwd(&q) && cls(at(q)) == c)
		p = q;
	return p;
}

static size_t first_nonblank(size_t y)
{
	size_t x = 0;
	while (x < L[y].n && (L[y].s[x] == ' ' || L[y].s[x] == '\t'))
		x++;
	return x;
}

/* Keep the cursor on a character (normal mode: not past the last). */
static void clamp_cursor(void)
{
	if (cy >= nl)
		cy = nl - 1;
	size_t max = L[cy].n == 0 ? 0 : L[cy].n - (inserting ? 0 : 1);
	if (cx > max)
		cx = max;
}

static int find_c;              /* last f/t/F/T: the command and its character */
static int find_ch;

static bool find_in_line(int cmd, int ch, long count, struct pos *p)
{
	size_t x = p->x;
	const struct line *l = &L[p->y];
	bool back = cmd == 'F' || cmd == 'T';
	bool till = cmd == 't' || cmd == 'T';
	for (long k = 0; k < count; k++) {
		size_t s = x;
		/* a repeated t/T must get past the character it stopped before */
		if (till && k == 0 && ((back && s > 0 && (unsigned char)l->s[s - 1] == ch) ||
				       (!back && s + 1 < l->n && (unsigned char)l->s[s + 1] == ch)))
			s = back ? s - 1 : s + 1;
		for (;;) {
			if (back ? s == 0 : s + 1 >= l->n)
				return false;
			s = back ? s - 1 : s + 1;
			if ((unsigned char)l->s[s] == ch)
				break;
		}
		x = s;
	}
	if (till)
		x = back ? x + 1 : x - 1;
	p->x = x;
	return true;
}

/* ---------------------------------------------------------------- search */

static char *last_pat;
static bool last_back;

static regex_t last_re;                 /* last_pat, compiled */

/* A new search pattern: a basic regular expression, as vi's are. */
static bool set_pattern(const char *text)
{
	regex_t re;
	int err = regcomp(&re, text, 0);
	if (err) {
		char why[100];
		regerror(err, &re, why, sizeof why);
		snprintf(msg, sizeof msg, "Invalid pattern: %s", why);
		return false;
	}
	if (last_pat)
		regfree(&last_re);
	free(last_pat);
	last_pat = xmemdup(text, strlen(text));
	last_re = re;
	return true;
}

/* The first match in line y at or after column from: its start and end. */
static bool line_find(size_t y, size_t from, size_t *at_x, size_t *end_x)
{
	return term_find(&last_re, L[y].s, L[y].n, from, at_x, end_x);
}

/* The next match from p (not at p), wrapping around the end. */
static bool search(bool back, struct pos *p)
{
	if (!last_pat || !*last_pat) {
		snprintf(msg, sizeof msg, "No previous regular expression");
		return false;
	}
	size_t x, end;
	if (!back) {
		for (size_t k = 0; k <= nl; k++) {
			size_t y = (p->y + k) % nl;
			size_t from = k == 0 ? p->x + 1 : 0;
			if (k == nl)
				from = 0;
			if (line_find(y, from, &x, &end) && (k < nl || x <= p->x)) {
				if (y < p->y || (y == p->y && k))
					snprintf(msg, sizeof msg, "search hit BOTTOM, continuing at TOP");
				*p = (struct pos){ y, x };
				return true;
			}
		}
	} else {
		for (size_t k = 0; k <= nl; k++) {
			size_t y = (p->y + nl - k % nl) % nl;
			size_t best = (size_t)-1, from = 0;
			while (from <= L[y].n && line_find(y, from, &x, &end)) {
				if (k == 0 && x >= p->x)
					break;
				best = x;
				from = x + 1;
			}
			if (best != (size_t)-1) {
				if (y > p->y || (y == p->y && k))
					snprintf(msg, sizeof msg, "search hit TOP, continuing at BOTTOM");
				*p = (struct pos){ y, best };
				return true;
			}
		}
	}
	snprintf(msg, sizeof msg, "Pattern not found: %s", last_pat);
	return false;
}

/* Read a line on the status row after lead; false if cancelled. */
static bool read_line(char lead, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = 0;
	for (;;) {
		if (!replaying()) {
			out_move(rows - 1, 0);
			out_f("%c%s\033[K", lead, buf);
			out_flush();
			free(shadow[rows - 1]);
			shadow[rows - 1] = NULL;
		}
		int c = getkey();
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
		} else if (c == CTRL('V')) {
			c = getkey();
			if (c >= 0 && c < 0x100 && n + 1 < size) {
				buf[n++] = (char)c;
				buf[n] = 0;
			}
		} else if (c >= 0x20 && c < 0x100 && n + 1 < size) {
			buf[n++] = (char)c;
			buf[n] = 0;
		} else if (c == '\t' && n + 1 < size) {
			buf[n++] = '\t';
			buf[n] = 0;
		}
	}
}

/* ---------------------------------------------------------------- insert mode */

/* Insert typed text at the cursor until ESC; with a count, the text
 * typed goes in count times (on count new lines after o and O), when it
 * was typed plainly (no erasing, no cursor keys). */
static void insert_count(long count, bool lines)
{
	char *typed = NULL;
	size_t typed_n = 0, typed_cap = 0;
	bool plain = true;
	inserting = true;
	clamp_cursor();
	for (;;) {
		if (!replaying())
			draw();
		int c = getkey();
		if (c == 27 || c == KEY_EOF || c == CTRL('C'))
			break;
		if (count > 1 && (c == '\r' || c == '\n' || c == '\t' || (c >= 0x20 && c < 0x100))) {
			if (typed_n == typed_cap) {
				typed_cap = typed_cap ? typed_cap * 2 : 64;
				typed = realloc(typed, typed_cap);
				if (!typed)
					die("out of memory");
			}
			typed[typed_n++] = c == '\r' ? '\n' : (char)c;
		} else if (count > 1) {
			plain = false;
		}
		if (c == '\r' || c == '\n') {
			struct pos p = insert_text((struct pos){ cy, cx }, "\n", 1);
			cy = p.y;
			cx = p.x;
		} else if (c == 127 || c == CTRL('H')) {
			if (cx > 0) {
				delete_text((struct pos){ cy, cx - 1 }, (struct pos){ cy, cx });
				cx--;
			} else if (cy > 0) {
				size_t x = L[cy - 1].n;
				delete_text((struct pos){ cy - 1, x }, (struct pos){ cy, 0 });
				cy--;
				cx = x;
			}
		} else if (c == CTRL('W')) {
			size_t x = cx;
			while (x > 0 && (L[cy].s[x - 1] == ' ' || L[cy].s[x - 1] == '\t'))
				x--;
			while (x > 0 && L[cy].s[x - 1] != ' ' && L[cy].s[x - 1] != '\t')
				x--;
			if (x < cx)
				delete_text((struct pos){ cy, x }, (struct pos){ cy, cx });
			cx = x;
		} else if (c == KEY_LEFT) {
			if (cx > 0)
				cx--;
		} else if (c == KEY_RIGHT) {
			if (cx < L[cy].n)
				cx++;
		} else if (c == KEY_UP || c == KEY_DOWN) {
			if (c == KEY_UP ? cy > 0 : cy + 1 < nl)
				cy += c == KEY_UP ? (size_t)-1 : 1;
			clamp_cursor();
		} else if (c == CTRL('V') || (c >= 0x20 && c < 0x100) || c == '\t') {
			if (c == CTRL('V'))
				c = getkey();
			if (c < 0 || c >= 0x100)
				continue;
			char ch = (char)c;
			struct pos p = insert_text((struct pos){ cy, cx }, &ch, 1);
			cx = p.x;
		}
	}
	for (long k = 1; plain && k < count && typed_n; k++) {
		if (lines) {
			struct pos p = insert_text((struct pos){ cy, L[cy].n }, "\n", 1);
			cy = p.y;
			cx = p.x;
		}
		struct pos p = insert_text((struct pos){ cy, cx }, typed, typed_n);
		cy = p.y;
		cx = p.x;
	}
	free(typed);
	inserting = false;
	if (cx > 0)
		cx--;
	clamp_cursor();
	want_col = cx;
}

static void insert_mode(void)
{
	insert_count(1, false);
}

/* ---------------------------------------------------------------- operators */

struct range {
	struct pos a, b;        /* b excluded (charwise) */
	bool lines;             /* whole lines a.y..b.y */
};

/* Read a motion after an operator (op = 'd', 'c', 'y') and turn it into a
 * range from the cursor; count already multiplied.  False if none. */
static bool op_motion(int op, long count, struct range *r)
{
	int c = getkey();
	long n2 = 0;
	while ((c >= '1' && c <= '9') || (n2 && c == '0')) {
		n2 = n2 * 10 + (c - '0');
		c = getkey();
	}
	if (n2)
		count *= n2;
	struct pos cur = { cy, cx }, p = cur;
	r->lines = false;
	bool inclusive = false;
	if (c == op) {                  /* dd cc yy */
		if (cy + (size_t)count > nl)
			count = (long)(nl - cy);
		r->a = (struct pos){ cy, 0 };
		r->b = (struct pos){ cy + (size_t)count - 1, 0 };
		r->lines = true;
		return true;
	}
	switch (c) {
	case 'h': case KEY_LEFT: case 127: case CTRL('H'):
		if (cx == 0)
			return false;
		p.x = cx > (size_t)count ? cx - (size_t)count : 0;
		break;
	case 'l': case ' ': case KEY_RIGHT:
		p.x = cx + (size_t)count > L[cy].n ? L[cy].n : cx + (size_t)count;
		break;
	case 'w': case 'W':
		if (op == 'c' && cls(at(p)) != 0) {
			/* cw is ce, but a word's last character is a word end already */
			struct pos q = p;
			bool at_end = !fwd(&q) || q.y != p.y || cls(at(q)) != cls(at(p));
			for (long k = at_end ? 1 : 0; k < count; k++)
				p = word_end(p);
			inclusive = true;
			break;
		}
		for (long k = 0; k < count; k++)
			p = word_fwd(p);
		/* the last word of a line: not on into the next line */
		if (p.y > cy) {
			p.y = cy;
			p.x = L[cy].n;
		}
		break;
	case 'e': case 'E':
		for (long k = 0; k < count; k++)
			p = word_end(p);
		inclusive = true;
		break;
	case 'b': case 'B':
		for (long k = 0; k < count; k++)
			p = word_back(p);
		break;
	case '0': case KEY_HOME:
		p.x = 0;
		break;
	case '^':
		p.x = first_nonblank(cy);
		break;
	case '$': case KEY_END:
		p.y = cy + (size_t)count - 1 < nl ? cy + (size_t)count - 1 : nl - 1;
		p.x = L[p.y].n;
		break;
	case 'f': case 't': case 'F': case 'T': {
		int ch = getkey();
		if (!find_in_line(c, ch, count, &p))
			return false;
		find_c = c;
		find_ch = ch;
		inclusive = c == 'f' || c == 't';
		break;
	}
	case 'j': case KEY_DOWN: case 'k': case KEY_UP: case 'G': case 'g': {
		size_t y;
		if (c == 'g' && getkey() != 'g')
			return false;
		if (c == 'j' || c == KEY_DOWN)
			y = cy + (size_t)count;
		else if (c == 'k' || c == KEY_UP)
			y = (size_t)count > cy ? (size_t)-1 : cy - (size_t)count;
		else if (c == 'G')
			y = n2 ? (size_t)n2 - 1 : nl - 1;
		else
			y = n2 ? (size_t)n2 - 1 : 0;
		if (y >= nl)
			return false;
		r->a = (struct pos){ y < cy ? y : cy, 0 };
		r->b = (struct pos){ y < cy ? cy : y, 0 };
		r->lines = true;
		return true;
	}
	default:
		return false;
	}
	if (inclusive && p.x < L[p.y].n)
		p.x++;
	if (cmp(p, cur) < 0) {
		r->a = p;
		r->b = cur;
	} else {
		r->a = cur;
		r->b = p;
	}
	return true;
}

/* d, c or y over a range. */
static void apply(int op, struct range *r)
{
	if (r->lines) {
		size_t count = r->b.y - r->a.y + 1;
		yank_lines(r->a.y, count);
		if (op == 'y') {
			cy = r->a.y;
			if (count > 2)
				snprintf(msg, sizeof msg, "%zu lines yanked", count);
			return;
		}
		if (op == 'c') {
			if (count > 1)
				delete_lines(r->a.y + 1, count - 1);
			set_line(r->a.y, "", 0);
			cy = r->a.y;
			cx = 0;
			insert_mode();
			return;
		}
		delete_lines(r->a.y, count);
		cy = r->a.y < nl ? r->a.y : nl - 1;
		cx = first_nonblank(cy);
		if (count > 2)
			snprintf(msg, sizeof msg, "%zu fewer lines", count);
		return;
	}
	size_t len;
	char *t = get_text(r->a, r->b, &len);
	yank(t, len, false);
	cy = r->a.y;
	cx = r->a.x;
	if (op == 'y')
		return;
	delete_text(r->a, r->b);
	if (op == 'c')
		insert_mode();
	else
		clamp_cursor();
}

static void put(bool before, long count)
{
	if (!reg) {
		snprintf(msg, sizeof msg, "Nothing in register");
		return;
	}
	for (long k = 0; k < count; k++) {
		if (reg_lines) {
			size_t y = before ? cy : cy + 1;
			insert_lines(y, 1);
			/* the register ends in '\n': insert it before the new empty
			 * line, which then goes again */
			insert_text((struct pos){ y, 0 }, reg, reg_n - 1);
			if (k == count - 1) {
				cy = y;
				cx = first_nonblank(cy);
			} else if (!before) {
				cy += (size_t)1;
				for (size_t i = 0; i + 1 < reg_n; i++)
					if (reg[i] == '\n')
						cy++;
			}
		} else {
			size_t x = before || L[cy].n == 0 ? cx : cx + 1;
			struct pos e = insert_text((struct pos){ cy, x }, reg, reg_n);
			cy = e.y;
			cx = e.x > 0 ? e.x - 1 : 0;
		}
	}
}

static void join(long count)
{
	long n = count < 2 ? 1 : count - 1;
	for (long k = 0; k < n && cy + 1 < nl; k++) {
		struct line *a = &L[cy], *b = &L[cy + 1];
		size_t skip = first_nonblank(cy + 1);
		bool space = b->n > skip && a->n > 0 && a->s[a->n - 1] != ' ' && b->s[skip] != ')';
		size_t n2 = a->n + space + b->n - skip;
		char *nb = xmalloc(n2 + 1);
		memcpy(nb, a->s, a->n);
		if (space)
			nb[a->n] = ' ';
		memcpy(nb + a->n + space, b->s + skip, b->n - skip);
		size_t joint = a->n;
		set_line(cy, nb, n2);
		free(nb);
		delete_lines(cy + 1, 1);
		cx = joint;
	}
}

/* ---------------------------------------------------------------- ex commands */

static bool quit_now;

/* One line address at *s: N . $ with +N/-N; -1 if none, -2 if bad. */
static long address(const char **s)
{
	const char *p = *s;
	long v;
	if (*p == '.') {
		v = (long)cy + 1;
		p++;
	} else if (*p == '$') {
		v = (long)nl;
		p++;
	} else if (isdigit((unsigned char)*p)) {
		v = strtol(p, (char **)&p, 10);
	} else if (*p == '+' || *p == '-') {
		v = (long)cy + 1;
	} else {
		return -1;
	}
	while (*p == '+' || *p == '-') {
		int sign = *p++ == '+' ? 1 : -1;
		long d = isdigit((unsigned char)*p) ? strtol(p, (char **)&p, 10) : 1;
		v += sign * d;
	}
	*s = p;
	return v;
}

/* :s/pat/rep/[g] over lines a..b (1-based). */
static void substitute(long a, long b, const char *arg)
{
	char delim = *arg;
	if (!delim || isalnum((unsigned char)delim) || delim == '\\' || delim == ' ') {
		snprintf(msg, sizeof msg, "Bad substitution");
		return;
	}
	/* split pat and rep at unescaped delimiters */
	char pat[256], rep[256];
	size_t pn = 0, rn = 0;
	const char *p = arg + 1;
	for (; *p && *p != delim && pn + 1 < sizeof pat; p++) {
		if (*p == '\\' && p[1] == delim)
			p++;
		pat[pn++] = *p;
	}
	pat[pn] = 0;
	if (*p == delim)
		p++;
	for (; *p && *p != delim && rn + 2 < sizeof rep; p++) {
		if (*p == '\\' && p[1]) {
			/* keep '\' before & and \ for the expansion below */
			if (p[1] != delim)
				rep[rn++] = '\\';
			p++;
		}
		rep[rn++] = *p;
	}
	rep[rn] = 0;
	bool global = false;
	if (*p == delim)
		for (p++; *p; p++)
			if (*p == 'g')
				global = true;
	if (pn == 0) {
		if (!last_pat) {
			snprintf(msg, sizeof msg, "No previous regular expression");
			return;
		}
	} else if (!set_pattern(pat)) {
		return;
	}
	long subs = 0, lines = 0, last = -1;
	for (long y = a - 1; y < b; y++) {
		size_t x, from = 0, cap = L[y].n + 64, n = 0;
		char *out = xmalloc(cap);
		bool any = false;
		size_t end;
		while (from <= L[y].n && line_find((size_t)y, from, &x, &end)) {
			size_t mlen = end - x;
			size_t need = n + (x - from) + rn * (mlen + 1) + L[y].n + 2;
			if (need > cap)
				out = realloc(out, cap = need * 2);
			if (!out)
				die("out of memory");
			memcpy(out + n, L[y].s + from, x - from);
			n += x - from;
			for (size_t i = 0; i < rn; i++) {
				if (rep[i] == '\\' && i + 1 < rn)
					out[n++] = rep[++i];
				else if (rep[i] == '&') {       /* the matched text */
					memcpy(out + n, L[y].s + x, mlen);
					n += mlen;
				} else
					out[n++] = rep[i];
			}
			from = end;
			any = true;
			subs++;
			if (!global)
				break;
			if (mlen == 0) {        /* past an empty match, by one character */
				if (from < L[y].n)
					out[n++] = L[y].s[from];
				from++;
			}
		}
		if (from > L[y].n)
			from = L[y].n;
		if (any) {
			if (n + L[y].n - from + 1 > cap)
				out = realloc(out, cap = n + L[y].n - from + 1);
			if (!out)
				die("out of memory");
			memcpy(out + n, L[y].s + from, L[y].n - from);
			n += L[y].n - from;
			set_line((size_t)y, out, n);
			lines++;
			last = y;
		}
		free(out);
	}
	if (!subs) {
		snprintf(msg, sizeof msg, "Pattern not found: %s", pat);
		return;
	}
	cy = (size_t)last;
	cx = first_nonblank(cy);
	if (subs > 1)
		snprintf(msg, sizeof msg, "%ld substitution%s on %ld line%s", subs, subs > 1 ? "s" : "",
			 lines, lines > 1 ? "s" : "");
}

static void ex(const char *cmd)
{
	const char *s = cmd;
	while (*s == ' ' || *s == ':')
		s++;
	long a = -1, b = -1;
	if (*s == '%') {
		a = 1;
		b = (long)nl;
		s++;
	} else {
		a = address(&s);
		if (a >= 0 && *s == ',') {
			s++;
			b = address(&s);
			if (b < 0)
				b = a;
		} else {
			b = a;
		}
	}
	while (*s == ' ')
		s++;
	if (a == 0)
		a = 1;
	if (b == 0)
		b = 1;
	if (a > 0 && (a > (long)nl || b > (long)nl || b < a)) {
		snprintf(msg, sizeof msg, "Invalid range");
		return;
	}
	if (!*s) {                      /* :N goes to line N */
		if (b > 0) {
			cy = (size_t)b - 1;
			cx = first_nonblank(cy);
		}
		return;
	}
	if (a < 0)
		a = b = (long)cy + 1;
	char name[16];
	size_t k = 0;
	while (isalpha((unsigned char)s[k]) && k + 1 < sizeof name) {
		name[k] = s[k];
		k++;
	}
	name[k] = 0;
	if (k == 0 && *s == '&')
		strcpy(name, "s");
	const char *arg = s + k;
	bool bang = *arg == '!';
	if (bang)
		arg++;
	while (*arg == ' ')
		arg++;
	if (!strcmp(name, "s") || !strcmp(name, "substitute")) {
		substitute(a, b, arg);
	} else if (!strcmp(name, "d") || !strcmp(name, "delete")) {
		yank_lines((size_t)a - 1, (size_t)(b - a + 1));
		delete_lines((size_t)a - 1, (size_t)(b - a + 1));
		cy = (size_t)a - 1 < nl ? (size_t)a - 1 : nl - 1;
		cx = first_nonblank(cy);
	} else if (!strcmp(name, "w") || !strcmp(name, "wq") || !strcmp(name, "x") ||
		   !strcmp(name, "write") || !strcmp(name, "xit")) {
		bool q = name[0] == 'x' || !strcmp(name, "wq");
		const char *target = *arg ? arg : fname;
		if (!target) {
			snprintf(msg, sizeof msg, "No file name");
			return;
		}
		if (!fname)
			fname = strdup(target);
		if (name[0] == 'x' && !modified && !*arg) {
			quit_now = true;
			return;
		}
		if (write_file(target) && q)
			quit_now = true;
	} else if (!strcmp(name, "q") || !strcmp(name, "quit")) {
		if (modified && !bang)
			snprintf(msg, sizeof msg, "No write since last change (add ! to override)");
		else
			quit_now = true;
	} else if (!strcmp(name, "e") || !strcmp(name, "edit")) {
		if (modified && !bang) {
			snprintf(msg, sizeof msg, "No write since last change (add ! to override)");
			return;
		}
		if (*arg) {
			free(fname);
			fname = strdup(arg);
		}
		if (!fname) {
			snprintf(msg, sizeof msg, "No file name");
			return;
		}
		load_file(fname);
	} else {
		snprintf(msg, sizeof msg, "Not an editor command: %s", s);
	}
}

/* ---------------------------------------------------------------- normal mode */

static void move_lines(long d)
{
	long y = (long)cy + d;
	if (y < 0)
		y = 0;
	if (y >= (long)nl)
		y = (long)nl - 1;
	cy = (size_t)y;
	cx = want_col;
	clamp_cursor();
}

static int cmd_key;             /* the key of the last top-level command (after its count) */
static int depth;

/* One normal-mode command starting with key c (a count first, maybe). */
static void command(int c)
{
	long count = 0;
	while ((c >= '1' && c <= '9') || (count && c == '0')) {
		count = count * 10 + (c - '0');
		if (count > 10000000)
			count = 10000000;
		c = getkey();
	}
	if (depth == 0)
		cmd_key = c;
	depth++;
	bool counted = count > 0;
	if (!counted)
		count = 1;
	struct pos p = { cy, cx };
	bool keep_col = false;
	switch (c) {
	case 'h': case KEY_LEFT: case CTRL('H'): case 127:
		cx = cx > (size_t)count ? cx - (size_t)count : 0;
		break;
	case 'l': case KEY_RIGHT: case ' ':
		cx += (size_t)count;
		clamp_cursor();
		break;
	case 'j': case KEY_DOWN: case CTRL('N'): case CTRL('J'): case '+': case '\r': case '-':
	case 'k': case KEY_UP: case CTRL('P'): {
		bool downward = c == 'j' || c == KEY_DOWN || c == CTRL('N') || c == CTRL('J') || c == '+' ||
				c == '\r';
		move_lines(downward ? count : -count);
		if (c == '+' || c == '\r' || c == '-')
			cx = first_nonblank(cy);
		else
			keep_col = true;
		break;
	}
	case 'w': case 'W':
		for (long k = 0; k < count; k++)
			p = word_fwd(p);
		cy = p.y;
		cx = p.x;
		clamp_cursor();
		break;
	case 'b': case 'B':
		for (long k = 0; k < count; k++)
			p = word_back(p);
		cy = p.y;
		cx = p.x;
		clamp_cursor();
		break;
	case 'e': case 'E':
		for (long k = 0; k < count; k++)
			p = word_end(p);
		cy = p.y;
		cx = p.x;
		clamp_cursor();
		break;
	case '0': case KEY_HOME:
		cx = 0;
		break;
	case '^':
		cx = first_nonblank(cy);
		break;
	case '$': case KEY_END:
		move_lines(count - 1);
		cx = L[cy].n;
		clamp_cursor();
		want_col = (size_t)-1;
		keep_col = true;
		break;
	case 'G':
		cy = counted ? (size_t)count - 1 : nl - 1;
		if (cy >= nl)
			cy = nl - 1;
		cx = first_nonblank(cy);
		break;
	case 'g':
		if (getkey() == 'g') {
			cy = (size_t)count - 1 < nl ? (size_t)count - 1 : nl - 1;
			cx = first_nonblank(cy);
		}
		break;
	case 'H':
		cy = top;
		cx = first_nonblank(cy);
		break;
	case 'f': case 't': case 'F': case 'T': {
		int ch = getkey();
		find_c = c;
		find_ch = ch;
		if (find_in_line(c, ch, count, &p))
			cx = p.x;
		break;
	}
	case ';': case ',': {
		if (!find_c)
			break;
		int cmd = find_c;
		if (c == ',')
			cmd = cmd == 'f' ? 'F' : cmd == 'F' ? 'f' : cmd == 't' ? 'T' : 't';
		if (find_in_line(cmd, find_ch, count, &p))
			cx = p.x;
		break;
	}
	case CTRL('F'): case KEY_PGDN:
		top += (size_t)count * (size_t)(textrows > 2 ? textrows - 2 : 1);
		if (top >= nl)
			top = nl - 1;
		cy = top;
		cx = first_nonblank(cy);
		break;
	case CTRL('B'): case KEY_PGUP: {
		size_t d = (size_t)count * (size_t)(textrows > 2 ? textrows - 2 : 1);
		top = d > top ? 0 : top - d;
		size_t last = top + (size_t)textrows - 1;
		if (cy > last)
			cy = last < nl ? last : nl - 1;
		cx = first_nonblank(cy);
		break;
	}
	case CTRL('D'): case CTRL('U'): {
		size_t d = counted ? (size_t)count : (size_t)(textrows / 2);
		if (c == CTRL('D')) {
			if (cy + 1 >= nl)
				break;
			cy = cy + d < nl ? cy + d : nl - 1;
			top = top + d < nl ? top + d : top;
		} else {
			cy = d > cy ? 0 : cy - d;
			top = d > top ? 0 : top - d;
		}
		cx = first_nonblank(cy);
		break;
	}
	case 'i': case KEY_INS:
		insert_count(count, false);
		break;
	case 'a':
		if (L[cy].n)
			cx++;
		insert_count(count, false);
		break;
	case 'I':
		cx = first_nonblank(cy);
		insert_count(count, false);
		break;
	case 'A':
		cx = L[cy].n;
		insert_count(count, false);
		break;
	case 'o': case 'O':
		insert_lines(c == 'o' ? cy + 1 : cy, 1);
		if (c == 'o')
			cy++;
		cx = 0;
		insert_count(count, true);
		break;
	case 'x': case KEY_DEL: case 'X': case 's': {
		if (c == 'X') {
			if (cx == 0)
				break;
			struct range r = { { cy, cx > (size_t)count ? cx - (size_t)count : 0 }, { cy, cx }, false };
			apply('d', &r);
			break;
		}
		if (L[cy].n == 0) {
			if (c == 's')
				insert_mode();
			break;
		}
		size_t e = cx + (size_t)count < L[cy].n ? cx + (size_t)count : L[cy].n;
		struct range r = { { cy, cx }, { cy, e }, false };
		apply(c == 's' ? 'c' : 'd', &r);
		break;
	}
	case 'd': case 'c': case 'y': {
		struct range r;
		if (op_motion(c, count, &r))
			apply(c, &r);
		break;
	}
	case 'D': case 'C': case 'Y': case 'S': {
		struct range r;
		if (c == 'Y' || c == 'S') {
			if (cy + (size_t)count > nl)
				count = (long)(nl - cy);
			r = (struct range){ { cy, 0 }, { cy + (size_t)count - 1, 0 }, true };
			apply(c == 'Y' ? 'y' : 'c', &r);
			break;
		}
		size_t y = cy + (size_t)count - 1 < nl ? cy + (size_t)count - 1 : nl - 1;
		r = (struct range){ { cy, cx }, { y, L[y].n }, false };
		apply(c == 'D' ? 'd' : 'c', &r);
		break;
	}
	case 'p': case 'P':
		put(c == 'P', count);
		break;
	case 'r': {
		int ch = getkey();
		if (ch < 0 || ch >= 0x100 || ch == 27 || cx + (size_t)count > L[cy].n)
			break;
		char *nb = xmemdup(L[cy].s, L[cy].n);
		for (long k = 0; k < count; k++)
			nb[cx + (size_t)k] = (char)ch;
		set_line(cy, nb, L[cy].n);
		free(nb);
		cx += (size_t)count - 1;
		break;
	}
	case 'J':
		join(count);
		break;
	case '~': {
		if (L[cy].n == 0)
			break;
		char *nb = xmemdup(L[cy].s, L[cy].n);
		for (long k = 0; k < count && cx < L[cy].n; k++, cx++) {
			unsigned char ch = (unsigned char)nb[cx];
			nb[cx] = (char)(islower(ch) ? toupper(ch) : tolower(ch));
		}
		set_line(cy, nb, L[cy].n);
		free(nb);
		clamp_cursor();
		break;
	}
	case 'u':
		undo(false);
		clamp_cursor();
		break;
	case CTRL('R'):
		undo(true);
		clamp_cursor();
		break;
	case '.': {
		if (!dot_n || replaying())
			break;
		/* replay the last change; a count replaces the one it had */
		size_t skip = 0;
		if (counted)
			while (skip < dot_n && dot[skip] >= '0' && dot[skip] <= '9')
				skip++;
		char num[24];
		int k = counted ? snprintf(num, sizeof num, "%ld", count) : 0;
		free(replay);
		replay = xmalloc((dot_n - skip + (size_t)k) * sizeof *replay);
		replay_n = 0;
		for (int i = 0; i < k; i++)
			replay[replay_n++] = num[i];
		for (size_t i = skip; i < dot_n; i++)
			replay[replay_n++] = dot[i];
		replay_at = 0;
		while (replaying())
			command(getkey());
		break;
	}
	case '/': case '?': {
		char buf[256];
		if (!read_line((char)c, buf, sizeof buf))
			break;
		if (buf[0] && !set_pattern(buf))
			break;
		last_back = c == '?';
		if (search(last_back, &p)) {
			cy = p.y;
			cx = p.x;
		}
		break;
	}
	case 'n': case 'N':
		if (search(c == 'n' ? last_back : !last_back, &p)) {
			cy = p.y;
			cx = p.x;
		}
		break;
	case ':': {
		char buf[256];
		if (read_line(':', buf, sizeof buf))
			ex(buf);
		break;
	}
	case 'Z':
		if (getkey() == 'Z')
			ex("x");
		break;
	case CTRL('L'):
		resize();
		break;
	case CTRL('G'):
		snprintf(msg, sizeof msg, "\"%s\"%s %zu lines --%zu%%--", fname ? fname : "[No Name]",
			 modified ? " [Modified]" : "", nl, (cy + 1) * 100 / nl);
		break;
	case 27:
		break;
	default:
		break;
	}
	if (!keep_col)
		want_col = cx;
	depth--;
}

int main(int argc, char **argv)
{
	cmd_init("vi", help_text);
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		usage(0);
	if (argc > 2)
		usage(1);
	if (!isatty(1))
		die("standard output is not a terminal");
	if (!term_open())
		die("no terminal to read keys from");
	term_size(&rows, &cols);
	textrows = rows - 1;
	shadow = calloc((size_t)rows, sizeof *shadow);
	if (!shadow)
		die("out of memory");
	if (argc == 2) {
		fname = strdup(argv[1]);
		load_file(fname);
	} else {
		load_file("");
		msg[0] = 0;
	}
	term_raw();
	redraw_all();
	while (!quit_now) {
		if (!replaying())
			draw();
		rec_n = 0;
		snapped = false;
		int c = getkey();
		if (c == KEY_EOF)
			break;
		command(c);
		/* a change other than undo and ex commands is what '.' repeats */
		if (snapped && cmd_key != 'u' && cmd_key != CTRL('R') && cmd_key != ':' && cmd_key != '.') {
			free(dot);
			dot = xmalloc(rec_n * sizeof *dot);
			memcpy(dot, rec, rec_n * sizeof *dot);
			dot_n = rec_n;
		}
	}
	out_move(rows - 1, 0);
	out_s("\033[K");
	out_flush();
	term_restore();
	return 0;
}

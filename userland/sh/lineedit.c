/* The line editor of the interactive shell.
 *
 * The terminal is put in raw mode (no line discipline editing, no echo, no
 * signals from ^C) while a line is typed, and the editor does the work:
 *
 *   left/right ^B/^F   move          home/end ^A/^E   start/end of line
 *   Alt-b/Alt-f, Ctrl-left/right    a word back / forward
 *   backspace          erase left    delete, ^D       erase under the cursor
 *   ^K / ^U / ^W       erase to the end / to the start / the word before
 *   Alt-d, Alt-backspace            erase the word after / before
 *   up/down ^P/^N      history       ^R               search it (below)
 *   Tab                complete a command or file name (complete.c); a
 *                      second Tab lists the candidates in columns
 *   ^L                 clear the screen
 *   ^C                 cancel line   ^D (empty line)  end of input
 *
 * ^R searches the history backwards as the text is typed:
 * "(reverse-i-search)`TEXT': COMMAND".  ^R again finds an older command,
 * backspace shortens the text, Enter runs the command found, ^G or ^C
 * gives the line back as it was, and any other key (an arrow, ^A, ^E, ESC)
 * keeps the command found on the line for editing.
 *
 * The screen is redrawn with a carriage return, the prompt and the line,
 * "erase to end of line" (ESC [K) and a cursor move back (ESC [nD): the
 * VT100 subset every terminal emulator and serial console understands.
 * Lines longer than the terminal is wide are not redrawn correctly. */
#include "sh.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#define KEY_CTRL(c) ((c) & 0x1f)

static struct termios sane;       /* the modes the shell started with */
static bool have_sane;

void lineedit_init(void)
{
	have_sane = tcgetattr(0, &sane) == 0;
}

void lineedit_restore_tty(void)
{
	if (have_sane)
		tcsetattr(0, TCSADRAIN, &sane);
}

static bool raw_mode(void)
{
	if (!have_sane)
		return false;
	struct termios raw = sane;
	raw.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IGNCR | IXON | ISTRIP);
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	return tcsetattr(0, TCSADRAIN, &raw) == 0;
}

struct editor {
	struct str buf;          /* the line (no newline) */
	size_t pos;              /* cursor, 0..buf.len */
	const char *prompt;      /* the prompt's last line: redrawn after \r */
	const char *prompt_full;
	int hist;                /* history entry shown; history_count() = the new line */
	char *typed;             /* the new line, kept while browsing history */
	bool tabbed;             /* the last key was a Tab that found several */
};

static void put(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(2, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void refresh(struct editor *e)
{
	struct str o = { 0 };
	str_addc(&o, '\r');
	str_adds(&o, e->prompt);
	if (e->buf.len)
		str_addn(&o, e->buf.s, e->buf.len);
	str_adds(&o, "\033[K");
	if (e->pos < e->buf.len) {
		char mv[24];
		snprintf(mv, sizeof mv, "\033[%zuD", e->buf.len - e->pos);
		str_adds(&o, mv);
	}
	put(o.s, o.len);
	free(o.s);
}

/* The lines of a prompt of several lines before its last (which refresh
 * draws). */
static void put_prompt_head(struct editor *e)
{
	put(e->prompt_full, (size_t)(e->prompt - e->prompt_full));
}

static void set_line(struct editor *e, const char *s)
{
	e->buf.len = 0;
	str_adds(&e->buf, s);
	e->pos = e->buf.len;
	refresh(e);
}

static void insert(struct editor *e, char c)
{
	str_addc(&e->buf, 0);                  /* room for one more */
	memmove(e->buf.s + e->pos + 1, e->buf.s + e->pos, e->buf.len - 1 - e->pos);
	e->buf.s[e->pos++] = c;
	if (e->pos == e->buf.len)
		put(&c, 1);                     /* typing at the end: just echo */
	else
		refresh(e);
}

/* Delete n characters starting at from. */
static void delete_range(struct editor *e, size_t from, size_t n)
{
	if (n == 0)
		return;
	memmove(e->buf.s + from, e->buf.s + from + n, e->buf.len - from - n);
	e->buf.len -= n;
	e->buf.s[e->buf.len] = 0;
	e->pos = from;
	refresh(e);
}

static void history_move(struct editor *e, int dir)
{
	int n = history_count(), to = e->hist + dir;
	if (to < 0 || to > n)
		return;
	if (e->hist == n) {
		free(e->typed);
		e->typed = xstrdup(e->buf.s ? e->buf.s : "");
	}
	e->hist = to;
	set_line(e, to == n ? e->typed : history_get(to));
}

static void word_rubout(struct editor *e)
{
	size_t p = e->pos;
	while (p > 0 && e->buf.s[p - 1] == ' ')
		p--;
	while (p > 0 && e->buf.s[p - 1] != ' ')
		p--;
	delete_range(e, p, e->pos - p);
}

static bool is_word_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* The start of the word before the cursor / the end of the one after. */
static size_t word_back(struct editor *e)
{
	size_t p = e->pos;
	while (p > 0 && !is_word_char(e->buf.s[p - 1]))
		p--;
	while (p > 0 && is_word_char(e->buf.s[p - 1]))
		p--;
	return p;
}

static size_t word_forward(struct editor *e)
{
	size_t p = e->pos;
	while (p < e->buf.len && !is_word_char(e->buf.s[p]))
		p++;
	while (p < e->buf.len && is_word_char(e->buf.s[p]))
		p++;
	return p;
}

static void move_to(struct editor *e, size_t p)
{
	e->pos = p;
	refresh(e);
}

/* Replace buf[from, pos) with text. */
static void replace_before_cursor(struct editor *e, size_t from, const char *text)
{
	struct str b = { 0 };
	str_addn(&b, e->buf.s, from);
	str_adds(&b, text);
	size_t pos = b.len;
	str_addn(&b, e->buf.s + e->pos, e->buf.len - e->pos);
	free(e->buf.s);
	e->buf = b;
	if (!e->buf.s)
		str_adds(&e->buf, "");
	e->pos = pos;
	refresh(e);
}

static int terminal_width(void)
{
	struct winsize ws;
	if (ioctl(2, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* The candidates in columns, down then across (as ls), fitted to the
 * terminal's width; a directory's part before the name is not shown. */
static void list_candidates(struct editor *e, struct fields *c)
{
	size_t width = 0;
	const char **names = xmalloc((size_t)c->n * sizeof *names);
	for (int i = 0; i < c->n; i++) {
		const char *v = c->v[i];
		size_t len = strlen(v);
		/* "dir/sub/" shows as "sub/" */
		size_t k = len > 1 ? len - 1 : 0;
		while (k > 0 && v[k - 1] != '/')
			k--;
		names[i] = v + k;
		if (strlen(names[i]) > width)
			width = strlen(names[i]);
	}
	width += 2;
	size_t cols = (size_t)terminal_width() / width;
	if (cols < 1)
		cols = 1;
	size_t rows = ((size_t)c->n + cols - 1) / cols;
	struct str o = { 0 };
	/* "\n", not "\r\n": the terminal's output processing (ONLCR) stays on */
	str_addc(&o, '\n');
	for (size_t r = 0; r < rows; r++) {
		for (size_t col = 0; col < cols; col++) {
			size_t i = col * rows + r;
			if (i >= (size_t)c->n)
				break;
			str_adds(&o, names[i]);
			bool last = col + 1 == cols || (col + 1) * rows + r >= (size_t)c->n;
			if (!last)
				for (size_t k = strlen(names[i]); k < width; k++)
					str_addc(&o, ' ');
		}
		str_addc(&o, '\n');
	}
	put(o.s, o.len);
	free(o.s);
	free(names);
	put_prompt_head(e);
	refresh(e);
}

/* Tab: one candidate replaces the word (with a space after it unless it is
 * a directory); several extend it as far as they agree, and a second Tab
 * lists them. */
static void complete(struct editor *e)
{
	struct fields c = { 0 };
	str_addc(&e->buf, 0);            /* a terminated string to look at */
	e->buf.len--;
	size_t start = complete_word(e->buf.s, e->pos, &c);
	if (c.n == 0) {
		put("\a", 1);
	} else if (c.n == 1) {
		char *w = complete_escape(c.v[0]);
		size_t n = strlen(w);
		struct str t = { 0 };
		str_adds(&t, w);
		if (n && w[n - 1] != '/')
			str_addc(&t, ' ');
		replace_before_cursor(e, start, t.s);
		free(t.s);
		free(w);
	} else {
		size_t common = strlen(c.v[0]);
		for (int i = 1; i < c.n; i++) {
			size_t k = 0;
			while (k < common && c.v[i][k] == c.v[0][k])
				k++;
			common = k;
		}
		char *pre = xstrndup(c.v[0], common);
		char *w = complete_escape(pre);
		free(pre);
		if (strlen(w) > e->pos - start) {
			replace_before_cursor(e, start, w);
		} else if (e->tabbed) {
			list_candidates(e, &c);
		} else {
			put("\a", 1);
			e->tabbed = true;
		}
		free(w);
	}
	fields_free(&c);
}

static int read_byte(void);

/* ^R: the search described at the top.  Returns the key that ended it for
 * key() to handle (Enter runs the line), or -1 when nothing is left to do. */
static int reverse_search(struct editor *e)
{
	struct str q = { 0 };
	str_adds(&q, "");
	char *saved = xstrndup(e->buf.s ? e->buf.s : "", e->buf.len);
	size_t saved_pos = e->pos;
	int at = history_count();        /* the match shown; count = none */
	bool failed = false;
	for (;;) {
		const char *m = at < history_count() ? history_get(at) : "";
		struct str o = { 0 };
		str_adds(&o, "\r");
		str_adds(&o, failed ? "(failed reverse-i-search)`" : "(reverse-i-search)`");
		str_adds(&o, q.s);
		str_adds(&o, "': ");
		for (const char *c = m; *c; c++)
			str_addc(&o, *c == '\n' ? ' ' : *c);
		str_adds(&o, "\033[K");
		put(o.s, o.len);
		free(o.s);

		int c = read_byte();
		int from;               /* search from this entry backwards */
		if (c == KEY_CTRL('R')) {
			from = at - 1;
		} else if (c == 0x7f || c == KEY_CTRL('H')) {
			if (q.len)
				q.s[--q.len] = 0;
			from = history_count() - 1;
		} else if (c >= 0x20 && c < 0x7f) {
			str_addc(&q, (char)c);
			from = at < history_count() ? at : history_count() - 1;
		} else {
			bool cancel = c == KEY_CTRL('G') || c == KEY_CTRL('C') || c < 0;
			e->buf.len = 0;
			str_adds(&e->buf, cancel || at >= history_count() ? saved : history_get(at));
			e->pos = cancel ? saved_pos : e->buf.len;
			e->hist = history_count();
			free(saved);
			free(q.s);
			refresh(e);
			if (c < 0)
				return c;
			return cancel ? -1 : c;
		}
		failed = true;
		for (int i = from; q.len && i >= 0; i--) {
			if (strstr(history_get(i), q.s)) {
				at = i;
				failed = false;
				break;
			}
		}
		if (!q.len) {
			at = history_count();
			failed = false;
		}
	}
}

static int read_byte(void)
{
	unsigned char c;
	for (;;) {
		ssize_t n = read(0, &c, 1);
		if (n == 1)
			return c;
		if (n < 0 && errno == EINTR)
			continue;
		return -1;
	}
}

/* After ESC: arrows, home, end, delete (ESC [ X, ESC O X, ESC [ n ~),
 * with a modifier (ESC [ 1 ; 5 C is Ctrl-right); Alt-key (ESC key). */
static void escape(struct editor *e)
{
	int c = read_byte();
	switch (c) {
	case 'b': move_to(e, word_back(e)); return;
	case 'f': move_to(e, word_forward(e)); return;
	case 'd': delete_range(e, e->pos, word_forward(e) - e->pos); return;
	case 0x7f: case KEY_CTRL('H'): {
		size_t p = word_back(e);
		delete_range(e, p, e->pos - p);
		return;
	}
	}
	if (c != '[' && c != 'O')
		return;
	int k = read_byte(), num = 0, mod = 0;
	while (k >= '0' && k <= '9') {
		num = num * 10 + (k - '0');
		k = read_byte();
	}
	if (k == ';') {
		k = read_byte();
		while (k >= '0' && k <= '9') {
			mod = mod * 10 + (k - '0');
			k = read_byte();
		}
	}
	if (k == '~') {
		if (num == 1 || num == 7)
			k = 'H';
		else if (num == 4 || num == 8)
			k = 'F';
		else if (num == 3)
			k = 'X';
	}
	bool word = mod == 3 || mod == 5;        /* Alt or Ctrl with the arrow */
	switch (k) {
	case 'A': history_move(e, -1); break;
	case 'B': history_move(e, +1); break;
	case 'C':
		if (word)
			move_to(e, word_forward(e));
		else if (e->pos < e->buf.len)
			move_to(e, e->pos + 1);
		break;
	case 'D':
		if (word)
			move_to(e, word_back(e));
		else if (e->pos > 0)
			move_to(e, e->pos - 1);
		break;
	case 'H': move_to(e, 0); break;
	case 'F': move_to(e, e->buf.len); break;
	case 'X': if (e->pos < e->buf.len) delete_range(e, e->pos, 1); break;
	}
}

/* Handle one key; a result other than -1 ends the line. */
static int key(struct editor *e, int c)
{
	if (c != '\t')
		e->tabbed = false;
	switch (c) {
	case '\r': case '\n':
		put("\n", 1);
		return LE_LINE;
	case KEY_CTRL('C'):
		put("^C\n", 3);
		return LE_INTERRUPTED;
	case KEY_CTRL('D'):
		if (e->buf.len == 0)
			return LE_EOF;
		if (e->pos < e->buf.len)
			delete_range(e, e->pos, 1);
		break;
	case 0x7f: case KEY_CTRL('H'):
		if (e->pos > 0)
			delete_range(e, e->pos - 1, 1);
		break;
	case KEY_CTRL('A'): e->pos = 0; refresh(e); break;
	case KEY_CTRL('E'): e->pos = e->buf.len; refresh(e); break;
	case KEY_CTRL('B'): if (e->pos > 0) { e->pos--; refresh(e); } break;
	case KEY_CTRL('F'): if (e->pos < e->buf.len) { e->pos++; refresh(e); } break;
	case KEY_CTRL('K'): delete_range(e, e->pos, e->buf.len - e->pos); break;
	case KEY_CTRL('U'): delete_range(e, 0, e->pos); break;
	case KEY_CTRL('W'): word_rubout(e); break;
	case KEY_CTRL('P'): history_move(e, -1); break;
	case KEY_CTRL('N'): history_move(e, +1); break;
	case KEY_CTRL('L'):
		put("\033[H\033[2J", 7);
		put_prompt_head(e);
		refresh(e);
		break;
	case KEY_CTRL('R'): {
		int k = reverse_search(e);
		return k == -1 ? -1 : k < 0 ? LE_EOF : key(e, k);
	}
	case '\t': complete(e); break;
	case 033: escape(e); break;
	default:
		if (c >= 0x20)
			insert(e, (char)c);
		break;
	}
	return -1;
}

enum le_result lineedit_read(const char *prompt, char **line)
{
	const char *last_line = strrchr(prompt, '\n');
	struct editor e = { .prompt = last_line ? last_line + 1 : prompt, .prompt_full = prompt,
			    .hist = history_count() };
	*line = NULL;
	/* raw mode first: what is typed once the prompt shows must not be
	 * echoed by the terminal as well */
	if (!raw_mode())
		return LE_ERROR;
	put(prompt, strlen(prompt));
	int r;
	do {
		int c = read_byte();
		r = c < 0 ? LE_EOF : key(&e, c);
	} while (r < 0);
	lineedit_restore_tty();
	if (r == LE_LINE) {
		str_addc(&e.buf, '\n');
		*line = str_take(&e.buf);
	}
	free(e.buf.s);
	free(e.typed);
	return (enum le_result)r;
}

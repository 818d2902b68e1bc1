/* The line editor of the interactive shell.
 *
 * The terminal is put in raw mode (no line discipline editing, no echo, no
 * signals from ^C) while a line is typed, and the editor does the work:
 *
 *   left/right ^B/^F   move          home/end ^A/^E   start/end of line
 *   backspace          erase left    delete, ^D       erase under the cursor
 *   ^K / ^U / ^W       erase to the end / to the start / the word before
 *   up/down ^P/^N      history       ^L               clear the screen
 *   ^C                 cancel line   ^D (empty line)  end of input
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
	const char *prompt;
	int hist;                /* history entry shown; history_count() = the new line */
	char *typed;             /* the new line, kept while browsing history */
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

/* After ESC: arrows, home, end, delete (ESC [ X, ESC O X, ESC [ n ~). */
static void escape(struct editor *e)
{
	int c = read_byte();
	if (c != '[' && c != 'O')
		return;
	int k = read_byte(), num = 0;
	while (k >= '0' && k <= '9') {
		num = num * 10 + (k - '0');
		k = read_byte();
	}
	if (k == '~') {
		if (num == 1 || num == 7)
			k = 'H';
		else if (num == 4 || num == 8)
			k = 'F';
		else if (num == 3)
			k = 'X';
	}
	switch (k) {
	case 'A': history_move(e, -1); break;
	case 'B': history_move(e, +1); break;
	case 'C': if (e->pos < e->buf.len) { e->pos++; refresh(e); } break;
	case 'D': if (e->pos > 0) { e->pos--; refresh(e); } break;
	case 'H': e->pos = 0; refresh(e); break;
	case 'F': e->pos = e->buf.len; refresh(e); break;
	case 'X': if (e->pos < e->buf.len) delete_range(e, e->pos, 1); break;
	}
}

/* Handle one key; a result other than -1 ends the line. */
static int key(struct editor *e, int c)
{
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
	case KEY_CTRL('L'): put("\033[H\033[2J", 7); refresh(e); break;
	case 033: escape(e); break;
	default:
		if (c >= 0x20 || c == '\t')
			insert(e, (char)c);
		break;
	}
	return -1;
}

enum le_result lineedit_read(const char *prompt, char **line)
{
	struct editor e = { .prompt = prompt, .hist = history_count() };
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

/* The full-screen terminal of more/less, vi, top and watch: raw mode
 * through termios (restored at exit and on SIGINT/SIGTERM/SIGHUP), the
 * size from TIOCGWINSZ (24x80 when the terminal does not say), keys with
 * their VT100 escape sequences decoded, and an output buffer written in one
 * go per screen update.  Only the VT100 subset a serial console and every
 * terminal emulator understand is sent: cursor position (ESC [r;cH), erase
 * to end of line (ESC [K), erase the screen (ESC [2J), reverse video. */
#ifndef BIN_TERM_H
#define BIN_TERM_H
#include <stdbool.h>
#include <stddef.h>
#include <regex.h>

/* Keys beyond the bytes 0..255 */
enum {
	KEY_UP = 0x100, KEY_DOWN, KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END,
	KEY_PGUP, KEY_PGDN, KEY_DEL, KEY_INS,
	KEY_RESIZE,     /* not a key: SIGWINCH came, the size changed (redraw) */
	KEY_NONE = -2,  /* term_key_wait: nothing came in time */
	KEY_EOF = -1,
};
#define CTRL(c) ((c) & 0x1f)

/* Find the keyboard: standard input when it is a terminal, else /dev/tty
 * (input piped into a pager).  False when there is none. */
bool term_open(void);
/* Raw mode: no echo, no line editing, no signals from the keys; restored
 * by term_restore (also called at exit and by the signal handlers). */
void term_raw(void);
void term_restore(void);
/* The terminal's size, rows and columns. */
void term_size(int *rows, int *cols);
/* The next key (blocking), KEY_EOF when the terminal is gone; KEY_RESIZE
 * when the window changed size meanwhile (once raw mode is on). */
int term_key(void);
/* A key within ms milliseconds, or KEY_NONE. */
int term_key_wait(int ms);

/* The first match of re in s[0..n) that starts at or after from (a line
 * that need not end in NUL): its start and end.  For the searches. */
bool term_find(const regex_t *re, const char *s, size_t n, size_t from, size_t *so, size_t *eo);

/* Output, buffered until term_flush. */
void out_n(const char *s, size_t n);
void out_s(const char *s);
void out_c(char c);
void out_f(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_move(int row, int col);        /* 0-based */
void out_flush(void);
#endif

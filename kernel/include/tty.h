/* The console terminal (kernel/fs/tty.c): a line discipline in the Linux
 * style over the console, reached as /dev/console and /dev/tty.
 *
 * Input arrives character by character through tty_input_char() (the timer
 * tick polls the UARTs: console_poll_input() in <console.h>).  Canonical
 * mode edits a line (erase, kill, word erase, literal next) and hands it to
 * readers at NL/EOL or ^D; raw mode (ICANON off) passes characters through
 * with VMIN/VTIME.  ^C, ^\ and ^Z signal the foreground process group.
 * Output goes to console_write (the drivers turn \n into \r\n). */
#ifndef RINGEL_TTY_H
#define RINGEL_TTY_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

/* struct linux_termios, struct linux_winsize and the termios flags: <uapi.h>. */
#include <uapi.h>

#define TTY_BUF_SIZE 4096      /* input waiting to be read */
#define TTY_LINE_MAX 1024      /* a line being edited */

struct tty {
	struct linux_termios tio;
	struct linux_winsize ws;
	int pgrp;               /* foreground process group (0: none) */
	int sid;                /* session it is the controlling terminal of (0: none) */
	/* input ready for readers: a ring with a flag per byte */
	char buf[TTY_BUF_SIZE];
	uint8_t flag[TTY_BUF_SIZE];    /* TTYF_* */
	size_t head, count;
	size_t lines;           /* delimiters (NL/EOL/EOF) in the ring */
	/* the line being edited (canonical mode) */
	char line[TTY_LINE_MAX];
	size_t len;
	bool lnext;             /* the next character is taken literally */
	/* where echo and output go */
	void (*out)(struct tty *t, const char *s, size_t n);
};

/* The console tty (/dev/console, /dev/tty); tty_init sets it to its
 * defaults (vfs_init calls it). */
extern struct tty console_tty;
void tty_init(void);
void tty_reset(struct tty *t);
void tty_input(struct tty *t, char c);
void tty_input_char(char c);                   /* = tty_input(&console_tty, c) */
/* The console is also a screen of rows x cols characters (drivers/video/):
 * TIOCGWINSZ reports that from now on (SIGWINCH to the foreground if it
 * changed). */
void tty_set_screen_size(unsigned rows, unsigned cols);
/* Make pgid the console's foreground process group (0: none). */
void tty_set_foreground(int pgid);
extern const struct file_ops tty_fops;
#endif

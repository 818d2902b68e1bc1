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

/* The termios of TCGETS/TCSETS (asm-generic, identical on x86-64 and
 * AArch64; the kernel struct has 19 control characters). */
#define NCCS 19
struct linux_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[NCCS];
};
_Static_assert(sizeof(struct linux_termios) == 36, "kernel struct termios is 36 bytes");

struct linux_winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* c_cc indices */
#define VINTR 0
#define VQUIT 1
#define VERASE 2
#define VKILL 3
#define VEOF 4
#define VTIME 5
#define VMIN 6
#define VSWTC 7
#define VSTART 8
#define VSTOP 9
#define VSUSP 10
#define VEOL 11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE 14
#define VLNEXT 15
#define VEOL2 16
/* c_iflag */
#define IGNBRK 0000001
#define BRKINT 0000002
#define ISTRIP 0000040
#define INLCR 0000100
#define IGNCR 0000200
#define ICRNL 0000400
#define IXON 0002000
#define IXOFF 0010000
#define IMAXBEL 0020000
#define IUTF8 0040000
/* c_oflag */
#define OPOST 0000001
#define ONLCR 0000004
#define OCRNL 0000010
#define ONOCR 0000020
#define ONLRET 0000040
/* c_cflag */
#define B38400 0000017
#define CS8 0000060
#define CREAD 0000200
#define HUPCL 0002000
/* c_lflag */
#define ISIG 0000001
#define ICANON 0000002
#define ECHO 0000010
#define ECHOE 0000020
#define ECHOK 0000040
#define ECHONL 0000100
#define NOFLSH 0000200
#define TOSTOP 0000400
#define ECHOCTL 0001000
#define ECHOKE 0004000
#define IEXTEN 0100000

/* More terminal ioctls (the common ones are in <uapi.h>). */
#define TCSBRK 0x5409
#define TCXONC 0x540A
#define TCFLSH 0x540B
#define TIOCNOTTY 0x5422
#define TIOCGSID 0x5429
#define TCIFLUSH 0
#define TCOFLUSH 1
#define TCIOFLUSH 2

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
/* Make pgid the console's foreground process group (0: none). */
void tty_set_foreground(int pgid);
extern const struct file_ops tty_fops;
#endif

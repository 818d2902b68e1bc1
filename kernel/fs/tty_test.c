/* Host tests of the console tty (kernel/fs/tty.c) through /dev/console and the
 * system calls: characters are fed with tty_input_char as the tick would,
 * reads go through sys_read into user buffers, and the echo is what
 * reaches console_write.  Covers canonical editing (erase, ^H, kill, word
 * erase, literal next, EOF), ICRNL, signals to the foreground group,
 * raw mode with VMIN/VTIME, termios/winsize/pgrp/FIONREAD ioctls, blocking
 * reads woken by input, EINTR, O_NONBLOCK, poll, and console_poll_input. */
#include "fs_stubs_test.h"
#include <check.h>
#include <tty.h>
#include <console.h>
#include <proc.h>
#include <syscalls_gen.h>
#include <string.h>
#include <stdio.h>

static int fd;

static void type(const char *s)
{
	while (*s)
		tty_input_char(*s++);
}

/* sys_read into a user buffer; the bytes land in out (NUL-terminated). */
static long rd(size_t n, char *out)
{
	uintptr_t u = fst_ualloc(n + 1);
	long r = sys_read(fd, u, n);
	if (r >= 0) {
		memcpy(out, (void *)u, (size_t)r);
		out[r] = 0;
	} else {
		out[0] = 0;
	}
	return r;
}

static struct linux_termios *get_tio(void)
{
	uintptr_t u = fst_ualloc(sizeof(struct linux_termios));
	CHECK(sys_ioctl(fd, TCGETS, u) == 0, "TCGETS");
	return (struct linux_termios *)u;
}

static void set_tio(struct linux_termios *t, unsigned long how)
{
	CHECK(sys_ioctl(fd, how, (uintptr_t)t) == 0, "TCSETS");
}

static void reset(void)
{
	tty_reset(&console_tty);
	fst_out_reset();
	fst_reset_signals();
	fst_sleep_hook = NULL;
}

static const char *pending_input;
static int hook_calls;

/* The reader sleeps: the user types the next piece. */
static int type_on_sleep(const void *chan, uint64_t deadline)
{
	(void)chan;
	(void)deadline;
	hook_calls++;
	if (!pending_input || !*pending_input)
		return -EINTR;
	const char *p = pending_input;
	size_t n = strcspn(p, "|");     /* '|' separates what is typed at each sleep */
	for (size_t i = 0; i < n; i++)
		tty_input_char(p[i]);
	pending_input = p[n] ? p + n + 1 : p + n;
	return 0;
}

/* A timed sleep: time passes. */
static int time_passes(const void *chan, uint64_t deadline)
{
	(void)chan;
	hook_calls++;
	if (deadline)
		fst_clock = deadline;
	return hook_calls > 50 ? -EINTR : 0;
}

static void test_canonical(void)
{
	char b[256];
	reset();
	type("hello\r");
	CHECK(rd(100, b) == 6 && strcmp(b, "hello\n") == 0, "a line, CR read as NL: '%s'", b);
	CHECK(strcmp(fst_out, "hello\n") == 0, "echo '%s'", fst_out);

	reset();
	type("abx\x7f" "c\n");
	CHECK(rd(100, b) == 4 && strcmp(b, "abc\n") == 0, "DEL erases: '%s'", b);
	CHECK(strcmp(fst_out, "abx\b \bc\n") == 0, "erase echo '%s'", fst_out);
	reset();
	type("abx\bc\n");
	CHECK(rd(100, b) == 4 && strcmp(b, "abc\n") == 0, "^H erases: '%s'", b);
	reset();
	type("\x7f\x7fok\n");
	CHECK(rd(100, b) == 3 && strcmp(b, "ok\n") == 0 && strcmp(fst_out, "ok\n") == 0, "erase at the start");
	reset();
	type("a\x01\x7f" "b\n");
	CHECK(rd(100, b) == 3 && strcmp(b, "ab\n") == 0, "erase a control char");
	CHECK(strcmp(fst_out, "a^A\b \b\b \bb\n") == 0, "a control char echoes as ^A and erases 2 columns: '%s'",
	      fst_out);
	reset();
	type("h\xc3\xa9\x7fo\n");
	CHECK(rd(100, b) == 3 && strcmp(b, "ho\n") == 0, "UTF-8 character erased whole: '%s'", b);

	reset();
	type("junk\x15ok\n");
	CHECK(rd(100, b) == 3 && strcmp(b, "ok\n") == 0, "^U kills the line");
	CHECK(strcmp(fst_out, "junk\b \b\b \b\b \b\b \bok\n") == 0, "kill echo '%s'", fst_out);
	reset();
	type("one two  \x17three\n");
	CHECK(rd(100, b) == 10 && strcmp(b, "one three\n") == 0, "^W erases a word: '%s'", b);
	reset();
	type("a\x16\x03" "b\n");
	CHECK(rd(100, b) == 4 && b[1] == 3 && fst_sig_count == 0, "^V makes ^C literal");

	/* EOF */
	reset();
	type("\x04");
	CHECK(rd(100, b) == 0, "^D on an empty line: 0");
	type("ab\x04");
	CHECK(rd(100, b) == 2 && strcmp(b, "ab") == 0, "^D after text: the text, no newline");
	CHECK(strcmp(fst_out, "ab") == 0, "^D is not echoed: '%s'", fst_out);
	reset();
	type("abc\x04");
	CHECK(rd(3, b) == 3 && rd(10, b) == 0, "a line that fills the buffer leaves the EOF for the next read");
	/* small buffers, several lines */
	reset();
	type("hello\nworld\n");
	CHECK(rd(2, b) == 2 && strcmp(b, "he") == 0, "partial line 1");
	CHECK(rd(100, b) == 4 && strcmp(b, "llo\n") == 0, "rest of line 1");
	CHECK(rd(100, b) == 6 && strcmp(b, "world\n") == 0, "one line per read");
	/* nothing complete yet */
	reset();
	type("partial");
	sys_fcntl(fd, F_SETFL, O_NONBLOCK);
	CHECK(rd(100, b) == -EAGAIN, "O_NONBLOCK with an incomplete line: EAGAIN");
	sys_fcntl(fd, F_SETFL, 0);
	CHECK(rd(100, b) == -EINTR, "blocking, interrupted: EINTR");
	pending_input = " line|\n";
	hook_calls = 0;
	fst_sleep_hook = type_on_sleep;
	CHECK(rd(100, b) == 13 && strcmp(b, "partial line\n") == 0 && hook_calls == 2, "read woken by typing: '%s'", b);
	fst_sleep_hook = NULL;
	/* ECHO off, ECHONL */
	reset();
	struct linux_termios *t = get_tio();
	t->c_lflag &= ~(unsigned)ECHO;
	set_tio(t, TCSETS);
	type("secret\n");
	CHECK(fst_out_len == 0 && rd(100, b) == 7, "no echo");
	t->c_lflag |= ECHONL;
	set_tio(t, TCSETS);
	type("x\n");
	CHECK(strcmp(fst_out, "\n") == 0, "ECHONL echoes only the newline");
	/* ICRNL off: CR is an ordinary character; IGNCR drops it */
	reset();
	t = get_tio();
	t->c_iflag &= ~(unsigned)ICRNL;
	set_tio(t, TCSETS);
	type("a\rb\n");
	CHECK(rd(100, b) == 4 && strcmp(b, "a\rb\n") == 0, "CR kept without ICRNL");
	t->c_iflag |= IGNCR;
	set_tio(t, TCSETS);
	type("a\rb\n");
	CHECK(rd(100, b) == 3 && strcmp(b, "ab\n") == 0, "IGNCR");
	/* a line too long: the rest is dropped with a bell, the newline still ends it */
	reset();
	for (int i = 0; i < TTY_LINE_MAX + 10; i++)
		tty_input_char('x');
	tty_input_char('\n');
	static char big[TTY_LINE_MAX + 20];
	CHECK(rd(sizeof big - 1, big) == TTY_LINE_MAX, "line limit: %zu", strlen(big));
}

static void test_signals(void)
{
	char b[64];
	reset();
	uintptr_t u = fst_ualloc(4);
	*(int *)u = 42;
	CHECK(sys_ioctl(fd, TIOCSPGRP, u) == 0, "TIOCSPGRP");
	*(int *)u = 0;
	CHECK(sys_ioctl(fd, TIOCGPGRP, u) == 0 && *(int *)u == 42, "TIOCGPGRP");
	type("typed");
	type("\x03");
	CHECK(fst_last_sig == SIGINT && fst_last_sig_pgrp == 42, "^C: SIGINT to the foreground group");
	CHECK(strcmp(fst_out, "typed^C") == 0, "echo '%s'", fst_out);
	type("\n");
	CHECK(rd(64, b) == 1 && strcmp(b, "\n") == 0, "^C flushed the line");
	type("\x1c");
	CHECK(fst_last_sig == SIGQUIT, "^\\: SIGQUIT");
	type("\x1a");
	CHECK(fst_last_sig == SIGTSTP, "^Z: SIGTSTP");
	/* no foreground group: nothing is sent */
	reset();
	type("\x03");
	CHECK(fst_sig_count == 0, "no group, no signal");
	/* ISIG off: ^C is data */
	reset();
	struct linux_termios *t = get_tio();
	t->c_lflag &= ~(unsigned)ISIG;
	set_tio(t, TCSETS);
	type("\x03\n");
	CHECK(fst_sig_count == 0 && rd(64, b) == 2 && b[0] == 3, "ISIG off");
	*(int *)u = -1;
	CHECK(sys_ioctl(fd, TIOCSPGRP, u) == -EINVAL, "negative pgrp");
	/* a signal while a reader waits */
	reset();
	current->sig_pending = 1ULL << (SIGINT - 1);
	CHECK(rd(64, b) == -EINTR, "pending signal: EINTR");
	current->sig_pending = 0;
}

static void test_raw(void)
{
	char b[64];
	reset();
	struct linux_termios *t = get_tio();
	t->c_lflag &= ~(unsigned)(ICANON | ECHO);
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
	set_tio(t, TCSETS);
	type("x");
	CHECK(rd(64, b) == 1 && b[0] == 'x', "raw: one character at once");
	type("\x7f\x04\x15");
	CHECK(rd(64, b) == 3 && b[0] == 0x7f && b[1] == 4 && b[2] == 0x15, "raw: editing characters are data");
	CHECK(fst_out_len == 0, "no echo");
	type("\r");
	CHECK(rd(64, b) == 1 && b[0] == '\n', "raw with ICRNL still maps CR");
	/* VMIN 3: the read waits for three */
	t->c_cc[VMIN] = 3;
	set_tio(t, TCSETS);
	type("a");
	pending_input = "b|c|";
	hook_calls = 0;
	fst_sleep_hook = type_on_sleep;
	CHECK(rd(64, b) == 3 && strcmp(b, "abc") == 0, "VMIN 3: '%s'", b);
	CHECK(rd(2, b) == -EINTR, "VMIN larger than the buffer: waits for the buffer's worth");
	fst_sleep_hook = NULL;
	/* VMIN 0 VTIME 0: poll */
	t->c_cc[VMIN] = 0;
	set_tio(t, TCSETS);
	CHECK(rd(64, b) == 0, "VMIN 0 VTIME 0 with nothing: 0");
	/* VMIN 0 VTIME 5: a timeout of half a second */
	t->c_cc[VTIME] = 5;
	set_tio(t, TCSETS);
	hook_calls = 0;
	fst_sleep_hook = time_passes;
	uint64_t start = fst_clock;
	CHECK(rd(64, b) == 0 && fst_clock - start >= 500000000ULL, "VTIME timeout after 0.5 s");
	/* VMIN 2 VTIME 1: after the first byte, an inter-byte timer */
	t->c_cc[VMIN] = 2;
	t->c_cc[VTIME] = 1;
	set_tio(t, TCSETS);
	type("q");
	CHECK(rd(64, b) == 1 && b[0] == 'q', "inter-byte timeout returns what came");
	fst_sleep_hook = NULL;
	/* canonical text typed before switching to raw becomes readable */
	reset();
	type("half");
	t = get_tio();
	t->c_lflag &= ~(unsigned)ICANON;
	t->c_cc[VMIN] = 1;
	set_tio(t, TCSETS);
	CHECK(rd(64, b) == 4 && strcmp(b, "half") == 0, "edited text handed over on the switch");
	/* TCSETSF flushes pending input */
	type("zzz");
	set_tio(t, TCSETSF);
	sys_fcntl(fd, F_SETFL, O_NONBLOCK);
	CHECK(rd(64, b) == -EAGAIN, "TCSETSF flushed");
	sys_fcntl(fd, F_SETFL, 0);
}

static void test_ioctls(void)
{
	reset();
	struct linux_termios *t = get_tio();
	const uint8_t *raw = (const uint8_t *)t;
	uint32_t lflag;
	memcpy(&lflag, raw + 12, 4);
	CHECK(lflag & ICANON && lflag & ECHO && lflag & ISIG, "c_lflag at offset 12");
	CHECK(raw[17 + VMIN] == 1 && raw[17 + VINTR] == 3 && raw[17 + VEOF] == 4 && raw[17 + VERASE] == 0x7f,
	      "c_cc at offset 17");
	CHECK((t->c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR) && (t->c_iflag & ICRNL), "cooked defaults");
	uintptr_t w = fst_ualloc(sizeof(struct linux_winsize));
	CHECK(sys_ioctl(fd, TIOCGWINSZ, w) == 0 && ((struct linux_winsize *)w)->ws_col == 80 &&
	      ((struct linux_winsize *)w)->ws_row == 24, "80x24");
	((struct linux_winsize *)w)->ws_col = 132;
	uintptr_t pg = fst_ualloc(4);
	*(int *)pg = 7;
	sys_ioctl(fd, TIOCSPGRP, pg);
	CHECK(sys_ioctl(fd, TIOCSWINSZ, w) == 0 && fst_last_sig == SIGWINCH, "TIOCSWINSZ sends SIGWINCH");
	((struct linux_winsize *)w)->ws_col = 0;
	CHECK(sys_ioctl(fd, TIOCGWINSZ, w) == 0 && ((struct linux_winsize *)w)->ws_col == 132, "size kept");
	/* a screen console: its text grid is the size, also after a reset */
	fst_last_sig = 0;
	tty_set_screen_size(48, 128);
	CHECK(fst_last_sig == SIGWINCH, "a new screen size sends SIGWINCH");
	CHECK(sys_ioctl(fd, TIOCGWINSZ, w) == 0 && ((struct linux_winsize *)w)->ws_col == 128 &&
	      ((struct linux_winsize *)w)->ws_row == 48, "the screen's 128x48");
	tty_reset(&console_tty);
	CHECK(sys_ioctl(fd, TIOCGWINSZ, w) == 0 && ((struct linux_winsize *)w)->ws_col == 128,
	      "a reset keeps the screen size");
	tty_set_screen_size(24, 80);
	sys_ioctl(fd, TIOCSPGRP, pg);
	uintptr_t n = fst_ualloc(4);
	type("abc");
	CHECK(sys_ioctl(fd, FIONREAD, n) == 0 && *(int *)n == 0, "FIONREAD: no complete line");
	type("\n");
	CHECK(sys_ioctl(fd, FIONREAD, n) == 0 && *(int *)n == 4, "FIONREAD: 4");
	CHECK(sys_ioctl(fd, TCFLSH, TCIFLUSH) == 0 && sys_ioctl(fd, FIONREAD, n) == 0 && *(int *)n == 0, "TCFLSH");
	CHECK(sys_ioctl(fd, 0x12345, 0) == -ENOTTY, "unknown ioctl: ENOTTY");
	CHECK(sys_ioctl(fd, TCGETS, 0) == -EFAULT && sys_ioctl(fd, TCSETS, fst_hole) == -EFAULT &&
	      sys_ioctl(fd, TIOCGWINSZ, 0xffff800000000000UL) == -EFAULT, "bad pointers: EFAULT");
	CHECK(sys_lseek(fd, 0, SEEK_SET) == -ESPIPE && sys_pread64(fd, fst_ualloc(4), 4, 0) == -ESPIPE, "ESPIPE");
	/* poll */
	struct { int32_t fd; int16_t events, revents; } *pf = (void *)fst_ualloc(8);
	pf->fd = fd;
	pf->events = POLLIN | POLLOUT;
	uintptr_t ts = fst_ualloc(16);
	memset((void *)ts, 0, 16);
	CHECK(sys_ppoll((uintptr_t)pf, 1, ts, 0, 8) == 1 && pf->revents == POLLOUT, "writable, nothing to read");
	type("x\n");
	CHECK(sys_ppoll((uintptr_t)pf, 1, ts, 0, 8) == 1 && pf->revents == (POLLIN | POLLOUT), "readable");
	/* a poll that waits and times out */
	tty_reset(&console_tty);
	pf->events = POLLIN;
	((int64_t *)ts)[0] = 1;
	hook_calls = 0;
	fst_sleep_hook = time_passes;
	CHECK(sys_ppoll((uintptr_t)pf, 1, ts, 0, 8) == 0 && ((int64_t *)ts)[0] == 0, "ppoll timeout");
	fst_sleep_hook = NULL;
	CHECK(sys_ppoll((uintptr_t)pf, 1, ts, fst_ualloc(8), 4) == -EINVAL, "ppoll bad sigsetsize");
	((int64_t *)ts)[1] = 1000000000;
	CHECK(sys_ppoll((uintptr_t)pf, 1, ts, 0, 8) == -EINVAL, "ppoll bad timespec");
	CHECK(sys_ppoll((uintptr_t)pf, FDTABLE_SIZE + 1, 0, 0, 8) == -EINVAL, "ppoll too many fds");
	/* output */
	fst_out_reset();
	uintptr_t s = fst_ustr("out\r\n");
	CHECK(sys_write(fd, s, 5) == 5 && strcmp(fst_out, "out\r\n") == 0, "write");
	t = get_tio();
	t->c_oflag |= OCRNL;
	set_tio(t, TCSETS);
	fst_out_reset();
	s = fst_ustr("a\rb");
	CHECK(sys_write(fd, s, 3) == 3 && strcmp(fst_out, "a\nb") == 0, "OCRNL");
	CHECK(sys_write(fd, fst_hole, 3) == -EFAULT, "write from a bad buffer");
}

static const char *uart_input;

static int fake_getc(struct console *c)
{
	(void)c;
	return uart_input && *uart_input ? (unsigned char)*uart_input++ : -1;
}

static void test_poll_input(void)
{
	char b[64];
	reset();
	static struct console fake = { .name = "fake", .getc = fake_getc };
	console_input_register(&fake);
	console_input_register(&fake);          /* once is enough */
	uart_input = "from the uart\r";
	console_poll_input();
	CHECK(rd(64, b) == 14 && strcmp(b, "from the uart\n") == 0, "console_poll_input: '%s'", b);
	CHECK(strcmp(fst_out, "from the uart\n") == 0, "echoed");
}

/* Job control: a background group of the terminal's session that reads gets
 * SIGTTIN (and, here, where nothing stops, EINTR); ignoring it gives EIO;
 * with TOSTOP a write gets SIGTTOU. */
static void test_background(void)
{
	char b[64];
	reset();
	console_tty.sid = current->sid = 5;
	console_tty.pgrp = 7;
	current->pgid = 8;
	type("queued\n");
	CHECK(rd(64, b) == -EINTR && fst_last_sig == SIGTTIN && fst_last_sig_pgrp == 8,
	      "background read: SIGTTIN to its group");
	current->sighand->act[SIGTTIN].handler = SIG_IGN;
	CHECK(rd(64, b) == -EIO, "background read, SIGTTIN ignored: EIO");
	current->sighand->act[SIGTTIN].handler = SIG_DFL;
	uintptr_t u = fst_ustr("out\n");
	fst_reset_signals();
	CHECK(sys_write(fd, u, 4) == 4 && fst_sig_count == 0, "background write without TOSTOP");
	struct linux_termios *t = get_tio();
	t->c_lflag |= TOSTOP;
	set_tio(t, TCSETS);
	CHECK(sys_write(fd, u, 4) == -EINTR && fst_last_sig == SIGTTOU, "TOSTOP: SIGTTOU");
	/* another session's process is not held back; the foreground reads */
	current->sid = 6;
	CHECK(rd(64, b) == 7 && strcmp(b, "queued\n") == 0, "other session reads");
	current->sid = 5;
	current->pgid = 7;
	type("fg\n");
	CHECK(rd(64, b) == 3, "foreground reads");
	console_tty.sid = console_tty.pgrp = 0;
	current->sid = current->pgid = 0;
	reset();
}

int main(void)
{
	fst_boot();
	fd = (int)sys_openat(AT_FDCWD, fst_ustr("/dev/console"), O_RDWR, 0);
	CHECK(fd >= 0, "open /dev/console");
	long fd2 = sys_openat(AT_FDCWD, fst_ustr("/dev/tty"), O_RDWR | O_NOCTTY, 0);
	CHECK(fd2 >= 0, "open /dev/tty");
	test_canonical();
	test_signals();
	test_raw();
	test_ioctls();
	test_poll_input();
	test_background();
	return check_finish();
}

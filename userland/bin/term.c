/* The full-screen terminal shared by more, vi, top and watch (term.h). */
#include "term.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

static int key_fd = -1;
static struct termios saved;
static bool is_raw, saved_ok;
static volatile sig_atomic_t resized;   /* SIGWINCH since the last KEY_RESIZE */

static void on_winch(int sig)
{
	(void)sig;
	resized = 1;
}

bool term_open(void)
{
	if (key_fd >= 0)
		return true;
	if (isatty(0))
		key_fd = 0;
	else
		key_fd = open("/dev/tty", O_RDWR);
	if (key_fd < 0)
		return false;
	saved_ok = tcgetattr(key_fd, &saved) == 0;
	return saved_ok;
}

void term_restore(void)
{
	if (is_raw && saved_ok)
		tcsetattr(key_fd, TCSADRAIN, &saved);
	is_raw = false;
}

/* A signal that ends the program: put the terminal back first, then die of
 * the same signal so the parent sees why. */
static void on_fatal(int sig)
{
	term_restore();
	static const char nl[] = "\r\n";
	(void)!write(1, nl, 2);
	signal(sig, SIG_DFL);
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);   /* blocked while its handler runs */
	raise(sig);
	_exit(128 + sig);
}

void term_raw(void)
{
	if (!saved_ok || is_raw)
		return;
	static bool hooked;
	if (!hooked) {
		hooked = true;
		atexit(term_restore);
		signal(SIGINT, on_fatal);
		signal(SIGTERM, on_fatal);
		signal(SIGHUP, on_fatal);
		signal(SIGQUIT, on_fatal);
		/* without SA_RESTART: the read waiting for a key returns EINTR */
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_winch;
		sigaction(SIGWINCH, &sa, NULL);
	}
	struct termios raw = saved;
	raw.c_iflag &= ~(tcflag_t)(ICRNL | INLCR | IGNCR | IXON | ISTRIP | BRKINT);
	raw.c_oflag &= ~(tcflag_t)OPOST;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(key_fd, TCSADRAIN, &raw) == 0)
		is_raw = true;
}

void term_size(int *rows, int *cols)
{
	struct winsize ws;
	*rows = 24;
	*cols = 80;
	if ((ioctl(1, TIOCGWINSZ, &ws) == 0 || (key_fd >= 0 && ioctl(key_fd, TIOCGWINSZ, &ws) == 0)) &&
	    ws.ws_row > 0 && ws.ws_col > 0) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
	}
	if (*rows < 2)
		*rows = 2;
	if (*cols < 10)
		*cols = 10;
}

/* One byte within ms milliseconds (-1: wait forever): the byte, KEY_NONE
 * or KEY_EOF. */
static int pushed = -1;          /* a byte read too far by escape() */

static int byte_wait(int ms)
{
	if (resized) {
		resized = 0;
		return KEY_RESIZE;
	}
	if (pushed >= 0) {
		int c = pushed;
		pushed = -1;
		return c;
	}
	if (ms >= 0) {
		struct pollfd p = { .fd = key_fd, .events = POLLIN };
		int r;
		do
			r = poll(&p, 1, ms);
		while (r < 0 && errno == EINTR && !resized);
		if (resized) {
			resized = 0;
			return KEY_RESIZE;
		}
		if (r == 0)
			return KEY_NONE;
	}
	unsigned char c;
	for (;;) {
		ssize_t n = read(key_fd, &c, 1);
		if (n == 1)
			return c;
		if (n < 0 && errno == EINTR) {
			if (resized) {
				resized = 0;
				return KEY_RESIZE;
			}
			continue;
		}
		return KEY_EOF;
	}
}

/* After ESC: "[A" and friends, "OA" (application cursor keys), "[5~".
 * A lone ESC (nothing follows within 50 ms) is the key ESC itself. */
static int escape(void)
{
	int c = byte_wait(50);
	if (c != '[' && c != 'O') {
		if (c >= 0)
			pushed = c;     /* ESC then a key, typed fast (vi: ESC :wq) */
		return 27;
	}
	int n = 0, d;
	while ((d = byte_wait(50)) >= '0' && d <= '9')
		n = n * 10 + (d - '0');
	switch (d) {
	case 'A': return KEY_UP;
	case 'B': return KEY_DOWN;
	case 'C': return KEY_RIGHT;
	case 'D': return KEY_LEFT;
	case 'H': return KEY_HOME;
	case 'F': return KEY_END;
	case '~':
		switch (n) {
		case 1: case 7: return KEY_HOME;
		case 4: case 8: return KEY_END;
		case 2: return KEY_INS;
		case 3: return KEY_DEL;
		case 5: return KEY_PGUP;
		case 6: return KEY_PGDN;
		}
	}
	return 27;
}

bool term_find(const regex_t *re, const char *s, size_t n, size_t from, size_t *so, size_t *eo)
{
	static char *buf;
	static size_t cap;
	if (n + 1 > cap) {
		char *nb = realloc(buf, n + 1);
		if (!nb)
			return false;
		buf = nb;
		cap = n + 1;
	}
	memcpy(buf, s, n);
	buf[n] = 0;
	if (from > n)
		return false;
	regmatch_t m;
	if (regexec(re, buf + from, 1, &m, from ? REG_NOTBOL : 0) != 0)
		return false;
	*so = from + (size_t)m.rm_so;
	*eo = from + (size_t)m.rm_eo;
	return true;
}

int term_key_wait(int ms)
{
	int c = byte_wait(ms);
	return c == 27 ? escape() : c;
}

int term_key(void)
{
	return term_key_wait(-1);
}

static char *obuf;
static size_t olen, ocap;

void out_n(const char *s, size_t n)
{
	if (olen + n > ocap) {
		size_t cap = ocap ? ocap : 4096;
		while (cap < olen + n)
			cap *= 2;
		char *nb = realloc(obuf, cap);
		if (!nb) {
			out_flush();
			(void)!write(1, s, n);
			return;
		}
		obuf = nb;
		ocap = cap;
	}
	memcpy(obuf + olen, s, n);
	olen += n;
}

void out_s(const char *s)
{
	out_n(s, strlen(s));
}

void out_c(char c)
{
	out_n(&c, 1);
}

void out_f(const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n > 0)
		out_n(buf, (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

void out_move(int row, int col)
{
	out_f("\033[%d;%dH", row + 1, col + 1);
}

void out_flush(void)
{
	size_t done = 0;
	while (done < olen) {
		ssize_t w = write(1, obuf + done, olen - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	olen = 0;
}

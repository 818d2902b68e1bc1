/* The console terminal: line discipline, termios, job-control ioctls
 * (see <tty.h>). */
#include <tty.h>
#include <vfs.h>
#include <console.h>
#include <proc.h>
#include <uaccess.h>
#include <kernel.h>
#include <uapi.h>
#include <arch.h>
#include <string.h>

enum { TTYF_DATA, TTYF_DELIM, TTYF_EOF };
#define CTRL(c) ((c) & 0x1f)

struct tty console_tty;
/* What TIOCGWINSZ reports until a program sets it: a VT100's 24 x 80 on a
 * serial line, the text grid when the console is also a screen. */
static struct linux_winsize screen_ws = { .ws_row = 24, .ws_col = 80 };

static void console_out(struct tty *t, const char *s, size_t n)
{
	(void)t;
	console_write(s, n);
}

void tty_reset(struct tty *t)
{
	void (*out)(struct tty *, const char *, size_t) = t->out;
	memset(t, 0, sizeof *t);
	t->out = out ? out : console_out;
	t->tio.c_iflag = ICRNL | IXON | IUTF8;
	t->tio.c_oflag = OPOST | ONLCR;
	t->tio.c_cflag = B38400 | CS8 | CREAD | HUPCL;
	t->tio.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN;
	static const uint8_t cc[NCCS] = {
		[VINTR] = CTRL('C'), [VQUIT] = 034, [VERASE] = 0177, [VKILL] = CTRL('U'),
		[VEOF] = CTRL('D'), [VTIME] = 0, [VMIN] = 1, [VSTART] = CTRL('Q'),
		[VSTOP] = CTRL('S'), [VSUSP] = CTRL('Z'), [VREPRINT] = CTRL('R'),
		[VDISCARD] = CTRL('O'), [VWERASE] = CTRL('W'), [VLNEXT] = CTRL('V'),
	};
	memcpy(t->tio.c_cc, cc, NCCS);
	t->ws = screen_ws;
}

void tty_set_screen_size(unsigned rows, unsigned cols)
{
	struct linux_winsize w = { .ws_row = (uint16_t)rows, .ws_col = (uint16_t)cols };
	bool changed = w.ws_row != console_tty.ws.ws_row || w.ws_col != console_tty.ws.ws_col;
	screen_ws = w;
	console_tty.ws = w;
	if (changed && console_tty.pgrp > 0)
		signal_send_pgrp(console_tty.pgrp, SIGWINCH);
}

void tty_init(void)
{
	tty_reset(&console_tty);
}

void tty_set_foreground(int pgid)
{
	console_tty.pgrp = pgid;
}

/* ---------------------------------------------------------------- output */
static void put(struct tty *t, const char *s, size_t n)
{
	if (t->out)
		t->out(t, s, n);
}

/* Write user output with the output processing of c_oflag.  ONLCR is the
 * console drivers' own behaviour (they send \r\n for \n), so it needs
 * nothing here. */
static void output(struct tty *t, char *s, size_t n)
{
	if ((t->tio.c_oflag & (OPOST | OCRNL)) == (OPOST | OCRNL))
		for (size_t i = 0; i < n; i++)
			if (s[i] == '\r')
				s[i] = '\n';
	put(t, s, n);
}

static bool echoed_as_ctl(struct tty *t, unsigned char c)
{
	return (t->tio.c_lflag & ECHOCTL) && (c < 0x20 || c == 0x7f) && c != '\t' && c != '\n';
}

static void echo_char(struct tty *t, unsigned char c)
{
	if (echoed_as_ctl(t, c)) {
		char s[2] = { '^', (char)(c == 0x7f ? '?' : c + 0x40) };
		put(t, s, 2);
	} else {
		char ch = (char)c;
		put(t, &ch, 1);
	}
}

/* ---------------------------------------------------------------- input */
static void ring_put(struct tty *t, char c, uint8_t fl)
{
	size_t at = (t->head + t->count) % TTY_BUF_SIZE;
	t->buf[at] = c;
	t->flag[at] = fl;
	t->count++;
	if (fl != TTYF_DATA)
		t->lines++;
}

static void ring_pop(struct tty *t)
{
	if (t->flag[t->head] != TTYF_DATA)
		t->lines--;
	t->head = (t->head + 1) % TTY_BUF_SIZE;
	t->count--;
}

static void wake_readers(struct tty *t)
{
	wakeup(t);
	vfs_poll_wakeup();
}

static void flush_input(struct tty *t)
{
	t->head = t->count = t->lines = 0;
	t->len = 0;
	t->lnext = false;
}

/* Hand the edited line (and its delimiter) to readers. */
static void commit_line(struct tty *t, int delim, char c)
{
	size_t need = t->len + (delim != TTYF_DATA);
	if (TTY_BUF_SIZE - t->count < need) {
		put(t, "\a", 1);        /* no room: the line is lost */
		t->len = 0;
		return;
	}
	for (size_t i = 0; i < t->len; i++)
		ring_put(t, t->line[i], TTYF_DATA);
	if (delim != TTYF_DATA)
		ring_put(t, c, (uint8_t)delim);
	t->len = 0;
	wake_readers(t);
}

static void erase_one(struct tty *t)
{
	if (t->len == 0)
		return;
	/* a UTF-8 character goes as a whole */
	size_t n = 1;
	if (t->tio.c_iflag & IUTF8)
		while (n < t->len && ((unsigned char)t->line[t->len - n] & 0xc0) == 0x80)
			n++;
	unsigned char c = (unsigned char)t->line[t->len - n];
	t->len -= n;
	if (!(t->tio.c_lflag & ECHO))
		return;
	if (t->tio.c_lflag & ECHOE) {
		int cols = echoed_as_ctl(t, c) ? 2 : 1;
		for (int i = 0; i < cols; i++)
			put(t, "\b \b", 3);
	} else {
		echo_char(t, t->tio.c_cc[VERASE]);
	}
}

static void send_signal(struct tty *t, int sig, unsigned char c)
{
	if (!(t->tio.c_lflag & NOFLSH))
		flush_input(t);
	if (t->tio.c_lflag & ECHO)
		echo_char(t, c);
	if (t->pgrp > 0)
		signal_send_pgrp(t->pgrp, sig);
	wake_readers(t);
}

static bool is_cc(struct tty *t, unsigned char c, int which)
{
	return t->tio.c_cc[which] != 0 && c == t->tio.c_cc[which];
}

void tty_input(struct tty *t, char ch)
{
	unsigned char c = (unsigned char)ch;
	uint32_t lf = t->tio.c_lflag, inf = t->tio.c_iflag;
	bool canon = lf & ICANON;

	if (inf & ISTRIP)
		c &= 0x7f;
	if (t->lnext) {
		t->lnext = false;
		if (lf & ECHO)
			put(t, "\b", 1);
		goto literal;
	}
	if (c == '\r') {
		if (inf & IGNCR)
			return;
		if (inf & ICRNL)
			c = '\n';
	} else if (c == '\n' && (inf & INLCR)) {
		c = '\r';
	}
	if (lf & ISIG) {
		if (is_cc(t, c, VINTR)) {
			send_signal(t, SIGINT, c);
			return;
		}
		if (is_cc(t, c, VQUIT)) {
			send_signal(t, SIGQUIT, c);
			return;
		}
		if (is_cc(t, c, VSUSP)) {
			send_signal(t, SIGTSTP, c);
			return;
		}
	}
	if ((inf & IXON) && (is_cc(t, c, VSTOP) || is_cc(t, c, VSTART)))
		return;                 /* flow control: output is never stopped here */
	if (canon) {
		if (is_cc(t, c, VERASE) || c == '\b') {
			erase_one(t);
			return;
		}
		if (is_cc(t, c, VKILL)) {
			if ((lf & ECHO) && (lf & ECHOKE) && (lf & ECHOE)) {
				while (t->len)
					erase_one(t);
			} else {
				if ((lf & ECHO) && (lf & ECHOK)) {
					echo_char(t, c);
					put(t, "\n", 1);
				}
				t->len = 0;
			}
			return;
		}
		if ((lf & IEXTEN) && is_cc(t, c, VWERASE)) {
			while (t->len && (t->line[t->len - 1] == ' ' || t->line[t->len - 1] == '\t'))
				erase_one(t);
			while (t->len && t->line[t->len - 1] != ' ' && t->line[t->len - 1] != '\t')
				erase_one(t);
			return;
		}
		if ((lf & IEXTEN) && is_cc(t, c, VLNEXT)) {
			t->lnext = true;
			if (lf & ECHO)
				put(t, "^", 1);
			return;
		}
		if (is_cc(t, c, VREPRINT) && (lf & ECHO) && (lf & IEXTEN)) {
			echo_char(t, c);
			put(t, "\n", 1);
			put(t, t->line, t->len);
			return;
		}
		if (is_cc(t, c, VEOF)) {
			commit_line(t, TTYF_EOF, (char)c);
			return;
		}
		if (c == '\n' || is_cc(t, c, VEOL) || is_cc(t, c, VEOL2)) {
			if ((lf & ECHO) || (c == '\n' && (lf & ECHONL)))
				echo_char(t, c);
			commit_line(t, TTYF_DELIM, (char)c);
			return;
		}
	}
literal:
	if (canon) {
		if (t->len >= TTY_LINE_MAX - 1) {
			put(t, "\a", 1);
			return;
		}
		t->line[t->len++] = (char)c;
	} else {
		if (t->count >= TTY_BUF_SIZE)
			return;
		ring_put(t, (char)c, TTYF_DATA);
		wake_readers(t);
	}
	if (lf & ECHO)
		echo_char(t, c);
}

void tty_input_char(char c)
{
	tty_input(&console_tty, c);
}

/* ---------------------------------------------------------------- console input */
#define MAX_INPUT_CONSOLES 4
static struct console *inputs[MAX_INPUT_CONSOLES];

void console_input_register(struct console *c)
{
	for (int i = 0; i < MAX_INPUT_CONSOLES; i++) {
		if (inputs[i] == c)
			return;
		if (!inputs[i]) {
			inputs[i] = c;
			return;
		}
	}
}

void console_poll_input(void)
{
	for (int i = 0; i < MAX_INPUT_CONSOLES && inputs[i]; i++) {
		struct console *c = inputs[i];
		if (!c->getc)
			continue;
		for (int n = 0; n < 256; n++) {       /* bounded: a stuck receiver cannot hang the tick */
			int ch = c->getc(c);
			if (ch < 0)
				break;
			tty_input_char((char)ch);
		}
	}
}

/* ---------------------------------------------------------------- job control */

/* Is current in a background process group of the session this terminal
 * belongs to?  (Processes of other sessions are not held back.) */
static bool in_background(const struct tty *t)
{
	return current && t->sid && current->sid == t->sid && t->pgrp > 0 &&
	       current->pgid != t->pgrp;
}

/* A background process group touching the terminal gets sig (SIGTTIN to
 * read; SIGTTOU to write with TOSTOP), which stops it by default; the
 * process then waits here, stopped, and checks again when continued (fg
 * makes it the foreground).  A process that ignores or blocks the signal
 * gets -EIO for a read and may write; one that handles it gets -EINTR. */
static int wait_for_foreground(struct tty *t, int sig)
{
	while (in_background(t)) {
		uint64_t bit = 1ULL << (sig - 1);
		if (current->sighand->act[sig].handler == SIG_IGN || (current->sig_blocked & bit))
			return sig == SIGTTIN ? -EIO : 0;
		signal_send_pgrp(current->pgid, sig);
		if (signal_sleep_interrupted() < 0)
			return -EINTR;
	}
	return 0;
}

/* ---------------------------------------------------------------- file operations */
/* Move what u wants from the ring.  In canonical mode the read ends after a
 * delimiter; an EOF mark ends it too and is consumed but not copied (when
 * the line before it exactly filled the buffer, the mark stays and the next
 * read returns 0).  In raw mode EOF marks left from canonical mode are
 * dropped. */
static long take(struct tty *t, struct uio *u, bool canon)
{
	size_t got = 0;
	while (u->resid > 0 && t->count > 0) {
		if (t->flag[t->head] == TTYF_EOF) {
			ring_pop(t);
			if (canon)
				break;
			continue;
		}
		char chunk[64];
		size_t n = 0;
		bool delim = false;
		while (n < sizeof chunk && n < u->resid && n < t->count) {
			size_t at = (t->head + n) % TTY_BUF_SIZE;
			if (t->flag[at] == TTYF_EOF)
				break;
			chunk[n++] = t->buf[at];
			if (t->flag[at] == TTYF_DELIM && canon) {
				delim = true;
				break;
			}
		}
		if (uio_copyout(u, chunk, n))
			return got ? (long)got : -EFAULT;
		for (size_t i = 0; i < n; i++)
			ring_pop(t);
		got += n;
		if (delim)
			break;
		if (canon && t->count > 0 && t->flag[t->head] == TTYF_EOF && u->resid > 0) {
			ring_pop(t);
			break;
		}
	}
	return (long)got;
}

static long tty_read(struct file *f, struct uio *u, uint64_t *pos)
{
	struct tty *t = f->priv;
	(void)pos;
	size_t got = 0;
	if (u->resid == 0)
		return 0;
	uint64_t deadline = 0;
	for (;;) {
		int bg = wait_for_foreground(t, SIGTTIN);
		if (bg)
			return got ? (long)got : bg;
		bool canon = t->tio.c_lflag & ICANON;
		unsigned vmin = t->tio.c_cc[VMIN], vtime = t->tio.c_cc[VTIME];
		if (canon) {
			if (t->lines > 0) {
				long r = take(t, u, true);
				if (r < 0)
					return got ? (long)got : r;
				return (long)(got + (size_t)r);
			}
		} else {
			size_t before = got;
			long r = take(t, u, false);
			if (r < 0)
				return got ? (long)got : r;
			got += (size_t)r;
			if (u->resid == 0)
				return (long)got;
			if (vmin == 0) {
				if (got > 0 || vtime == 0)
					return (long)got;
				if (!deadline)
					deadline = arch_clock_ns() + vtime * 100000000ULL;
				if (arch_clock_ns() >= deadline)
					return 0;
			} else {
				size_t target = MIN((size_t)vmin, got + u->resid);
				if (got >= target)
					return (long)got;
				if (vtime && got > 0) {
					if (got != before || !deadline)
						deadline = arch_clock_ns() + vtime * 100000000ULL;
					if (arch_clock_ns() >= deadline)
						return (long)got;
				} else {
					deadline = 0;
				}
			}
		}
		if (f->flags & O_NONBLOCK)
			return got ? (long)got : -EAGAIN;
		int err = deadline ? sleep_until(t, deadline, true) : sleep_on(t, true);
		if (err)
			return got ? (long)got : err;
	}
}

static long tty_write(struct file *f, struct uio *u, uint64_t *pos)
{
	struct tty *t = f->priv;
	(void)pos;
	size_t total = u->resid;
	char chunk[256];
	if (t->tio.c_lflag & TOSTOP) {
		int bg = wait_for_foreground(t, SIGTTOU);
		if (bg)
			return bg;
	}
	while (u->resid > 0) {
		size_t n = MIN(u->resid, sizeof chunk);
		size_t before = u->resid;
		int err = uio_copyin(u, chunk, n);
		size_t moved = before - u->resid;
		if (moved)
			output(t, chunk, moved);
		if (err) {
			size_t done = total - u->resid;
			return done ? (long)done : err;
		}
	}
	return (long)total;
}

static size_t readable_bytes(struct tty *t)
{
	size_t n = 0;
	for (size_t i = 0; i < t->count; i++)
		if (t->flag[(t->head + i) % TTY_BUF_SIZE] != TTYF_EOF)
			n++;
	return n;
}

static unsigned tty_poll(struct file *f)
{
	struct tty *t = f->priv;
	unsigned m = POLLOUT | POLLWRNORM;
	bool canon = t->tio.c_lflag & ICANON;
	if (canon ? t->lines > 0 : t->count > 0)
		m |= POLLIN | POLLRDNORM;
	return m;
}

static void set_termios(struct tty *t, const struct linux_termios *n)
{
	bool was_canon = t->tio.c_lflag & ICANON;
	t->tio = *n;
	if (was_canon && !(n->c_lflag & ICANON))
		commit_line(t, TTYF_DATA, 0);   /* what was typed becomes readable */
	wake_readers(t);
}

static long tty_ioctl(struct file *f, unsigned long cmd, uintptr_t arg)
{
	struct tty *t = f->priv;
	switch (cmd) {
	case TCGETS:
		return copy_to_user(arg, &t->tio, sizeof t->tio);
	case TCSETS:
	case TCSETSW:
	case TCSETSF: {
		struct linux_termios n;
		if (copy_from_user(&n, arg, sizeof n))
			return -EFAULT;
		if (cmd == TCSETSF)
			flush_input(t);
		set_termios(t, &n);
		return 0;
	}
	case TIOCGWINSZ:
		return copy_to_user(arg, &t->ws, sizeof t->ws);
	case TIOCSWINSZ: {
		struct linux_winsize w;
		if (copy_from_user(&w, arg, sizeof w))
			return -EFAULT;
		bool changed = memcmp(&w, &t->ws, sizeof w) != 0;
		t->ws = w;
		if (changed && t->pgrp > 0)
			signal_send_pgrp(t->pgrp, SIGWINCH);
		return 0;
	}
	case TIOCGPGRP: {
		int pg = t->pgrp;
		return copy_to_user(arg, &pg, sizeof pg);
	}
	case TIOCSPGRP: {
		int pg;
		if (copy_from_user(&pg, arg, sizeof pg))
			return -EFAULT;
		if (pg < 0)
			return -EINVAL;
		t->pgrp = pg;
		return 0;
	}
	case TIOCGSID: {
		if (!t->sid)
			return -ENOTTY;
		int sid = t->sid;
		return copy_to_user(arg, &sid, sizeof sid);
	}
	case TIOCSCTTY:
		if (current) {
			t->sid = current->sid;
			t->pgrp = current->pgid;
		}
		return 0;
	case TIOCNOTTY:
		if (current && t->sid == current->sid) {
			t->sid = 0;
			t->pgrp = 0;
		}
		return 0;
	case FIONREAD: {
		int n = (int)readable_bytes(t);
		if (t->tio.c_lflag & ICANON && t->lines == 0)
			n = 0;
		return copy_to_user(arg, &n, sizeof n);
	}
	case TCFLSH:
		if (arg > TCIOFLUSH)
			return -EINVAL;
		if (arg == TCIFLUSH || arg == TCIOFLUSH)
			flush_input(t);
		return 0;
	case TCSBRK:
	case TCXONC:
		return 0;               /* output is never held back */
	default:
		return -ENOTTY;
	}
}

const struct file_ops tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
	.is_tty = true,
};

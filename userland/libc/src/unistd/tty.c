/* Ringel libc: terminals — ioctl, isatty, the foreground process group and
 * termios.  struct termios is the kernel's own (asm-generic, the same on
 * both architectures), so TCGETS/TCSETS take it as is. */
#include <errno.h>
#include <stdarg.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include "../internal.h"

int ioctl(int fd, unsigned long req, ...)
{
	va_list ap;
	va_start(ap, req);
	void *arg = va_arg(ap, void *);
	va_end(ap);
	return sys(SYS_ioctl, fd, req, arg);
}

int isatty(int fd)
{
	struct termios t;
	return sys(SYS_ioctl, fd, TCGETS, &t) == 0;
}

pid_t tcgetpgrp(int fd)
{
	int pgrp;
	if (ioctl(fd, TIOCGPGRP, &pgrp) < 0)
		return -1;
	return pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	int p = pgrp;
	return ioctl(fd, TIOCSPGRP, &p);
}

pid_t tcgetsid(int fd)
{
	int sid;
	if (ioctl(fd, TIOCGSID, &sid) < 0)
		return -1;
	return sid;
}

int tcgetattr(int fd, struct termios *t) { return ioctl(fd, TCGETS, t); }

int tcsetattr(int fd, int when, const struct termios *t)
{
	/* TCSANOW, TCSADRAIN, TCSAFLUSH are TCSETS, TCSETSW, TCSETSF in order. */
	if (when < TCSANOW || when > TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, TCSETS + when, t);
}

void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~OPOST;
	t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

/* The speed lives in c_cflag's CBAUD bits; the console ignores it. */
speed_t cfgetospeed(const struct termios *t) { return t->c_cflag & CBAUD; }
speed_t cfgetispeed(const struct termios *t) { return cfgetospeed(t); }

int cfsetospeed(struct termios *t, speed_t s)
{
	if (s & ~CBAUD) {
		errno = EINVAL;
		return -1;
	}
	t->c_cflag = (t->c_cflag & ~CBAUD) | s;
	return 0;
}
int cfsetispeed(struct termios *t, speed_t s) { return s ? cfsetospeed(t, s) : 0; }
int cfsetspeed(struct termios *t, speed_t s) { return cfsetospeed(t, s); }

int tcflush(int fd, int queue) { return ioctl(fd, TCFLSH, (void *)(long)queue); }
int tcdrain(int fd) { return ioctl(fd, TCSBRK, (void *)1L); }
int tcflow(int fd, int action) { return ioctl(fd, TCXONC, (void *)(long)action); }
int tcsendbreak(int fd, int duration) { (void)duration; return ioctl(fd, TCSBRK, (void *)0L); }

char *ttyname(int fd)
{
	static char name[32];
	if (ttyname_r(fd, name, sizeof(name)))
		return NULL;
	return name;
}

int ttyname_r(int fd, char *buf, size_t n)
{
	/* /proc/self/fd may not exist; there is one terminal, the console. */
	if (!isatty(fd))
		return errno;
	const char *name = "/dev/console";
	if (strlen(name) >= n)
		return ERANGE;
	strcpy(buf, name);
	return 0;
}

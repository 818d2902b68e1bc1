/* Shared helpers of the commands (see common.h). */
#include "common.h"
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *progname = "?";
static const char *usage_text = "";

void cmd_init(const char *name, const char *text)
{
	progname = name;
	usage_text = text;
}

_Noreturn void usage(int status)
{
	FILE *f = status ? stderr : stdout;
	fprintf(f, "usage: %s %s", progname, usage_text);
	fflush(f);
	exit(status);
}

static void vwarn(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
}

void warn_errno(const char *what)
{
	warn("%s: %s", what, strerror(errno));
}

_Noreturn void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vwarn(fmt, ap);
	va_end(ap);
	exit(1);
}

_Noreturn void die_errno(const char *what)
{
	warn_errno(what);
	exit(1);
}

char *path_join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);
	if (!p)
		die("out of memory");
	memcpy(p, dir, a);
	if (a == 0 || dir[a - 1] != '/')
		p[a++] = '/';
	memcpy(p + a, name, b + 1);
	return p;
}

char *path_into(const char *dir, const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	size_t s = n;
	while (s > 0 && path[s - 1] != '/')
		s--;
	char *base = strndup(path + s, n - s);
	if (!base)
		die("out of memory");
	char *p = path_join(dir, base);
	free(base);
	return p;
}

int for_each_source(int n, char **args, int (*fn)(const char *src, const char *dst))
{
	const char *dest = args[n - 1];
	struct stat st;
	bool into_dir = stat(dest, &st) == 0 && S_ISDIR(st.st_mode);
	if (n > 2 && !into_dir)
		die("target '%s' is not a directory", dest);
	int status = 0;
	for (int i = 0; i < n - 1; i++) {
		char *t = into_dir ? path_into(dest, args[i]) : NULL;
		status |= fn(args[i], t ? t : dest);
		free(t);
	}
	return status;
}

bool text_value(const char *text, const char *key, char *buf, size_t size)
{
	size_t n = strlen(key);
	for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
		if (strncmp(p, key, n) || p[n] != ':')
			continue;
		const char *v = p + n + 1;
		v += strspn(v, " \t");
		snprintf(buf, size, "%.*s", (int)strcspn(v, "\n"), v);
		return true;
	}
	return false;
}

bool parse_long(const char *s, long *out)
{
	const char *p = s;
	bool neg = false;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	if (*p < '0' || *p > '9')
		return false;
	long v = 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		int d = *p - '0';
		if (v > (__LONG_MAX__ - d) / 10)
			return false;
		v = v * 10 + d;
	}
	if (*p)
		return false;
	*out = neg ? -v : v;
	return true;
}

int write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

void lines_init(struct lines *l, int fd)
{
	memset(l, 0, sizeof *l);
	l->fd = fd;
}

static bool lines_fill(struct lines *l)
{
	if (l->eof)
		return false;
	if (l->start > 0) {
		memmove(l->buf, l->buf + l->start, l->end - l->start);
		l->end -= l->start;
		l->start = 0;
	}
	if (l->end == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8192;
		char *nb = realloc(l->buf, cap);
		if (!nb) {
			l->err = true;
			l->eof = true;
			errno = ENOMEM;
			return false;
		}
		l->buf = nb;
		l->cap = cap;
	}
	ssize_t r;
	do
		r = read(l->fd, l->buf + l->end, l->cap - l->end);
	while (r < 0 && errno == EINTR);
	if (r <= 0) {
		l->eof = true;
		l->err = r < 0;
		return false;
	}
	l->end += (size_t)r;
	return true;
}

char *lines_next(struct lines *l, size_t *len, bool *had_nl)
{
	size_t scanned = 0;     /* bytes after start already searched */
	for (;;) {
		size_t avail = l->end - l->start;
		char *p = l->buf ? l->buf + l->start : NULL;   /* no buffer before the first read */
		char *nl = avail > scanned ? memchr(p + scanned, '\n', avail - scanned) : NULL;
		if (nl) {
			*len = (size_t)(nl - p);
			*nl = 0;        /* the '\n' becomes the terminator */
			l->start += *len + 1;
			if (had_nl)
				*had_nl = true;
			return p;
		}
		scanned = avail;        /* stays right: filling moves data to the front */
		if (lines_fill(l))
			continue;
		if (avail == 0)
			return NULL;
		/* a last line without '\n': copy it out to have room for the NUL */
		if (l->line_cap < avail + 1) {
			char *nb = realloc(l->line, avail + 1);
			if (!nb) {
				l->err = true;
				return NULL;
			}
			l->line = nb;
			l->line_cap = avail + 1;
		}
		memcpy(l->line, l->buf + l->start, avail);
		l->line[avail] = 0;
		l->start = l->end;
		*len = avail;
		if (had_nl)
			*had_nl = false;
		return l->line;
	}
}

void lines_free(struct lines *l)
{
	free(l->buf);
	free(l->line);
}

int open_input(const char *path)
{
	if (strcmp(path, "-") == 0)
		return 0;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		warn_errno(path);
	return fd;
}

int each_input(int n, char **names, int (*fn)(int fd, const char *name, void *ctx), void *ctx)
{
	int status = 0;
	for (int i = 0; i < n || (n == 0 && i == 0); i++) {
		const char *name = n ? names[i] : "-";
		int fd = open_input(name);
		if (fd < 0) {
			status = 1;
			continue;
		}
		if (fn(fd, name, ctx))
			status = 1;
		if (fd > 0)
			close(fd);
	}
	if (fflush(stdout) != 0)
		die_errno("write error");
	return status;
}

char *read_all(int fd, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf)
			die("out of memory");
		if (n == cap && !(buf = realloc(buf, cap *= 2)))
			die("out of memory");
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			errno = e;
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*len = n;
	return buf;
}

struct line_job {
	void (*fn)(char *line, size_t len, bool nl, void *ctx);
	void *ctx;
};

static int line_input(int fd, const char *name, void *arg)
{
	struct line_job *job = arg;
	struct lines in;
	lines_init(&in, fd);
	char *line;
	size_t len;
	bool nl;
	while ((line = lines_next(&in, &len, &nl)))
		job->fn(line, len, nl, job->ctx);
	bool err = in.err;
	if (err)
		warn_errno(name);
	lines_free(&in);
	return err;
}

int each_line(int n, char **names, void (*fn)(char *line, size_t len, bool nl, void *ctx), void *ctx)
{
	struct line_job job = { fn, ctx };
	return each_input(n, names, line_input, &job);
}

char *read_file(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf)
			break;
		if (n + 1 >= cap) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		ssize_t r = read(fd, buf + n, cap - n - 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			buf = NULL;
			break;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	int saved = errno;
	close(fd);
	errno = saved;
	if (buf) {
		buf[n] = 0;
		if (len)
			*len = n;
	}
	return buf;
}

const char *const month_names[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
				      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
const char *const day_names[7] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };

static bool leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Walk years and months from 1970: plain and obviously right, and fast
 * enough for dates people meet. */
void civil_from_time(int64_t t, struct civil *c)
{
	int64_t days = t / 86400, secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	c->hour = (int)(secs / 3600);
	c->min = (int)(secs / 60 % 60);
	c->sec = (int)(secs % 60);
	c->wday = (int)(((days % 7) + 11) % 7);   /* 1970-01-01 was a Thursday */
	int64_t y = 1970;
	while (days < 0)
		days += leap(--y) ? 366 : 365;
	while (days >= (leap(y) ? 366 : 365))
		days -= leap(y++) ? 366 : 365;
	c->year = (int)y;
	c->yday = (int)days;
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int m = 0;
	for (;; m++) {
		int md = mdays[m] + (m == 1 && leap(y));
		if (days < md)
			break;
		days -= md;
	}
	c->month = m + 1;
	c->day = (int)days + 1;
}

void format_mtime(char *buf, size_t size, int64_t t, int64_t now)
{
	struct civil c;
	civil_from_time(t, &c);
	const int64_t half_year = 182 * 86400;
	if (t > now + 3600 || now - t > half_year)
		snprintf(buf, size, "%s %2d  %d", month_names[c.month - 1], c.day, c.year);
	else
		snprintf(buf, size, "%s %2d %02d:%02d", month_names[c.month - 1], c.day, c.hour, c.min);
}

/* Ringel libc: the printf family.  One formatter writes into a sink; the
 * string sink fills a buffer, the fd sink batches bytes and writes them in
 * chunks.  Conversions: d i u x X o c s p %, flags - 0 + space #, width and
 * precision (numbers or *), length modifiers hh h l ll z t j. */
#include <stdio.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

struct sink {
	char *buf;
	size_t size, len;      /* len counts every byte produced, kept or not */
	int fd;                /* >= 0: flush to this descriptor */
	int err;
};

static void flush(struct sink *s)
{
	size_t off = 0;
	while (off < s->len) {
		ssize_t w = write(s->fd, s->buf + off, s->len - off);
		if (w <= 0) {
			s->err = 1;
			break;
		}
		off += (size_t)w;
	}
	s->len = 0;
}

static void put(struct sink *s, char c)
{
	if (s->fd >= 0) {
		if (s->len == s->size)
			flush(s);
		s->buf[s->len++] = c;
		return;
	}
	if (s->len + 1 < s->size)
		s->buf[s->len] = c;
	s->len++;
}

static void pad(struct sink *s, char c, int n)
{
	while (n-- > 0)
		put(s, c);
}

static void format(struct sink *s, const char *fmt, va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(s, *fmt);
			continue;
		}
		const char *start = fmt;
		int left = 0, zero = 0, plus = 0, space = 0, alt = 0;
		for (;; fmt++) {
			if (fmt[1] == '-') left = 1;
			else if (fmt[1] == '0') zero = 1;
			else if (fmt[1] == '+') plus = 1;
			else if (fmt[1] == ' ') space = 1;
			else if (fmt[1] == '#') alt = 1;
			else break;
		}
		fmt++;
		int width = 0, prec = -1;
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				left = 1;
				width = -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec * 10 + (*fmt++ - '0');
			}
		}
		int lng = 0;   /* 0 int, 1 long, -1 short, -2 char */
		for (;; fmt++) {
			if (*fmt == 'l' || *fmt == 'z' || *fmt == 't' || *fmt == 'j') lng = 1;
			else if (*fmt == 'h') lng = lng < 0 ? -2 : -1;
			else break;
		}
		char conv = *fmt;
		if (!conv)
			break;
		char tmp[24];
		const char *str = tmp;
		int slen = 0;
		const char *prefix = "";
		unsigned long u = 0;
		int neg = 0, base = 10, upper = 0, numeric = 1;
		switch (conv) {
		case 'd': case 'i': {
			long v = lng > 0 ? va_arg(ap, long) : va_arg(ap, int);
			if (lng == -1) v = (short)v;
			if (lng == -2) v = (signed char)v;
			neg = v < 0;
			u = neg ? -(unsigned long)v : (unsigned long)v;
			prefix = neg ? "-" : plus ? "+" : space ? " " : "";
			break;
		}
		case 'u': case 'x': case 'X': case 'o':
			u = lng > 0 ? va_arg(ap, unsigned long) : va_arg(ap, unsigned);
			if (lng == -1) u = (unsigned short)u;
			if (lng == -2) u = (unsigned char)u;
			base = conv == 'o' ? 8 : conv == 'u' ? 10 : 16;
			upper = conv == 'X';
			if (alt && u && base == 16)
				prefix = upper ? "0X" : "0x";
			if (alt && base == 8)
				prefix = "0";
			break;
		case 'p':
			u = (uintptr_t)va_arg(ap, void *);
			base = 16;
			prefix = "0x";
			break;
		case 'c':
			tmp[0] = (char)va_arg(ap, int);
			slen = 1;
			numeric = 0;
			break;
		case 's':
			str = va_arg(ap, const char *);
			if (!str)
				str = "(null)";
			slen = (int)(prec >= 0 ? strnlen(str, (size_t)prec) : strlen(str));
			numeric = 0;
			break;
		case '%':
			tmp[0] = '%';
			slen = 1;
			numeric = 0;
			break;
		default:   /* unknown: print the directive as written */
			for (const char *p = start; p <= fmt; p++)
				put(s, *p);
			continue;
		}
		if (numeric) {
			const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
			char *e = tmp + sizeof(tmp);
			char *p = e;
			while (u) {
				*--p = digits[u % (unsigned)base];
				u /= (unsigned)base;
			}
			if (p == e && prec != 0)
				*--p = '0';
			if (conv == 'o' && alt && *p == '0')
				prefix = "";
			str = p;
			slen = (int)(e - p);
			int zeros = prec > slen ? prec - slen : 0;
			int plen = (int)strlen(prefix);
			if (zero && !left && prec < 0 && width > plen + slen)
				zeros = width - plen - slen;
			int fill = width - plen - zeros - slen;
			if (!left)
				pad(s, ' ', fill);
			for (const char *q = prefix; *q; q++)
				put(s, *q);
			pad(s, '0', zeros);
			for (int i = 0; i < slen; i++)
				put(s, str[i]);
			if (left)
				pad(s, ' ', fill);
		} else {
			if (!left)
				pad(s, ' ', width - slen);
			for (int i = 0; i < slen; i++)
				put(s, str[i]);
			if (left)
				pad(s, ' ', width - slen);
		}
	}
}

int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
{
	struct sink s = { buf, size, 0, -1, 0 };
	format(&s, fmt, ap);
	if (size)
		buf[s.len < size ? s.len : size - 1] = 0;
	return (int)s.len;
}

int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	/* Count with a dry run, then format again into a chunked writer so a
	 * long line still reaches the fd in as few writes as possible. */
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	char chunk[512];
	struct sink s = { chunk, sizeof(chunk), 0, fd, 0 };
	format(&s, fmt, ap);
	flush(&s);
	return s.err ? -1 : n;
}

int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vdprintf(STDOUT_FILENO, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vdprintf(STDOUT_FILENO, fmt, ap);
	va_end(ap);
	return n;
}

int puts(const char *s)
{
	return dprintf(STDOUT_FILENO, "%s\n", s) < 0 ? EOF : 0;
}

int putchar(int c)
{
	char ch = (char)c;
	return write(STDOUT_FILENO, &ch, 1) == 1 ? (unsigned char)c : EOF;
}

/* vsnprintf: the kernel's printf engine.  Supports flags - 0 + space #,
 * width and precision (numbers or *), length modifiers hh h l ll z t j, and
 * conversions d i u x X o c s p %.  Always NUL-terminates when size > 0 and
 * returns the length the full output would have had. */
#include <kernel.h>
#include <string.h>

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

struct spec {
	bool left, zero, plus, space, alt;
	int width, prec;   /* prec -1 = none */
};

static void put_str(struct out *o, const char *s, const struct spec *sp)
{
	size_t n = sp->prec >= 0 ? strnlen(s, (size_t)sp->prec) : strlen(s);
	int padn = sp->width > (int)n ? sp->width - (int)n : 0;
	if (!sp->left)
		pad(o, ' ', padn);
	for (size_t i = 0; i < n; i++)
		put(o, s[i]);
	if (sp->left)
		pad(o, ' ', padn);
}

static void put_num(struct out *o, uint64_t v, bool neg, unsigned base, bool upper,
		    const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int n = 0;
	while (v) {
		tmp[n++] = digits[v % base];
		v /= base;
	}
	int ndig = n;
	int prec = sp->prec;
	if (prec < 0)
		prec = 1;
	int zeros = prec > ndig ? prec - ndig : 0;
	const char *prefix = "";
	if (neg)
		prefix = "-";
	else if (sp->plus && base == 10)
		prefix = "+";
	else if (sp->space && base == 10)
		prefix = " ";
	else if (sp->alt && base == 16 && ndig)
		prefix = upper ? "0X" : "0x";
	else if (sp->alt && base == 8 && zeros == 0)
		zeros = 1;
	int plen = (int)strlen(prefix);
	int total = plen + zeros + ndig;
	int padn = sp->width > total ? sp->width - total : 0;
	if (sp->zero && !sp->left && sp->prec < 0) {
		zeros += padn;
		padn = 0;
	}
	if (!sp->left)
		pad(o, ' ', padn);
	for (int i = 0; i < plen; i++)
		put(o, prefix[i]);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (sp->left)
		pad(o, ' ', padn);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		struct spec sp = { .prec = -1 };
		for (;; fmt++) {
			char f = fmt[1];
			if (f == '-') sp.left = true;
			else if (f == '0') sp.zero = true;
			else if (f == '+') sp.plus = true;
			else if (f == ' ') sp.space = true;
			else if (f == '#') sp.alt = true;
			else break;
		}
		fmt++;
		if (*fmt == '*') {
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.left = true;
				sp.width = -sp.width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				sp.width = sp.width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			sp.prec = 0;
			if (*fmt == '*') {
				sp.prec = va_arg(ap, int);
				if (sp.prec < 0)
					sp.prec = -1;
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					sp.prec = sp.prec * 10 + (*fmt++ - '0');
			}
		}
		int lng = 0;   /* 0 int, 1 long, 2 long long / size_t / ptrdiff / intmax, -1 short, -2 char */
		for (;; fmt++) {
			if (*fmt == 'l') lng = lng == 1 ? 2 : 1;
			else if (*fmt == 'z' || *fmt == 't' || *fmt == 'j') lng = 2;
			else if (*fmt == 'h') lng = lng == -1 ? -2 : -1;
			else break;
		}
		char c = *fmt;
		if (!c)
			break;
		uint64_t u;
		int64_t s;
		switch (c) {
		case 'd': case 'i':
			if (lng >= 1) s = lng == 2 ? va_arg(ap, long long) : va_arg(ap, long);
			else s = va_arg(ap, int);
			if (lng == -1) s = (short)s;
			if (lng == -2) s = (signed char)s;
			put_num(&o, s < 0 ? -(uint64_t)s : (uint64_t)s, s < 0, 10, false, &sp);
			break;
		case 'u': case 'x': case 'X': case 'o':
			if (lng >= 1) u = lng == 2 ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned long);
			else u = va_arg(ap, unsigned int);
			if (lng == -1) u = (unsigned short)u;
			if (lng == -2) u = (unsigned char)u;
			put_num(&o, u, false, c == 'u' ? 10 : c == 'o' ? 8 : 16, c == 'X', &sp);
			break;
		case 'p': {
			void *ptr = va_arg(ap, void *);
			sp.alt = true;
			if (ptr)
				put_num(&o, (uintptr_t)ptr, false, 16, false, &sp);
			else
				put_str(&o, "(nil)", &sp);
			break;
		}
		case 'c': {
			char ch[2] = { (char)va_arg(ap, int), 0 };
			struct spec cs = sp;
			cs.prec = -1;
			if (!ch[0]) {   /* a NUL char still counts as one character */
				pad(&o, ' ', sp.left ? 0 : sp.width - 1);
				put(&o, 0);
				pad(&o, ' ', sp.left ? sp.width - 1 : 0);
			} else {
				put_str(&o, ch, &cs);
			}
			break;
		}
		case 's': {
			const char *str = va_arg(ap, const char *);
			put_str(&o, str ? str : "(null)", &sp);
			break;
		}
		case '%':
			put(&o, '%');
			break;
		default:   /* unknown conversion: print it as written */
			put(&o, '%');
			put(&o, c);
			break;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

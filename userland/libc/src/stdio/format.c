/* Ringel libc: the printf formatter.
 *
 * A directive is %[flags][width][.precision][length]conversion:
 *   flags      - (left-justify) 0 (pad with zeros) + (sign) space (sign
 *              slot) # (alternate form: 0x, leading 0 for octal, keep the
 *              point for floats)
 *   width      digits or * (an int argument; negative means '-')
 *   precision  digits or * (negative means none): minimum digits for
 *              integers, digits after the point for f/e, significant
 *              digits for g, maximum bytes for s
 *   length     hh h l ll z t j (L for long double)
 *   conversion d i u o x X c s p n % and f F e E g G a A
 * Output leaves in runs through o->write, never byte by byte, so a FILE or
 * an fd sees few large writes. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include "format.h"

enum { L_INT, L_CHAR, L_SHORT, L_LONG, L_LLONG, L_SIZE, L_PTRDIFF, L_INTMAX, L_LDOUBLE };

static void out(struct fmt_out *o, const char *p, size_t n)
{
	if (n) {
		o->write(o, p, n);
		o->count += n;
	}
}

void __format_pad(struct fmt_out *o, char c, long n)
{
	char chunk[32];
	if (n <= 0)
		return;
	memset(chunk, c, sizeof(chunk));
	while (n > 0) {
		size_t k = n < (long)sizeof(chunk) ? (size_t)n : sizeof(chunk);
		out(o, chunk, k);
		n -= (long)k;
	}
}

/* The digits of u in base (8, 10 or 16), written backwards ending at end. */
static char *utoa(char *end, unsigned long long u, int base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	while (u) {
		*--end = digits[u % (unsigned)base];
		u /= (unsigned)base;
	}
	return end;
}

static long long signed_arg(va_list *ap, int len)
{
	switch (len) {
	case L_CHAR: return (signed char)va_arg(*ap, int);
	case L_SHORT: return (short)va_arg(*ap, int);
	case L_LONG: return va_arg(*ap, long);
	case L_LLONG: return va_arg(*ap, long long);
	case L_SIZE: return va_arg(*ap, long);          /* ssize_t */
	case L_PTRDIFF: return va_arg(*ap, ptrdiff_t);
	case L_INTMAX: return va_arg(*ap, intmax_t);
	default: return va_arg(*ap, int);
	}
}

static unsigned long long unsigned_arg(va_list *ap, int len)
{
	switch (len) {
	case L_CHAR: return (unsigned char)va_arg(*ap, unsigned);
	case L_SHORT: return (unsigned short)va_arg(*ap, unsigned);
	case L_LONG: return va_arg(*ap, unsigned long);
	case L_LLONG: return va_arg(*ap, unsigned long long);
	case L_SIZE: return va_arg(*ap, size_t);
	case L_PTRDIFF: return (unsigned long long)va_arg(*ap, ptrdiff_t);
	case L_INTMAX: return va_arg(*ap, uintmax_t);
	default: return va_arg(*ap, unsigned);
	}
}

/* long double to double without the compiler's soft-float helpers (which
 * AArch64's IEEE quad would call and this libc does not link): x87's
 * 80-bit format converts in hardware, the quad format by its bits. */
static double ld_to_double(long double v)
{
#if __LDBL_MANT_DIG__ == 113
	uint64_t w[2], out;
	memcpy(w, &v, sizeof(w));          /* little-endian: w[1] holds sign and exponent */
	uint64_t sign = w[1] >> 63;
	int exp = (int)((w[1] >> 48) & 0x7fff);
	uint64_t frac = (w[1] << 16 >> 12) | (w[0] >> 60);   /* top 52 of 112 bits */
	if (exp == 0x7fff)
		out = 0x7ffull << 52 | (frac | (w[0] ? 1 : 0) ? 1ull << 51 : 0);
	else if (exp - 16383 > 1023)
		out = 0x7ffull << 52;
	else if (exp == 0 || exp - 16383 < -1074)
		out = 0;                   /* below double's smallest subnormal */
	else if (exp - 16383 < -1022)      /* a double subnormal (cut, not rounded) */
		out = ((1ull << 52) | frac) >> (-1022 - (exp - 16383));
	else
		out = (uint64_t)(exp - 16383 + 1023) << 52 | frac;
	out |= sign << 63;
	double d;
	memcpy(&d, &out, sizeof(d));
	return d;
#else
	return (double)v;
#endif
}

/* Emit [prefix][zeros]digits within width, honouring '-'. */
static void emit_number(struct fmt_out *o, const char *prefix, const char *digits, size_t ndig,
			int flags, int width, int prec)
{
	size_t plen = strlen(prefix);
	long zeros = prec > (long)ndig ? prec - (long)ndig : 0;
	/* The 0 flag pads with zeros only when no precision was given. */
	if ((flags & FMT_ZERO) && !(flags & FMT_LEFT) && prec < 0 &&
	    (long)width > (long)(plen + ndig))
		zeros = width - (long)(plen + ndig);
	long fill = width - (long)plen - zeros - (long)ndig;
	if (!(flags & FMT_LEFT))
		__format_pad(o, ' ', fill);
	out(o, prefix, plen);
	__format_pad(o, '0', zeros);
	out(o, digits, ndig);
	if (flags & FMT_LEFT)
		__format_pad(o, ' ', fill);
}

static void emit_text(struct fmt_out *o, const char *s, size_t n, int flags, int width)
{
	if (!(flags & FMT_LEFT))
		__format_pad(o, ' ', width - (long)n);
	out(o, s, n);
	if (flags & FMT_LEFT)
		__format_pad(o, ' ', width - (long)n);
}

int __format(struct fmt_out *o, const char *fmt, va_list ap_in)
{
	va_list ap;
	va_copy(ap, ap_in);
	while (*fmt) {
		/* Copy the literal run up to the next directive in one piece. */
		const char *pct = strchr(fmt, '%');
		size_t lit = pct ? (size_t)(pct - fmt) : strlen(fmt);
		out(o, fmt, lit);
		fmt += lit;
		if (!*fmt)
			break;
		const char *start = fmt++;

		int flags = 0;
		for (;; fmt++) {
			if (*fmt == '-') flags |= FMT_LEFT;
			else if (*fmt == '0') flags |= FMT_ZERO;
			else if (*fmt == '+') flags |= FMT_PLUS;
			else if (*fmt == ' ') flags |= FMT_SPACE;
			else if (*fmt == '#') flags |= FMT_ALT;
			else break;
		}
		int width = 0, prec = -1;
		if (*fmt == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				flags |= FMT_LEFT;
				width = width == INT_MIN ? INT_MAX : -width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				width = width > INT_MAX / 10 ? INT_MAX : width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			prec = 0;
			if (*fmt == '*') {
				prec = va_arg(ap, int);
				if (prec < 0)
					prec = -1;
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					prec = prec > INT_MAX / 10 ? INT_MAX : prec * 10 + (*fmt++ - '0');
			}
		}
		int len = L_INT;
		for (;; fmt++) {
			if (*fmt == 'h') len = len == L_SHORT ? L_CHAR : L_SHORT;
			else if (*fmt == 'l') len = len == L_LONG ? L_LLONG : L_LONG;
			else if (*fmt == 'q') len = L_LLONG;
			else if (*fmt == 'z') len = L_SIZE;
			else if (*fmt == 't') len = L_PTRDIFF;
			else if (*fmt == 'j') len = L_INTMAX;
			else if (*fmt == 'L') len = L_LDOUBLE;
			else break;
		}

		char conv = *fmt;
		if (!conv) {   /* a directive cut short by the end: an error, as in glibc */
			va_end(ap);
			errno = EINVAL;
			return -1;
		}
		fmt++;
		char tmp[32];
		char *end = tmp + sizeof(tmp);
		switch (conv) {
		case 'd': case 'i': {
			long long v = signed_arg(&ap, len);
			unsigned long long u = v < 0 ? -(unsigned long long)v : (unsigned long long)v;
			char *p = utoa(end, u, 10, 0);
			if (p == end && prec != 0)
				*--p = '0';
			const char *prefix = v < 0 ? "-" : (flags & FMT_PLUS) ? "+"
					   : (flags & FMT_SPACE) ? " " : "";
			emit_number(o, prefix, p, (size_t)(end - p), flags, width, prec);
			break;
		}
		case 'u': case 'o': case 'x': case 'X': {
			unsigned long long u = unsigned_arg(&ap, len);
			int base = conv == 'u' ? 10 : conv == 'o' ? 8 : 16;
			char *p = utoa(end, u, base, conv == 'X');
			const char *prefix = "";
			if (conv == 'o' && (flags & FMT_ALT)) {
				/* '#' makes the first digit a 0, raising the precision
				 * only as far as needed for that. */
				if (p == end || *p != '0') {
					if (prec <= end - p)
						*--p = '0';
				}
			} else if (base == 16 && (flags & FMT_ALT) && u) {
				prefix = conv == 'X' ? "0X" : "0x";
			}
			if (p == end && prec != 0)
				*--p = '0';
			emit_number(o, prefix, p, (size_t)(end - p), flags, width, prec);
			break;
		}
		case 'p': {
			void *ptr = va_arg(ap, void *);
			if (!ptr) {
				emit_text(o, "(nil)", 5, flags, width);
				break;
			}
			char *p = utoa(end, (uintptr_t)ptr, 16, 0);
			const char *prefix = (flags & FMT_PLUS) ? "+0x" : (flags & FMT_SPACE) ? " 0x" : "0x";
			emit_number(o, prefix, p, (size_t)(end - p), flags, width, prec);
			break;
		}
		case 'c': {
			int ch = va_arg(ap, int);
			if (len == L_LONG && (unsigned)ch > 127) {
				/* %lc: the "C" locale has only ASCII wide characters */
				va_end(ap);
				errno = EILSEQ;
				return -1;
			}
			tmp[0] = (char)ch;
			emit_text(o, tmp, 1, flags, width);
			break;
		}
		case 's': {
			if (len == L_LONG) {
				/* %ls: wide characters, ASCII only here */
				const int *ws = va_arg(ap, const int *);
				size_t n = 0;
				while (ws[n] && (prec < 0 || n < (size_t)prec)) {
					if ((unsigned)ws[n] > 127) {
						va_end(ap);
						errno = EILSEQ;
						return -1;
					}
					n++;
				}
				if (!(flags & FMT_LEFT))
					__format_pad(o, ' ', width - (long)n);
				for (size_t i = 0; i < n; i++) {
					char ch = (char)ws[i];
					out(o, &ch, 1);
				}
				if (flags & FMT_LEFT)
					__format_pad(o, ' ', width - (long)n);
				break;
			}
			const char *s = va_arg(ap, const char *);
			if (!s)   /* glibc prints (null) unless the precision cuts it */
				s = prec < 0 || prec >= 6 ? "(null)" : "";
			size_t n = prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s);
			emit_text(o, s, n, flags, width);
			break;
		}
		case 'n': {
			/* The count so far, stored at the argument's width. */
			void *dst = va_arg(ap, void *);
			long long c = (long long)o->count;
			switch (len) {
			case L_CHAR: *(signed char *)dst = (signed char)c; break;
			case L_SHORT: *(short *)dst = (short)c; break;
			case L_LONG: case L_SIZE: case L_PTRDIFF: case L_INTMAX:
				*(long *)dst = (long)c; break;
			case L_LLONG: *(long long *)dst = c; break;
			default: *(int *)dst = (int)c; break;
			}
			break;
		}
		case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': case 'a': case 'A': {
			/* long double is printed at double precision: AArch64's
			 * 128-bit long double has no hardware arithmetic and this
			 * libc carries no soft-float helpers. */
			double x = len == L_LDOUBLE ? ld_to_double(va_arg(ap, long double))
						    : va_arg(ap, double);
			__format_float(o, x, conv, flags, width, prec);
			break;
		}
		case '%':
			out(o, "%", 1);
			break;
		default:   /* unknown: print the directive as written */
			out(o, start, (size_t)(fmt - start));
			break;
		}
	}
	va_end(ap);
	if (o->err)
		return -1;
	if (o->count > INT_MAX) {
		errno = EOVERFLOW;
		return -1;
	}
	return (int)o->count;
}

/* Ringel libc: strftime in the "C" locale, and asctime/ctime.
 *
 * Conversions: a A b B c C d D e F g G h H I j k l m M n p P r R s S t T u
 * U V w W x X y Y z Z %, each optionally with a glibc padding flag: '-'
 * (no padding), '_' (spaces), '0' (zeros), and a field width. */
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const days[] = { "Sunday", "Monday", "Tuesday", "Wednesday",
				     "Thursday", "Friday", "Saturday" };
static const char *const months[] = { "January", "February", "March", "April", "May", "June",
				       "July", "August", "September", "October", "November",
				       "December" };

struct out {
	char *s;
	size_t n, len;
	int full;
};

static void put(struct out *o, const char *p, size_t k)
{
	if (o->len + k >= o->n) {
		o->full = 1;
		return;
	}
	memcpy(o->s + o->len, p, k);
	o->len += k;
}

static int is_leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* ISO 8601 week-based year and week (%G, %V): weeks start on Monday, and
 * week 1 is the one with the year's first Thursday. */
static int iso_week(const struct tm *tm, long *year)
{
	long y = tm->tm_year + 1900L;
	int wday = (tm->tm_wday + 6) % 7;              /* Monday = 0 */
	int week = (tm->tm_yday - wday + 10) / 7;      /* by the Thursday of this week */
	if (week < 1) {
		y--;
		int pyday = tm->tm_yday + 365 + is_leap(y);
		week = (pyday - wday + 10) / 7;
	} else if (week == 53) {
		int ylen = 365 + is_leap(y);
		if (tm->tm_yday - wday + 3 >= ylen) {      /* that Thursday is next year's */
			week = 1;
			y++;
		}
	}
	*year = y;
	return week;
}

static void number(struct out *o, long v, int width, char pad, char flag)
{
	if (flag == '-')
		width = 1;
	else if (flag == '_')
		pad = ' ';
	else if (flag == '0')
		pad = '0';
	char buf[32];
	int neg = v < 0;
	unsigned long u = neg ? -(unsigned long)v : (unsigned long)v;
	char *p = buf + sizeof(buf);
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	int digits = (int)(buf + sizeof(buf) - p);
	char tmp[64];
	int k = 0;
	if (neg)
		tmp[k++] = '-';
	if (pad == '0') {
		for (int i = digits + neg; i < width && k < 40; i++)
			tmp[k++] = '0';
	} else {
		k = 0;
		for (int i = digits + neg; i < width && k < 40; i++)
			tmp[k++] = ' ';
		if (neg)
			tmp[k++] = '-';
	}
	memcpy(tmp + k, p, (size_t)digits);
	put(o, tmp, (size_t)(k + digits));
}

static void text(struct out *o, const char *s, size_t max)
{
	size_t k = strlen(s);
	put(o, s, k < max ? k : max);
}

static void format(struct out *o, const char *fmt, const struct tm *tm);

static void conv(struct out *o, char c, char flag, int width, const struct tm *tm)
{
	long year = tm->tm_year + 1900L;
	int wd = tm->tm_wday >= 0 && tm->tm_wday < 7 ? tm->tm_wday : 0;
	int mo = tm->tm_mon >= 0 && tm->tm_mon < 12 ? tm->tm_mon : 0;
	long iy;
	switch (c) {
	case 'a': text(o, days[wd], 3); break;
	case 'A': text(o, days[wd], 99); break;
	case 'b': case 'h': text(o, months[mo], 3); break;
	case 'B': text(o, months[mo], 99); break;
	case 'c': format(o, "%a %b %e %H:%M:%S %Y", tm); break;
	case 'C': number(o, year / 100 - (year % 100 < 0), width ? width : 2, '0', flag); break;
	case 'd': number(o, tm->tm_mday, width ? width : 2, '0', flag); break;
	case 'D': format(o, "%m/%d/%y", tm); break;
	case 'e': number(o, tm->tm_mday, width ? width : 2, ' ', flag); break;
	case 'F': format(o, "%Y-%m-%d", tm); break;
	case 'g': iso_week(tm, &iy); number(o, (iy % 100 + 100) % 100, width ? width : 2, '0', flag); break;
	case 'G': iso_week(tm, &iy); number(o, iy, width, '0', flag); break;
	case 'H': number(o, tm->tm_hour, width ? width : 2, '0', flag); break;
	case 'I': number(o, (tm->tm_hour + 11) % 12 + 1, width ? width : 2, '0', flag); break;
	case 'j': number(o, tm->tm_yday + 1, width ? width : 3, '0', flag); break;
	case 'k': number(o, tm->tm_hour, width ? width : 2, ' ', flag); break;
	case 'l': number(o, (tm->tm_hour + 11) % 12 + 1, width ? width : 2, ' ', flag); break;
	case 'm': number(o, tm->tm_mon + 1, width ? width : 2, '0', flag); break;
	case 'M': number(o, tm->tm_min, width ? width : 2, '0', flag); break;
	case 'n': put(o, "\n", 1); break;
	case 'p': text(o, tm->tm_hour < 12 ? "AM" : "PM", 2); break;
	case 'P': text(o, tm->tm_hour < 12 ? "am" : "pm", 2); break;
	case 'r': format(o, "%I:%M:%S %p", tm); break;
	case 'R': format(o, "%H:%M", tm); break;
	case 's': {
		struct tm copy = *tm;
		number(o, (long)timegm(&copy), width, '0', flag);
		break;
	}
	case 'S': number(o, tm->tm_sec, width ? width : 2, '0', flag); break;
	case 't': put(o, "\t", 1); break;
	case 'T': format(o, "%H:%M:%S", tm); break;
	case 'u': number(o, wd ? wd : 7, width ? width : 1, '0', flag); break;
	case 'U': number(o, (tm->tm_yday + 7 - wd) / 7, width ? width : 2, '0', flag); break;
	case 'V': number(o, iso_week(tm, &iy), width ? width : 2, '0', flag); break;
	case 'w': number(o, wd, width ? width : 1, '0', flag); break;
	case 'W': number(o, (tm->tm_yday + 7 - (wd + 6) % 7) / 7, width ? width : 2, '0', flag); break;
	case 'x': format(o, "%m/%d/%y", tm); break;
	case 'X': format(o, "%H:%M:%S", tm); break;
	case 'y': number(o, (year % 100 + 100) % 100, width ? width : 2, '0', flag); break;
	case 'Y': number(o, year, width, '0', flag); break;
	case 'z': put(o, "+0000", 5); break;
	case 'Z': text(o, "UTC", 3); break;
	case '%': put(o, "%", 1); break;
	default: {   /* unknown: copy the directive */
		char d[2] = { '%', c };
		put(o, d, 2);
	}
	}
}

static void format(struct out *o, const char *fmt, const struct tm *tm)
{
	for (; *fmt && !o->full; fmt++) {
		if (*fmt != '%') {
			put(o, fmt, 1);
			continue;
		}
		char flag = 0;
		int width = 0;
		fmt++;
		if (*fmt == '-' || *fmt == '_' || *fmt == '0' || *fmt == '^' || *fmt == '#')
			flag = *fmt++;
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == 'E' || *fmt == 'O')   /* locale modifiers: ignored */
			fmt++;
		if (!*fmt) {
			put(o, "%", 1);
			break;
		}
		conv(o, *fmt, flag, width, tm);
	}
}

size_t strftime(char *restrict s, size_t n, const char *restrict fmt, const struct tm *restrict tm)
{
	struct out o = { s, n, 0, 0 };
	if (!n)
		return 0;
	format(&o, fmt, tm);
	if (o.full)
		return 0;
	s[o.len] = 0;
	return o.len;
}

char *asctime_r(const struct tm *restrict tm, char *restrict buf)
{
	/* "Thu Jan  1 00:00:00 1970\n", 26 bytes with the NUL. */
	int wd = tm->tm_wday >= 0 && tm->tm_wday < 7 ? tm->tm_wday : 0;
	int mo = tm->tm_mon >= 0 && tm->tm_mon < 12 ? tm->tm_mon : 0;
	snprintf(buf, 26, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", days[wd], months[mo], tm->tm_mday,
		 tm->tm_hour, tm->tm_min, tm->tm_sec, tm->tm_year + 1900);
	return buf;
}

char *asctime(const struct tm *tm)
{
	static char buf[64];
	return asctime_r(tm, buf);
}

char *ctime_r(const time_t *t, char *buf)
{
	struct tm tm;
	return gmtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *t)
{
	struct tm tm;
	return gmtime_r(t, &tm) ? asctime(&tm) : NULL;
}

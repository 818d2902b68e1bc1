/* Ringel libc: converting between time_t and broken-down time.  There are
 * no time zones, so local time is UTC and mktime is timegm.
 *
 * The calendar arithmetic works in a year that starts on March 1st, which
 * puts the leap day at the end of the year; the Gregorian calendar repeats
 * every 400 years (146097 days), so dates reduce to a 400-year "era" plus a
 * day within it. */
#include <errno.h>
#include <limits.h>
#include <time.h>

char *tzname[2] = { "UTC", "UTC" };
long timezone;
int daylight;

void tzset(void) {}

static long floor_div(long a, long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Days from 1970-01-01 to year y, month m (1-12), day d. */
static long days_from_civil(long y, int m, int d)
{
	y -= m <= 2;                                   /* March-based year */
	long era = floor_div(y, 400);
	long yoe = y - era * 400;                      /* 0..399 */
	int mp = m > 2 ? m - 3 : m + 9;                /* March = 0 */
	long doy = (153 * mp + 2) / 5 + d - 1;         /* 0..365 */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;            /* 719468: 0000-03-01 to 1970-01-01 */
}

static void civil_from_days(long z, long *y, int *m, int *d)
{
	z += 719468;
	long era = floor_div(z, 146097);
	long doe = z - era * 146097;                                   /* 0..146096 */
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;   /* 0..399 */
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (int)((5 * doy + 2) / 153);
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	long days = floor_div(*t, 86400);
	long secs = *t - days * 86400;
	long y;
	int m, d;
	civil_from_days(days, &y, &m, &d);
	if (y - 1900 > INT_MAX || y - 1900 < INT_MIN) {
		errno = EOVERFLOW;
		return NULL;
	}
	tm->tm_year = (int)(y - 1900);
	tm->tm_mon = m - 1;
	tm->tm_mday = d;
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	long wday = (days + 4) % 7;                    /* 1970-01-01 was a Thursday */
	tm->tm_wday = (int)(wday < 0 ? wday + 7 : wday);
	tm->tm_yday = (int)(days - days_from_civil(y, 1, 1));
	tm->tm_isdst = 0;
	tm->tm_gmtoff = 0;
	tm->tm_zone = "UTC";
	return tm;
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;
	return gmtime_r(t, &tm);
}

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm) { return gmtime_r(t, tm); }
struct tm *localtime(const time_t *t) { return gmtime(t); }

/* Fields out of range (month 14, day 0, second -5...) carry into the
 * others, and tm is rewritten normalised, as mktime must. */
time_t timegm(struct tm *tm)
{
	long mon = tm->tm_mon;
	long y = (long)tm->tm_year + 1900 + floor_div(mon, 12);
	mon -= floor_div(mon, 12) * 12;
	long days = days_from_civil(y, (int)mon + 1, 1) + tm->tm_mday - 1;
	time_t t = days * 86400 + (long)tm->tm_hour * 3600 + (long)tm->tm_min * 60 + tm->tm_sec;
	if (!gmtime_r(&t, tm))
		return -1;
	return t;
}

time_t mktime(struct tm *tm) { return timegm(tm); }

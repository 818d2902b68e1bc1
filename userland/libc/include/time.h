/* Ringel libc: <time.h>.  There are no time zones: local time is UTC. */
#ifndef _TIME_H
#define _TIME_H
#include <sys/types.h>
#include <uapi/time.h>      /* struct timespec, the clocks */
struct tm {
	int tm_sec;      /* 0-60 */
	int tm_min;      /* 0-59 */
	int tm_hour;     /* 0-23 */
	int tm_mday;     /* 1-31 */
	int tm_mon;      /* 0-11 */
	int tm_year;     /* years since 1900 */
	int tm_wday;     /* 0-6, Sunday = 0 */
	int tm_yday;     /* 0-365 */
	int tm_isdst;
	long tm_gmtoff;  /* seconds east of UTC: always 0 */
	const char *tm_zone;
};
#define CLOCKS_PER_SEC 1000000L
int clock_gettime(clockid_t clk, struct timespec *ts);
int clock_getres(clockid_t clk, struct timespec *ts);
int clock_settime(clockid_t clk, const struct timespec *ts);
int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req, struct timespec *rem);
int nanosleep(const struct timespec *req, struct timespec *rem);
time_t time(time_t *t);
clock_t clock(void);
double difftime(time_t a, time_t b);
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
size_t strftime(char *restrict s, size_t n, const char *restrict fmt, const struct tm *restrict tm);
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *restrict tm, char *restrict buf);
char *ctime(const time_t *t);
char *ctime_r(const time_t *t, char *buf);
void tzset(void);
extern char *tzname[2];
extern long timezone;
extern int daylight;
#endif

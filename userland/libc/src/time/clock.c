/* Ringel libc: clocks and sleeping. */
#include <errno.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include "../internal.h"

int clock_gettime(clockid_t clk, struct timespec *ts) { return sys(SYS_clock_gettime, clk, ts); }
int clock_getres(clockid_t clk, struct timespec *ts) { return sys(SYS_clock_getres, clk, ts); }
int clock_settime(clockid_t clk, const struct timespec *ts) { return sys(SYS_clock_settime, clk, ts); }
int settimeofday(const struct timeval *tv, const void *tz) { return sys(SYS_settimeofday, tv, tz); }

int clock_nanosleep(clockid_t clk, int flags, const struct timespec *req, struct timespec *rem)
{
	/* Unlike most calls, this returns the error number itself. */
	long r = __syscall(SYS_clock_nanosleep, clk, flags, req, rem);
	return r < 0 ? (int)-r : 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return sys(SYS_nanosleep, req, rem);
}

unsigned sleep(unsigned seconds)
{
	struct timespec t = { seconds, 0 };
	if (nanosleep(&t, &t) < 0)   /* interrupted: the seconds left, rounded up */
		return (unsigned)t.tv_sec + (t.tv_nsec > 0);
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec t = { (time_t)(usec / 1000000), (long)(usec % 1000000) * 1000 };
	return nanosleep(&t, NULL);
}

time_t time(time_t *t)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (tv) {
		tv->tv_sec = ts.tv_sec;
		tv->tv_usec = ts.tv_nsec / 1000;
	}
	if (tz) {   /* no time zones: UTC */
		struct timezone *z = tz;
		z->tz_minuteswest = 0;
		z->tz_dsttime = 0;
	}
	return 0;
}

/* Processor time used, in CLOCKS_PER_SEC (microsecond) units. */
clock_t clock(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
		return -1;
	return ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

double difftime(time_t a, time_t b) { return (double)(a - b); }

int getitimer(int which, struct itimerval *value)
{
	return sys(SYS_getitimer, which, value);
}

int setitimer(int which, const struct itimerval *restrict value, struct itimerval *restrict old)
{
	return sys(SYS_setitimer, which, value, old);
}

/* AArch64 has no alarm call: it is setitimer with a one-shot value. */
unsigned alarm(unsigned seconds)
{
#ifdef SYS_alarm
	return (unsigned)__syscall(SYS_alarm, seconds);
#else
	struct itimerval it = { { 0, 0 }, { (time_t)seconds, 0 } }, old;
	if (setitimer(ITIMER_REAL, &it, &old) < 0)
		return 0;
	return (unsigned)(old.it_value.tv_sec + (old.it_value.tv_usec ? 1 : 0));
#endif
}

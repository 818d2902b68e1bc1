/* The wall clock: CLOCK_REALTIME is the monotonic clock plus an offset,
 * set at boot from a real-time clock chip if the machine has one (the
 * drivers call wallclock_set_date) and by clock_settime/settimeofday
 * (`date -s`).  Without either it starts at 1970-01-01. */
#include <kernel.h>
#include <arch.h>

static int64_t offset_ns;   /* CLOCK_REALTIME - CLOCK_MONOTONIC */

uint64_t wallclock_ns(void)
{
	int64_t now = (int64_t)arch_clock_ns() + offset_ns;
	return now > 0 ? (uint64_t)now : 0;
}

void wallclock_set_ns(uint64_t unix_ns)
{
	offset_ns = (int64_t)unix_ns - (int64_t)arch_clock_ns();
}

/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar
 * (month 1-12): count whole years of 365 days plus the leap days before
 * March of the year, with years starting in March so February is last. */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

int wallclock_set_date(const char *source, unsigned year, unsigned month, unsigned day,
		       unsigned hour, unsigned min, unsigned sec)
{
	if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 ||
	    hour > 23 || min > 59 || sec > 60) {
		printk("clock: %s gives an impossible date %u-%02u-%02u %02u:%02u:%02u; keeping 1970\n",
		       source, year, month, day, hour, min, sec);
		return -1;
	}
	int64_t days = days_from_civil(year, month, day);
	uint64_t s = (uint64_t)days * 86400 + hour * 3600u + min * 60u + sec;
	wallclock_set_ns(s * 1000000000ull);
	printk("clock: %s says %u-%02u-%02u %02u:%02u:%02u UTC\n", source, year, month, day, hour,
	       min, sec);
	return 0;
}

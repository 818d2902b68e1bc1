/* What every real-time clock driver shares: turning seconds since 1970
 * into the wall clock, with the date printed. */
#include <rtc.h>
#include <kernel.h>

void rtc_set_wallclock(const char *source, uint64_t unix_s)
{
	/* civil date of unix_s, for the message (the inverse of
	 * wallclock.c's days_from_civil) */
	uint64_t days = unix_s / 86400, rem = unix_s % 86400;
	uint64_t z = days + 719468, era = z / 146097, doe = z - era * 146097;
	uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
	unsigned day = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	unsigned month = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	unsigned year = (unsigned)(yoe + era * 400 + (month <= 2));
	wallclock_set_date(source, year, month, day, (unsigned)(rem / 3600), (unsigned)(rem / 60 % 60),
			   (unsigned)(rem % 60));
}

/* FAT's dates and times: local time with no zone (taken as UTC here, as
 * Linux's vfat does without tz=), a date in days from 1980-01-01 to
 * 2107-12-31 and a time in two-second steps, plus hundredths for the
 * creation time.  The clock is the wall clock (wallclock_ns): the RTC's
 * time at boot, or 1970 and then clamped to 1980 where there is none. */
#include "fat.h"
#include <kernel.h>

#define NS 1000000000ull
#define DAY 86400ull

uint64_t fat_now_ns(void)
{
	return wallclock_ns();
}

/* Days since 1970-01-01 of a civil date, and back (Howard Hinnant's
 * algorithm for the proleptic Gregorian calendar, restated). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

struct fat_stamp fat_time_make(uint64_t ns)
{
	uint64_t s = ns / NS;
	int64_t y;
	unsigned m, d;
	civil_from_days((int64_t)(s / DAY), &y, &m, &d);
	uint64_t sod = s % DAY;
	if (y < 1980) {         /* before FAT's epoch: its first moment */
		y = 1980, m = 1, d = 1, sod = 0, ns = 0;
	} else if (y > 2107) {
		y = 2107, m = 12, d = 31, sod = DAY - 1;
	}
	struct fat_stamp st;
	st.date = (uint16_t)((y - 1980) << 9 | m << 5 | d);
	st.time = (uint16_t)((sod / 3600) << 11 | ((sod / 60) % 60) << 5 | (sod % 60) / 2);
	st.cs = (uint8_t)((sod % 2) * 100 + (ns % NS) / 10000000u);
	return st;
}

uint64_t fat_time_get(uint16_t date, uint16_t time, uint8_t cs)
{
	unsigned m = (date >> 5) & 15, d = date & 31;
	if (m < 1 || m > 12)
		m = 1;
	if (d < 1)
		d = 1;
	int64_t days = days_from_civil(1980 + (date >> 9), m, d);
	uint64_t s = (uint64_t)days * DAY + (uint64_t)(time >> 11) * 3600 + ((time >> 5) & 63) * 60 +
		     (time & 31) * 2;
	if (cs > 199)
		cs = 0;
	return s * NS + (uint64_t)(cs / 100) * NS + (uint64_t)(cs % 100) * 10000000u;
}

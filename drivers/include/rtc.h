/* Real-time clocks (drivers/rtc/, and x86-64's CMOS clock in
 * arch/x86_64/cmos_rtc.c): read once at boot to set the wall clock. */
#ifndef RINGEL_RTC_H
#define RINGEL_RTC_H
#include <stdint.h>

struct dt;
/* Set CLOCK_REALTIME from a clock that counts seconds since 1970 (UTC). */
void rtc_set_wallclock(const char *source, uint64_t unix_s);
/* The device tree's "arm,pl031", if there is one. */
void pl031_probe_dt(const struct dt *d);
#endif

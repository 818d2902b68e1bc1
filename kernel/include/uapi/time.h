/* Clocks, timers and the time structures. */
#ifndef UAPI_TIME_H
#define UAPI_TIME_H
#include <uapi/types.h>

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_MONOTONIC_RAW 4
#define CLOCK_REALTIME_COARSE 5
#define CLOCK_MONOTONIC_COARSE 6
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1           /* clock_nanosleep: req is a time, not a delay */

#define ITIMER_REAL 0
#define ITIMER_VIRTUAL 1
#define ITIMER_PROF 2

struct __UAPI_STRUCT(timespec) {
	int64_t tv_sec;
	int64_t tv_nsec;
};
struct __UAPI_STRUCT(timeval) {
	int64_t tv_sec;
	int64_t tv_usec;
};
#endif

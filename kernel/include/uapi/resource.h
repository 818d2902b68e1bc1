/* Resource limits (getrlimit/prlimit64) and getrusage's who. */
#ifndef UAPI_RESOURCE_H
#define UAPI_RESOURCE_H
#define RLIMIT_CPU 0
#define RLIMIT_FSIZE 1
#define RLIMIT_DATA 2
#define RLIMIT_STACK 3
#define RLIMIT_CORE 4
#define RLIMIT_RSS 5
#define RLIMIT_NPROC 6
#define RLIMIT_NOFILE 7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS 9
#define RLIMIT_LOCKS 10
#define RLIMIT_SIGPENDING 11
#define RLIMIT_MSGQUEUE 12
#define RLIMIT_NICE 13
#define RLIMIT_RTPRIO 14
#define RLIMIT_RTTIME 15
#define RLIM_NLIMITS 16
#define RLIM_INFINITY (~0UL)

/* getpriority/setpriority's which */
#define PRIO_PROCESS 0
#define PRIO_PGRP 1
#define PRIO_USER 2

#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)

#include <uapi/types.h>
#include <uapi/time.h>
/* getrusage and wait4's resource usage (144 bytes on 64-bit Linux). */
struct __UAPI_STRUCT(rusage) {
	struct __UAPI_STRUCT(timeval) ru_utime;   /* user CPU time */
	struct __UAPI_STRUCT(timeval) ru_stime;   /* system CPU time */
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt, ru_nswap;
	long ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv, ru_nsignals, ru_nvcsw, ru_nivcsw;
};
_Static_assert(sizeof(struct __UAPI_STRUCT(rusage)) == 144, "struct rusage is 144 bytes");
#endif

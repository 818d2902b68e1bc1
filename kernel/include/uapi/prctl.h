/* prctl options Ringel answers (the others are EINVAL). */
#ifndef UAPI_PRCTL_H
#define UAPI_PRCTL_H
#define PR_SET_PDEATHSIG 1
#define PR_GET_PDEATHSIG 2
#define PR_GET_DUMPABLE 3
#define PR_SET_DUMPABLE 4
#define PR_SET_NAME 15
#define PR_GET_NAME 16
#define PR_SET_NO_NEW_PRIVS 38
#define PR_GET_NO_NEW_PRIVS 39
#define TASK_COMM_LEN 16         /* PR_SET_NAME keeps 15 bytes and a NUL */
#endif

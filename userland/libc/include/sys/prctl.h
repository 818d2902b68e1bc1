/* Ringel libc: <sys/prctl.h> */
#ifndef _SYS_PRCTL_H
#define _SYS_PRCTL_H
#include <uapi/prctl.h>     /* PR_ options */
int prctl(int option, ...);
#endif

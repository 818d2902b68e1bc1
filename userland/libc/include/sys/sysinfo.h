/* Ringel libc: <sys/sysinfo.h> */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H
#include <sys/types.h>
#include <uapi/sysinfo.h>   /* struct sysinfo */
int sysinfo(struct sysinfo *info);
#endif

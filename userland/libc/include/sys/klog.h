/* Ringel libc: <sys/klog.h>: klogctl, the kernel log (syslog(2); the
 * actions are Linux's SYSLOG_ACTION_* numbers, 0 to 10). */
#ifndef _SYS_KLOG_H
#define _SYS_KLOG_H
int klogctl(int type, char *buf, int len);
#endif

/* Ringel libc: <sys/ioctl.h>: ioctl and the terminal requests (Linux's
 * numbers, <uapi/ioctl.h>). */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H
#include <sys/types.h>
#include <uapi/ioctl.h>     /* the requests, struct winsize */

int ioctl(int fd, unsigned long req, ...);
#endif

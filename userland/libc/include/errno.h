/* Ringel libc: <errno.h>.  The values are the Linux ABI's, from
 * <uapi/errno_list.h>, which also gives strerror (src/string/strerror.c)
 * its messages. */
#ifndef _ERRNO_H
#define _ERRNO_H
int *__errno_location(void);
#define errno (*__errno_location())

#include <uapi/errno.h>     /* the numbers, from the kernel's ABI headers */
#endif

/* fixture: the libc includes the uapi header; its guard, a function-like
 * macro and a name that is not a number are not ABI constants */
#ifndef _FCNTL_H
#define _FCNTL_H
#include <uapi/fcntl.h>
#define O_IS_SAMPLE(f) (((f) & O_SAMPLE) != 0)
#define O_NAME "sample"
#endif

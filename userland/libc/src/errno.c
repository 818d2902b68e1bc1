/* Ringel libc: errno (one thread per process for now). */
#include <errno.h>
#include "internal.h"

static int errno_value;

int *__errno_location(void)
{
	return &errno_value;
}

long __syscall_ret(long r)
{
	if ((unsigned long)r > -4096UL) {
		errno_value = (int)-r;
		return -1;
	}
	return r;
}

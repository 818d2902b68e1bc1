/* Ringel libc: the C convention for system-call results.  The kernel
 * returns -errno (-4095..-1) on failure; callers see -1 and errno. */
#include <errno.h>
#include "internal.h"

long __syscall_ret(long r)
{
	if ((unsigned long)r > -4096UL) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

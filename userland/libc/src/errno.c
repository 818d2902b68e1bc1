/* Ringel libc: errno (one thread per process for now). */
#include <errno.h>

static int errno_value;

int *__errno_location(void)
{
	return &errno_value;
}

/* Signal names (see signames.h): the C library's, which come from the one
 * list of signals (kernel/include/uapi/signal_list.h) in Ringel's libc and
 * which the host builds take from glibc. */
#define _GNU_SOURCE       /* sigabbrev_np in glibc (the host builds) */
#include "signames.h"
#include "common.h"
#include <ctype.h>
#include <signal.h>
#include <string.h>

const char *signal_abbrev(int sig)
{
	return sig > 0 ? sigabbrev_np(sig) : NULL;
}

int signal_number(const char *name)
{
	long n;
	if (parse_long(name, &n))
		return n >= 0 && n < NSIG ? (int)n : -1;
	char up[16];
	size_t i = 0;
	for (; name[i] && i < sizeof up - 1; i++)
		up[i] = (char)toupper((unsigned char)name[i]);
	up[i] = 0;
	const char *s = strncmp(up, "SIG", 3) == 0 ? up + 3 : up;
	for (int sig = 1; signal_abbrev(sig); sig++)
		if (strcmp(s, signal_abbrev(sig)) == 0)
			return sig;
	return -1;
}

/* Signal names (see signames.h). */
#include "signames.h"
#include "common.h"
#include <ctype.h>
#include <string.h>

static const char *const names[SIGNAL_MAX + 1] = {
	[1] = "HUP", [2] = "INT", [3] = "QUIT", [4] = "ILL", [5] = "TRAP", [6] = "ABRT",
	[7] = "BUS", [8] = "FPE", [9] = "KILL", [10] = "USR1", [11] = "SEGV", [12] = "USR2",
	[13] = "PIPE", [14] = "ALRM", [15] = "TERM", [16] = "STKFLT", [17] = "CHLD",
	[18] = "CONT", [19] = "STOP", [20] = "TSTP", [21] = "TTIN", [22] = "TTOU",
	[23] = "URG", [24] = "XCPU", [25] = "XFSZ", [26] = "VTALRM", [27] = "PROF",
	[28] = "WINCH", [29] = "IO", [30] = "PWR", [31] = "SYS",
};

const char *signal_abbrev(int sig)
{
	return sig > 0 && sig <= SIGNAL_MAX ? names[sig] : NULL;
}

int signal_number(const char *name)
{
	long n;
	if (parse_long(name, &n))
		return n >= 0 && n <= 64 ? (int)n : -1;
	char up[16];
	size_t i = 0;
	for (; name[i] && i < sizeof up - 1; i++)
		up[i] = (char)toupper((unsigned char)name[i]);
	up[i] = 0;
	const char *s = strncmp(up, "SIG", 3) == 0 ? up + 3 : up;
	for (int sig = 1; sig <= SIGNAL_MAX; sig++)
		if (strcmp(s, names[sig]) == 0)
			return sig;
	return -1;
}

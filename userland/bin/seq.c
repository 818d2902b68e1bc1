/* seq: print a sequence of integers. */
#include "common.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-s SEP] [FIRST [INCREMENT]] LAST\n"
	"Print the integers from FIRST (default 1) to LAST, INCREMENT (default 1) apart.\n"
	"  -s SEP  put SEP between numbers instead of a newline\n";

static long number(const char *s)
{
	long v;
	if (!parse_long(s, &v))
		die("invalid integer argument: '%s'", s);
	return v;
}

int main(int argc, char **argv)
{
	cmd_init("seq", text);
	const char *sep = "\n";
	/* options only before the numbers: "seq -5 -1" counts from -5 */
	int i = 1;
	while (i < argc) {
		if (!strcmp(argv[i], "-h"))
			usage(0);
		if (!strcmp(argv[i], "-s")) {
			if (i + 1 >= argc)
				usage(1);
			sep = argv[i + 1];
			i += 2;
			continue;
		}
		if (!strncmp(argv[i], "-s", 2)) {
			sep = argv[i++] + 2;
			continue;
		}
		if (!strcmp(argv[i], "--"))
			i++;
		break;
	}
	int n = argc - i;
	if (n < 1 || n > 3)
		usage(1);
	long first = 1, incr = 1, last = number(argv[argc - 1]);
	if (n >= 2)
		first = number(argv[i]);
	if (n == 3)
		incr = number(argv[i + 1]);
	if (incr == 0)
		die("invalid zero increment value: '%s'", argv[i + 1]);
	bool any = false;
	for (long v = first; incr > 0 ? v <= last : v >= last; v += incr) {
		printf("%s%ld", any ? sep : "", v);
		any = true;
		if ((incr > 0 && v > __LONG_MAX__ - incr) || (incr < 0 && v < -__LONG_MAX__ - 1 - incr))
			break;
	}
	if (any)
		putchar('\n');
	return fflush(stdout) ? 1 : 0;
}

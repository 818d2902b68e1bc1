/* nproc: the number of processors this process may use. */
#include "common.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[--all] [--ignore=N]\n"
	"Print the number of processing units available (at least 1).\n"
	"  --all       all installed ones      --ignore=N  N fewer, if possible\n";

int main(int argc, char **argv)
{
	cmd_init("nproc", text);
	bool all = false;
	long ignore = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help"))
			usage(0);
		else if (!strcmp(argv[i], "--all"))
			all = true;
		else if (!strncmp(argv[i], "--ignore=", 9)) {
			if (!parse_long(argv[i] + 9, &ignore) || ignore < 0)
				die("invalid number: '%s'", argv[i] + 9);
		} else if (!strcmp(argv[i], "--ignore") && i + 1 < argc) {
			if (!parse_long(argv[++i], &ignore) || ignore < 0)
				die("invalid number: '%s'", argv[i]);
		} else {
			usage(1);
		}
	}
	long n = sysconf(all ? _SC_NPROCESSORS_CONF : _SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	n = n > ignore ? n - ignore : 1;
	printf("%ld\n", n);
	return fflush(stdout) ? 1 : 0;
}

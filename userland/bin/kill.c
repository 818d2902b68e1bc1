/* kill: send a signal to processes. */
#include "common.h"
#include "signames.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const char text[] =
	"[-s SIGNAL | -SIGNAL] PID...\n"
	"   or: kill -l [SIGNAL|STATUS]    or: kill -L\n"
	"Send SIGNAL (default TERM) to each PID (a negative PID: its process group).\n"
	"  -l  list the signal names, or name one signal (or a wait status above 128)\n"
	"  -L  the signals in a table with their numbers\n";

/* kill -l [SIGNAL|STATUS] and kill -L, as procps kill prints them: the
 * names on two lines, or a numbered table of seven columns. */
static int list(const char *arg, bool table)
{
	if (arg) {
		long n;
		if (parse_long(arg, &n)) {
			const char *s = signal_abbrev((int)(n > 128 ? n - 128 : n));
			if (!s)
				die("unknown signal '%s'", arg);
			puts(s);
		} else {
			int sig = signal_number(arg);
			if (sig <= 0)
				die("unknown signal '%s'", arg);
			printf("%d\n", sig);
		}
		return 0;
	}
	int last = 1;
	while (signal_abbrev(last + 1))
		last++;
	for (int sig = 1; sig <= last; sig++) {
		if (table && sig % 7 == 0)
			printf("%2d %s\n", sig, signal_abbrev(sig));
		else if (table)   /* procps pads the last one too */
			printf(sig == last ? "%2d %-8s\n" : "%2d %-7s ", sig, signal_abbrev(sig));
		else
			printf("%s%s", signal_abbrev(sig), sig % 16 == 0 || sig == last ? "\n" : " ");
	}
	return 0;
}

int main(int argc, char **argv)
{
	cmd_init("kill", text);
	int sig = SIGTERM, i = 1;
	if (argc < 2)
		usage(1);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		usage(0);
	if (!strcmp(argv[1], "-l") || !strcmp(argv[1], "-L"))
		return list(argc > 2 ? argv[2] : NULL, argv[1][1] == 'L');
	if (!strcmp(argv[1], "-s") || !strcmp(argv[1], "-n")) {
		if (argc < 3)
			usage(1);
		if ((sig = signal_number(argv[2])) < 0)
			die("unknown signal '%s'", argv[2]);
		i = 3;
	} else if (argv[1][0] == '-' && argv[1][1] && strcmp(argv[1], "--") != 0) {
		long n;
		/* "-9", "-KILL"; but "-123" alone is a process group, not a signal */
		if ((sig = signal_number(argv[1] + 1)) < 0 || (parse_long(argv[1], &n) && argc == 2))
			die("unknown signal '%s'", argv[1] + 1);
		i = 2;
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i == argc)
		usage(1);
	int status = 0;
	for (; i < argc; i++) {
		long pid;
		if (!parse_long(argv[i], &pid)) {
			warn("'%s': arguments must be process IDs", argv[i]);
			status = 1;
			continue;
		}
		if (kill((pid_t)pid, sig) < 0) {
			warn("(%ld): %s", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}

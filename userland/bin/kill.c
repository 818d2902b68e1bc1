/* kill: send a signal to processes. */
#include "common.h"
#include "signames.h"
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const char text[] =
	"[-s SIGNAL | -SIGNAL] PID...\n"
	"   or: kill -l [SIGNAL|STATUS]\n"
	"Send SIGNAL (default TERM) to each PID (a negative PID: its process group).\n"
	"  -l  list the signal names, or name one signal (or a wait status above 128)\n";

static int list(const char *arg)
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
	for (int sig = 1; signal_abbrev(sig); sig++)
		printf("%2d) SIG%-7s%s", sig, signal_abbrev(sig),
		       sig % 4 == 0 || !signal_abbrev(sig + 1) ? "\n" : " ");
	return 0;
}

int main(int argc, char **argv)
{
	cmd_init("kill", text);
	int sig = SIGTERM, i = 1;
	if (argc < 2)
		usage(1);
	if (!strcmp(argv[1], "-h"))
		usage(0);
	if (!strcmp(argv[1], "-l") || !strcmp(argv[1], "-L"))
		return list(argc > 2 ? argv[2] : NULL);
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

/* env: print the environment, or run a command in a changed one. */
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-i] [-u NAME] [NAME=VALUE...] [COMMAND [ARG...]]\n"
	"Set each NAME to VALUE and run COMMAND, or print the environment.\n"
	"  -i       start from an empty environment\n"
	"  -u NAME  remove NAME from the environment\n";

extern char **environ;

int main(int argc, char **argv)
{
	cmd_init("env", text);
	int c;
	while ((c = getopt(argc, argv, "+hiu:")) != -1) {
		if (c == 'i') {
			static char *empty[] = { NULL };
			environ = empty;
		} else if (c == 'u') {
			if (unsetenv(optarg) < 0)
				die("cannot unset '%s': %s", optarg, strerror(errno));
		} else {
			usage(c == 'h' ? 0 : 1);
		}
	}
	int i = optind;
	for (; i < argc && strchr(argv[i], '='); i++) {
		char *eq = strchr(argv[i], '=');
		*eq = 0;
		if (eq == argv[i] || setenv(argv[i], eq + 1, 1) < 0)
			die("cannot set '%s'", argv[i]);
		*eq = '=';
	}
	if (i == argc) {
		for (char **e = environ; e && *e; e++)
			puts(*e);
		return fflush(stdout) ? 1 : 0;
	}
	execvp(argv[i], argv + i);
	int err = errno;
	warn("%s: %s", argv[i], strerror(err));
	return err == ENOENT ? 127 : 126;
}

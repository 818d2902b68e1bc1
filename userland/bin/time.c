/* time: run a command and report the real, user and system time it took
 * (the user and system times from wait4's resource usage). */
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char text[] =
	"[-p] COMMAND [ARG...]\n"
	"Run COMMAND, then print on standard error how long it took: real (wall\n"
	"clock), user and sys (CPU time in user mode and in the kernel, with its\n"
	"waited-for children).  The exit status is COMMAND's.\n"
	"  -p  POSIX format: \"real 0.01\" lines\n";

static void show(const char *label, long sec, long usec, bool posix)
{
	if (posix)
		fprintf(stderr, "%s %ld.%02ld\n", label, sec, usec / 10000);
	else
		fprintf(stderr, "%s\t%ldm%ld.%03lds\n", label, sec / 60, sec % 60, usec / 1000);
}

int main(int argc, char **argv)
{
	cmd_init("time", text);
	int i = 1;
	bool posix = false;
	if (i < argc && !strcmp(argv[i], "--help"))
		usage(0);
	if (i < argc && !strcmp(argv[i], "-p")) {
		posix = true;
		i++;
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (i >= argc)
		usage(1);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0)
		die_errno("fork");
	if (pid == 0) {
		execvp(argv[i], argv + i);
		int e = errno;
		warn("%s: %s", argv[i], strerror(e));
		_exit(e == ENOENT ? 127 : 126);
	}
	int status;
	struct rusage ru;
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			die_errno("wait4");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ns = (long)(t1.tv_sec - t0.tv_sec) * 1000000000L + (t1.tv_nsec - t0.tv_nsec);
	show("real", ns / 1000000000L, ns % 1000000000L / 1000, posix);
	show("user", (long)ru.ru_utime.tv_sec, (long)ru.ru_utime.tv_usec, posix);
	show("sys", (long)ru.ru_stime.tv_sec, (long)ru.ru_stime.tv_usec, posix);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

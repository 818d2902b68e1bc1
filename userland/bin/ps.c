/* ps: list the processes, from /proc. */
#include "common.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static const char text[] =
	"[-h]\n"
	"List every process: its id, its parent's, its process group, its state\n"
	"(R running, S sleeping, D uninterruptible, T stopped, Z zombie), the CPU time\n"
	"it used and its command line (the program name in [] when there is none),\n"
	"as /proc/PID/stat and /proc/PID/cmdline tell.\n";

struct ps {
	long pid, ppid, pgid;
	char state;
	long ticks;
	char name[64];
	char cmd[256];
};

static int by_pid(const void *a, const void *b)
{
	const struct ps *x = a, *y = b;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

/* "pid (name) S ppid pgrp sid tty tpgid flags minflt cminflt majflt cmajflt utime stime" */
static bool read_stat(long pid, struct ps *p)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	char *s = read_file(path, NULL);
	if (!s)
		return false;
	char *open = strchr(s, '('), *close = strrchr(s, ')');
	bool ok = open && close && close > open;
	if (ok) {
		size_t n = (size_t)(close - open - 1);
		if (n >= sizeof p->name)
			n = sizeof p->name - 1;
		memcpy(p->name, open + 1, n);
		p->name[n] = 0;
		/* after ") ": the state, then numbers: ppid is field 0, utime 10, stime 11 */
		char *q = close + 1;
		while (*q == ' ')
			q++;
		p->state = *q ? *q++ : '?';
		long f[12];
		int got = 0;
		for (; got < 12; got++) {
			char *end;
			f[got] = strtol(q, &end, 10);
			if (end == q)
				break;
			q = end;
		}
		ok = got == 12;
		if (ok) {
			p->pid = pid;
			p->ppid = f[0];
			p->pgid = f[1];
			p->ticks = f[10] + f[11];
		}
	}
	free(s);
	return ok;
}

static void read_cmdline(long pid, struct ps *p)
{
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/cmdline", pid);
	size_t len = 0;
	char *s = read_file(path, &len);
	if (!s || len == 0) {
		snprintf(p->cmd, sizeof p->cmd, "[%s]", p->name);
	} else {
		/* NUL-separated arguments, shown with spaces */
		while (len > 0 && s[len - 1] == 0)
			len--;
		for (size_t i = 0; i < len; i++)
			if (s[i] == 0)
				s[i] = ' ';
		snprintf(p->cmd, sizeof p->cmd, "%.*s", (int)len, s);
	}
	free(s);
}

int main(int argc, char **argv)
{
	cmd_init("ps", text);
	int c;
	while ((c = getopt(argc, argv, "haefx")) != -1)
		if (c == 'h' || c == '?')
			usage(c == 'h' ? 0 : 1);
	DIR *d = opendir("/proc");
	if (!d)
		die_errno("/proc");
	struct ps *list = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		long pid;
		if (!parse_long(e->d_name, &pid) || pid <= 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			if (!(list = realloc(list, cap * sizeof *list)))
				die("out of memory");
		}
		if (!read_stat(pid, &list[n]))
			continue;   /* it exited meanwhile */
		read_cmdline(pid, &list[n]);
		n++;
	}
	closedir(d);
	if (n)
		qsort(list, n, sizeof *list, by_pid);
	/* on a terminal, one line per process: commands cut at its width */
	int width = 1 << 20;
	struct winsize ws;
	if (isatty(1))
		width = ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 30 ? ws.ws_col : 80;
	printf("%5s %5s %5s S %6s CMD\n", "PID", "PPID", "PGID", "TIME");
	for (size_t i = 0; i < n; i++) {
		long secs = list[i].ticks / 100;
		printf("%5ld %5ld %5ld %c %3ld:%02ld %.*s\n", list[i].pid, list[i].ppid, list[i].pgid,
		       list[i].state, secs / 60, secs % 60, width - 29, list[i].cmd);
	}
	free(list);
	return fflush(stdout) ? 1 : 0;
}

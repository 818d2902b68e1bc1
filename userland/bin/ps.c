/* ps: list processes, from /proc (procs.c). */
#include "common.h"
#include "procs.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

static const char text[] =
	"[-e|-A] [-f] [-o FIELD,...] [-p PID,...]   or: ps aux\n"
	"List processes (all of them: Ringel has one console, one user).\n"
	"  (none)  PID, parent, process group, state, CPU time and command line\n"
	"  -e -A   PID TTY TIME CMD        -f  full: UID PID PPID C STIME TTY TIME CMD\n"
	"  aux     USER PID %CPU %MEM VSZ RSS TTY STAT START TIME COMMAND\n"
	"  -o      chosen columns: pid ppid pgid sid stat s time etime cmd args comm\n"
	"          user uid vsz rss pcpu pmem nice tty\n"
	"  -p      only these processes\n"
	"States: R running, S sleeping, D uninterruptible, T stopped, Z zombie.\n";

struct column {
	const char *name, *header;
	int width;              /* negative: left-aligned */
};

static const struct column columns[] = {
	{ "pid", "PID", 5 }, { "ppid", "PPID", 5 }, { "pgid", "PGID", 5 }, { "sid", "SID", 5 },
	{ "stat", "STAT", -4 }, { "s", "S", 1 }, { "state", "S", 1 }, { "time", "TIME", 8 },
	{ "etime", "ELAPSED", 11 }, { "cmd", "CMD", 0 }, { "args", "COMMAND", 0 },
	{ "command", "COMMAND", 0 }, { "comm", "COMMAND", -15 }, { "ucomm", "COMMAND", -15 },
	{ "user", "USER", -8 }, { "uid", "UID", 5 }, { "vsz", "VSZ", 6 }, { "rss", "RSS", 5 },
	{ "pcpu", "%CPU", 4 }, { "%cpu", "%CPU", 4 }, { "pmem", "%MEM", 4 }, { "%mem", "%MEM", 4 },
	{ "nice", "NI", 3 }, { "ni", "NI", 3 }, { "tty", "TT", -8 }, { "tname", "TTY", -8 },
};

static double up_s;
static long mem_kb;
static long hz = 100;

static const struct column *find_column(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof columns / sizeof *columns; i++)
		if (strlen(columns[i].name) == len && !strncmp(columns[i].name, name, len))
			return &columns[i];
	return NULL;
}

static void fmt_time(char *buf, size_t size, unsigned long ticks)
{
	unsigned long s = ticks / (unsigned long)hz;
	snprintf(buf, size, "%02lu:%02lu:%02lu", s / 3600, s / 60 % 60, s % 60);
}

static double pcpu(const struct pinfo *p)
{
	double alive = up_s - (double)p->start / (double)hz;
	return alive > 0 ? (double)(p->utime + p->stime) / (double)hz * 100.0 / alive : 0;
}

static void value(const struct column *c, const struct pinfo *p, char *buf, size_t size)
{
	const char *n = c->name;
	if (!strcmp(n, "pid"))
		snprintf(buf, size, "%ld", p->pid);
	else if (!strcmp(n, "ppid"))
		snprintf(buf, size, "%ld", p->ppid);
	else if (!strcmp(n, "pgid"))
		snprintf(buf, size, "%ld", p->pgid);
	else if (!strcmp(n, "sid"))
		snprintf(buf, size, "%ld", p->sid);
	else if (!strcmp(n, "stat"))
		snprintf(buf, size, "%c%s%s", p->state, p->sid == p->pid ? "s" : "",
			 p->pgid == p->pid && p->tty ? "+" : "");
	else if (!strcmp(n, "s") || !strcmp(n, "state"))
		snprintf(buf, size, "%c", p->state);
	else if (!strcmp(n, "time"))
		fmt_time(buf, size, p->utime + p->stime);
	else if (!strcmp(n, "etime")) {
		long e = (long)(up_s - (double)p->start / (double)hz);
		if (e < 0)
			e = 0;
		if (e >= 86400)
			snprintf(buf, size, "%ld-%02ld:%02ld:%02ld", e / 86400, e / 3600 % 24, e / 60 % 60, e % 60);
		else if (e >= 3600)
			snprintf(buf, size, "%02ld:%02ld:%02ld", e / 3600, e / 60 % 60, e % 60);
		else
			snprintf(buf, size, "%02ld:%02ld", e / 60, e % 60);
	} else if (!strcmp(n, "cmd") || !strcmp(n, "args") || !strcmp(n, "command"))
		snprintf(buf, size, "%s", p->cmd);
	else if (!strcmp(n, "comm") || !strcmp(n, "ucomm"))
		snprintf(buf, size, "%s", p->name);
	else if (!strcmp(n, "c"))
		snprintf(buf, size, "%d", (int)pcpu(p));
	else if (!strcmp(n, "stime") || !strcmp(n, "start")) {
		time_t at = time(NULL) - (time_t)(up_s - (double)p->start / (double)hz);
		struct tm tm;
		localtime_r(&at, &tm);
		snprintf(buf, size, "%02d:%02d", tm.tm_hour, tm.tm_min);
	} else if (!strcmp(n, "user") || !strcmp(n, "fuser"))
		user_name(p->uid, buf, size);
	else if (!strcmp(n, "uid"))
		snprintf(buf, size, "%u", p->uid);
	else if (!strcmp(n, "vsz"))
		snprintf(buf, size, "%lu", p->vsize / 1024);
	else if (!strcmp(n, "rss"))
		snprintf(buf, size, "%ld", p->rss * 4);
	else if (!strcmp(n, "pcpu") || !strcmp(n, "%cpu"))
		snprintf(buf, size, "%.1f", pcpu(p));
	else if (!strcmp(n, "pmem") || !strcmp(n, "%mem"))
		snprintf(buf, size, "%.1f", mem_kb > 0 ? (double)p->rss * 4 * 100.0 / (double)mem_kb : 0.0);
	else if (!strcmp(n, "nice") || !strcmp(n, "ni"))
		snprintf(buf, size, "%ld", p->nice);
	else if (!strcmp(n, "tty") || !strcmp(n, "tname"))
		snprintf(buf, size, "%s", p->tty ? "console" : "?");
	else
		snprintf(buf, size, "?");
}

/* Print the table: the last column (a command) takes what is left of the
 * terminal's width. */
static void table(const struct column **cols, int ncols, struct pinfo *list, size_t n, int width)
{
	char line[2048], cell[600];
	for (size_t row = 0; row <= n; row++) {
		size_t len = 0;
		for (int i = 0; i < ncols; i++) {
			const struct column *c = cols[i];
			if (row == 0)
				snprintf(cell, sizeof cell, "%s", c->header);
			else
				value(c, &list[row - 1], cell, sizeof cell);
			int w = c->width;
			bool last = i == ncols - 1;
			int k;
			if (w < 0 && !last)
				k = snprintf(line + len, sizeof line - len, "%-*s ", -w, cell);
			else if (w <= 0)
				k = snprintf(line + len, sizeof line - len, "%s", cell);
			else
				k = snprintf(line + len, sizeof line - len, last ? "%*s" : "%*s ", w, cell);
			len = k < 0 || (size_t)k >= sizeof line - len ? sizeof line - 1 : len + (size_t)k;
		}
		while (len > 0 && line[len - 1] == ' ')
			len--;
		if ((int)len > width)
			len = (size_t)width;
		printf("%.*s\n", (int)len, line);
	}
}

static bool wanted(long pid, const char *pids)
{
	if (!pids)
		return true;
	for (const char *p = pids; *p;) {
		char *end;
		long v = strtol(p, &end, 10);
		if (end == p)
			break;
		if (v == pid)
			return true;
		p = *end ? end + 1 : end;
	}
	return false;
}

int main(int argc, char **argv)
{
	cmd_init("ps", text);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	const char *fields = NULL, *pids = NULL;
	bool full = false, every = false, bsd = false;
	if (argc > 1 && argv[1][0] != '-') {
		/* BSD style: "aux", "ax", "u" */
		for (const char *p = argv[1]; *p; p++)
			if (*p == 'u')
				bsd = true;
			else if (*p != 'a' && *p != 'x' && *p != 'w')
				usage(1);
		every = true;
		if (!bsd)
			fields = "pid,tty,stat,time,args";
		argc--;
		argv++;
	}
	int c;
	while ((c = getopt(argc, argv, "hAefo:p:x")) != -1) {
		switch (c) {
		case 'A': case 'e': every = true; break;
		case 'f': full = true; break;
		case 'o': fields = optarg; break;
		case 'p': pids = optarg; break;
		case 'x': break;
		case 'h': usage(0);
		default: usage(1);
		}
	}
	if (optind < argc)
		usage(1);
	long t = sysconf(_SC_CLK_TCK);
	if (t > 0)
		hz = t;
	up_s = uptime_seconds();
	mem_kb = meminfo_kb("MemTotal");
	size_t n;
	struct pinfo *list = procs_read(&n);
	if (!list && n == 0)
		return 1;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (wanted(list[i].pid, pids))
			list[k++] = list[i];
	n = k;
	int width = 1 << 20;
	struct winsize ws;
	if (isatty(1))
		width = ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 30 ? ws.ws_col : 80;
	if (!fields && !full && !every && !bsd) {
		/* Ringel's own default: every process, with its family */
		printf("%5s %5s %5s S %6s CMD\n", "PID", "PPID", "PGID", "TIME");
		for (size_t i = 0; i < n; i++) {
			long secs = (long)(list[i].utime + list[i].stime) / hz;
			printf("%5ld %5ld %5ld %c %3ld:%02ld %.*s\n", list[i].pid, list[i].ppid, list[i].pgid,
			       list[i].state, secs / 60, secs % 60, width - 29, list[i].cmd);
		}
		free(list);
		return fflush(stdout) ? 1 : 0;
	}
	if (!fields)
		fields = bsd ? "user,pid,%cpu,%mem,vsz,rss,tty,stat,start,time,args"
		       : full ? "fuser,pid,ppid,c,stime,tname,time,cmd" : "pid,tname,time,cmd";
	const struct column *cols[32];
	int ncols = 0;
	static const struct column extra[] = {
		{ "c", "C", 2 }, { "stime", "STIME", -5 }, { "start", "START", -5 }, { "fuser", "UID", -8 },
	};
	for (const char *p = fields; *p && ncols < 32;) {
		size_t len = strcspn(p, ", ");
		const struct column *col = find_column(p, len);
		for (size_t i = 0; !col && i < sizeof extra / sizeof *extra; i++)
			if (strlen(extra[i].name) == len && !strncmp(extra[i].name, p, len))
				col = &extra[i];
		if (!col)
			die("unknown field '%.*s' (\"ps --help\" lists them)", (int)len, p);
		cols[ncols++] = col;
		p += len;
		p += strspn(p, ", ");
	}
	table(cols, ncols, list, n, width);
	free(list);
	return fflush(stdout) ? 1 : 0;
}

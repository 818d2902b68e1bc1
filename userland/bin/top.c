/* top: a live view of the processes, busiest first, refreshed every few
 * seconds; or, with -b, the same as plain text for a number of rounds.
 * A process's %CPU is its share of one CPU over the last interval (the
 * ticks it used, from /proc/PID/stat); the first screen, with no interval
 * before it, measures a short one first. */
#include "common.h"
#include "procs.h"
#include "term.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char text[] =
	"[-b] [-n COUNT] [-d SECONDS]\n"
	"Show the system's load and memory and the processes, busiest first, and\n"
	"redraw every SECONDS (default 3).  Keys: q quit, space redraw now, M sort\n"
	"by memory, P by CPU, N by PID.\n"
	"  -b  plain text without a terminal (batch)   -n  stop after COUNT screens\n";

struct cpu {
	unsigned long long user, nice, sys, idle, total;
};

static struct cpu read_cpu(void)
{
	struct cpu c = { 0 };
	char *s = read_file("/proc/stat", NULL);
	if (s && !strncmp(s, "cpu ", 4)) {
		char *q = s + 4;
		unsigned long long v[10] = { 0 };
		for (int i = 0; i < 10; i++)
			v[i] = strtoull(q, &q, 10);
		c.user = v[0];
		c.nice = v[1];
		c.sys = v[2] + v[5] + v[6];
		c.idle = v[3] + v[4];
		for (int i = 0; i < 8; i++)
			c.total += v[i];
	}
	free(s);
	return c;
}

struct row {
	struct pinfo p;
	double cpu;     /* percent */
};

static char sort_key = 'P';

static int compare(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	if (sort_key == 'M' && x->p.rss != y->p.rss)
		return x->p.rss < y->p.rss ? 1 : -1;
	if (sort_key == 'P' && x->cpu != y->cpu)
		return x->cpu < y->cpu ? 1 : -1;
	return (x->p.pid > y->p.pid) - (x->p.pid < y->p.pid);
}

/* The previous sample of each process's ticks. */
static struct { long pid; unsigned long ticks; } *prev;
static size_t nprev;

static unsigned long prev_ticks(long pid, unsigned long now)
{
	for (size_t i = 0; i < nprev; i++)
		if (prev[i].pid == pid)
			return prev[i].ticks;
	return now;     /* new since: counts from here */
}

static void remember(struct row *rows, size_t n)
{
	free(prev);
	prev = malloc((n ? n : 1) * sizeof *prev);
	if (!prev)
		die("out of memory");
	for (size_t i = 0; i < n; i++) {
		prev[i].pid = rows[i].p.pid;
		prev[i].ticks = rows[i].p.utime + rows[i].p.stime;
	}
	nprev = n;
}

static struct row *sample(size_t *n, double interval_s, long hz)
{
	struct pinfo *ps = procs_read(n);
	struct row *rows = calloc(*n ? *n : 1, sizeof *rows);
	if (!rows)
		die("out of memory");
	for (size_t i = 0; i < *n; i++) {
		rows[i].p = ps[i];
		unsigned long t = ps[i].utime + ps[i].stime;
		double used = (double)(t - prev_ticks(ps[i].pid, t)) / (double)hz;
		rows[i].cpu = interval_s > 0 ? used * 100.0 / interval_s : 0;
	}
	free(ps);
	return rows;
}

/* One screen into the output buffer: at most max_rows lines (batch: all). */
static void screen(struct row *rows, size_t n, struct cpu d, int max_rows, int cols, bool batch)
{
	char line[1024], up[256];
	int used = 0;
	const char *eol = batch ? "\n" : "\033[K\r\n";
#define LINE(...) do { \
		if (max_rows && used >= max_rows) break; \
		snprintf(line, sizeof line, __VA_ARGS__); \
		out_f("%.*s%s", cols, line, eol); \
		used++; \
	} while (0)
	uptime_line(up, sizeof up);
	LINE("top - %s", up);
	int running = 0, sleeping = 0, stopped = 0, zombie = 0;
	for (size_t i = 0; i < n; i++) {
		switch (rows[i].p.state) {
		case 'R': running++; break;
		case 'T': case 't': stopped++; break;
		case 'Z': zombie++; break;
		default: sleeping++; break;
		}
	}
	LINE("Tasks: %3zu total, %3d running, %3d sleeping, %3d stopped, %3d zombie", n, running, sleeping,
	     stopped, zombie);
	double t = d.total ? (double)d.total : 1;
	LINE("%%Cpu(s): %4.1f us, %4.1f sy, %4.1f ni, %4.1f id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st",
	     (double)d.user * 100 / t, (double)d.sys * 100 / t, (double)d.nice * 100 / t,
	     d.total ? (double)d.idle * 100 / t : 100.0);
	long total = meminfo_kb("MemTotal"), free_kb = meminfo_kb("MemFree");
	long avail = meminfo_kb("MemAvailable");
	if (total < 0)
		total = 0;
	if (free_kb < 0)
		free_kb = 0;
	LINE("MiB Mem : %8.1f total, %8.1f free, %8.1f used, %8.1f buff/cache", total / 1024.0, free_kb / 1024.0,
	     (total - free_kb) / 1024.0, 0.0);
	LINE("MiB Swap: %8.1f total, %8.1f free, %8.1f used. %8.1f avail Mem", 0.0, 0.0, 0.0,
	     (avail < 0 ? free_kb : avail) / 1024.0);
	LINE("%s", "");
	if (!batch)
		out_s("\033[7m");
	LINE("%5s %-8s %3s %3s %7s %6s %c %5s %5s %9s %s", "PID", "USER", "PR", "NI", "VIRT", "RES", 'S', "%CPU",
	     "%MEM", "TIME+", "COMMAND");
	if (!batch)
		out_s("\033[m");
	for (size_t i = 0; i < n; i++) {
		const struct pinfo *p = &rows[i].p;
		char user[32];
		user_name(p->uid, user, sizeof user);
		unsigned long ticks = p->utime + p->stime;
		unsigned long cs = ticks * 100 / 100;   /* hundredths, at 100 ticks/s */
		LINE("%5ld %-8.8s %3d %3ld %7lu %6ld %c %5.1f %5.1f %3lu:%02lu.%02lu %s", p->pid, user, 20 + (int)p->nice,
		     p->nice, p->vsize / 1024, p->rss * 4, p->state, rows[i].cpu,
		     total > 0 ? (double)p->rss * 4 * 100 / (double)total : 0.0, cs / 6000, cs / 100 % 60, cs % 100,
		     p->name);
	}
	if (!batch)
		for (; used < max_rows; used++)
			out_s("\033[K\r\n");
#undef LINE
}

int main(int argc, char **argv)
{
	cmd_init("top", text);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	bool batch = false;
	long count = 0;
	double delay = 3;
	int c;
	while ((c = getopt(argc, argv, "hbn:d:")) != -1) {
		switch (c) {
		case 'b': batch = true; break;
		case 'n':
			if (!parse_long(optarg, &count) || count < 0)
				die("bad count '%s'", optarg);
			break;
		case 'd': {
			char *end;
			delay = strtod(optarg, &end);
			if (*end || delay < 0.1)
				die("bad delay '%s'", optarg);
			break;
		}
		case 'h': usage(0);
		default: usage(1);
		}
	}
	if (optind < argc)
		usage(1);
	if (!batch && !isatty(1))
		batch = true;   /* as procps does when not on a terminal? it refuses; this is kinder */
	if (!batch && !term_open())
		die("no terminal to read keys from (-b works without)");
	long hz = sysconf(_SC_CLK_TCK);
	if (hz <= 0)
		hz = 100;
	/* the first interval: a short one, so the first screen has figures */
	size_t n;
	struct cpu c0 = read_cpu();
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct row *rows = sample(&n, 0, hz);
	remember(rows, n);
	free(rows);
	struct timespec pause = { 0, 200000000 };
	nanosleep(&pause, NULL);
	if (!batch) {
		term_raw();
		out_s("\033[H\033[2J");
	}
	for (long round = 1;; round++) {
		struct timespec t1;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double interval = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		struct cpu c1 = read_cpu();
		struct cpu d = { c1.user - c0.user, c1.nice - c0.nice, c1.sys - c0.sys, c1.idle - c0.idle,
				 c1.total - c0.total };
		rows = sample(&n, interval, hz);
		remember(rows, n);
		qsort(rows, n, sizeof *rows, compare);
		int trows = 0, tcols = 1 << 16;
		if (!batch) {
			term_size(&trows, &tcols);
			out_s("\033[H");
		}
		screen(rows, n, d, batch ? 0 : trows - 1, tcols, batch);
		if (batch)
			out_s("\n");
		out_flush();
		free(rows);
		c0 = c1;
		t0 = t1;
		if (count && round >= count)
			break;
		if (batch) {
			struct timespec ts = { (time_t)delay, (long)((delay - (double)(long)delay) * 1e9) };
			while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
				;
			continue;
		}
		int k = term_key_wait((int)(delay * 1000));
		if (k == 'q' || k == 'Q' || k == CTRL('C') || k == KEY_EOF)
			break;
		if (k == 'M' || k == 'P' || k == 'N')
			sort_key = (char)k;
	}
	if (!batch) {
		int trows, tcols;
		term_size(&trows, &tcols);
		out_move(trows - 1, 0);
		out_s("\033[K");
		out_flush();
		term_restore();
	}
	return 0;
}

/* Reading /proc for ps, top and uptime (procs.h). */
#include "procs.h"
#include "common.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* "pid (comm) S ppid pgrp session tty_nr tpgid flags minflt cminflt
 * majflt cmajflt utime stime cutime cstime priority nice num_threads
 * itrealvalue starttime vsize rss ..." (proc(5)): comm may hold spaces
 * and parentheses, so the fields start after the last ')'. */
bool proc_read(long pid, struct pinfo *p)
{
	char path[64];
	memset(p, 0, sizeof *p);
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
		char *q = close + 1;
		while (*q == ' ')
			q++;
		p->state = *q ? *q++ : '?';
		unsigned long long f[21];   /* fields 4..24 */
		int got = 0;
		for (; got < 21; got++) {
			char *end;
			f[got] = strtoull(q, &end, 10);   /* tpgid -1 wraps, and back */
			if (end == q)
				break;
			q = end;
		}
		ok = got >= 12;
		p->pid = pid;
		p->ppid = (long)f[0];
		p->pgid = (long)f[1];
		p->sid = (long)f[2];
		p->tty = (long)f[3];
		p->utime = got > 10 ? (unsigned long)f[10] : 0;
		p->stime = got > 11 ? (unsigned long)f[11] : 0;
		p->nice = got > 15 ? (long)f[15] : 0;
		p->threads = got > 16 ? (long)f[16] : 1;
		p->start = got > 18 ? f[18] : 0;
		p->vsize = got > 19 ? (unsigned long)f[19] : 0;
		p->rss = got > 20 ? (long)f[20] : 0;
	}
	free(s);
	if (!ok)
		return false;
	snprintf(path, sizeof path, "/proc/%ld", pid);
	struct stat st;
	p->uid = stat(path, &st) == 0 ? st.st_uid : 0;
	snprintf(path, sizeof path, "/proc/%ld/cmdline", pid);
	size_t len = 0;
	char *c = read_file(path, &len);
	while (c && len > 0 && c[len - 1] == 0)
		len--;
	if (!c || len == 0) {
		snprintf(p->cmd, sizeof p->cmd, "[%s]", p->name);
	} else {
		for (size_t i = 0; i < len; i++)
			if (c[i] == 0 || c[i] == '\n')
				c[i] = ' ';
		snprintf(p->cmd, sizeof p->cmd, "%.*s", (int)len, c);
	}
	free(c);
	return true;
}

static int by_pid(const void *a, const void *b)
{
	const struct pinfo *x = a, *y = b;
	return (x->pid > y->pid) - (x->pid < y->pid);
}

struct pinfo *procs_read(size_t *count)
{
	DIR *d = opendir("/proc");
	if (!d) {
		warn_errno("/proc");
		return NULL;
	}
	struct pinfo *list = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		long pid;
		if (!parse_long(e->d_name, &pid) || pid <= 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			if (!(list = realloc(list, cap * sizeof *list)))
				die("out of memory");
		}
		if (proc_read(pid, &list[n]))
			n++;    /* else it exited meanwhile */
	}
	closedir(d);
	if (n)
		qsort(list, n, sizeof *list, by_pid);
	*count = n;
	return list;
}

bool id_name(const char *file, unsigned id, char *buf, size_t size)
{
	/* "name:password:ID:..." in both /etc/passwd and /etc/group */
	char *db = read_file(file, NULL);
	for (char *line = db; line && *line;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = 0;
		char *c1 = strchr(line, ':'), *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
		if (c2 && c2[1] >= '0' && c2[1] <= '9' && strtoul(c2 + 1, NULL, 10) == id) {
			snprintf(buf, size, "%.*s", (int)(c1 - line), line);
			free(db);
			return true;
		}
		line = end ? end + 1 : NULL;
	}
	free(db);
	if (id == 0 && !db) {
		snprintf(buf, size, "root");   /* no such file: id 0 is root everywhere */
		return true;
	}
	return false;
}

const char *user_name(unsigned uid, char *buf, size_t size)
{
	if (!id_name("/etc/passwd", uid, buf, size))
		snprintf(buf, size, "%u", uid);
	return buf;
}

double uptime_seconds(void)
{
	char *s = read_file("/proc/uptime", NULL);
	double up = s ? strtod(s, NULL) : 0;
	free(s);
	return up;
}

long meminfo_kb(const char *key)
{
	char *s = read_file("/proc/meminfo", NULL);
	char v[64];
	long r = s && text_value(s, key, v, sizeof v) ? strtol(v, NULL, 10) : -1;
	free(s);
	return r;
}

void uptime_line(char *buf, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	long up = (long)uptime_seconds();
	long days = up / 86400, hours = up / 3600 % 24, mins = up / 60 % 60;
	char when[64] = "";
	int n = 0;
	if (days)
		n = snprintf(when, sizeof when, "%ld day%s, ", days, days == 1 ? "" : "s");
	if (hours)
		snprintf(when + n, sizeof when - (size_t)n, "%2ld:%02ld", hours, mins);
	else
		snprintf(when + n, sizeof when - (size_t)n, "%ld min", mins);
	char *la = read_file("/proc/loadavg", NULL);
	double l1 = 0, l5 = 0, l15 = 0;
	if (la) {
		char *q = la;
		l1 = strtod(q, &q);
		l5 = strtod(q, &q);
		l15 = strtod(q, &q);
		free(la);
	}
	snprintf(buf, size, "%02d:%02d:%02d up %s,  0 user,  load average: %.2f, %.2f, %.2f", tm.tm_hour,
		 tm.tm_min, tm.tm_sec, when, l1, l5, l15);
}

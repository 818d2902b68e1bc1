/* The processes as /proc shows them (Linux's format, so the same code
 * reads Ringel's /proc and the host's): ps and top. */
#ifndef BIN_PROCS_H
#define BIN_PROCS_H
#include <stdbool.h>
#include <stddef.h>

struct pinfo {
	long pid, ppid, pgid, sid, tty, nice, threads;
	char state;
	unsigned long utime, stime;     /* ticks */
	unsigned long long start;       /* ticks after boot */
	unsigned long vsize;            /* bytes */
	long rss;                       /* pages */
	unsigned uid;
	char name[64];                  /* comm */
	char cmd[512];                  /* the command line, or [comm] */
};

/* Every process, sorted by pid; *n set.  NULL on an empty or unreadable
 * /proc (with a message). */
struct pinfo *procs_read(size_t *n);
/* Read one; false if it has gone. */
bool proc_read(long pid, struct pinfo *p);
/* The name of id in /etc/passwd or /etc/group (or "root" for 0 when the
 * file does not exist); false if there is none. */
bool id_name(const char *file, unsigned id, char *buf, size_t size);
/* User name of uid from /etc/passwd, or its number. */
const char *user_name(unsigned uid, char *buf, size_t size);
/* Seconds since boot (/proc/uptime), 0 if unknown. */
double uptime_seconds(void);
/* Kilobytes of MemTotal (etc.) in /proc/meminfo, -1 if absent. */
long meminfo_kb(const char *key);
/* "HH:MM:SS up ...,  N users,  load average: a, b, c" (uptime, top). */
void uptime_line(char *buf, size_t size);
#endif

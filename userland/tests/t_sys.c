/* utests: the system's account of itself -- the kernel log (syslog(2)),
 * the CPU times (/proc/stat, /proc/PID/stat, wait4's and getrusage's
 * rusage), the load averages -- and the commands that show it (dmesg,
 * uptime, ps, top, time), ours and Debian busybox's.  On Linux (the suite's
 * oracle run) the kernel log may be closed to us (dmesg_restrict): those
 * checks are then skipped with a note. */
#include "utests.h"
#include <stdlib.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define BUSYBOX "/opt/debian/busybox"

static long klog(int type, void *buf, long len)
{
	return syscall(SYS_syslog, type, buf, len);
}

UTEST(syslog_calls)
{
	long size = klog(10, NULL, 0);     /* SYSLOG_ACTION_SIZE_BUFFER */
	CHECK(size > 0, "SIZE_BUFFER: %ld (%s)", size, errname(errno));
	/* Linux's READ_ALL is longer than its buffer: it adds "<6>[time]"
	 * to every line.  (Buffers come from malloc: static ones would be
	 * charged to every process the suite forks.) */
	long cap = 4 * size + 4096;
	char *buf = malloc((size_t)cap);
	CHECK(buf, "malloc");
	long n = klog(3, buf, cap);   /* READ_ALL */
	if (n < 0 && errno == EPERM && on_linux)
		skip("the kernel log is closed to us (dmesg_restrict)");
	CHECK(n >= 0 && n <= (on_linux ? cap : size), "READ_ALL: %ld (%s), buffer %ld", n, errname(errno), size);
	if (!on_linux)
		CHECK(n > 0 && memmem(buf, (size_t)n, "Ringel", 6), "the boot banner is not in the log");
	/* the newest bytes: a short read is the end of a long one (Linux
	 * hands out whole records only, and its log may grow meanwhile) */
	char tail[64];
	long t = klog(3, tail, sizeof tail);
	if (!on_linux) {
		CHECK(t == (n < 64 ? n : 64), "READ_ALL of 64 bytes: %ld", t);
		CHECK(!memcmp(tail, buf + n - t, (size_t)t), "a short READ_ALL is not the log's end");
	}
	CHECK(klog(3, buf, 0) == 0, "READ_ALL of nothing");
	if (!exec_wrapper) {    /* qemu-user checks the arguments its own way */
		CHECK_ERR(klog(3, NULL, 10), EINVAL);
		CHECK_ERR(klog(3, buf, -1), EINVAL);
		CHECK_ERR(klog(99, buf, 10), EINVAL);
		CHECK_ERR(klog(3, (void *)16, cap), EFAULT);
	}
	CHECK(klog(9, NULL, 0) >= 0, "SIZE_UNREAD: %s", errname(errno));   /* SIZE_UNREAD */
}

/* The hardware protections (kernel/protection.c): every CPU said at boot
 * that its switches are on (CR0.WP, EFER.NXE, SMEP, SMAP; the MMU and PAN),
 * and no kernel mapping is writable and executable. */
UTEST(protection_log)
{
	if (on_linux)
		skip("Linux logs no such lines");
	long size = klog(10, NULL, 0);
	char *buf = malloc((size_t)size + 1);
	CHECK(buf, "malloc");
	long n = klog(3, buf, size);
	CHECK(n > 0, "READ_ALL: %s", errname(errno));
	buf[n] = 0;
	if (!strstr(buf, "Ringel"))
		skip("the boot messages have left the log");
	CHECK(!strstr(buf, " is OFF"), "a protection was off: %s", strstr(buf, "protection: cpu"));
	CHECK(strstr(buf, "protection: no kernel mapping is writable and executable"),
	      "the W^X line is missing or says otherwise");
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	for (long c = 0; c < cpus; c++) {
		char want[64];
		snprintf(want, sizeof want, "protection: cpu %ld: %s", c,
			 strcmp(arch_machine, "x86_64") ? "SCTLR_EL1.M" : "CR0.WP");
		CHECK(strstr(buf, want), "no \"%s ... on\" in the log", want);
	}
	free(buf);
}

/* Burn about 0.3 s of CPU in a child: its times reach the parent through
 * wait4's rusage and getrusage(RUSAGE_CHILDREN). */
UTEST(rusage_of_children)
{
	struct rusage before, ru, after;
	CHECK_OK(getrusage(RUSAGE_CHILDREN, &before));
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		long start = now_ms();
		volatile unsigned long x = 0;
		while (now_ms() - start < 300)
			for (int i = 0; i < 100000; i++)
				x = x + (unsigned long)i;
		_exit(x == 1 ? 1 : 0);
	}
	int st;
	CHECK(wait4(pid, &st, 0, &ru) == pid, "wait4: %s", errname(errno));
	long us = ru.ru_utime.tv_sec * 1000000 + ru.ru_utime.tv_usec;
	long ss = ru.ru_stime.tv_sec * 1000000 + ru.ru_stime.tv_usec;
	CHECK(us + ss > 0, "a child that spun for 0.3 s used no CPU time (user %ld us, sys %ld us)", us, ss);
	CHECK(ru.ru_utime.tv_usec < 1000000 && ru.ru_stime.tv_usec < 1000000, "microseconds over a second");
	CHECK_OK(getrusage(RUSAGE_CHILDREN, &after));
	long grew = (after.ru_utime.tv_sec - before.ru_utime.tv_sec) * 1000000 +
		    (after.ru_utime.tv_usec - before.ru_utime.tv_usec) +
		    (after.ru_stime.tv_sec - before.ru_stime.tv_sec) * 1000000 +
		    (after.ru_stime.tv_usec - before.ru_stime.tv_usec);
	CHECK(grew >= us + ss - 10000, "RUSAGE_CHILDREN grew by %ld us, the child used %ld", grew, us + ss);
	CHECK_OK(getrusage(RUSAGE_SELF, &ru));
	CHECK_ERR(getrusage(5, &ru), EINVAL);
	CHECK_ERR(getrusage(RUSAGE_SELF, (void *)16), EFAULT);
	note("the spinning child: user %ld ms, sys %ld ms", us / 1000, ss / 1000);
}

static char *slurp(const char *path)
{
	static char *buf;
	if (!buf)
		buf = malloc(16384);
	CHECK(buf, "malloc");
	FILE *f = fopen(path, "r");
	CHECK(f, "%s: %s", path, errname(errno));
	size_t n = fread(buf, 1, 16383, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

UTEST(proc_stat_and_loadavg)
{
	char *s = slurp("/proc/stat");
	unsigned long long v[10];
	CHECK(sscanf(s, "cpu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu", &v[0], &v[1], &v[2], &v[3],
		     &v[4], &v[5], &v[6], &v[7], &v[8], &v[9]) == 10,
	      "/proc/stat's cpu line: %.80s", s);
	CHECK(strstr(s, "\nctxt ") && strstr(s, "\nprocesses ") && strstr(s, "\nprocs_running "),
	      "/proc/stat lacks ctxt, processes or procs_running:\n%s", s);
	s = slurp("/proc/loadavg");
	double a, b, c;
	int running, total, last;
	CHECK(sscanf(s, "%lf %lf %lf %d/%d %d", &a, &b, &c, &running, &total, &last) == 6,
	      "/proc/loadavg: %s", s);
	CHECK(a >= 0 && b >= 0 && c >= 0 && running >= 1 && total >= running && last > 0, "/proc/loadavg: %s", s);
	/* /proc/self/stat: Linux's 52 fields, the command in parentheses
	 * (qemu-user makes up its own, shorter) */
	if (exec_wrapper)
		return;
	s = slurp("/proc/self/stat");
	char *close = strrchr(s, ')');
	CHECK(close, "/proc/self/stat: %s", s);
	int fields = 2;
	for (char *p = close + 1; *p; p++)
		if (*p == ' ' && p[1] && p[1] != ' ' && p[1] != '\n')
			fields++;
	CHECK(fields >= 52, "/proc/self/stat has %d fields: %s", fields, s);
}

static int run_cmd(char *out, size_t size, const char *path, char *const argv[])
{
	char *envp[] = { "PATH=/bin", "HOME=/", "LANG=C", "TERM=vt100", NULL };
	return run_capture(path_of(path), argv, envp, out, size);
}

UTEST(sys_commands)
{
	const size_t outsz = 65536;
	char *out = malloc(outsz);
	CHECK(out, "malloc");
	char pid[16], spid[20];
	snprintf(pid, sizeof pid, "%d", getpid());
	snprintf(spid, sizeof spid, " %d ", getpid());   /* in a PID column */
	char lpid[20];
	snprintf(lpid, sizeof lpid, "\n%5d ", getpid());  /* top's first column */

	int st = run_cmd(out, outsz, "/bin/dmesg", (char *[]){ "dmesg", NULL });
	if (!on_linux)
		CHECK(st == 0 && strstr(out, "Ringel"), "dmesg: %s, '%.200s'", status_str(st), out);

	st = run_cmd(out, outsz, "/bin/uptime", (char *[]){ "uptime", NULL });
	CHECK(st == 0 && strstr(out, " up ") && strstr(out, "load average: "), "uptime: %s '%s'", status_str(st), out);

	st = run_cmd(out, outsz, "/bin/ps", (char *[]){ "ps", "-ef", NULL });
	CHECK(st == 0 && strstr(out, "UID") && strstr(out, "PPID") && strstr(out, "CMD"), "ps -ef: %s", out);
	st = run_cmd(out, outsz, "/bin/ps", (char *[]){ "ps", "-o", "pid,ppid,stat,time,cmd", "-p", pid, NULL });
	char want[64];
	snprintf(want, sizeof want, "%5d %5d ", getpid(), getppid());
	CHECK(st == 0 && strstr(out, "  PID  PPID STAT     TIME CMD\n") && strstr(out, want),
	      "ps -o for pid %s: '%s'", pid, out);
	st = run_cmd(out, outsz, "/bin/ps", (char *[]){ "ps", "aux", NULL });
	CHECK(st == 0 && strstr(out, "USER") && strstr(out, "%CPU") && strstr(out, spid), "ps aux: %s", out);

	st = run_cmd(out, outsz, "/bin/top", (char *[]){ "top", "-b", "-n", "1", NULL });
	CHECK(st == 0 && !strncmp(out, "top - ", 6) && strstr(out, "\nTasks:") && strstr(out, "%Cpu(s):") &&
	      strstr(out, "  PID USER") && strstr(out, lpid), "top -b -n 1: %s '%.600s'", status_str(st), out);

	st = run_cmd(out, outsz, "/bin/nproc", (char *[]){ "nproc", NULL });
	CHECK(st == 0 && atoi(out) >= 1, "nproc: '%s'", out);
	char ncpu[24];   /* the CPUs online, as sysconf says (several under -smp) */
	snprintf(ncpu, sizeof ncpu, "%ld\n", sysconf(_SC_NPROCESSORS_ONLN));
	if (!on_linux)   /* (GNU nproc counts the CPUs the affinity mask allows) */
		CHECK(!strcmp(out, ncpu), "nproc: '%s', sysconf says %s", out, ncpu);

	if (!on_linux) {    /* (not the host's name) */
		st = run_cmd(out, outsz, "/bin/sh",
			     (char *[]){ "sh", "-c", "/bin/hostname box.example && /bin/hostname && /bin/hostname -s &&"
						 " /bin/uname -n && /bin/hostname ringel", NULL });
		CHECK(st == 0 && !strcmp(out, "box.example\nbox\nbox.example\n"), "hostname: '%s'", out);
	}

	st = run_cmd(out, outsz, "/bin/id", (char *[]){ "id", "-u", NULL });
	snprintf(want, sizeof want, "%d\n", (int)geteuid());
	CHECK(st == 0 && !strcmp(out, want), "id -u: '%s', want '%s'", out, want);

	/* time: its report on standard error, the command's status */
	st = run_cmd(out, outsz, "/bin/sh",
		     (char *[]){ "sh", "-c", "/bin/time -p /bin/sh -c 'exit 7' 2>&1; echo status=$?", NULL });
	CHECK(st == 0 && !strncmp(out, "real ", 5) && strstr(out, "\nuser ") && strstr(out, "\nsys ") &&
	      strstr(out, "status=7\n"), "time -p: '%s'", out);

	/* files: mktemp, stat, du, readlink, realpath on what it made */
	st = run_cmd(out, outsz, "/bin/sh",
		     (char *[]){ "sh", "-c",
				 "d=$(/bin/mktemp -d) && cd $d && echo hello > f && /bin/ln -s f l &&"
				 " /bin/stat -c '%s %F %a' f && /bin/readlink l && /bin/realpath l | /bin/grep -c $d &&"
				 " /bin/readlink -f nope/x; echo rf=$? && /bin/du -s -b . | /bin/grep -c . &&"
				 " /bin/rm -r $d && echo done", NULL });
	CHECK(st == 0 && !strcmp(out, "6 regular file 644\nf\n1\nrf=1\n1\ndone\n"), "files: '%s'", out);
}

static int busybox(char *out, size_t size, const char *applet, const char *arg1, const char *arg2)
{
	char *argv[] = { (char *)applet, (char *)arg1, (char *)arg2, NULL };
	char *envp[] = { "PATH=/nonexistent", "HOME=/", "LANG=C", NULL };
	return run_capture(path_of(BUSYBOX), argv, envp, out, size);
}

/* Debian's busybox applets on Ringel's /proc and syslog(2): they read the
 * Linux formats, so they must work unchanged. */
UTEST(debian_busybox_sys)
{
	const size_t outsz = 65536;
	char spid[20];
	snprintf(spid, sizeof spid, "%d ", getpid());
	if (access(path_of(BUSYBOX), X_OK) != 0) {
		note("no %s (scripts/setup fetches Debian's busybox-static)", BUSYBOX);
		return;
	}
	if (exec_wrapper)
		skip("busybox applets under qemu-user see the host's /proc");
	char *out = malloc(outsz);
	CHECK(out, "malloc");
	int st = busybox(out, outsz, "dmesg", NULL, NULL);
	if (!on_linux)
		CHECK(st == 0 && strstr(out, "Ringel"), "busybox dmesg: %s '%.200s'", status_str(st), out);
	st = busybox(out, outsz, "uptime", NULL, NULL);
	CHECK(st == 0 && strstr(out, "up ") && strstr(out, "load average: "), "busybox uptime: %s '%s'",
	      status_str(st), out);
	st = busybox(out, outsz, "ps", NULL, NULL);
	CHECK(st == 0 && strstr(out, "PID") && strstr(out, spid), "busybox ps: %s '%.400s'", status_str(st), out);
	st = busybox(out, outsz, "top", "-b", "-n1");
	CHECK(st == 0 && strstr(out, "Mem:") && strstr(out, "Load average:") && strstr(out, "PID") &&
	      strstr(out, spid), "busybox top -b -n1: %s '%.800s'", status_str(st), out);
	st = busybox(out, outsz, "nproc", NULL, NULL);
	CHECK(st == 0 && atoi(out) >= 1, "busybox nproc: %s '%s'", status_str(st), out);
}

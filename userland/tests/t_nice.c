/* utests: nice values.  getpriority/setpriority by process, group and user,
 * nice(), inheritance by fork, /proc/PID/stat's priority and nice fields,
 * and the scheduler honouring them: a nice 19 process pinned to one CPU
 * with a nice 0 one gets clearly less of it.  Linux is the oracle; the
 * tests only raise nice values (lowering them needs privilege on Linux)
 * and never assume the suite starts at nice 0 (ctest may run under nice). */
#define _GNU_SOURCE
#include "utests.h"
#include <signal.h>
#include <unistd.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* getpriority with errno checked: the value can be -1 */
static int prio(int which, int who)
{
	errno = 0;
	int v = getpriority(which, who);
	CHECK(v != -1 || errno == 0, "getpriority(%d, %d): %s", which, who, errname(errno));
	return v;
}

/* Fields 18 and 19 of /proc/self/stat: priority and nice. */
static void stat_prio(int *priority, int *nice)
{
	char buf[1024];
	int fd = open("/proc/self/stat", O_RDONLY);
	CHECK(fd >= 0, "open /proc/self/stat: %s", errname(errno));
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	CHECK(n > 0, "read /proc/self/stat");
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	CHECK(p, "no ) in %s", buf);
	p += 2;   /* field 3, the state */
	for (int field = 3; field < 18; field++) {
		p = strchr(p, ' ');
		CHECK(p, "short /proc/self/stat");
		p++;
	}
	*priority = (int)strtol(p, &p, 10);
	*nice = (int)strtol(p, &p, 10);
}

static void nice_calls(void *unused)
{
	(void)unused;
	int start = prio(PRIO_PROCESS, 0);
	CHECK(start >= -20 && start <= 19, "nice %d", start);
	CHECK(prio(PRIO_PROCESS, getpid()) == start, "by pid");
	CHECK_OK(setpriority(PRIO_PROCESS, 0, start < 5 ? 5 : start));
	int now = prio(PRIO_PROCESS, 0);
	CHECK(now == (start < 5 ? 5 : start), "after setpriority: %d", now);
	int pr, ni;
	stat_prio(&pr, &ni);
	/* qemu-user makes up its own /proc/self/stat, with 0 there */
	CHECK(exec_wrapper || (ni == now && pr == 20 + now),
	      "/proc/self/stat: priority %d nice %d, want %d %d", pr, ni, 20 + now, now);
	/* nice() adds and answers the new value; beyond 19 it is clamped */
	errno = 0;
	CHECK(nice(1) == now + 1 && errno == 0, "nice(1): %s", errname(errno));
	CHECK(nice(100) == 19, "nice(100)");
	CHECK(prio(PRIO_PROCESS, 0) == 19, "clamped");
	CHECK_OK(setpriority(PRIO_PROCESS, 0, 1000));   /* clamped too, not refused */
	CHECK(prio(PRIO_PROCESS, 0) == 19, "clamped by setpriority");
	/* a child inherits it */
	int pid = fork();
	if (pid == 0)
		_exit(getpriority(PRIO_PROCESS, 0) == 19 ? 0 : 1);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s",
	      status_str(st));
	/* the user's: root's lowest nice value, at most ours */
	CHECK(prio(PRIO_USER, 0) <= 19, "PRIO_USER");
	/* bad which, no such process or group */
	CHECK_ERR(getpriority(99, 0), EINVAL);
	CHECK_ERR(setpriority(-1, 0, 0), EINVAL);
	CHECK_ERR(getpriority(PRIO_PROCESS, 0x3fffffff), ESRCH);
	CHECK_ERR(setpriority(PRIO_PROCESS, 0x3fffffff, 19), ESRCH);
	CHECK_ERR(getpriority(PRIO_PGRP, 0x3fffffff), ESRCH);
}

UTEST(nice_values)
{
	int st = wait_timeout(spawn(nice_calls, NULL), 20000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", status_str(st));
}

/* A group's value: every process of the group gets it. */
static void nice_group(void *unused)
{
	(void)unused;
	CHECK_OK(setpgid(0, 0));
	int base = prio(PRIO_PROCESS, 0);
	int want = base < 12 ? 12 : base;
	int go[2];
	CHECK_OK(pipe(go));
	int pid = fork();
	if (pid == 0) {
		char c;
		close(go[1]);
		read(go[0], &c, 1);   /* until the parent has set the group's value */
		_exit(getpriority(PRIO_PROCESS, 0) == want ? 0 : 1);
	}
	close(go[0]);
	CHECK_OK(setpriority(PRIO_PGRP, 0, want));
	CHECK(prio(PRIO_PGRP, getpgrp()) == want, "getpriority(PRIO_PGRP)");
	close(go[1]);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the group's other process: %s", status_str(st));
}

UTEST(nice_pgrp)
{
	int st = wait_timeout(spawn(nice_group, NULL), 20000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", status_str(st));
}

/* Two busy processes on one CPU, nice 0 and 19 above the runner's: each
 * counts its loops until the parent says stop. */
struct share {
	volatile int go, stop;
	volatile long count[2];
};

static void spin(struct share *s, int i)
{
	while (!s->go)
		;
	long n = 0;
	while (!s->stop) {
		for (int k = 0; k < 1000; k++)
			__asm__ volatile("" ::: "memory");
		s->count[i] = ++n;
	}
	_exit(0);
}

static int first_cpu(unsigned long mask[], size_t words)
{
	for (size_t w = 0; w < words; w++)
		if (mask[w])
			return (int)(w * 64 + (unsigned)__builtin_ctzl(mask[w]));
	return -1;
}

UTEST_T(nice_share, 60)
{
	unsigned long mask[4] = { 0 };
	CHECK(syscall(SYS_sched_getaffinity, 0, sizeof mask, mask) > 0, "sched_getaffinity: %s",
	      errname(errno));
	int cpu = first_cpu(mask, 4);
	memset(mask, 0, sizeof mask);
	mask[cpu / 64] = 1UL << (cpu % 64);
	CHECK_OK(syscall(SYS_sched_setaffinity, 0, sizeof mask, mask));   /* inherited by both */
	struct share *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(s != MAP_FAILED, "mmap: %s", errname(errno));
	int base = prio(PRIO_PROCESS, 0);
	int pids[2];
	for (int i = 0; i < 2; i++) {
		pids[i] = fork();
		CHECK(pids[i] >= 0, "fork: %s", errname(errno));
		if (pids[i] == 0) {
			if (i == 1 && setpriority(PRIO_PROCESS, 0, 19) < 0)
				_exit(2);
			spin(s, i);
		}
	}
	s->go = 1;
	sleep_ms(1500);
	s->stop = 1;
	for (int i = 0; i < 2; i++) {
		int st;
		CHECK(waitpid(pids[i], &st, 0) == pids[i] && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "spinner %d: %s", i, status_str(st));
	}
	long fair = s->count[0], low = s->count[1];
	note("nice %d: %ld loops, nice 19: %ld loops", base, fair, low);
	if (base >= 19)
		skip("the suite already runs at nice 19");
	CHECK(low > 0, "the nice 19 process never ran");
	CHECK(fair > 2 * low, "nice %d: %ld loops, nice 19: %ld", base, fair, low);
	munmap(s, 4096);
}

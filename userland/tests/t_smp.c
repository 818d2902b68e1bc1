/* utests: several CPUs.  What the CPU count says (sysconf, /proc/cpuinfo,
 * sched_getaffinity), affinity moving a thread (getcpu), and stress that
 * only means something when processes really run at once: fork/exec/exit
 * storms, two processes breaking the same copy-on-write pages, pipe
 * storms, signals across CPUs, and munmap of memory another thread is
 * reading (it must fault afterwards: the TLB shootdown works).  On one CPU
 * they all pass too; they run at -smp 1, 2 and 4 (and Linux is the oracle).
 * After each storm the free-page count is back where it was. */
#define _GNU_SOURCE
#include "utests.h"
#include <signal.h>
#include <unistd.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define PAGE 4096

static int online_cpus(void)
{
	unsigned long mask[4] = { 0 };
	long n = syscall(SYS_sched_getaffinity, 0, sizeof mask, mask);
	CHECK(n > 0, "sched_getaffinity: %s", errname(errno));
	int count = 0;
	for (unsigned i = 0; i < sizeof mask / sizeof mask[0]; i++)
		count += __builtin_popcountl(mask[i]);
	return count;
}

static int cpuinfo_count(void)
{
	static char buf[16384];
	int fd = open("/proc/cpuinfo", O_RDONLY);
	CHECK(fd >= 0, "open /proc/cpuinfo: %s", errname(errno));
	size_t len = 0;
	ssize_t r;
	while (len < sizeof buf - 1 && (r = read(fd, buf + len, sizeof buf - 1 - len)) > 0)
		len += (size_t)r;
	close(fd);
	buf[len] = 0;
	int n = 0;
	for (char *p = buf; (p = strstr(p, "processor")); p++)
		if (p == buf || p[-1] == '\n')
			n++;
	return n;
}

static unsigned this_cpu(void)
{
	unsigned cpu = ~0u;
	CHECK(syscall(SYS_getcpu, &cpu, NULL, NULL) == 0, "getcpu: %s", errname(errno));
	return cpu;
}

UTEST(smp_cpu_count)
{
	int aff = online_cpus(), info = cpuinfo_count();
	long onln = sysconf(_SC_NPROCESSORS_ONLN), conf = sysconf(_SC_NPROCESSORS_CONF);
	CHECK(aff >= 1 && aff == info, "affinity says %d CPUs, /proc/cpuinfo %d", aff, info);
	CHECK(onln == aff, "sysconf(_SC_NPROCESSORS_ONLN) %ld, affinity %d", onln, aff);
	CHECK(conf >= onln, "sysconf(_SC_NPROCESSORS_CONF) %ld < online %ld", conf, onln);
	CHECK(this_cpu() < (unsigned)aff, "getcpu %u of %d", this_cpu(), aff);
	note("%d CPU%s", aff, aff == 1 ? "" : "s");
}

/* Pinning to one CPU moves the caller there at once; an empty or offline
 * mask is EINVAL; the mask is inherited by fork. */
static void pinned_child(void *arg)
{
	unsigned want = (unsigned)(uintptr_t)arg;
	for (int i = 0; i < 50; i++) {
		CHECK(this_cpu() == want, "child pinned to %u runs on %u", want, this_cpu());
		sched_yield();
	}
}

UTEST(smp_affinity)
{
	int n = online_cpus();
	for (int cpu = n - 1; cpu >= 0; cpu--) {
		unsigned long mask = 1ul << cpu, got = 0;
		CHECK_OK(syscall(SYS_sched_setaffinity, 0, sizeof mask, &mask));
		CHECK(this_cpu() == (unsigned)cpu, "pinned to %d, running on %u", cpu, this_cpu());
		CHECK(syscall(SYS_sched_getaffinity, 0, sizeof got, &got) == sizeof got, "get");
		CHECK(got == mask, "mask %#lx, set %#lx", got, mask);
		int st = wait_timeout(spawn(pinned_child, (void *)(uintptr_t)cpu), 20000);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s", status_str(st));
	}
	unsigned long none = 0, off = n < 64 ? 1ul << n : 0;
	CHECK_ERR(syscall(SYS_sched_setaffinity, 0, sizeof none, &none), EINVAL);
	if (off)
		CHECK_ERR(syscall(SYS_sched_setaffinity, 0, sizeof off, &off), EINVAL);
	unsigned long all = ~0ul;
	CHECK_OK(syscall(SYS_sched_setaffinity, 0, sizeof all, &all));
	CHECK(online_cpus() == n, "all CPUs again");
}

/* ---------------------------------------------------------------- storms */

static void exec_true(void *unused)
{
	(void)unused;
	char *argv[] = { "true", NULL };
	uexec(path_of("/bin/true"), argv, NULL);
	_exit(127);
}

static void nothing(void *unused)
{
	(void)unused;
}

static void fork_storm(void *unused)
{
	(void)unused;
	for (int i = 0; i < 40; i++) {
		int pid = spawn(i % 2 ? exec_true : nothing, NULL);
		CHECK(pid > 0, "fork: %s", errname(errno));
		int st = wait_timeout(pid, 20000);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child %d: %s", i, status_str(st));
	}
}

/* Workers fork, exec and wait at once, on every CPU. */
UTEST_T(smp_fork_exec_storm, 120)
{
	int n = online_cpus() * 2;
	long free0 = free_pages();
	int pids[16];
	if (n > 16)
		n = 16;
	for (int i = 0; i < n; i++)
		pids[i] = spawn(fork_storm, NULL);
	for (int i = 0; i < n; i++) {
		int st = wait_timeout(pids[i], 100000);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "worker %d: %s", i, status_str(st));
	}
	long free1 = free_pages();
	if (!on_linux)
		CHECK(free1 + 4 >= free0, "free pages %ld before, %ld after", free0, free1);
}

/* Parent and child write the same 64 copy-on-write pages at once, each its
 * own pattern, many rounds: each sees only its own writes. */
#define COW_PAGES 64
static volatile unsigned char *cow;

static void cow_writer(unsigned char tag)
{
	for (int round = 0; round < 20; round++) {
		for (int p = 0; p < COW_PAGES; p++)
			cow[p * PAGE + round] = (unsigned char)(tag + round);
		for (int p = 0; p < COW_PAGES; p++)
			for (int r = 0; r <= round; r++)
				CHECK(cow[p * PAGE + r] == (unsigned char)(tag + r),
				      "tag %u page %d byte %d: %u", tag, p, r, cow[p * PAGE + r]);
	}
}

static void cow_child(void *unused)
{
	(void)unused;
	cow_writer(100);
}

UTEST(smp_cow_race)
{
	long free0 = free_pages();
	for (int iter = 0; iter < 10; iter++) {
		cow = mmap(NULL, COW_PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		CHECK(cow != MAP_FAILED, "mmap: %s", errname(errno));
		for (int p = 0; p < COW_PAGES; p++)
			cow[p * PAGE + PAGE - 1] = 7;   /* present before the fork */
		int pid = spawn(cow_child, NULL);
		cow_writer(1);
		int st = wait_timeout(pid, 20000);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s", status_str(st));
		for (int p = 0; p < COW_PAGES; p++)
			CHECK(cow[p * PAGE + PAGE - 1] == 7, "untouched byte of page %d", p);
		munmap((void *)cow, COW_PAGES * PAGE);
	}
	long free1 = free_pages();
	if (!on_linux)
		CHECK(free1 + 4 >= free0, "free pages %ld before, %ld after", free0, free1);
}

/* Pairs of processes pass a counter back and forth through pipes. */
static int storm_fds[2][2];

static void pipe_echo(void *unused)
{
	(void)unused;
	uint32_t v;
	close(storm_fds[0][1]);   /* else its read never sees the end */
	close(storm_fds[1][0]);
	for (;;) {
		ssize_t r = read(storm_fds[0][0], &v, sizeof v);
		if (r == 0)
			return;
		CHECK(r == sizeof v, "echo read %zd", r);
		v++;
		CHECK(write(storm_fds[1][1], &v, sizeof v) == sizeof v, "echo write");
	}
}

static void pipe_pair(void *unused)
{
	(void)unused;
	CHECK_OK(pipe(storm_fds[0]));
	CHECK_OK(pipe(storm_fds[1]));
	int pid = spawn(pipe_echo, NULL);
	close(storm_fds[0][0]);
	close(storm_fds[1][1]);
	uint32_t v = 0;
	for (int i = 0; i < 500; i++) {
		uint32_t back;
		CHECK(write(storm_fds[0][1], &v, sizeof v) == sizeof v, "write");
		CHECK(read(storm_fds[1][0], &back, sizeof back) == sizeof back, "read");
		CHECK(back == v + 1, "sent %u, got %u", v, back);
		v = back;
	}
	close(storm_fds[0][1]);
	int st = wait_timeout(pid, 20000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "echo: %s", status_str(st));
}

UTEST_T(smp_pipe_storm, 120)
{
	int n = online_cpus() * 2, pids[16];
	if (n > 16)
		n = 16;
	for (int i = 0; i < n; i++)
		pids[i] = spawn(pipe_pair, NULL);
	for (int i = 0; i < n; i++) {
		int st = wait_timeout(pids[i], 100000);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "pair %d: %s", i, status_str(st));
	}
}

/* Signals between processes that may sit on different CPUs: a ping-pong
 * of SIGUSR1 answered by SIGUSR2, each side waiting in sigsuspend. */
static volatile sig_atomic_t got_usr;

static void on_usr(int sig)
{
	(void)sig;
	got_usr++;
}

static void wait_usr(sigset_t *waitmask, int want)
{
	while (got_usr < want)
		sigsuspend(waitmask);
}

UTEST_T(smp_signal_pingpong, 60)
{
	struct sigaction sa = { .sa_handler = on_usr };
	sigemptyset(&sa.sa_mask);
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	CHECK_OK(sigaction(SIGUSR2, &sa, NULL));
	sigset_t block, waitmask;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGUSR2);
	CHECK_OK(sigprocmask(SIG_BLOCK, &block, &waitmask));
	sigdelset(&waitmask, SIGUSR1);
	sigdelset(&waitmask, SIGUSR2);
	got_usr = 0;
	int parent = getpid();
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		for (int i = 1; i <= 300; i++) {
			wait_usr(&waitmask, i);
			kill(parent, SIGUSR2);
		}
		_exit(0);
	}
	for (int i = 1; i <= 300; i++) {
		CHECK_OK(kill(pid, SIGUSR1));
		wait_usr(&waitmask, i);
	}
	int st = wait_timeout(pid, 20000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s", status_str(st));
}

/* ---------------------------------------------------------------- shootdown */

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM)
static volatile unsigned char *shared;
static volatile long reads;

static int reader(void *unused)
{
	(void)unused;
	for (;;) {
		(void)shared[0];
		reads++;
	}
	return 0;
}

/* The reader thread spins on a page (on another CPU when there is one);
 * its process unmaps the page.  The reader must fault (the whole process
 * dies of SIGSEGV): a CPU that kept the old translation would read on. */
static void unmap_under_reader(void *unused)
{
	(void)unused;
	shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(shared != MAP_FAILED, "mmap");
	shared[0] = 1;
	void *stack = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(stack != MAP_FAILED, "mmap stack");
	long tid = arch_clone_thread(THREAD_FLAGS, (char *)stack + 65536, NULL, NULL, 0, reader, NULL);
	CHECK(tid > 0, "clone: %s", errname((int)-tid));
	long t0 = now_ms();
	while (reads < 100000 && now_ms() - t0 < 10000)
		sched_yield();
	CHECK(reads >= 100000, "the reader did not run");
	reached();
	munmap((void *)shared, PAGE);
	/* the reader's next read faults; wait for the signal to end us */
	t0 = now_ms();
	while (now_ms() - t0 < 5000)
		sched_yield();
	fail("the reader went on reading an unmapped page (%ld reads)", reads);
}

UTEST_T(smp_munmap_shootdown, 60)
{
	expect_death("a thread reading a page its process unmapped", unmap_under_reader, NULL, SIGSEGV);
}

/* Moving another process: its new mask takes effect though it was queued
 * (or running) on a CPU the mask no longer has. */
static void wait_for_cpu(void *arg)
{
	unsigned want = (unsigned)(uintptr_t)arg;
	long t0 = now_ms();
	while (this_cpu() != want && now_ms() - t0 < 10000)
		;
	CHECK(this_cpu() == want, "moved to CPU %u? running on %u", want, this_cpu());
}

UTEST_T(smp_affinity_other, 60)
{
	int n = online_cpus();
	unsigned long first = 1, last = 1ul << (n - 1), all = ~0ul;
	CHECK_OK(syscall(SYS_sched_setaffinity, 0, sizeof first, &first));
	int pid = spawn(wait_for_cpu, (void *)(uintptr_t)(n - 1));   /* inherits CPU 0 */
	CHECK_OK(syscall(SYS_sched_setaffinity, pid, sizeof last, &last));
	int st = wait_timeout(pid, 30000);
	CHECK_OK(syscall(SYS_sched_setaffinity, 0, sizeof all, &all));
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s", status_str(st));
}

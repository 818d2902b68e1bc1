/* smpbench: what several CPUs buy.  Prints figures, judges nothing.
 *
 *   work N      N processes each run the same user-mode loop: wall time
 *               and speed-up over one process, for N = 1, 2, 4... up to
 *               the CPUs online.  User code runs on every CPU at once.
 *   syscalls N  the same with processes that only make system calls
 *               (getppid): how much of the kernel runs in parallel (on
 *               Ringel, one kernel lock: little).
 *   shootdown   ticks per mprotect of one page while another thread of
 *               the process spins on another CPU (its TLB must be told)
 *               and without it.
 *
 * The wall times come from CLOCK_MONOTONIC, so they mean something only
 * without -icount and with QEMU's multi-threaded TCG (scripts/smpbench
 * runs it so); the host's own cores bound the speed-up.  The same static
 * binary runs on Linux for comparison. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "counter.h"

long arch_clone_thread(unsigned long flags, void *stack_top, int *ptid, int *ctid,
		       unsigned long tls, int (*fn)(void *), void *arg);

static int ncpus(void)
{
	unsigned long mask[4] = { 0 };
	long n = syscall(SYS_sched_getaffinity, 0, sizeof mask, mask);
	int count = 0;
	for (long i = 0; n > 0 && i < n / (long)sizeof mask[0]; i++)
		count += __builtin_popcountl(mask[i]);
	return count > 0 ? count : 1;
}

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static volatile uint64_t sink;

static void user_work(long rounds)
{
	uint64_t x = 88172645463325252ull;
	for (long i = 0; i < rounds; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
	}
	sink = x;
}

static void syscall_work(long rounds)
{
	for (long i = 0; i < rounds; i++)
		syscall(SYS_getppid);
}

/* n processes run fn(rounds) at once; the wall time of the whole. */
static uint64_t run_parallel(int n, void (*fn)(long), long rounds)
{
	uint64_t t0 = now_ns();
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			fn(rounds);
			_exit(0);
		}
		if (pid < 0) {
			printf("smpbench: fork: %s\n", strerror(errno));
			return 0;
		}
	}
	while (wait(NULL) > 0)
		;
	return now_ns() - t0;
}

static void scaling(const char *what, void (*fn)(long), long rounds)
{
	int max = ncpus();
	uint64_t one = 0;
	for (int n = 1; n <= max; n *= 2) {
		uint64_t t = run_parallel(n, fn, rounds);
		if (n == 1)
			one = t;
		/* n processes did n times the work: speed-up = n * t1 / tn */
		printf("smpbench: %-10s %2d process%s %8llu ms  speed-up %5.2f\n", what, n,
		       n == 1 ? "  " : "es", (unsigned long long)(t / 1000000),
		       t ? (double)n * (double)one / (double)t : 0.0);
		if (n < max && n * 2 > max)
			n = max / 2;   /* end on the CPU count */
	}
}

/* ---------------------------------------------------------------- shootdown */

static volatile int stop_spinner;
static volatile char *spin_page;

static int spinner(void *unused)
{
	(void)unused;
	while (!stop_spinner)
		(void)spin_page[0];
	return 0;
}

static uint64_t mprotect_cost(int rounds)
{
	void *page = (void *)spin_page;
	uint64_t t0 = counter();
	for (int i = 0; i < rounds; i++) {
		mprotect(page, 4096, PROT_READ);
		mprotect(page, 4096, PROT_READ | PROT_WRITE);
	}
	return (counter() - t0) / (uint64_t)(2 * rounds);
}

static void shootdown(void)
{
	spin_page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (spin_page == MAP_FAILED) {
		printf("smpbench: mmap: %s\n", strerror(errno));
		return;
	}
	spin_page[0] = 1;
	uint64_t alone = mprotect_cost(2000);
	if (ncpus() < 2) {
		printf("smpbench: shootdown  mprotect alone %llu ticks (one CPU: no remote TLB)\n",
		       (unsigned long long)alone);
		return;
	}
	/* this thread on CPU 0, the spinner on CPU 1 */
	unsigned long mask0 = 1, mask1 = 2;
	syscall(SYS_sched_setaffinity, 0, sizeof mask0, &mask0);
	char *stack = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile int ctid = -1;
	unsigned long flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
			      CLONE_SYSVSEM | CLONE_CHILD_CLEARTID;
	long tid = arch_clone_thread(flags, stack + 65536, NULL, (int *)&ctid, 0, spinner, NULL);
	if (tid < 0) {
		printf("smpbench: clone: %s\n", strerror((int)-tid));
		return;
	}
	syscall(SYS_sched_setaffinity, (int)tid, sizeof mask1, &mask1);
	sched_yield();
	uint64_t remote = mprotect_cost(2000);
	stop_spinner = 1;
	while (ctid != 0)
		syscall(SYS_futex, &ctid, 0 /* FUTEX_WAIT */, ctid, NULL, NULL, 0);
	printf("smpbench: shootdown  mprotect alone %llu %s ticks, with a thread on another CPU %llu\n",
	       (unsigned long long)alone, COUNTER_NAME, (unsigned long long)remote);
}

int main(int argc, char **argv)
{
	long rounds = argc > 2 ? atol(argv[2]) : 100000000;   /* about a second of TCG */
	const char *what = argc > 1 ? argv[1] : "all";
	printf("smpbench: %d CPU%s\n", ncpus(), ncpus() == 1 ? "" : "s");
	if (!strcmp(what, "all") || !strcmp(what, "work"))
		scaling("work", user_work, rounds);
	if (!strcmp(what, "all") || !strcmp(what, "syscalls"))
		scaling("syscalls", syscall_work, rounds / 100);
	if (!strcmp(what, "all") || !strcmp(what, "shootdown"))
		shootdown();
	printf("smpbench: done\n");
	return 0;
}

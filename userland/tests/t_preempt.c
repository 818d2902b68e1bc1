/* utests: a long system call lets other threads run (the issue: "no system
 * call can keep a CPU from taking interrupts for long").
 *
 * A thread unmaps a large populated region while a sibling thread, pinned
 * to the same CPU, asks mincore() whether the region's first page is
 * still there.  Without preemption points inside munmap, the sibling runs
 * only before the call (the page is there) or after it (ENOMEM: no region
 * any more): a page gone from a region that is still there proves it ran
 * in the middle of the call.  A call must span a few timer ticks for that
 * to happen; munmap costs little per page, so the region is read-only
 * memory read page by page (each page table entry maps the one zero page:
 * a GiB of entries costs 2 MiB of page tables, not a GiB of RAM), doubled
 * from 128 MiB to 1 GiB until the middle is seen.
 * (Linux takes a region out of the list before it frees its pages, so its
 * mincore never sees the middle: this one is Ringel's own.)
 *
 * Then threads of one process, pinned to one CPU, change their shared
 * address space at once while long calls are preempted: the space's lock
 * keeps them apart, every page keeps its contents, nothing leaks. */
#define _GNU_SOURCE
#include "utests.h"
#include <signal.h>
#include <unistd.h>
#include <sched.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/sysinfo.h>

#define PAGE 4096
#define MIB (1024 * 1024ul)
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM)

static void pin_to_cpu0(void)
{
	unsigned long one = 1;
	CHECK_OK(syscall(SYS_sched_setaffinity, 0, sizeof one, &one));
}

/* Mapped, not static: every fork of the suite commits its whole bss. */
#define STACK_SIZE 65536
static char *thread_stack(void)
{
	char *p = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED, "mmap a stack: %s", errname(errno));
	return p;
}

static char *populated(size_t len)
{
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	for (size_t o = 0; o < len; o += PAGE)
		p[o] = (char)(o >> 12);
	return p;
}

#define MAX_ZERO (1024 * MIB)

/* len bytes of read-only memory, every page read: page-table entries
 * without memory behind them. */
static char *zero_populated(size_t len)
{
	char *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	for (size_t o = 0; o < len; o += PAGE)
		(void)*(volatile char *)(p + o);
	return p;
}
static char *volatile watched;
static volatile int phase;            /* 1: the munmap is on, 2: it returned, 3: stop */
static volatile long looks, middles;

/* One page at a time, so that the look itself is never preempted: the
 * first page gone while its region is still there (mincore succeeds) is
 * the middle of the munmap, which frees pages from the bottom up. */
static int observer(void *unused)
{
	(void)unused;
	unsigned char v = 0;
	while (phase != 3) {
		/* asleep, not spinning, while nothing is to be seen: a thread
		 * that spun through its share of the round would wait for the
		 * next round, after the call (kernel/proc/sched.c) */
		if (phase != 1) {
			sleep_ms(1);
			continue;
		}
		looks++;
		if (mincore(watched, PAGE, &v) == 0 && !(v & 1))
			middles++;
	}
	return 0;
}

static void munmap_observed(void *unused)
{
	(void)unused;
	pin_to_cpu0();
	char *stack = thread_stack();
	long tid = arch_clone_thread(THREAD_FLAGS, stack + STACK_SIZE, NULL, NULL, 0, observer, NULL);
	CHECK(tid > 0, "clone: %s", errname((int)-tid));
	size_t len = 128 * MIB;
	long ms = 0;
	for (; len <= MAX_ZERO && !middles; len *= 2) {
		char *p = zero_populated(len);
		CHECK(p, "mmap %zu MiB: %s", len / MIB, errname(errno));
		watched = p;
		long t0 = now_ms();
		phase = 1;
		CHECK_OK(munmap(p, len));
		phase = 2;
		ms = now_ms() - t0;
	}
	phase = 3;
	CHECK(middles > 0, "in %ld looks, the sibling thread never saw an munmap (the last of %zu MiB, "
	      "%ld ms) half done: it did not run during the call", looks, len / 2 / MIB, ms);
	printf("  munmap of %zu MiB (%ld ms): seen half done %ld times\n", len / 2 / MIB, ms, middles);
}

UTEST_T(preempt_munmap_observed, 120)
{
	if (on_linux)
		skip("Linux takes the region out of the list before freeing its pages");
	int pid = spawn(munmap_observed, NULL);
	int st = wait_timeout(pid, 110000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s", status_str(st));
}

/* ---------------------------------------------------------------- exit of a large process */

/* A child with a large address space exits while an observer, on the same
 * CPU, watches the free-page count (sysinfo).  The space is, in address
 * order (the order the exit releases it in), real pages, a long stretch of
 * read-only entries that map the zero page, and real pages again: a count
 * well between the one before the exit and the one after is the exit
 * caught between its first and its last real pages.  Without preemption
 * points the observer runs only before the exit or after it. */
struct exit_watch {
	volatile int ready, go, phase;    /* phase 1: the exit is on, 2: reaped, 3: stop */
	volatile long lo, hi;              /* counts before and after, known only at the end */
	volatile long seen[4096];
	volatile long nseen;
};
static struct exit_watch *ew;

static long free_now(void)
{
	struct sysinfo si;
	if (sysinfo(&si) != 0 || !si.mem_unit)
		return -1;
	return (long)(si.freeram * si.mem_unit / PAGE);
}

static void exit_observer(void *unused)
{
	(void)unused;
	long last = -1;
	while (ew->phase != 3) {
		if (ew->phase != 1) {
			sleep_ms(1);   /* keep its share for the exit (above) */
			continue;
		}
		long f = free_now();
		if (f != last && ew->nseen < 4096)
			ew->seen[ew->nseen++] = f;
		last = f;
	}
}

static void big_exiter(void *arg)
{
	size_t len = (size_t)(uintptr_t)arg, zero = 1024 * MIB;
	char *base = mmap(NULL, 2 * len + zero, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(base != MAP_FAILED, "mmap: %s", errname(errno));
	char *a = mmap(base, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	char *z = mmap(base + len, zero, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	char *c = mmap(base + len + zero, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(a != MAP_FAILED && z != MAP_FAILED && c != MAP_FAILED, "mmap: %s", errname(errno));
	for (size_t o = 0; o < len; o += PAGE)
		a[o] = c[o] = 1;
	for (size_t o = 0; o < zero; o += PAGE)
		(void)*(volatile char *)(z + o);
	ew->ready = 1;
	while (!ew->go)
		sleep_ms(1);
	_exit(0);
}

/* One exit watched; the counts seen in the middle of it. */
static long exit_round(size_t len, long *before, long *after)
{
	memset((void *)ew, 0, sizeof *ew);
	int obs = spawn(exit_observer, NULL);
	int child = spawn(big_exiter, (void *)(uintptr_t)len);
	long t0 = now_ms();
	while (!ew->ready && now_ms() - t0 < 60000)
		sched_yield();
	CHECK(ew->ready, "the child did not fill its memory");
	*before = free_now();
	ew->phase = 1;
	ew->go = 1;
	int st = wait_timeout(child, 60000);
	ew->phase = 2;
	*after = free_now();
	ew->phase = 3;
	int ost = wait_timeout(obs, 10000);
	CHECK(WIFEXITED(st), "the big child: %s", status_str(st));
	CHECK(WIFEXITED(ost), "the observer: %s", status_str(ost));
	CHECK(*after - *before > (long)(len / PAGE), "the exit freed %ld pages of %zu",
	      *after - *before, 2 * len / PAGE);
	long margin = (*after - *before) / 8, middles = 0;
	for (long i = 0; i < ew->nseen; i++)
		if (ew->seen[i] > *before + margin && ew->seen[i] < *after - margin)
			middles++;
	return middles;
}

UTEST_T(preempt_exit_observed, 240)
{
	if (on_linux)
		skip("the free-page count is the whole host's, moved by its other processes");
	ew = mmap(NULL, sizeof *ew, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(ew != MAP_FAILED, "mmap");
	pin_to_cpu0();
	size_t len = 16 * MIB;   /* of real pages, twice */
	/* an exit shorter than a tick may fall between two: a few rounds */
	long middles = 0, before = 0, after = 0;
	int round = 0;
	while (round < 4 && !middles) {
		middles = exit_round(len, &before, &after);
		round++;
	}
	unsigned long all = ~0ul;
	CHECK_OK(syscall(SYS_sched_setaffinity, 0, sizeof all, &all));
	munmap((void *)ew, sizeof *ew);
	CHECK(middles > 0, "in %d rounds, the observer never saw the exit of a process half done "
	      "(%ld free pages before, %ld after)", round, before, after);
	printf("  exit of a 1056 MiB process: seen half done %ld times (round %d)\n", middles, round);
}

/* ---------------------------------------------------------------- one space, several threads */

#define ROUNDS 20

static volatile int done_threads, bad;

/* Big regions mapped, filled and unmapped: long calls, preempted. */
static int big_mapper(void *unused)
{
	(void)unused;
	for (int i = 0; i < ROUNDS; i++) {
		char *p = populated(8 * MIB);
		if (!p) {
			bad = 1;
			break;
		}
		if (mprotect(p, 8 * MIB, PROT_READ) != 0 || p[5 * PAGE] != 5)
			bad = 2;
		munmap(p, 8 * MIB);
	}
	__atomic_fetch_add(&done_threads, 1, __ATOMIC_SEQ_CST);
	return 0;
}

/* Small regions between them: mapped, written, checked, remapped. */
static int small_mapper(void *arg)
{
	unsigned tag = (unsigned)(uintptr_t)arg;
	for (int i = 0; i < ROUNDS * 20; i++) {
		unsigned *p = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
				   -1, 0);
		if (p == MAP_FAILED) {
			bad = 3;
			break;
		}
		for (int k = 0; k < 4; k++)
			p[k * PAGE / 4] = tag + (unsigned)i + (unsigned)k;
		p = mremap(p, 4 * PAGE, 8 * PAGE, MREMAP_MAYMOVE);
		if (p == MAP_FAILED) {
			bad = 4;
			break;
		}
		for (int k = 0; k < 4; k++)
			if (p[k * PAGE / 4] != tag + (unsigned)i + (unsigned)k)
				bad = 5;
		munmap(p, 8 * PAGE);
	}
	__atomic_fetch_add(&done_threads, 1, __ATOMIC_SEQ_CST);
	return 0;
}

static void threads_in_one_space(void *unused)
{
	(void)unused;
	pin_to_cpu0();
	int (*fns[3])(void *) = { big_mapper, small_mapper, small_mapper };
	for (int i = 0; i < 3; i++) {
		char *stack = thread_stack();
		long tid = arch_clone_thread(THREAD_FLAGS, stack + STACK_SIZE, NULL, NULL, 0, fns[i],
					     (void *)(uintptr_t)(i * 1000000));
		CHECK(tid > 0, "clone: %s", errname((int)-tid));
	}
	/* the main thread forks meanwhile: a copy of a space others change */
	for (int i = 0; i < ROUNDS && done_threads < 3; i++) {
		int pid = fork();
		if (pid == 0)
			_exit(0);
		CHECK(pid > 0, "fork: %s", errname(errno));
		int st = wait_timeout(pid, 60000);
		CHECK(WIFEXITED(st), "fork child: %s", status_str(st));
	}
	long t0 = now_ms();
	while (done_threads < 3 && now_ms() - t0 < 100000)
		sched_yield();
	CHECK(done_threads == 3, "%d of 3 threads finished", done_threads);
	CHECK(!bad, "a thread saw its memory go wrong (%d)", bad);
}

UTEST_T(preempt_threads_one_space, 300)
{
	/* in a child: the threads end with it, and its page tables (kept
	 * while the space lives) go with it */
	long free0 = free_pages();
	int pid = spawn(threads_in_one_space, NULL);
	int st = wait_timeout(pid, 280000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s", status_str(st));
	sleep_ms(100);   /* the threads' stacks and slots are reaped */
	long free1 = free_pages();
	if (!on_linux)   /* there the count is the whole host's */
		CHECK(free0 < 0 || free1 >= free0, "free pages %ld before, %ld after", free0, free1);
}

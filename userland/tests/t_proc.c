/* utests: fork, copy-on-write, address-space isolation, wait statuses,
 * clone's thread-id words, set_tid_address (threads: t_thread.c). */
#include "utests.h"
#include <signal.h>
#include <unistd.h>
#include <sched.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* clone's thread-id and TLS flags (Linux's values; the libc's <sched.h>
 * does not name them, since it makes no threads). */
#ifndef CLONE_SETTLS
#define CLONE_SETTLS 0x00080000
#define CLONE_PARENT_SETTID 0x00100000
#define CLONE_CHILD_CLEARTID 0x00200000
#define CLONE_CHILD_SETTID 0x01000000
#endif

static volatile int global = 1;
static volatile unsigned char pages[5 * 4096];

UTEST(fork_cow)
{
	int p[2], q[2];
	CHECK_OK(pipe(p));
	CHECK_OK(pipe(q));
	for (unsigned i = 0; i < sizeof(pages); i++)
		pages[i] = (unsigned char)i;
	global = 10;
	int pid = fork();
	CHECK(pid >= 0, "fork: %s", errname(errno));
	if (pid == 0) {
		if (global != 10)
			_exit(2);
		global = 20;
		for (unsigned i = 0; i < sizeof(pages); i += 2)
			pages[i] = 0xee;
		write(p[1], "w", 1);         /* child wrote */
		char c;
		read(q[0], &c, 1);           /* parent wrote */
		if (global != 20)
			_exit(3);
		for (unsigned i = 0; i < sizeof(pages); i++)
			if (pages[i] != (i % 2 ? (unsigned char)i : 0xee))
				_exit(4);
		_exit(0);
	}
	char c;
	CHECK(read(p[0], &c, 1) == 1, "child never wrote");
	CHECK(global == 10, "parent sees the child's write: %d", global);
	for (unsigned i = 0; i < sizeof(pages); i++)
		CHECK(pages[i] == (unsigned char)i, "parent's page byte %u changed", i);
	global = 30;
	pages[1] = 0x77;
	write(q[1], "w", 1);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid, "waitpid");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s (2: inherited value, 3: saw parent's write, 4: pages)",
	      status_str(st));
	CHECK(global == 30, "parent's own write lost");
}

/* Several processes hammer the same virtual address, each its own value. */
UTEST(same_vaddr)
{
	enum { N = 4, ROUNDS = 2000 };
	int pids[N];
	for (int k = 0; k < N; k++) {
		pids[k] = fork();
		CHECK(pids[k] >= 0, "fork");
		if (pids[k] == 0) {
			for (int r = 0; r < ROUNDS; r++) {
				global = k * 1000000 + r;
				pages[4096] = (unsigned char)(k + r);
				if (r % 16 == 0)
					sched_yield();
				if (global != k * 1000000 + r || pages[4096] != (unsigned char)(k + r))
					_exit(1);
			}
			_exit(0);
		}
	}
	for (int k = 0; k < N; k++) {
		int st;
		CHECK(waitpid(pids[k], &st, 0) == pids[k], "waitpid");
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "process %d read back another's value: %s", k,
		      status_str(st));
	}
}

static void exit_with(void *code)
{
	_exit((int)(intptr_t)code);
}

static void sleeper(void *arg)
{
	(void)arg;
	for (;;)
		sleep_ms(1000);
}

static void die_by(void *sig)
{
	signal((int)(intptr_t)sig, SIG_DFL);
	kill(getpid(), (int)(intptr_t)sig);
	sleep_ms(5000);
	_exit(99);
}

UTEST(wait_status)
{
	int codes[] = { 0, 1, 42, 255, 256 + 7 };
	for (unsigned i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		int pid = spawn(exit_with, (void *)(intptr_t)codes[i]);
		int st;
		CHECK(waitpid(pid, &st, 0) == pid, "waitpid");
		CHECK(WIFEXITED(st) && !WIFSIGNALED(st) && WEXITSTATUS(st) == (codes[i] & 0xff),
		      "exit(%d) gave status %#x", codes[i], st);
	}
	int sigs[] = { SIGTERM, SIGUSR1, SIGKILL, SIGSEGV };
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		int pid = spawn(die_by, (void *)(intptr_t)sigs[i]);
		int st;
		CHECK(waitpid(pid, &st, 0) == pid, "waitpid");
		CHECK(WIFSIGNALED(st) && !WIFEXITED(st) && WTERMSIG(st) == sigs[i],
		      "%s to self gave status %#x", signame(sigs[i]), st);
	}
	/* WNOHANG with a live child, then kill it. */
	int pid = spawn(sleeper, NULL);
	int st = 0;
	CHECK(waitpid(pid, &st, WNOHANG) == 0, "WNOHANG on a running child");
	CHECK_OK(kill(pid, 0));
	CHECK_OK(kill(pid, SIGKILL));
	CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	      "killed child: %s", status_str(st));
	CHECK_ERR(kill(pid, 0), ESRCH);
	/* Nothing left to wait for. */
	CHECK_ERR(waitpid(-1, &st, 0), ECHILD);
	CHECK_ERR(waitpid(runner_pid, &st, 0), ECHILD);
	CHECK_ERR(waitpid(-1, &st, WNOHANG), ECHILD);
	/* wait for any child */
	int a = spawn(exit_with, (void *)3), b = spawn(exit_with, (void *)4);
	int seen = 0;
	for (int k = 0; k < 2; k++) {
		int w = wait(&st);
		CHECK(w == a || w == b, "wait returned %d", w);
		seen |= w == a ? 1 : 2;
		CHECK(WEXITSTATUS(st) == (w == a ? 3 : 4), "wrong status for %d", w);
	}
	CHECK(seen == 3, "both children reaped");
}

UTEST(fork_many)
{
	/* A chain of short-lived processes: pids are reused, nothing leaks. */
	for (int i = 0; i < 200; i++) {
		int pid = fork();
		CHECK(pid >= 0, "fork %d: %s", i, errname(errno));
		if (pid == 0)
			_exit(i & 0x7f);
		int st;
		CHECK(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == (i & 0x7f), "round %d", i);
	}
}

/* More processes at once than the old fixed table of 128 held, in a group
 * of their own: all listed in /proc with ids below pid_max, all ended by
 * one kill of the group, all reaped. */
static void keep_many_alive(void *unused)
{
	(void)unused;
	enum { N = 160 };   /* each a copy of the suite, with its bss committed */
	static int pids[N];
	char buf[32];
	int fd = open("/proc/sys/kernel/pid_max", O_RDONLY);
	CHECK(fd >= 0, "open /proc/sys/kernel/pid_max: %s", errname(errno));
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	CHECK(n > 1 && buf[n - 1] == '\n', "pid_max: %zd bytes", n);
	buf[n] = 0;
	long pid_max = strtol(buf, NULL, 10);
	CHECK(pid_max >= 301, "pid_max %ld", pid_max);
	if (!on_linux)
		CHECK(pid_max == 32768, "pid_max %ld", pid_max);
	CHECK_OK(setpgid(0, 0));
	/* the group's kill is for the children: blocked here, it stays
	 * pending in a child until the child unblocks it */
	sigset_t term;
	sigemptyset(&term);
	sigaddset(&term, SIGTERM);
	CHECK_OK(sigprocmask(SIG_BLOCK, &term, NULL));
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			/* the ones made so far must not outlive the test */
			int err = errno;
			kill(0, SIGTERM);
			while (wait(NULL) > 0)
				;
			fail("fork %d: %s", i, errname(err));
		}
		if (pids[i] == 0) {
			sigprocmask(SIG_UNBLOCK, &term, NULL);
			for (;;)
				pause();
		}
		CHECK(pids[i] < pid_max, "pid %d", pids[i]);
	}
	/* every one listed in /proc */
	DIR *d = opendir("/proc");
	CHECK(d, "opendir /proc: %s", errname(errno));
	int listed = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		long pid = strtol(e->d_name, NULL, 10);
		for (int i = 0; i < N; i++)
			listed += pid == pids[i];
	}
	closedir(d);
	CHECK(listed == N, "%d of %d children in /proc", listed, N);
	CHECK_OK(kill(0, SIGTERM));
	for (int i = 0; i < N; i++) {
		int st;
		CHECK(waitpid(pids[i], &st, 0) == pids[i], "waitpid %d: %s", pids[i], errname(errno));
		CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "child %d: %s", i, status_str(st));
	}
	CHECK_ERR(waitpid(-1, NULL, WNOHANG), ECHILD);
}

UTEST_T(many_alive, 120)
{
	int st = wait_timeout(spawn(keep_many_alive, NULL), 100000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", status_str(st));
}

static void grandchild_orphan(void *arg)
{
	(void)arg;
	int pid = fork();
	if (pid == 0) {
		sleep_ms(100);
		_exit(0);
	}
	_exit(0);     /* the grandchild is orphaned and reparented */
}

UTEST(orphans)
{
	int pid = spawn(grandchild_orphan, NULL);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st), "child");
	CHECK_ERR(waitpid(-1, &st, WNOHANG), ECHILD);  /* the grandchild is not ours */
}

static void spin(void *arg)
{
	(void)arg;
	for (volatile unsigned long i = 0;; i++)
		;
}

/* A process that never makes a system call is still preempted: the parent
 * runs, and kills it.  (Without a timer tick this hangs the machine, which
 * the boot test's time limit reports.) */
UTEST(preempt)
{
	int pids[3];
	for (int k = 0; k < 3; k++)
		pids[k] = spawn(spin, NULL);
	long t0 = now_ms();
	sleep_ms(100);
	CHECK(now_ms() - t0 < 5000, "a 100 ms sleep took %ld ms next to spinning processes", now_ms() - t0);
	for (int k = 0; k < 3; k++) {
		CHECK_OK(kill(pids[k], SIGKILL));
		int st;
		CHECK(waitpid(pids[k], &st, 0) == pids[k] && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
		      "spinner %d: %s", k, status_str(st));
	}
}

/* The thread-id words of a fork-style clone, as glibc's fork uses them:
 * CLONE_PARENT_SETTID writes the child's id into the parent's memory,
 * CLONE_CHILD_SETTID into the child's, CLONE_CHILD_CLEARTID makes that word
 * the child's clear-at-exit word.  ctid is clone's 4th argument on x86-64
 * and its 5th on arm64 (tls takes the other place): passing it in both
 * covers both, since CLONE_SETTLS is not asked for. */
UTEST(clone_tid_words)
{
	volatile int *word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(word != MAP_FAILED, "mmap shared: %s", errname(errno));
	word[0] = word[1] = -1;
	int ptid = -1;
	volatile int ctid = -1;
	long pid = syscall(SYS_clone, SIGCHLD | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID, 0L, &ptid,
			   &ctid, &ctid);
	CHECK(pid >= 0, "clone(PARENT_SETTID | CHILD_SETTID): %s", errname(errno));
	if (pid == 0)
		_exit(ctid == getpid() ? 0 : 1);
	int st;
	CHECK(waitpid((int)pid, &st, 0) == pid && WIFEXITED(st), "child: %s", status_str(st));
	CHECK(WEXITSTATUS(st) == 0, "the child's ctid word did not hold its id");
	if (exec_wrapper && ptid != pid)
		note("qemu-user writes ptid in the child's memory, not the parent's");
	else
		CHECK(ptid == pid, "ptid %d, child %ld", ptid, pid);
	CHECK(ctid == -1, "CHILD_SETTID wrote the parent's copy: %d", ctid);

	pid = syscall(SYS_clone, SIGCHLD | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID, 0L, NULL,
		      &word[0], &word[0]);
	CHECK(pid >= 0, "clone(CHILD_SETTID | CHILD_CLEARTID): %s", errname(errno));
	if (pid == 0) {
		word[1] = word[0];      /* what CHILD_SETTID wrote, for the parent */
		_exit(0);
	}
	CHECK(waitpid((int)pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "child: %s", status_str(st));
	CHECK(word[1] == pid, "CHILD_SETTID in shared memory: %d, child %ld", word[1], pid);
	if (on_linux)
		note("Linux left the word at %d (no other thread shares the memory)", word[0]);
	else
		CHECK(word[0] == 0, "CHILD_CLEARTID word not cleared at exit: %d", word[0]);
	munmap((void *)word, 4096);
}

/* set_tid_address returns the caller's id and keeps the address: when the
 * process ends the kernel writes 0 there (a MAP_SHARED page lets the parent
 * look; Linux skips the write when no other thread shares the memory). */
UTEST(set_tid_address)
{
	CHECK(syscall(SYS_set_tid_address, NULL) == getpid(), "does not return the tid");
	volatile int *word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(word != MAP_FAILED, "mmap shared: %s", errname(errno));
	word[0] = word[1] = -1;
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		if (syscall(SYS_set_tid_address, &word[0]) != getpid())
			_exit(1);
		word[1] = getpid();
		_exit(0);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "child: %s", status_str(st));
	CHECK(word[1] == pid, "the child did not run: %d", word[1]);
	if (on_linux)
		note("Linux left the word at %d (no other thread shares the memory)", word[0]);
	else
		CHECK(word[0] == 0, "tid word not cleared at exit: %d", word[0]);
	/* a bad address does not stop the exit */
	pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		syscall(SYS_set_tid_address, (void *)16);
		_exit(5);
	}
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5,
	      "child with a bad tid address: %s", status_str(st));
	CHECK_OK(munmap((void *)word, 4096));
}

/* sched_getaffinity/setaffinity by their raw calls: the kernel's mask is a
 * whole number of longs, the calling thread's CPU is in it, setting it back
 * works, an empty mask is EINVAL, a too-short buffer EINVAL, no such pid
 * ESRCH.  (On Ringel the mask is {CPU 0}.) */
UTEST(sched_affinity)
{
	unsigned long mask[16];
	memset(mask, 0, sizeof mask);
	long n = syscall(SYS_sched_getaffinity, 0, sizeof mask, mask);
	CHECK(n >= (long)sizeof(long) && n % (long)sizeof(long) == 0, "get returned %ld", n);
	int bits = 0;
	for (size_t i = 0; i < sizeof mask / sizeof mask[0]; i++)
		bits += __builtin_popcountl(mask[i]);
	CHECK(bits >= 1, "no CPU in the mask");
	CHECK(syscall(SYS_sched_setaffinity, 0, (size_t)n, mask) == 0, "set: %s", strerror(errno));
	unsigned long none[16];
	memset(none, 0, sizeof none);
	CHECK_ERR(syscall(SYS_sched_setaffinity, 0, sizeof none, none), EINVAL);
	CHECK_ERR(syscall(SYS_sched_getaffinity, 0, (size_t)1, mask), EINVAL);
	CHECK_ERR(syscall(SYS_sched_getaffinity, 999999, sizeof mask, mask), ESRCH);
}

/* bench: what the basic kernel services cost, in CPU counter ticks.
 *
 * Speed is measured, not timed: under QEMU with -icount (see docs/testing.md)
 * the counter advances with guest instructions, so the figures are the same
 * on every run and every host, and a change that makes a system call slower
 * shows up as a bigger number.  On real hardware they are cycles (x86 TSC)
 * or generic-timer ticks (AArch64).
 *
 * The same static binary runs as /init on Ringel and on Linux (scripts/bench
 * boots both under identical QEMU settings and prints them side by side), so
 * it uses nothing but the Linux system-call ABI through the libc.
 *
 * `bench NAME...` runs only the named operations (see ops[] below).
 *
 * Each line: "bench: <operation> <n> x <ticks> ticks", ticks per operation.
 * An operation the system refused prints "bench: <operation> failed: why". */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <sys/socket.h>
#include "counter.h"

#define PAGE 4096

static void report(const char *what, long n, uint64_t ticks)
{
	printf("bench: %-40s %6ld x %10llu ticks\n", what, n, (unsigned long long)(ticks / (uint64_t)n));
}

static void failed(const char *what, const char *why)
{
	printf("bench: %-40s failed: %s (%s)\n", what, why, strerror(errno));
}

/* A child that exits at once; the parent waits.  -1 when fork failed. */
static int fork_exit_wait(void)
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(0);
	if (pid < 0 || waitpid(pid, NULL, 0) != pid)
		return -1;
	return 0;
}

static char *map_touched(size_t bytes)
{
	char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	for (size_t off = 0; off < bytes; off += PAGE)
		p[off] = 1;
	return p;
}

static void bench_getpid(void)
{
	enum { N = 20000 };
	uint64_t t0 = counter();
	for (int i = 0; i < N; i++)
		getpid();
	report("getpid (a null system call)", N, counter() - t0);
}

static void bench_pipe(void)
{
	enum { N = 2000 };
	int fd[2];
	char c = 'x';
	if (pipe(fd) < 0)
		return failed("pipe write + read of 1 byte", "pipe");
	uint64_t t0 = counter();
	for (int i = 0; i < N; i++) {
		if (write(fd[1], &c, 1) != 1 || read(fd[0], &c, 1) != 1)
			break;
	}
	report("pipe write + read of 1 byte", N, counter() - t0);
	close(fd[0]);
	close(fd[1]);
}

/* One byte to and fro between two processes: two pipe calls and two
 * context switches each way. */
static void bench_pingpong(void)
{
	enum { N = 1000 };
	int ab[2], ba[2];
	char c = 'x';
	if (pipe(ab) < 0 || pipe(ba) < 0)
		return failed("pipe ping-pong, two processes", "pipe");
	pid_t pid = fork();
	if (pid == 0) {
		close(ab[1]);   /* so that the parent's close is our end of file */
		close(ba[0]);
		while (read(ab[0], &c, 1) == 1 && write(ba[1], &c, 1) == 1)
			;
		_exit(0);
	}
	if (pid < 0)
		return failed("pipe ping-pong, two processes", "fork");
	uint64_t t0 = counter();
	for (int i = 0; i < N; i++) {
		if (write(ab[1], &c, 1) != 1 || read(ba[0], &c, 1) != 1)
			break;
	}
	uint64_t t = counter() - t0;
	close(ab[1]);
	waitpid(pid, NULL, 0);
	close(ab[0]);
	close(ba[0]);
	close(ba[1]);
	report("pipe ping-pong, two processes", N, t);
}

/* The same two over an AF_UNIX stream socketpair: a socket's send and
 * receive against a pipe's. */
static void bench_unix(void)
{
	enum { N = 2000 };
	int sv[2];
	char c = 'x';
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return failed("socketpair write + read of 1 byte", "socketpair");
	uint64_t t0 = counter();
	for (int i = 0; i < N; i++) {
		if (write(sv[0], &c, 1) != 1 || read(sv[1], &c, 1) != 1)
			break;
	}
	report("socketpair write + read of 1 byte", N, counter() - t0);
	close(sv[0]);
	close(sv[1]);
}

static void bench_unix_pingpong(void)
{
	enum { N = 1000 };
	int sv[2];
	char c = 'x';
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return failed("socketpair ping-pong, two processes", "socketpair");
	pid_t pid = fork();
	if (pid == 0) {
		close(sv[0]);
		while (read(sv[1], &c, 1) == 1 && write(sv[1], &c, 1) == 1)
			;
		_exit(0);
	}
	if (pid < 0)
		return failed("socketpair ping-pong, two processes", "fork");
	close(sv[1]);
	uint64_t t0 = counter();
	for (int i = 0; i < N; i++) {
		if (write(sv[0], &c, 1) != 1 || read(sv[0], &c, 1) != 1)
			break;
	}
	uint64_t t = counter() - t0;
	close(sv[0]);
	waitpid(pid, NULL, 0);
	report("socketpair ping-pong, two processes", N, t);
}

/* 64 KiB from a child to its parent through a pipe, in 4 KiB writes and
 * reads as large as the pipe gives. */
static void bench_pipe_bulk(void)
{
	enum { N = 50, CHUNK = 4096, TOTAL = 65536 };
	static char buf[CHUNK];
	int fd[2];
	if (pipe(fd) < 0)
		return failed("pipe 64 KiB from child to parent", "pipe");
	pid_t pid = fork();
	if (pid == 0) {
		close(fd[0]);
		for (int i = 0; i < N; i++)
			for (int done = 0; done < TOTAL; done += CHUNK)
				if (write(fd[1], buf, CHUNK) != CHUNK)
					_exit(1);
		_exit(0);
	}
	if (pid < 0)
		return failed("pipe 64 KiB from child to parent", "fork");
	close(fd[1]);
	uint64_t t0 = counter();
	long got = 0;
	ssize_t r;
	while ((r = read(fd[0], buf, sizeof buf)) > 0)
		got += r;
	uint64_t t = counter() - t0;
	close(fd[0]);
	waitpid(pid, NULL, 0);
	if (got != (long)N * TOTAL)
		return failed("pipe 64 KiB from child to parent", "short transfer");
	report("pipe 64 KiB from child to parent", N, t);
}

static void bench_faults(void)
{
	enum { PAGES = 512 };
	char *p = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return failed("page fault (fresh zero page)", "mmap");
	uint64_t t0 = counter();
	for (int i = 0; i < PAGES; i++)
		p[i * PAGE] = 1;   /* each first touch is a page fault */
	report("page fault (fresh zero page)", PAGES, counter() - t0);
	munmap(p, PAGES * PAGE);
}

/* The child writes to pages it shares with its parent: one copy-on-write
 * fault each.  The child measures and sends its figure back. */
static void bench_cow(void)
{
	enum { PAGES = 256 };
	char *p = map_touched(PAGES * PAGE);
	int fd[2];
	if (!p || pipe(fd) < 0)
		return failed("copy-on-write fault", "mmap/pipe");
	pid_t pid = fork();
	if (pid == 0) {
		uint64_t t0 = counter();
		for (int i = 0; i < PAGES; i++)
			p[i * PAGE] = 2;
		uint64_t t = counter() - t0;
		_exit(write(fd[1], &t, sizeof t) == sizeof t ? 0 : 1);
	}
	uint64_t t = 0;
	if (pid < 0 || read(fd[0], &t, sizeof t) != sizeof t)
		failed("copy-on-write fault", "fork/read");
	else
		report("copy-on-write fault", PAGES, t);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	close(fd[0]);
	close(fd[1]);
	munmap(p, PAGES * PAGE);
}

static void bench_mmap(const char *what, size_t pages)
{
	enum { N = 500 };
	uint64_t t0 = counter();
	for (int i = 0; i < N; i++) {
		void *p = mmap(NULL, pages * PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return failed(what, "mmap");
		munmap(p, pages * PAGE);
	}
	report(what, N, counter() - t0);
}

/* fork + exit + wait with `touched` bytes of the parent's memory written. */
static void bench_fork(const char *what, size_t touched, int n)
{
	char *p = touched ? map_touched(touched) : NULL;
	if (touched && !p)
		return failed(what, "mmap");
	uint64_t t0 = counter();
	for (int i = 0; i < n; i++)
		if (fork_exit_wait() < 0)
			return failed(what, "fork");
	report(what, n, counter() - t0);
	if (p)
		munmap(p, touched);
}

static void bench_exec(const char *what, const char *path, int n)
{
	if (access(path, X_OK) != 0)
		return failed(what, path);
	uint64_t t0 = counter();
	for (int i = 0; i < n; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			/* busybox's "true" applet; /bin/true ignores the rest */
			char *argv[] = { "true", NULL };
			execv(path, argv);
			_exit(127);
		}
		int st;
		if (pid < 0 || waitpid(pid, &st, 0) != pid || st != 0)
			return failed(what, "fork/exec");
	}
	report(what, n, counter() - t0);
}

static void bench_yield(void)
{
	enum { N = 2000 };
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			sched_yield();
	}
	if (pid < 0)
		return failed("sched_yield between 2 processes", "fork");
	sched_yield();   /* let the child reach its loop */
	uint64_t t0 = counter();
	for (int i = 0; i < N; i++)
		sched_yield();
	uint64_t t = counter() - t0;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	/* each parent yield is two switches: to the child and back */
	report("sched_yield between 2 processes", N, t);
}

/* A context switch among `want` runnable processes: each yields in a loop;
 * the parent's yield comes back after all have run once.  Figures are per
 * switch; they should not grow with the number of processes.  Schedulers
 * differ in whom a yield lets run (Linux's CFS need not run every other
 * process first), so the children count their turns in shared memory and
 * the figure is ticks / turns actually taken.  The children wait on a pipe
 * until all exist, so that forking them stays cheap. */
static void bench_many(int want)
{
	char what[64];
	snprintf(what, sizeof what, "context switch, %d runnable", want);
	/* mapped, not from the heap: every child commits the parent's heap
	 * (Ringel's accounting is strict), and 1000 of them must fit in 256 MiB */
	size_t pids_len = ((size_t)want * sizeof(pid_t) + PAGE - 1) / PAGE * PAGE;
	pid_t *pids = mmap(NULL, pids_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (pids == MAP_FAILED)
		pids = NULL;
	long *turns = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int go[2];
	if (!pids || turns == MAP_FAILED || pipe(go) < 0)
		return failed(what, "calloc/mmap/pipe");
	int n = 0;
	for (; n < want - 1; n++) {
		pid_t pid = fork();
		if (pid == 0) {
			char c;
			close(go[1]);
			while (read(go[0], &c, 1) > 0)
				;
			for (;;) {
				__atomic_fetch_add(turns, 1, __ATOMIC_RELAXED);
				sched_yield();
			}
		}
		if (pid < 0)
			break;
		pids[n] = pid;
	}
	close(go[1]);   /* end of file: every child starts yielding */
	close(go[0]);
	if (n < want - 1) {
		char why[48];
		snprintf(why, sizeof why, "fork stopped at %d processes", n + 1);
		failed(what, why);
	} else {
		/* Yield until the others have had about two turns each. */
		sched_yield();
		long before = __atomic_load_n(turns, __ATOMIC_RELAXED), yields = 0;
		uint64_t t0 = counter();
		while (__atomic_load_n(turns, __ATOMIC_RELAXED) - before < 2L * want && yields < 100L * want) {
			sched_yield();
			yields++;
		}
		uint64_t t = counter() - t0;
		long switches = __atomic_load_n(turns, __ATOMIC_RELAXED) - before + yields;
		report(what, switches, t);
	}
	for (int i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	for (int i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
	munmap(pids, pids_len);
	munmap(turns, PAGE);
}

static void bench_open(void)
{
	enum { N = 2000 };
	const char *path = "/bin/bench";
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		path = "/init";
	else
		close(fd);
	uint64_t t0 = counter();
	for (int i = 0; i < N; i++) {
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return failed("open + close", path);
		close(fd);
	}
	report("open + close", N, counter() - t0);
}

/* The operations, by a short name: `bench pipe fork` runs only those whose
 * names contain one of the words (for scripts/profile); no words, all. */
struct op {
	const char *name;
	void (*run)(void);
};
static void mmap1(void) { bench_mmap("mmap + munmap, 1 page", 1); }
static void mmap64(void) { bench_mmap("mmap + munmap, 64 pages", 64); }
static void fork0(void) { bench_fork("fork + exit + wait", 0, 100); }
static void fork1m(void) { bench_fork("fork + exit + wait, 1 MiB touched", 1 << 20, 50); }
static void fork64m(void) { bench_fork("fork + exit + wait, 64 MiB touched", 64 << 20, 5); }
static void exec_true(void) { bench_exec("fork + exec /bin/true + wait", "/bin/true", 50); }
static void exec_big(void) { bench_exec("fork + exec busybox (large) + wait", "/opt/debian/busybox", 20); }
static void many100(void) { bench_many(100); }
static void many1000(void) { bench_many(1000); }
static const struct op ops[] = {
	{ "getpid", bench_getpid }, { "pipe", bench_pipe }, { "pingpong", bench_pingpong },
	{ "pipe64k", bench_pipe_bulk }, { "fault", bench_faults }, { "cow", bench_cow },
	{ "mmap1", mmap1 }, { "mmap64", mmap64 }, { "fork", fork0 }, { "fork1m", fork1m },
	{ "fork64m", fork64m }, { "exec", exec_true }, { "execbig", exec_big },
	{ "yield", bench_yield }, { "switch100", many100 }, { "switch1000", many1000 },
	{ "open", bench_open }, { "unix", bench_unix }, { "unixpp", bench_unix_pingpong },
};

int main(int argc, char **argv)
{
	/* The first thing this program does: how far the machine got since
	 * reset (the counter starts at zero with the machine under QEMU). */
	uint64_t boot = counter();
	printf("bench: costs in %s ticks\n", COUNTER_NAME);
	if (argc < 2)
		report("boot: reset to first user instruction", 1, boot);
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		int want = argc < 2;
		for (int a = 1; a < argc; a++)
			want |= strcmp(argv[a], ops[i].name) == 0;
		if (want)
			ops[i].run();
	}
	printf("bench: done\n");
	return 0;
}

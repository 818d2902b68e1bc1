/* bench: what the basic kernel services cost, in CPU counter ticks.
 *
 * Speed is measured, not timed: under QEMU with -icount (see docs/testing.md)
 * the counter advances with guest instructions, so the figures are the same
 * on every run and every host, and a change that makes a system call slower
 * shows up as a bigger number.  On real hardware they are cycles (x86 TSC)
 * or generic-timer ticks (AArch64).
 *
 * Each line: the operation, how many times it ran, ticks per operation. */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "counter.h"

static void report(const char *what, long n, uint64_t ticks)
{
	printf("bench: %-34s %6ld x %10llu ticks\n", what, n, (unsigned long long)(ticks / (uint64_t)n));
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
		return;
	uint64_t t0 = counter();
	for (int i = 0; i < N; i++) {
		if (write(fd[1], &c, 1) != 1 || read(fd[0], &c, 1) != 1)
			break;
	}
	report("pipe write + read of 1 byte", N, counter() - t0);
	close(fd[0]);
	close(fd[1]);
}

static void bench_faults(void)
{
	enum { PAGES = 512 };
	char *p = mmap(NULL, PAGES * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	uint64_t t0 = counter();
	for (int i = 0; i < PAGES; i++)
		p[i * 4096] = 1;   /* each first touch is a page fault */
	report("page fault (fresh zero page)", PAGES, counter() - t0);
	munmap(p, PAGES * 4096);
}

static void bench_fork(void)
{
	enum { N = 100 };
	uint64_t t0 = counter();
	for (int i = 0; i < N; i++) {
		pid_t pid = fork();
		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, NULL, 0) != pid)
			break;
	}
	report("fork + exit + wait", N, counter() - t0);
}

static void bench_exec(void)
{
	enum { N = 50 };
	uint64_t t0 = counter();
	for (int i = 0; i < N; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			char *argv[] = { "true", NULL };
			execv("/bin/true", argv);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, NULL, 0) != pid)
			break;
	}
	report("fork + exec /bin/true + wait", N, counter() - t0);
}

int main(void)
{
	printf("bench: costs in %s ticks\n", COUNTER_NAME);
	bench_getpid();
	bench_pipe();
	bench_faults();
	bench_fork();
	bench_exec();
	printf("bench: done\n");
	return 0;
}

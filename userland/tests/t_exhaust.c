/* utests: exhaustion, the way a careless or hostile program goes at it.
 * After each the system answers (a fork works) and the free-page count is
 * back at its start: zombies nobody waits for, many processes holding
 * every descriptor they may, full pipes, deep directories, an argv too big
 * to exec, a signal flood from a fast timer, and stack overflow with and
 * without an alternate signal stack.  Linux is the oracle where the test
 * does not depend on Ringel's own limits. */
#define _GNU_SOURCE
#include "utests.h"
#include <signal.h>
#include <unistd.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>

static void system_answers(void)
{
	int pid = fork();
	CHECK(pid >= 0, "fork afterwards: %s", errname(errno));
	if (pid == 0)
		_exit(7);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7, "after: %s",
	      status_str(st));
}

static void pages_back(long free0)
{
	long free1 = free_pages();
	if (!on_linux)
		CHECK(free1 + 4 >= free0, "free pages %ld before, %ld after", free0, free1);
}

/* Zombies: children exit and nobody waits until fork is refused; then
 * they are all reaped at once. */
static void zombie_maker(void *unused)
{
	(void)unused;
	int n = 0;
	for (; n < (on_linux ? 100 : 1000); n++) {
		int pid = fork();
		if (pid < 0) {
			CHECK(errno == EAGAIN || errno == ENOMEM, "fork: %s", errname(errno));
			break;
		}
		if (pid == 0)
			_exit(0);
	}
	CHECK(n >= 8, "only %d zombies", n);
	sleep_ms(200);
	int reaped = 0, st;
	while (waitpid(-1, &st, 0) > 0)
		reaped++;
	CHECK(reaped == n, "reaped %d of %d", reaped, n);
}

UTEST_T(exhaust_zombies, 120)
{
	long free0 = free_pages();
	int st = wait_timeout(spawn(zombie_maker, NULL), 100000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "maker: %s", status_str(st));
	system_answers();
	pages_back(free0);
}

/* Descriptors: several processes each open every descriptor they may. */
static void fd_hog(void *unused)
{
	(void)unused;
	int n = 0;
	while (open("/dev/null", O_RDONLY) >= 0)
		n++;
	CHECK(errno == EMFILE || errno == ENFILE || errno == ENOMEM, "open: %s", errname(errno));
	CHECK(n > 200, "only %d descriptors", n);
	sleep_ms(300);   /* all hogs hold theirs at once */
}

UTEST_T(exhaust_fds, 120)
{
	if (on_linux)
		skip("RLIMIT_NOFILE on the host may be huge");
	long free0 = free_pages();
	int pids[16];
	for (int i = 0; i < 16; i++)
		pids[i] = spawn(fd_hog, NULL);
	for (int i = 0; i < 16; i++) {
		int st = wait_timeout(pids[i], 60000);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "hog %d: %s", i, status_str(st));
	}
	system_answers();
	pages_back(free0);
}

/* Pipes filled until a write would block, many of them. */
UTEST_T(exhaust_full_pipes, 120)
{
	long free0 = free_pages();
	int fds[64][2], n = 0;
	static char buf[4096];
	for (; n < 64; n++) {
		if (pipe(fds[n]) < 0)
			break;
		fcntl(fds[n][1], F_SETFL, O_NONBLOCK);
		long total = 0;
		ssize_t r;
		while ((r = write(fds[n][1], buf, sizeof buf)) > 0)
			total += r;
		CHECK(r < 0 && errno == EAGAIN, "pipe %d: write at %ld: %s", n, total, errname(errno));
		CHECK(total >= 4096, "pipe %d holds %ld bytes", n, total);
	}
	CHECK(n == 64, "pipe %d: %s", n, errname(errno));
	for (int i = 0; i < n; i++) {
		close(fds[i][0]);
		/* the reader is gone: a writer gets EPIPE (SIGPIPE ignored) */
		signal(SIGPIPE, SIG_IGN);
		CHECK_ERR(write(fds[i][1], buf, 1), EPIPE);
		signal(SIGPIPE, SIG_DFL);
		close(fds[i][1]);
	}
	system_answers();
	pages_back(free0);
}

/* A deep chain of directories, deeper than PATH_MAX from the top: built
 * with chdir, a full path to its bottom is ENAMETOOLONG, and it is
 * removed again from the bottom up. */
static void deep_dirs(void *unused)
{
	(void)unused;
	char top[64];
	snprintf(top, sizeof top, "/tmp/utests-deep-%d", getpid());
	CHECK_OK(mkdir(top, 0755));
	CHECK_OK(chdir(top));
	const char *name = "a-directory-name-of-some-length-0123456789abcdefghij";   /* 51 */
	int depth = 0;
	for (; depth < 120; depth++) {
		if (mkdir(name, 0755) < 0 || chdir(name) < 0)
			break;
	}
	CHECK(depth == 120, "depth %d: %s", depth, errname(errno));
	char *path = malloc(8192);
	CHECK(path, "malloc");
	int len = snprintf(path, 8192, "%s", top);
	for (int i = 0; i < depth; i++)
		len += snprintf(path + len, 8192 - len, "/%s", name);
	CHECK(len > 4096, "the path is %d bytes", len);
	CHECK_ERR(open(path, O_RDONLY), ENAMETOOLONG);
	CHECK(getcwd(path, 8192) != NULL || errno == ENAMETOOLONG || errno == ERANGE,
	      "getcwd: %s", errname(errno));
	for (int i = 0; i < depth; i++) {
		CHECK_OK(chdir(".."));
		CHECK_OK(rmdir(name));
	}
	CHECK_OK(chdir("/"));
	CHECK_OK(rmdir(top));
	free(path);
}

/* (in a child: the pages its malloc keeps are not the kernel's) */
UTEST_T(exhaust_deep_dirs, 120)
{
	long free0 = free_pages();
	int st = wait_timeout(spawn(deep_dirs, NULL), 100000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", status_str(st));
	system_answers();
	pages_back(free0);
}

/* An argv bigger than exec takes: E2BIG, and the caller lives on. */
static void huge_argv(void *unused)
{
	(void)unused;
	size_t n = 40000;
	char **argv = malloc((n + 2) * sizeof *argv);
	char *arg = malloc(256);
	CHECK(argv && arg, "malloc");
	memset(arg, 'x', 255);
	arg[255] = 0;
	argv[0] = "true";
	for (size_t i = 1; i <= n; i++)
		argv[i] = arg;   /* 10 MB of arguments */
	argv[n + 1] = NULL;
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		uexec(path_of("/bin/true"), argv, NULL);
		_exit(errno == E2BIG ? 0 : 1);
	}
	int st = wait_timeout(pid, 60000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec of a 10 MB argv: %s", status_str(st));
	/* and many small ones fit */
	for (size_t i = 1; i <= 2000; i++)
		argv[i] = "y";
	argv[2001] = NULL;
	pid = fork();
	if (pid == 0) {
		uexec(path_of("/bin/true"), argv, NULL);
		_exit(99);
	}
	st = wait_timeout(pid, 60000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "exec with 2000 arguments: %s", status_str(st));
	free(argv);
	free(arg);
}

UTEST_T(exhaust_huge_argv, 120)
{
	long free0 = free_pages();
	int st = wait_timeout(spawn(huge_argv, NULL), 100000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "%s", status_str(st));
	system_answers();
	pages_back(free0);
}

/* A signal flood: an interval timer as fast as it goes, for a while. */
static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static void flood(void *unused)
{
	(void)unused;
	struct sigaction sa = { .sa_handler = on_alarm };
	sigemptyset(&sa.sa_mask);
	CHECK_OK(sigaction(SIGALRM, &sa, NULL));
	/* every 100 us: faster than Ringel's tick, and as fast as Linux
	 * still makes progress under (at 1 us it livelocks in handlers) */
	struct itimerval it = { { 0, 100 }, { 0, 100 } };
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
	long t0 = now_ms();
	while (now_ms() - t0 < 1000)
		;
	struct itimerval off = { { 0, 0 }, { 0, 0 } };
	CHECK_OK(setitimer(ITIMER_REAL, &off, NULL));
	CHECK(alarms > 5, "only %d alarms in a second", (int)alarms);
}

UTEST_T(exhaust_timer_flood, 60)
{
	int st = wait_timeout(spawn(flood, NULL), 30000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "flood: %s", status_str(st));
	system_answers();
}

/* Stack overflow: without an alternate stack the process dies of SIGSEGV;
 * with one, its SIGSEGV handler runs there. */
static volatile int deeper = 1;   /* always 1: the compiler must not know */

static int recurse(int n)
{
	volatile char pad[1024];
	pad[0] = (char)n;
	return deeper ? recurse(n + 1) + pad[0] : 0;
}

static void overflow(void *unused)
{
	(void)unused;
	reached();
	recurse(0);
}

static void on_segv_exit(int sig)
{
	(void)sig;
	_exit(42);
}

static void overflow_altstack(void *unused)
{
	(void)unused;
	stack_t ss = { .ss_sp = malloc(65536), .ss_size = 65536 };
	CHECK(ss.ss_sp, "malloc");
	CHECK_OK(sigaltstack(&ss, NULL));
	struct sigaction sa = { .sa_handler = on_segv_exit, .sa_flags = SA_ONSTACK };
	sigemptyset(&sa.sa_mask);
	CHECK_OK(sigaction(SIGSEGV, &sa, NULL));
	recurse(0);
}

UTEST_T(exhaust_stack_overflow, 60)
{
	long free0 = free_pages();
	expect_death("recursion without end", overflow, NULL, SIGSEGV);
	int st = wait_timeout(spawn(overflow_altstack, NULL), 30000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 42, "with sigaltstack: %s", status_str(st));
	system_answers();
	pages_back(free0);
}

/* The libc's programs carry the stack protector: a buffer overrun that
 * reaches the canary ends the program with SIGABRT before the smashed
 * return address is used.  The canary differs from process to process. */
static volatile size_t smash_len = 64;

__attribute__((noinline)) static void smash(void)
{
	char buf[16];
	memset(buf, 'A', smash_len);   /* past its end, over the canary */
	__asm__ volatile("" : : "r"(buf) : "memory");
}

static void smasher(void *unused)
{
	(void)unused;
	reached();
	smash();
}

extern uintptr_t __stack_chk_guard;

static void print_guard(int fd)
{
	char line[32];
	int n = snprintf(line, sizeof line, "%lx\n", (unsigned long)__stack_chk_guard);
	write(fd, line, (size_t)n);
}

UTEST(stack_protector)
{
	expect_death("a stack buffer overrun", smasher, NULL, SIGABRT);
	CHECK(__stack_chk_guard != 0, "the canary is 0");
	CHECK((__stack_chk_guard & 0xff) == 0, "the canary's low byte is not 0");
	/* a fork shares it; an exec'd program gets its own (AT_RANDOM) */
	int p[2];
	CHECK_OK(pipe(p));
	int pid = fork();
	if (pid == 0) {
		print_guard(p[1]);
		_exit(0);
	}
	char buf[64] = { 0 };
	close(p[1]);
	CHECK(read(p[0], buf, sizeof buf - 1) > 0, "read");
	close(p[0]);
	waitpid(pid, NULL, 0);
	CHECK(strtoul(buf, NULL, 16) == (unsigned long)__stack_chk_guard, "fork keeps the canary");
}

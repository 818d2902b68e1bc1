/* utests: the runner.  See utests.h.
 *
 *   utests [--root DIR] [--list] [NAME...]
 *
 * --root DIR: the tree that holds /bin and /testdata (the initramfs staging
 * directory when run on Linux).  NAMEs pick tests by substring.  The
 * environment variable UTESTS_EXEC_WRAPPER names a program that runs guest
 * binaries (qemu-aarch64 under qemu-user, where the host cannot exec them).
 * Output: one line per test, then "N passed, N failed".  As PID 1 (Ringel's
 * /init) the exit status ends the machine. */
#include "utests.h"
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>

extern const struct utest __start_utests[], __stop_utests[];

bool on_linux;
const char *exec_wrapper;
int runner_pid;
static const char *root = "";
static int msg_fd = -1;     /* the running test's report pipe */

#define DEFAULT_TIMEOUT_S 20

const char *path_of(const char *p)
{
	static char bufs[4][512];
	static int next;
	if (!*root)
		return p;
	char *b = bufs[next++ % 4];
	snprintf(b, sizeof(bufs[0]), "%s%s", root, p);
	return b;
}

static void report(char kind, const char *fmt, va_list ap)
{
	char buf[400];
	buf[0] = kind;
	int n = vsnprintf(buf + 1, sizeof(buf) - 2, fmt, ap);
	if (n > (int)sizeof(buf) - 3)
		n = sizeof(buf) - 3;
	buf[1 + n] = '\n';
	if (msg_fd >= 0)
		write(msg_fd, buf, (size_t)n + 2);
	else
		write(2, buf + 1, (size_t)n + 1);
}

void fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report('F', fmt, ap);
	va_end(ap);
	_exit(1);
}

void skip(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report('S', fmt, ap);
	va_end(ap);
	_exit(77);
}

void note(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report('N', fmt, ap);
	va_end(ap);
}


const char *errname(int err)
{
	/* the libc's names come from the one errno list (uapi/errno_list.h) */
	const char *name = err ? strerrorname_np(err) : "0";
	if (name)
		return name;
	static char b[16];
	snprintf(b, sizeof(b), "errno %d", err);
	return b;
}

const char *signame(int sig)
{
	return strsignal(sig);
}

const char *status_str(int st)
{
	static char b[48];
	if (WIFEXITED(st))
		snprintf(b, sizeof(b), "exit %d", WEXITSTATUS(st));
	else if (WIFSIGNALED(st))
		snprintf(b, sizeof(b), "killed by %s", signame(WTERMSIG(st)));
	else
		snprintf(b, sizeof(b), "status %#x", st);
	return b;
}

long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };
	while (nanosleep(&t, &t) < 0 && errno == EINTR)
		;
}

bool wait_sleeping(int pid, long timeout_ms)
{
	char path[64], buf[256];
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	for (long waited = 0; waited < timeout_ms; waited += 10) {
		int fd = open(path, O_RDONLY);
		if (fd < 0)
			return false;
		long n = read(fd, buf, sizeof buf - 1);
		close(fd);
		buf[n > 0 ? n : 0] = 0;
		const char *paren = strrchr(buf, ')');   /* the name may hold spaces */
		if (paren && paren[1] == ' ' && paren[2] == 'S') {
			sleep_ms(20);
			return true;
		}
		sleep_ms(10);
	}
	return false;
}

int spawn(void (*fn)(void *), void *arg)
{
	int pid = fork();
	if (pid < 0)
		fail("fork: %s", errname(errno));
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	return pid;
}

int wait_timeout(int pid, int timeout_ms)
{
	long end = now_ms() + timeout_ms;
	long nap = 1;
	for (;;) {
		int st = 0;
		int r = waitpid(pid, &st, WNOHANG);
		if (r == pid)
			return st;
		if (r < 0 && errno != EINTR)
			return -1;
		if (now_ms() > end) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			return -1;
		}
		sleep_ms(nap);
		if (nap < 20)
			nap *= 2;
	}
}

static int reach_fd = -1;

void reached(void)
{
	if (reach_fd >= 0)
		write(reach_fd, "R", 1);
}

void expect_death(const char *what, void (*fn)(void *), void *arg, int sig)
{
	int p[2];
	CHECK_OK(pipe(p));
	int pid = fork();
	if (pid < 0)
		fail("%s: fork: %s", what, errname(errno));
	if (pid == 0) {
		close(p[0]);
		reach_fd = p[1];
		fn(arg);
		_exit(0);
	}
	close(p[1]);
	int st = wait_timeout(pid, 10000);
	char c = 0;
	long n = read(p[0], &c, 1);
	close(p[0]);
	if (st == -1)
		fail("%s: timed out", what);
	if (n != 1)
		fail("%s: %s before reaching the operation", what, status_str(st));
	if (!WIFSIGNALED(st) || WTERMSIG(st) != sig)
		fail("%s: %s, want killed by %s", what, status_str(st), signame(sig));
}

int uexec(const char *path, char *const argv[], char *const envp[])
{
	if (!exec_wrapper)
		return execve(path, argv, envp);
	/* qemu-aarch64 -0 ARGV0 PROGRAM ARGS... */
	static char *av[512];
	int n = 0;
	av[n++] = (char *)exec_wrapper;
	av[n++] = "-0";
	av[n++] = argv[0];
	av[n++] = (char *)path;
	for (int i = 1; argv[i] && n < 511; i++)
		av[n++] = argv[i];
	av[n] = NULL;
	return execve(exec_wrapper, av, envp);
}

/* ---- the free-page count: /proc/meminfo's MemFree, else sysinfo(). */
static long meminfo_free_pages(void)
{
	int fd = open("/proc/meminfo", O_RDONLY);
	if (fd < 0)
		return -1;
	char buf[4096];
	long n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	char *p = strstr(buf, "MemFree:");
	if (!p)
		return -1;
	return strtol(p + 8, NULL, 10) / 4;   /* kB -> 4 KiB pages */
}

long free_pages(void)
{
	long n = meminfo_free_pages();
	if (n >= 0)
		return n;
	struct sysinfo si;
	if (sysinfo(&si) == 0 && si.mem_unit)
		return (long)(si.freeram * si.mem_unit / 4096);
	return -1;
}

/* ---- running one test */
struct result {
	int passed, failed, skipped;
};

static void run_one(const struct utest *t, struct result *res)
{
	int p[2];
	if (pipe(p) < 0) {
		printf("FAIL %s: pipe: %s\n", t->name, errname(errno));
		res->failed++;
		return;
	}
	int pid = fork();
	if (pid < 0) {
		printf("FAIL %s: fork: %s\n", t->name, errname(errno));
		close(p[0]);
		close(p[1]);
		res->failed++;
		return;
	}
	if (pid == 0) {
		close(p[0]);
		msg_fd = p[1];
		t->fn();
		_exit(0);
	}
	close(p[1]);
	int timeout = t->timeout_s ? t->timeout_s : DEFAULT_TIMEOUT_S;
	int st = wait_timeout(pid, timeout * 1000);
	/* Everything the test wrote; descendants it left behind hold the pipe
	 * open, so read without blocking. */
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	char msgs[2048];
	long n = 0, r;
	while (n < (long)sizeof(msgs) - 1 && (r = read(p[0], msgs + n, sizeof(msgs) - 1 - (size_t)n)) > 0)
		n += r;
	close(p[0]);
	msgs[n] = 0;
	const char *fmsg = NULL, *smsg = NULL;
	char notes[600] = "";
	for (char *line = msgs; *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		if (line[0] == 'F' && !fmsg)
			fmsg = line + 1;
		else if (line[0] == 'S')
			smsg = line + 1;
		else if (line[0] == 'N' && strlen(notes) + strlen(line) + 4 < sizeof(notes)) {
			strcat(notes, notes[0] ? "; " : " (");
			strcat(notes, line + 1);
		}
		if (!nl)
			break;
		line = nl + 1;
	}
	if (notes[0])
		strcat(notes, ")");
	if (st == -1) {
		printf("FAIL %s: timed out after %d s%s\n", t->name, timeout, notes);
		res->failed++;
	} else if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
		printf("ok   %s%s\n", t->name, notes);
		res->passed++;
	} else if (WIFEXITED(st) && WEXITSTATUS(st) == 77) {
		printf("skip %s: %s%s\n", t->name, smsg ? smsg : "", notes);
		res->skipped++;
	} else {
		printf("FAIL %s: %s%s\n", t->name, fmsg ? fmsg : status_str(st), notes);
		res->failed++;
	}
}

static bool wanted(const char *name, int argc, char **argv, int first)
{
	if (first >= argc)
		return true;
	for (int i = first; i < argc; i++)
		if (strstr(name, argv[i]))
			return true;
	return false;
}

static void reap_orphans(void)
{
	int st;
	while (waitpid(-1, &st, WNOHANG) > 0)
		;
}

int main(int argc, char **argv)
{
	if (fcntl(1, F_GETFD) < 0) {   /* started without descriptors: the console */
		int fd = open("/dev/console", O_RDWR);
		while (fd >= 0 && fd < 2)
			fd = dup(fd);
	}
	int first = 1;
	bool list = false;
	while (first < argc && argv[first][0] == '-') {
		if (!strcmp(argv[first], "--root") && first + 1 < argc) {
			root = argv[first + 1];
			first += 2;
		} else if (!strcmp(argv[first], "--list")) {
			list = true;
			first++;
		} else {
			dprintf(2, "usage: utests [--root DIR] [--list] [NAME...]\n");
			return 2;
		}
	}
	struct utsname u;
	on_linux = uname(&u) == 0 && !strcmp(u.sysname, "Linux");
	exec_wrapper = getenv("UTESTS_EXEC_WRAPPER");
	if (exec_wrapper && !*exec_wrapper)
		exec_wrapper = NULL;
	runner_pid = getpid();
	bool init = runner_pid == 1;

	if (list) {
		for (const struct utest *t = __start_utests; t < __stop_utests; t++)
			printf("%s\n", t->name);
		return 0;
	}
	printf("utests: %s %s%s%s\n", u.sysname, u.machine, init ? ", as init" : "",
	       exec_wrapper ? ", guest programs run through the exec wrapper" : "");

	/* Warm up (the first fork may fill kernel caches), then count. */
	int wp = fork();
	if (wp == 0)
		_exit(0);
	if (wp > 0)
		waitpid(wp, NULL, 0);
	long free0 = free_pages();

	struct result res = { 0, 0, 0 };
	for (const struct utest *t = __start_utests; t < __stop_utests; t++) {
		if (wanted(t->name, argc, argv, first))
			run_one(t, &res);
		reap_orphans();
	}

	/* The leak check: every page a test used has come back. */
	if (first >= argc) {
		long free1 = free_pages();
		if (free0 < 0 || free1 < 0) {
			printf("skip freepages: no free-page count (no /proc/meminfo, no sysinfo)\n");
			res.skipped++;
		} else if (on_linux) {
			printf("skip freepages: %ld before, %ld after (Linux: other programs share the memory)\n",
			       free0, free1);
			res.skipped++;
		} else if (free1 != free0) {
			printf("FAIL freepages: %ld free pages before the tests, %ld after\n", free0, free1);
			res.failed++;
		} else {
			printf("ok   freepages: %ld before, %ld after\n", free0, free1);
			res.passed++;
		}
	}

	if (res.skipped)
		printf("%d passed, %d failed, %d skipped\n", res.passed, res.failed, res.skipped);
	else
		printf("%d passed, %d failed\n", res.passed, res.failed);
	/* As init there is no reboot call yet: exiting ends the machine, and
	 * the kernel turns our status into QEMU's. */
	return res.failed ? 1 : 0;
}

/* Run path in a child with stdout on a pipe; the output and the status. */
int run_capture(const char *path, char *const argv[], char *const envp[], char *out,
		       size_t outsz)
{
	int p[2];
	CHECK_OK(pipe(p));
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		uexec(path, argv, envp);
		_exit(100 + errno);
	}
	close(p[1]);
	size_t n = 0;
	long r;
	while (n + 1 < outsz && (r = read(p[0], out + n, outsz - 1 - n)) > 0)
		n += (size_t)r;
	out[n] = 0;
	close(p[0]);
	int st = wait_timeout(pid, 10000);
	CHECK(st != -1, "%s timed out", path);
	return st;
}

/* utests: running out of processes and memory.  The call fails, everyone
 * else carries on, and the resources come back (the runner's free-page
 * check at the end).  And the resource limits, which Ringel reports but
 * does not let a process change. */
#include "utests.h"
#include <signal.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define MAXKIDS 1000

UTEST_T(out_of_processes, 120)
{
	static int kids[MAXKIDS];
	int n = 0, p[2];
	CHECK_OK(pipe(p));
	int limit = on_linux ? 200 : MAXKIDS;   /* Linux: root has no process limit */
	int err = 0;
	while (n < limit) {
		int pid = fork();
		if (pid < 0) {
			err = errno;
			break;
		}
		if (pid == 0) {
			close(p[1]);
			char c;
			read(p[0], &c, 1);      /* until the parent closes the pipe */
			_exit(0);
		}
		kids[n++] = pid;
	}
	close(p[0]);
	close(p[1]);   /* every child's read returns: all exit */
	int bad = 0;
	for (int i = 0; i < n; i++) {
		int st;
		if (waitpid(kids[i], &st, 0) != kids[i] || !WIFEXITED(st))
			bad++;
	}
	CHECK(!bad, "%d of %d children did not exit cleanly", bad, n);
	if (on_linux && !err)
		note("Linux: no limit reached at %d processes", n);
	else
		CHECK(err == EAGAIN, "fork #%d failed with %s, want EAGAIN", n + 1, errname(err));
	CHECK(n >= 8, "only %d processes", n);
	/* and fork works again */
	int pid = fork();
	CHECK(pid >= 0, "fork after the children exited: %s", errname(errno));
	if (pid == 0)
		_exit(9);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 9, "after");
	if (!on_linux)
		note("%d processes", n + 2);
}

static void eat_memory(void *arg)
{
	(void)arg;
	size_t chunk = 4UL << 20;
	for (;;) {
		char *m = mmap(NULL, chunk, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED) {
			if (errno != ENOMEM)
				_exit(2);
			break;
		}
		for (size_t i = 0; i < chunk; i += 4096)
			m[i] = 1;
	}
	/* Memory is gone: brk fails too, and a small mapping may. */
	char *b = sbrk(1 << 20);
	if (b != (char *)-1) {
		for (size_t i = 0; i < (1 << 20); i += 4096)
			b[i] = 1;
	}
	_exit(0);
}

UTEST_T(out_of_memory, 120)
{
	if (on_linux)
		skip("would exhaust the host's memory");
	int pid = spawn(eat_memory, NULL);
	int st = wait_timeout(pid, 100000);
	CHECK(st != -1, "timed out");
	if (WIFSIGNALED(st))
		note("the eater was %s (memory ran out on a fault, not in mmap)", status_str(st));
	else
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the eater: %s (2: mmap failed but not ENOMEM)",
		      status_str(st));
	/* and memory comes back */
	char *m = mmap(NULL, 16UL << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED, "16 MiB after the eater exited: %s", errname(errno));
	for (size_t i = 0; i < (16UL << 20); i += 4096)
		m[i] = 1;
	munmap(m, 16UL << 20);
}

/* Reading limits works; a new limit is refused (EPERM), not thrown away
 * with a success; the same values again are no change and succeed. */
UTEST(rlimit_set_refused)
{
	struct rlimit rl, again;
	CHECK_OK(getrlimit(RLIMIT_NOFILE, &rl));
	CHECK(rl.rlim_cur > 3 && rl.rlim_cur <= rl.rlim_max, "RLIMIT_NOFILE %lu/%lu",
	      (unsigned long)rl.rlim_cur, (unsigned long)rl.rlim_max);
	CHECK_OK(getrlimit(RLIMIT_STACK, &again));
	CHECK_OK(setrlimit(RLIMIT_NOFILE, &rl));
	struct rlimit bad = { rl.rlim_max, rl.rlim_max - 1 };
	CHECK_ERR(setrlimit(RLIMIT_NOFILE, &bad), EINVAL);   /* soft above hard */
	struct rlimit lower = { rl.rlim_cur - 1, rl.rlim_max };
	errno = 0;
	int r = setrlimit(RLIMIT_NOFILE, &lower);
	if (on_linux) {
		note("Linux lowers the limit (setrlimit: %d)", r);
	} else {
		CHECK(r == -1 && errno == EPERM, "lowering RLIMIT_NOFILE: want EPERM, got %d (%s)",
		      r, r == -1 ? errname(errno) : "no error");
		CHECK_OK(getrlimit(RLIMIT_NOFILE, &again));
		CHECK(again.rlim_cur == rl.rlim_cur && again.rlim_max == rl.rlim_max,
		      "the limit changed after all: %lu/%lu", (unsigned long)again.rlim_cur,
		      (unsigned long)again.rlim_max);
	}
	CHECK_ERR(getrlimit(99, &again), EINVAL);
}

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
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>

/* Ringel's processes are bounded by memory (and pid_max): a 256 MiB
 * machine refuses the fork after a few thousand. */
#define MAXKIDS 16384

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
		CHECK(err == EAGAIN || err == ENOMEM, "fork #%d failed with %s, want EAGAIN or ENOMEM",
		      n + 1, errname(err));
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

/* Reading and setting limits: soft above hard is EINVAL, an unknown
 * resource EINVAL, and what was set reads back. */
UTEST(rlimit_get_set)
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
	CHECK_OK(setrlimit(RLIMIT_NOFILE, &lower));
	CHECK_OK(getrlimit(RLIMIT_NOFILE, &again));
	CHECK(again.rlim_cur == lower.rlim_cur && again.rlim_max == lower.rlim_max,
	      "read back %lu/%lu", (unsigned long)again.rlim_cur, (unsigned long)again.rlim_max);
	CHECK_OK(setrlimit(RLIMIT_NOFILE, &rl));
	CHECK_ERR(getrlimit(99, &again), EINVAL);
	CHECK_ERR(setrlimit(99, &rl), EINVAL);
}

/* RLIMIT_NOFILE: no descriptor at or above it (open EMFILE, dup2 EBADF,
 * F_DUPFD EINVAL); inherited by fork; a shell in the child sees it. */
static void nofile_child(void *unused)
{
	(void)unused;
	struct rlimit rl = { 10, 10 };
	CHECK_OK(setrlimit(RLIMIT_NOFILE, &rl));
	int last = -1, fd;
	while ((fd = open("/dev/null", O_RDONLY)) >= 0)
		last = fd;
	CHECK(errno == EMFILE, "open after the last: %s", errname(errno));
	CHECK(last == 9, "the last descriptor %d, want 9", last);
	CHECK_ERR(dup2(0, 10), EBADF);
	CHECK_ERR(fcntl(0, F_DUPFD, 10), EINVAL);
	close(9);
	CHECK(fcntl(0, F_DUPFD, 5) == 9, "F_DUPFD below the limit");
	int pid = fork();
	if (pid == 0) {
		struct rlimit c;
		_exit(getrlimit(RLIMIT_NOFILE, &c) == 0 && c.rlim_cur == 10 ? 0 : 1);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the limit is inherited: %s", status_str(st));
}

UTEST(rlimit_nofile)
{
	int st = wait_timeout(spawn(nofile_child, NULL), 20000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s", status_str(st));
}

/* RLIMIT_FSIZE: a write that would pass it is cut short; one that starts
 * at it fails with EFBIG and raises SIGXFSZ. */
static volatile sig_atomic_t got_xfsz;

static void on_xfsz(int sig)
{
	(void)sig;
	got_xfsz = 1;
}

static void fsize_child(void *unused)
{
	(void)unused;
	signal(SIGXFSZ, on_xfsz);
	struct rlimit rl = { 1000, RLIM_INFINITY };
	CHECK_OK(setrlimit(RLIMIT_FSIZE, &rl));
	static char buf[1500];
	int fd = open("/tmp/utests-fsize", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0, "open: %s", errname(errno));
	CHECK(write(fd, buf, sizeof buf) == 1000, "the write is cut at the limit");
	CHECK(!got_xfsz, "SIGXFSZ for a write that fit in part");
	CHECK_ERR(write(fd, buf, 1), EFBIG);
	CHECK(got_xfsz, "no SIGXFSZ at the limit");
	CHECK(write(fd, buf, 0) == 0, "an empty write at the limit");
	close(fd);
	struct stat sb;
	CHECK(stat("/tmp/utests-fsize", &sb) == 0 && sb.st_size == 1000, "size %ld", (long)sb.st_size);
	unlink("/tmp/utests-fsize");
}

UTEST(rlimit_fsize)
{
	int st = wait_timeout(spawn(fsize_child, NULL), 20000);
	unlink("/tmp/utests-fsize");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s", status_str(st));
}

/* RLIMIT_CPU: SIGXCPU at the soft limit, SIGKILL at the hard one. */
static void cpu_hog(void *arg)
{
	struct rlimit rl = { 1, (rlim_t)(uintptr_t)arg };
	CHECK_OK(setrlimit(RLIMIT_CPU, &rl));
	for (volatile unsigned long i = 0;; i++)
		;
}

UTEST_T(rlimit_cpu, 60)
{
	int st = wait_timeout(spawn(cpu_hog, (void *)(uintptr_t)RLIM_INFINITY), 30000);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGXCPU, "soft limit: %s", status_str(st));
	signal(SIGXCPU, SIG_IGN);   /* inherited: only the hard limit can end it */
	st = wait_timeout(spawn(cpu_hog, (void *)(uintptr_t)2), 30000);
	signal(SIGXCPU, SIG_DFL);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "hard limit: %s", status_str(st));
}

#define MIB (1UL << 20)

/* The largest private writable mapping the system would promise now, in
 * MiB (mapped, never touched, unmapped again). */
static size_t commit_probe_mib(void)
{
	size_t lo = 0, hi = 1UL << 16;
	while (lo + 1 < hi) {
		size_t mid = (lo + hi) / 2;
		void *m = mmap(NULL, mid * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (m == MAP_FAILED) {
			hi = mid;
		} else {
			munmap(m, mid * MIB);
			lo = mid;
		}
	}
	return lo;
}

/* Write every page of [p, p + len). */
static void touch_all(volatile char *p, size_t len)
{
	for (size_t i = 0; i < len; i += 4096)
		p[i] = 1;
}

/* Shared anonymous memory is committed like private memory: a process that
 * maps it until refused gets ENOMEM from mmap, and what was promised to
 * others before stays theirs. */
UTEST_T(shared_commit, 120)
{
	if (on_linux)
		skip("Linux overcommits: untouched shared memory is refused only when address space runs out");
	size_t mine = 16 * MIB;
	char *promised = mmap(NULL, mine, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(promised != MAP_FAILED, "16 MiB: %s", errname(errno));
	int p[2];
	CHECK_OK(pipe(p));
	int hog = fork();
	CHECK(hog >= 0, "fork: %s", errname(errno));
	if (hog == 0) {
		long mapped = 0;
		int err = 0;
		for (size_t chunk = 4 * MIB; chunk >= 4096; chunk /= 2) {
			for (;;) {
				void *m = mmap(NULL, chunk, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
				if (m == MAP_FAILED) {
					err = errno;
					break;
				}
				mapped += (long)(chunk / 4096);
			}
		}
		char c = err == ENOMEM ? 'y' : 'n';
		write(p[1], &mapped, sizeof mapped);
		write(p[1], &c, 1);
		pause();
		_exit(0);
	}
	close(p[1]);
	long mapped = 0;
	char c = 0;
	CHECK(read(p[0], &mapped, sizeof mapped) == sizeof mapped && read(p[0], &c, 1) == 1,
	      "the hog died before it reported");
	/* The hog holds every page it could: ours must still be there. */
	touch_all(promised, mine);
	kill(hog, SIGKILL);
	int st;
	CHECK(waitpid(hog, &st, 0) == hog, "wait for the hog");
	CHECK(c == 'y', "shared mmap refused with another error than ENOMEM");
	CHECK(mapped > 256, "the hog mapped only %ld pages", mapped);
	note("the hog had %ld MiB of shared memory", mapped / 256);
	CHECK_OK(munmap(promised, mine));
}

/* ...and it is charged once per object, however many processes map it, until
 * the last mapping goes. */
UTEST_T(shared_commit_once, 120)
{
	if (on_linux)
		skip("Linux overcommits: nothing to measure with mmap");
	size_t avail = commit_probe_mib();
	CHECK(avail >= 16, "only %zu MiB to commit", avail);
	size_t slen = avail * 6 / 10 * MIB, rest = avail * 3 / 10 * MIB;
	volatile char *s = mmap(NULL, slen, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(s != MAP_FAILED, "shared %zu MiB of %zu: %s", slen / MIB, avail, errname(errno));
	s[0] = 7;
	/* A second process mapping it costs no second charge: the child can
	 * still have the rest. */
	int pid = fork();
	CHECK(pid >= 0, "fork with the shared mapping: %s", errname(errno));
	if (pid == 0) {
		void *m = mmap(NULL, rest, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		_exit(m == MAP_FAILED ? 1 : s[0] == 7 ? 0 : 2);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the child could not map %zu MiB besides %zu MiB shared (%s)", rest / MIB, slen / MIB,
	      status_str(st));
	/* The charge stays while any process maps it... */
	int p[2];
	CHECK_OK(pipe(p));
	pid = fork();
	CHECK(pid >= 0, "fork: %s", errname(errno));
	if (pid == 0) {
		close(p[1]);
		char c;
		read(p[0], &c, 1);
		_exit(s[0] == 7 ? 0 : 2);
	}
	close(p[0]);
	CHECK_OK(munmap((void *)s, slen));
	void *m = mmap(NULL, slen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m == MAP_FAILED && errno == ENOMEM, "the charge went with the first munmap: %s",
	      m == MAP_FAILED ? errname(errno) : "mapped");
	/* ...and goes with the last. */
	close(p[1]);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "the child lost the shared page: %s", status_str(st));
	m = mmap(NULL, slen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED, "the charge stayed after the last mapping went: %s", errname(errno));
	munmap(m, slen);
}

/* A field of /proc/meminfo in pages, -1 if there is none. */
static long meminfo_pages(const char *key)
{
	int fd = open("/proc/meminfo", O_RDONLY);
	if (fd < 0)
		return -1;
	char buf[2048];
	long n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	char *at = strstr(buf, key);
	return at ? strtol(at + strlen(key) + 1, NULL, 10) / 4 : -1;
}

/* tmpfs has a limit (half of RAM by default): a file grows until ENOSPC
 * while the system still has memory, and unlink gives every page back. */
UTEST_T(tmpfs_full, 120)
{
	if (on_linux)
		skip("would fill the host's /tmp");
	static char buf[64 * 1024];
	memset(buf, 0x5a, sizeof buf);
	long total = meminfo_pages("MemTotal");
	CHECK(total > 0, "no MemTotal");
	long free0 = free_pages();
	const char *path = "/tmp/utests-full";
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	CHECK_OK(fd);
	long written = 0, r;
	while ((r = write(fd, buf, sizeof buf)) > 0)
		written += r;
	int err = errno;
	CHECK(r < 0 && err == ENOSPC, "the write that stopped returned %ld (%s), want ENOSPC", r,
	      errname(err));
	long full = free_pages();
	CHECK(written / 4096 <= total / 2, "%ld pages written, more than half of the %ld of RAM",
	      written / 4096, total);
	CHECK(written / 4096 >= total / 8, "only %ld pages written of %ld", written / 4096, total);
	/* the rest of the system goes on: memory for a process, a fork */
	char *m = mmap(NULL, 8 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED, "8 MiB with tmpfs full: %s", errname(errno));
	touch_all(m, 8 * MIB);
	CHECK_OK(munmap(m, 8 * MIB));
	int pid = fork();
	CHECK(pid >= 0, "fork with tmpfs full: %s", errname(errno));
	if (pid == 0)
		_exit(0);
	CHECK(waitpid(pid, NULL, 0) == pid, "wait");
	CHECK_OK(unlink(path));
	CHECK_OK(close(fd));
	long free1 = free_pages();
	CHECK(free1 - full >= written / 4096, "unlink gave back %ld pages of %ld", free1 - full,
	      written / 4096);
	note("%ld KiB fitted (RAM %ld KiB); free pages %ld before, %ld full, %ld after", written / 1024,
	     total * 4, free0, full, free1);
}

/* With no free page left at all, the calls that give memory back still
 * work: unlink and rmdir (their path buffer), close, kill, wait.  Memory
 * goes on page tables: one per 2 MiB of a read-only mapping, read through
 * write(2) so that running out is an EFAULT, not a kill. */
/* The stack the calls below will use, written now: the pages are shared
 * copy-on-write with the runner, and a break after memory is gone kills. */
__attribute__((noinline)) static void prefault_callee_stack(void)
{
	volatile char below[32 * 1024];
	for (size_t i = 0; i < sizeof below; i += 512)
		below[i] = 1;
	/* and the callers' frames above us, up to the top of [stack] */
	char line[128];
	int fd = open("/proc/self/maps", O_RDONLY);
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	while (f && fgets(line, sizeof line, f)) {
		if (!strstr(line, "[stack]"))
			continue;
		unsigned long top = strtoul(strchr(line, '-') + 1, NULL, 16);
		for (uintptr_t a = (uintptr_t)below & ~(uintptr_t)4095; a < top; a += 4096) {
			volatile char *p = (volatile char *)a;
			*p = *p;
		}
	}
	if (f)
		fclose(f);
}

static void exhaust_then_free(void *arg)
{
	(void)arg;
	volatile char stack[32 * 1024];
	for (size_t i = 0; i < sizeof stack; i += 512)
		stack[i] = 1;   /* the stack we need, faulted in now */
	const char *victim = "/tmp/utests-victim", *dir = "/tmp/utests-dir";
	int fd = open(victim, O_CREAT | O_RDWR | O_TRUNC, 0600);
	if (fd < 0 || mkdir(dir, 0700) < 0)
		fail("setup: %s", errname(errno));
	/* 256 KiB, from the stack faulted in above (a static buffer would be
	 * committed again by every fork of the suite) */
	memset((char *)stack, 1, 4096);
	for (int i = 0; i < 64; i++)
		if (write(fd, (const char *)stack, 4096) != 4096)
			fail("write: %s", errname(errno));
	int sink = open("/tmp/utests-sink", O_CREAT | O_RDWR | O_TRUNC, 0600);
	int kid = fork();
	if (sink < 0 || kid < 0)
		fail("setup: %s", errname(errno));
	if (kid == 0) {
		for (;;)
			pause();
	}
	unlink("/tmp/utests-sink");
	/* after the fork, which shared every page with the child again */
	prefault_callee_stack();
	/* Pages written from here on must be ours already: page tables are
	 * not committed, so taking them all leaves no page even for memory
	 * that was (a copy-on-write break of errno's page would be killed). */
	errno = 0;
	const size_t span = 1UL << 42;   /* 4 TiB: page tables for 8 GiB of RAM */
	char *ro = mmap(NULL, span, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (ro == MAP_FAILED)
		fail("mmap 4 TiB read-only: %s", errname(errno));
	long tables = 0;
	for (size_t off = 0; off < span; off += 2 * MIB, tables++)
		if (pwrite(sink, ro + off, 1, 0) != 1)
			break;
	/* Out of memory now.  Each result is kept until there is memory to
	 * report it. */
	int e_unlink = unlink(victim) == 0 ? 0 : errno;
	int e_rmdir = rmdir(dir) == 0 ? 0 : errno;
	int e_close = close(fd) == 0 ? 0 : errno;
	int e_kill = kill(kid, SIGKILL) == 0 ? 0 : errno;
	int st = 0;
	int e_wait = waitpid(kid, &st, 0) == kid ? 0 : errno;
	munmap(ro, span);
	close(sink);
	CHECK(tables > 16, "memory ran out after %ld page tables: not a real exhaustion", tables);
	CHECK(!e_unlink, "unlink with memory exhausted: %s", errname(e_unlink));
	CHECK(!e_rmdir, "rmdir with memory exhausted: %s", errname(e_rmdir));
	CHECK(!e_close, "close with memory exhausted: %s", errname(e_close));
	CHECK(!e_kill, "kill with memory exhausted: %s", errname(e_kill));
	CHECK(!e_wait && WIFSIGNALED(st), "wait with memory exhausted: %s", errname(e_wait));
	note("memory ran out after %ld page tables", tables);
}

UTEST_T(free_when_exhausted, 120)
{
	if (on_linux)
		skip("would exhaust the host's memory");
	long free0 = free_pages();
	int pid = spawn(exhaust_then_free, NULL);
	int st = wait_timeout(pid, 100000);
	CHECK(st != -1, "timed out");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the test process: %s", status_str(st));
	unlink("/tmp/utests-victim");   /* when it failed */
	rmdir("/tmp/utests-dir");
	long free1 = free_pages();
	/* a page or two of kernel heap may still be in use for the runner's
	 * bookkeeping; the runner's own count at the end is exact */
	CHECK(free1 + 4 >= free0, "free pages %ld before, %ld after", free0, free1);
}

/* utests: running out of processes and memory.  The call fails, everyone
 * else carries on, and the resources come back (the runner's free-page
 * check at the end).  The resource limits (RLIMIT_NOFILE, FSIZE, CPU, AS,
 * DATA, STACK) and the kernel's own budget for page tables (mm/kmem.c). */
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

/* With no page to be had, the calls that give memory back still work:
 * unlink and rmdir (their path buffer), close, kill, wait.  Memory goes on
 * page tables: one per 2 MiB of a read-only mapping, read through write(2)
 * so that running out is an EFAULT, not a kill.  Since page tables have a
 * limit per process (mm/kmem.c) the process is refused at that limit, with
 * the machine's memory still there: the calls are then checked at the
 * limit rather than with RAM exhausted (sparse_pages_2m checks the limit). */
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

/* ---------------------------------------------------------------- address-space limits */

/* qemu-user keeps RLIMIT_AS, DATA and STACK to itself (they would limit
 * the emulator): only native Linux is an oracle for them. */
static bool limits_reach_kernel(void)
{
	return !exec_wrapper;
}

/* RLIMIT_AS: mmap, mremap and brk past it are ENOMEM, whatever the
 * protection; raising it again lets the same calls through. */
static void as_child(void *unused)
{
	(void)unused;
	struct rlimit rl = { 128 * MIB, RLIM_INFINITY };
	CHECK_OK(setrlimit(RLIMIT_AS, &rl));
	void *m = mmap(NULL, 256 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m == MAP_FAILED && errno == ENOMEM, "256 MiB under a 128 MiB RLIMIT_AS: %s",
	      m == MAP_FAILED ? errname(errno) : "mapped");
	m = mmap(NULL, 256 * MIB, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK(m == MAP_FAILED && errno == ENOMEM, "PROT_NONE counts too: %s",
	      m == MAP_FAILED ? errname(errno) : "mapped");
	char *small = mmap(NULL, 16 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(small != MAP_FAILED, "16 MiB under the limit: %s", errname(errno));
	if (small != MAP_FAILED) {
		touch_all(small, 16 * MIB);
		void *big = mremap(small, 16 * MIB, 256 * MIB, MREMAP_MAYMOVE);
		CHECK(big == MAP_FAILED && errno == ENOMEM, "mremap to 256 MiB: %s",
		      big == MAP_FAILED ? errname(errno) : "grown");
		CHECK_OK(munmap(small, 16 * MIB));
	}
	CHECK(sbrk(256 * MIB) == (void *)-1 && errno == ENOMEM, "sbrk 256 MiB: %s", errname(errno));
	rl.rlim_cur = RLIM_INFINITY;
	CHECK_OK(setrlimit(RLIMIT_AS, &rl));
	m = mmap(NULL, 256 * MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK(m != MAP_FAILED, "256 MiB once the limit is gone: %s", errname(errno));
	if (m != MAP_FAILED)
		munmap(m, 256 * MIB);
}

UTEST(rlimit_as)
{
	if (!limits_reach_kernel())
		skip("qemu-user does not pass RLIMIT_AS to the host");
	int st = wait_timeout(spawn(as_child, NULL), 30000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s", status_str(st));
}

/* RLIMIT_DATA: private writable memory (brk, MAP_PRIVATE with PROT_WRITE,
 * mprotect to writable) past it is ENOMEM; shared and read-only mappings
 * are not data. */
static void data_child(void *unused)
{
	(void)unused;
	struct rlimit rl = { 64 * MIB, RLIM_INFINITY };
	CHECK_OK(setrlimit(RLIMIT_DATA, &rl));
	void *m = mmap(NULL, 128 * MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m == MAP_FAILED && errno == ENOMEM, "128 MiB private writable under 64 MiB: %s",
	      m == MAP_FAILED ? errname(errno) : "mapped");
	char *ro = mmap(NULL, 128 * MIB, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK(ro != MAP_FAILED, "128 MiB read-only is not data: %s", errname(errno));
	if (ro != MAP_FAILED) {
		CHECK_ERR(mprotect(ro, 128 * MIB, PROT_READ | PROT_WRITE), ENOMEM);
		CHECK_OK(mprotect(ro, MIB, PROT_READ | PROT_WRITE));
		ro[0] = 1;
		CHECK_OK(munmap(ro, 128 * MIB));
	}
	char *sh = mmap(NULL, 16 * MIB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(sh != MAP_FAILED, "shared memory is not data: %s", errname(errno));
	if (sh != MAP_FAILED)
		munmap(sh, 16 * MIB);
	CHECK(sbrk(128 * MIB) == (void *)-1 && errno == ENOMEM, "sbrk 128 MiB: %s", errname(errno));
	char *b = sbrk(MIB);
	CHECK(b != (void *)-1, "sbrk 1 MiB under the limit: %s", errname(errno));
	if (b != (void *)-1) {
		touch_all(b, MIB);
		sbrk(-(long)MIB);
	}
}

UTEST(rlimit_data)
{
	if (!limits_reach_kernel())
		skip("qemu-user does not pass RLIMIT_DATA to the host");
	int st = wait_timeout(spawn(data_child, NULL), 30000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s", status_str(st));
}

/* RLIMIT_STACK, lowered in a running process: the stack may not grow past
 * it (SIGSEGV), as Linux checks at each growth. */
__attribute__((noinline)) static void write_stack_below(size_t len)
{
	uintptr_t here = (uintptr_t)__builtin_frame_address(0);
	for (size_t off = 4096; off < len; off += 4096)
		*(volatile char *)(here - off) = 1;   /* an address, not an object: nothing to fold */
}

static void stack_child(void *unused)
{
	(void)unused;
	write_stack_below(512 * 1024);   /* within the default */
	struct rlimit rl = { 1 * MIB, RLIM_INFINITY };
	CHECK_OK(setrlimit(RLIMIT_STACK, &rl));
	reached();
	write_stack_below(4 * MIB);
}

UTEST(rlimit_stack)
{
	if (!limits_reach_kernel())
		skip("qemu-user does not pass RLIMIT_STACK to the host");
	expect_death("a stack grown past RLIMIT_STACK", stack_child, NULL, SIGSEGV);
}

/* exec sizes the new stack by RLIMIT_STACK: 32 MiB of stack need a
 * larger limit than the default 8 MiB. */
static int exec_stack(rlim_t lim, const char *mib)
{
	int pid = fork();
	if (pid == 0) {
		struct rlimit rl = { lim, RLIM_INFINITY };
		if (setrlimit(RLIMIT_STACK, &rl) < 0)
			_exit(99);
		char *argv[] = { "exec_helper", "stack", (char *)mib, NULL };
		char *envp[] = { NULL };
		uexec(path_of("/bin/exec_helper"), argv, envp);
		_exit(100 + errno);
	}
	return wait_timeout(pid, 60000);
}

UTEST_T(rlimit_stack_exec, 60)
{
	if (!limits_reach_kernel())
		skip("qemu-user does not pass RLIMIT_STACK to the host");
	int st = exec_stack(64 * MIB, "32");
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 44, "32 MiB of stack under a 64 MiB limit: %s",
	      status_str(st));
	st = exec_stack(8 * MIB, "32");
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "32 MiB of stack under 8 MiB: %s",
	      status_str(st));
}

/* ---------------------------------------------------------------- the kernel's own memory */

/* A child that reads one byte every 'stride' bytes of a huge read-only
 * mapping through pwrite, so that each read needs new page tables, until
 * refused (EFAULT) or 'most' reads; it reports how many it made and the
 * error, then waits to be killed holding its tables. */
struct pt_hog {
	size_t span, stride;
	long most;
	int fds[2];
};

static void pt_hog_child(void *arg)
{
	struct pt_hog *h = arg;
	close(h->fds[0]);
	int sink = open("/tmp/utests-ptsink", O_CREAT | O_RDWR, 0600);
	char *ro = mmap(NULL, h->span, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	long n = 0;
	int err = 0;
	if (sink < 0 || ro == MAP_FAILED) {
		n = -1;
		err = errno;
	} else {
		for (size_t off = 0; off < h->span && n < h->most; off += h->stride, n++)
			if (pwrite(sink, ro + off, 1, 0) != 1) {
				err = errno;
				break;
			}
	}
	long msg[2] = { n, err };
	write(h->fds[1], msg, sizeof msg);
	for (;;)
		pause();
}

/* Start a hog; its count of reads (-1: no mapping) and error. */
static int pt_hog_start(struct pt_hog *h, long *n, int *err)
{
	CHECK_OK(pipe(h->fds));
	int pid = spawn(pt_hog_child, h);
	close(h->fds[1]);
	long msg[2] = { -2, 0 };
	CHECK(read(h->fds[0], msg, sizeof msg) == sizeof msg, "the hog died before it reported");
	close(h->fds[0]);
	*n = msg[0];
	*err = (int)msg[1];
	return pid;
}

static void pt_hog_stop(int pid)
{
	kill(pid, SIGKILL);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st), "the hog: %s", status_str(st));
}

/* One process mapping sparse pages all over its address space is refused
 * at its page-table limit (mm/kmem.c), long before memory runs out; the
 * system goes on (fork works while it holds its tables) and every page
 * comes back.  Strides of 2 MiB (a last-level table per read) and 1 GiB
 * (two tables per read). */
static void sparse_pages(size_t stride)
{
	if (on_linux && exec_wrapper)
		skip("qemu-user keeps guest page flags page by page: 32 TiB is its own stall");
	long free0 = free_pages();
	/* Linux has no such limit: a bounded run that is not refused */
	struct pt_hog h = { 1UL << 45, stride, on_linux ? 4096 : 1L << 30, { -1, -1 } };
	if (stride >= (1UL << 30))
		h.span = 1UL << 46;   /* 64 TiB: 65536 reads at 1 GiB */
	long n;
	int err;
	int pid = pt_hog_start(&h, &n, &err);
	CHECK(n >= 0, "mmap %zu TiB read-only: %s", h.span >> 40, errname(err));
	long tables = meminfo_pages("PageTables");
	if (on_linux) {
		CHECK(n == h.most, "Linux refused read %ld: %s", n, errname(err));
		note("Linux: %ld reads %zu KiB apart, not refused", n, stride >> 10);
	} else {
		CHECK(n > 64 && err == EFAULT, "refused after %ld reads with %s, want EFAULT", n,
		      errname(err));
		long limit = meminfo_pages("PageTableLimit");
		CHECK(limit > 0 && tables <= limit + 512, "page tables %ld pages, a process's limit %ld",
		      tables, limit);
		long avail = meminfo_pages("MemFree");
		CHECK(avail > meminfo_pages("MemTotal") / 4, "only %ld pages free with the hog", avail);
		note("refused after %ld reads %zu KiB apart; page tables %ld KiB in all", n,
		     stride >> 10, tables * 4);
	}
	int kid = fork();
	CHECK(kid >= 0, "fork while the hog holds its tables: %s", errname(errno));
	if (kid == 0)
		_exit(7);
	int st;
	CHECK(waitpid(kid, &st, 0) == kid && WIFEXITED(st) && WEXITSTATUS(st) == 7, "the child: %s",
	      status_str(st));
	pt_hog_stop(pid);
	unlink("/tmp/utests-ptsink");
	if (!on_linux) {
		long free1 = free_pages();
		CHECK(free1 + 4 >= free0, "free pages %ld before, %ld after", free0, free1);
	}
}

UTEST_T(sparse_pages_2m, 120)
{
	sparse_pages(2 * MIB);
}

UTEST_T(sparse_pages_1g, 120)
{
	sparse_pages(1UL << 30);
}

/* Many such processes together reach the ceiling on all page tables
 * (mm/kmem.c), below the kernel's budget: the rest of the budget stays for
 * the heap and kernel stacks, so fork still works then, the system
 * answers, and all comes back when they go. */
UTEST_T(kernel_budget, 180)
{
	if (on_linux)
		skip("Linux has no kernel-wide budget for page tables");
	long free0 = free_pages();
	long budget = meminfo_pages("KernelBudget"), pt_budget = meminfo_pages("PageTableBudget");
	CHECK(budget > 0 && pt_budget > 0 && pt_budget < budget, "budget %ld, page tables %ld",
	      budget, pt_budget);
	enum { HOGS = 6 };
	int pids[HOGS];
	long total = 0;
	for (int i = 0; i < HOGS; i++) {
		struct pt_hog h = { 1UL << 45, 2 * MIB, 1L << 30, { -1, -1 } };
		long n;
		int err;
		pids[i] = pt_hog_start(&h, &n, &err);
		total += n;
	}
	long tables = meminfo_pages("PageTableCharged"), charged = meminfo_pages("KernelCharged");
	CHECK(tables > 0 && tables <= pt_budget, "page tables %ld of %ld", tables, pt_budget);
	CHECK(tables + 64 >= pt_budget, "the hogs reached only %ld page-table pages of %ld", tables,
	      pt_budget);
	CHECK(charged <= budget, "charged %ld pages of a budget of %ld", charged, budget);
	long avail = meminfo_pages("MemFree");
	CHECK(avail > meminfo_pages("MemTotal") / 4, "only %ld pages free at the ceiling", avail);
	/* the system answers: a fork and its exit */
	int kid = fork();
	CHECK(kid >= 0, "fork at the page-table ceiling: %s", errname(errno));
	if (kid == 0)
		_exit(7);
	int st;
	CHECK(kid < 0 || (waitpid(kid, &st, 0) == kid && WIFEXITED(st) && WEXITSTATUS(st) == 7),
	      "the child: %s", status_str(st));
	note("%d hogs, %ld reads; page tables %ld of %ld pages, kernel %ld of %ld", HOGS, total,
	     tables, pt_budget, charged, budget);
	for (int i = 0; i < HOGS; i++)
		pt_hog_stop(pids[i]);
	unlink("/tmp/utests-ptsink");
	long free1 = free_pages();
	CHECK(free1 + 4 >= free0, "free pages %ld before, %ld after", free0, free1);
}

/* The kernel heap has the same budget: a process that makes empty files
 * (a few hundred bytes of heap each, no data page) until refused stops at
 * a limit (tmpfs's ENOSPC or the budget's ENOMEM) with most of RAM still
 * free, nothing panics, and unlinking them gives every page back. */
static void many_files(void *arg)
{
	long *made = arg;
	char path[64];
	int err = 0;
	for (long i = 0; i < 2000000; i++) {
		/* 256 to a directory: a lookup costs the directory's length */
		snprintf(path, sizeof path, "/tmp/utests-many/%ld", i / 256);
		int fd = i % 256 == 0 ? mkdir(path, 0700) : 0;
		if (fd == 0) {
			snprintf(path, sizeof path, "/tmp/utests-many/%ld/%ld", i / 256, i % 256);
			fd = open(path, O_CREAT | O_WRONLY | O_EXCL, 0600);
		}
		if (fd < 0) {
			err = errno;
			*made = i;
			break;
		}
		close(fd);
	}
	/* At the budget even reading /proc/meminfo may be ENOMEM: a few
	 * files go first, to make room for the read. */
	char gone[64];
	for (long i = *made - 1; i >= 0 && i >= *made - 512; i--) {
		snprintf(gone, sizeof gone, "/tmp/utests-many/%ld/%ld", i / 256, i % 256);
		unlink(gone);
	}
	long charged = meminfo_pages("KernelCharged"), budget = meminfo_pages("KernelBudget");
	long avail = meminfo_pages("MemFree"), total = meminfo_pages("MemTotal");
	CHECK(err == ENOSPC || err == ENOMEM, "the file after the last: %s", errname(err));
	CHECK(charged > 0 && charged <= budget && charged + 128 >= budget,
	      "charged %ld pages of a budget of %ld", charged, budget);
	CHECK(avail > total / 4, "only %ld pages of %ld free", avail, total);
	note("%ld empty files, then %s; kernel %ld of %ld pages", *made, errname(err), charged, budget);
}

static void unlink_many(long n)
{
	char path[64];
	for (long i = 0; i <= n; i++) {
		snprintf(path, sizeof path, "/tmp/utests-many/%ld/%ld", i / 256, i % 256);
		unlink(path);
		if (i % 256 == 255 || i == n) {
			snprintf(path, sizeof path, "/tmp/utests-many/%ld", i / 256);
			rmdir(path);
		}
	}
}

UTEST_T(heap_budget, 300)
{
	if (on_linux)
		skip("would fill the host's /tmp with inodes");
	long free0 = free_pages();
	CHECK_OK(mkdir("/tmp/utests-many", 0700));
	static long made;   /* in a shared page: the child writes it */
	long *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(shared != MAP_FAILED, "mmap: %s", errname(errno));
	*shared = 0;
	int st = wait_timeout(spawn(many_files, shared), 240000);
	made = *shared;
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the file maker: %s", status_str(st));
	unlink_many(made);
	CHECK_OK(rmdir("/tmp/utests-many"));
	munmap(shared, 4096);
	int kid = fork();
	CHECK(kid >= 0, "fork after: %s", errname(errno));
	if (kid == 0)
		_exit(0);
	waitpid(kid, NULL, 0);
	long free1 = free_pages();
	CHECK(free1 + 4 >= free0, "free pages %ld before, %ld after", free0, free1);
}

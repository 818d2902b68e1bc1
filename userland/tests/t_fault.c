/* utests: bad pointers given to system calls (-EFAULT, nothing changed) and
 * user code touching the kernel half (SIGSEGV). */
#include "utests.h"
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define PG 4096UL

/* The bad pointers: the per-arch list plus an address we mapped and unmapped. */
static int bad_list(struct bad_addr *out, int max)
{
	int n = 0;
	for (const struct bad_addr *b = arch_bad_pointers; b->what && n < max - 1; b++)
		out[n++] = *b;
	void *m = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED, "mmap");
	CHECK_OK(munmap(m, PG));
	out[n].addr = (uintptr_t)m;
	out[n++].what = "an unmapped page";
	return n;
}

static struct bad_addr bads[16];
static int nbads;

static struct bad_addr *bad_first(void)
{
	if (!nbads)
		nbads = bad_list(bads, 16);
	return bads;
}

#define FOR_BAD(b) for (struct bad_addr *b = bad_first(); b < bads + nbads; b++)

#define EFAULT_ON(b, expr)                                                     \
	do {                                                                   \
		errno = 0;                                                     \
		long r_ = (long)(expr);                                        \
		if (r_ != -1 || errno != EFAULT)                               \
			fail("%s with %s (%#lx): got %ld (%s), want EFAULT", #expr, \
			     (b)->what, (unsigned long)(b)->addr, r_, r_ == -1 ? errname(errno) : "no error"); \
	} while (0)

UTEST(efault_io)
{
	int p[2];
	CHECK_OK(pipe2(p, O_NONBLOCK));
	FOR_BAD(b) {
		void *a = (void *)b->addr;
		EFAULT_ON(b, write(p[1], a, 16));
		if (!b->straddles)
			EFAULT_ON(b, write(p[1], a, 1));
	}
	char c;
	CHECK_ERR(read(p[0], &c, 1), EAGAIN);   /* nothing reached the pipe */
	CHECK(write(p[1], "data", 4) == 4, "write");
	{
		FOR_BAD(b) {
			void *a = (void *)b->addr;
			EFAULT_ON(b, read(p[0], a, 4));
			if (!b->straddles)
				EFAULT_ON(b, read(p[0], a, 1));
		}
	}
	char buf[8];
	CHECK(read(p[0], buf, 8) == 4 && !memcmp(buf, "data", 4), "the pipe lost its data to a failed read");
	{
		FOR_BAD(b) {
			struct { void *base; size_t len; } iov[2] = { { buf, 1 }, { (void *)b->addr, 8 } };
			EFAULT_ON(b, syscall(SYS_writev, p[1], (void *)b->addr, 1));
			EFAULT_ON(b, syscall(SYS_readv, p[0], (void *)b->addr, 1));
			iov[0].base = (void *)b->addr;
			EFAULT_ON(b, syscall(SYS_writev, p[1], iov, 1));
		}
	}
	CHECK_ERR(read(p[0], &c, 1), EAGAIN);
	close(p[0]);
	close(p[1]);
}

UTEST(efault_info)
{
	int fd = open("/dev/null", O_RDONLY);
	CHECK(fd >= 0, "open /dev/null");
	struct stat_buf { char b[256]; } st;
	FOR_BAD(b) {
		void *a = (void *)b->addr;
		EFAULT_ON(b, syscall(SYS_uname, a));
		EFAULT_ON(b, syscall(SYS_clock_gettime, 1, a));
		if (a)   /* NULL is allowed: no time wanted */
			EFAULT_ON(b, syscall(SYS_gettimeofday, a, NULL));
		EFAULT_ON(b, syscall(SYS_getrandom, a, 16, 0));
		if (!exec_wrapper)   /* qemu-user does not check nanosleep's pointer */
			EFAULT_ON(b, syscall(SYS_nanosleep, a, NULL));
		EFAULT_ON(b, syscall(SYS_getcwd, a, 64));
		if (a || !exec_wrapper)   /* qemu-user: sysinfo(NULL) succeeds */
			EFAULT_ON(b, syscall(SYS_sysinfo, a));
		EFAULT_ON(b, syscall(SYS_fstat, fd, a));
		EFAULT_ON(b, syscall(SYS_newfstatat, AT_FDCWD, "/", a, 0));
		if (!b->straddles)
			EFAULT_ON(b, syscall(SYS_newfstatat, AT_FDCWD, a, &st, 0));
	}
	close(fd);
}

UTEST(efault_paths)
{
	char *argv[] = { "x", NULL };
	FOR_BAD(b) {
		void *a = (void *)b->addr;
		if (b->straddles)
			continue;   /* a path could end in the valid bytes */
		EFAULT_ON(b, syscall(SYS_openat, AT_FDCWD, a, O_RDONLY, 0));
		EFAULT_ON(b, syscall(SYS_chdir, a));
		EFAULT_ON(b, syscall(SYS_mkdirat, AT_FDCWD, a, 0755));
		EFAULT_ON(b, syscall(SYS_unlinkat, AT_FDCWD, a, 0));
		EFAULT_ON(b, syscall(SYS_execve, a, argv, NULL));
		if (!a)
			continue;   /* NULL argv or envp is an empty list */
		EFAULT_ON(b, syscall(SYS_execve, path_of("/bin/exec_helper"), a, NULL));
		EFAULT_ON(b, syscall(SYS_execve, path_of("/bin/exec_helper"), argv, a));
		char *bad_argv[] = { "x", a, NULL };
		EFAULT_ON(b, syscall(SYS_execve, path_of("/bin/exec_helper"), bad_argv, NULL));
		EFAULT_ON(b, syscall(SYS_execve, path_of("/bin/exec_helper"), argv, bad_argv));
	}
	char cwd[256];
	CHECK(getcwd(cwd, sizeof(cwd)), "getcwd");
	CHECK(getpid() > 0, "still here after every failed execve");
}

UTEST(efault_fds)
{
	int before = dup(0);
	CHECK(before >= 0, "dup");
	close(before);
	int dfd = open("/", O_RDONLY | O_DIRECTORY);
	CHECK(dfd >= 0, "open /: %s", errname(errno));
	FOR_BAD(b) {
		void *a = (void *)b->addr;
		EFAULT_ON(b, syscall(SYS_pipe2, a, 0));
		EFAULT_ON(b, syscall(SYS_getdents64, dfd, a, 4096));
	}
	close(dfd);
	int after = dup(0);
	CHECK(after == before, "a failed pipe2 left descriptors open (%d, want %d)", after, before);
	close(after);
}

static void ignore(int sig)
{
	(void)sig;
}

static void exit5(void *arg)
{
	(void)arg;
	_exit(5);
}

UTEST(efault_signals)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = ignore;
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	unsigned long mask0, mask1;
	CHECK_OK(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &mask0, 8));
	FOR_BAD(b) {
		void *a = (void *)b->addr;
		if (!a)
			continue;   /* NULL: nothing to set, nothing to return */
		EFAULT_ON(b, syscall(SYS_rt_sigaction, SIGUSR1, a, NULL, 8));
		EFAULT_ON(b, syscall(SYS_rt_sigaction, SIGUSR1, NULL, a, 8));
		EFAULT_ON(b, syscall(SYS_rt_sigprocmask, SIG_BLOCK, a, NULL, 8));
		EFAULT_ON(b, syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, a, 8));
	}
	struct sigaction now;
	CHECK_OK(sigaction(SIGUSR1, NULL, &now));
	CHECK(now.sa_handler == ignore, "a failed rt_sigaction changed the action");
	CHECK_OK(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &mask1, 8));
	CHECK(mask0 == mask1, "a failed rt_sigprocmask changed the mask");
	/* wait4 with a bad status pointer */
	FOR_BAD(b) {
		if (!b->addr)
			continue;   /* NULL: no status wanted */
		int pid = spawn(exit5, NULL);
		sleep_ms(20);
		long r = syscall(SYS_wait4, pid, (void *)b->addr, 0, NULL);
		CHECK(r == -1 && errno == EFAULT, "wait4 with %s: %ld", b->what, r);
		int st;
		waitpid(pid, &st, 0);
	}
}

/* ---- user code touching the kernel half */
static void do_read(void *a)
{
	reached();
	(void)*(volatile char *)a;
}

static void do_write(void *a)
{
	reached();
	*(volatile char *)a = 1;
}

static void do_jump(void *a)
{
	void (*volatile fn)(void) = (void (*)(void))a;
	reached();
	fn();
}

UTEST_T(kernel_half, 60)
{
	char what[96];
	for (const struct bad_addr *k = arch_kernel_addrs; k->addr; k++) {
		snprintf(what, sizeof(what), "read %s %#lx", k->what, (unsigned long)k->addr);
		expect_death(what, do_read, (void *)k->addr, SIGSEGV);
		snprintf(what, sizeof(what), "write %s %#lx", k->what, (unsigned long)k->addr);
		expect_death(what, do_write, (void *)k->addr, SIGSEGV);
		snprintf(what, sizeof(what), "jump to %s %#lx", k->what, (unsigned long)k->addr);
		expect_death(what, do_jump, (void *)k->addr, SIGSEGV);
	}
}

/* sysfuzz: random system calls with hostile arguments, to prove the kernel
 * survives whatever a user program hands it.
 *
 *   sysfuzz [-s SEED] [-n COUNT] [-i FIRST] [-g GROUP] [-t MS] [-v] [-k]
 *
 * Calls FIRST .. FIRST+COUNT-1 are made GROUP at a time (default 4), each
 * group in a forked child, so exit, execve, signals and crashes end only that
 * child.  Call number k is drawn from a generator seeded by (SEED, k) alone:
 * `sysfuzz -s SEED -i K -n 1 -v` makes exactly the call a run made as its
 * call K.  The parent draws and prints each group (with -v, before the
 * fork, so the last line on the console before a kernel panic names the call)
 * and waits for the child; a child still running after MS milliseconds
 * (default 500) is killed, and one that does not die of SIGKILL is reported
 * as unkillable.  At the end every child must be reaped and, once the
 * working directory is removed, the free-page count (/proc/meminfo) must be
 * back where it was (less what the fuzzer's own heap and stack took,
 * /proc/self/status VmRSS).  The last line is "sysfuzz: PASS ..." or
 * "sysfuzz: FAIL ..."; the exit status says the same.
 *
 * Numbers come from <sys/syscall.h> (the implemented calls of
 * kernel/syscalls.tbl); arguments are valid buffers, NULL, unmapped,
 * read-only, kernel-half, non-canonical, wrapping and huge pointers, small
 * and huge numbers, descriptors, and structures (paths, iovecs, timespecs,
 * sigactions, argv arrays, pollfds).
 *
 * What the children may not do, so the run itself survives: signal any
 * process but their own (kill/tkill/tgkill see their own pid, 0 = their own
 * group, or a pid that does not exist), join another process group, change
 * files outside the working directory (changing calls get names relative to
 * it; opens of other paths lose their write flags), or chmod through a
 * descriptor other than the run's own.  With -k, two problems of older
 * kernels (issue 15, fixed since) are stepped around: MAP_SHARED mappings
 * larger than 1 MiB (they escaped the commit accounting) and
 * MAP_FIXED_NOREPLACE over more than 16 MiB (a check linear in the length).
 *
 * Started as init (pid 1, no arguments) it runs a fixed seed for the boot
 * test and ends the machine with its status. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
#define MAXGROUP 16
#define SCRATCH (32 * 1024)   /* structured arguments of one call */
#define RWPAGES 16

/* ---- the generator: splitmix64, one stream per call index */
static uint64_t rng;

static uint64_t next(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned below(unsigned n)
{
	return (unsigned)(next() % n);
}

#define PICK(arr) ((arr)[below(sizeof(arr) / sizeof((arr)[0]))])

/* ---- what the children inherit */
static struct {
	char *rw;            /* RWPAGES read-write pages ... */
	char *guard;         /* ... then one PROT_NONE page */
	char *ro;            /* a read-only page of text */
	uintptr_t hole;      /* a page nothing maps */
	char *scratch;       /* MAXGROUP x SCRATCH */
	int fd_file, fd_dir, fd_null, fd_pr, fd_pw;
	char dir[64];
} A;

static uintptr_t kaddrs[8];   /* kernel-half addresses from /proc/kmaps */
static int nkaddrs;
static bool known_issues = true;   /* -k: step around issue 15's old cases */

/* Values the child replaces with its own pid when it runs the call. */
#define SELF_PID 0x5e1f5e1fL

/* ---- the calls and their argument kinds (one letter per argument):
 *  f fd   W one of the run's own fds   d dirfd   i small int   u any word
 *  n size   o offset   p out-pointer   c in-pointer   m address   l length
 *  M mmap flags   F open flags   s path (read)   w path (changed, relative)
 *  v iovec array   t timespec   T itimerval   U timespec[2]   a sigaction
 *  g sigset   z sigset size   x argv/envp   A stack_t   Q pollfd array
 *  P pid   S signal   I ioctl request   K fcntl command   C clone flags */
struct spec {
	const char *name;
	long nr;
	const char *args;
	int weight;
};

#define C(n, a, w) { #n, SYS_##n, a, w },
static const struct spec specs[] = {
	C(read, "fpn", 10) C(write, "fcn", 10) C(close, "f", 6) C(fstat, "fp", 4)
	C(lseek, "foi", 4) C(mmap, "mliMfo", 12) C(mprotect, "mli", 8) C(munmap, "ml", 8)
	C(brk, "m", 4) C(rt_sigaction, "Sapz", 8) C(rt_sigprocmask, "igpz", 6)
	C(rt_sigreturn, "", 2) C(ioctl, "fIp", 8) C(pread64, "fpno", 6) C(pwrite64, "fcno", 6)
	C(readv, "fvi", 8) C(writev, "fvi", 8) C(sched_yield, "", 1) C(dup, "f", 4)
	C(nanosleep, "tp", 2) C(getitimer, "ip", 3) C(setitimer, "iTp", 3) C(getpid, "", 1)
	C(clone, "Cpppp", 3) C(execve, "sxx", 8) C(exit, "i", 1) C(wait4, "Ppip", 4)
	C(kill, "PS", 4) C(uname, "p", 2) C(fcntl, "fKu", 8) C(ftruncate, "fo", 4)
	C(getcwd, "pn", 3) C(chdir, "w", 2) C(fchdir, "W", 2) C(fchmod, "Wi", 2) C(umask, "i", 1)
	C(gettimeofday, "pp", 2) C(sysinfo, "p", 2) C(getuid, "", 1) C(setpgid, "PP", 2)
	C(getppid, "", 1) C(setsid, "", 1) C(getpgid, "P", 1) C(getsid, "P", 1)
	C(rt_sigpending, "pz", 2) C(rt_sigsuspend, "gz", 1) C(sigaltstack, "Ap", 4)
	C(gettid, "", 1) C(tkill, "PS", 2) C(getdents64, "fpn", 6) C(set_tid_address, "p", 2)
	C(clock_gettime, "ip", 3) C(clock_getres, "ip", 2) C(clock_nanosleep, "iitp", 2)
	C(exit_group, "i", 1) C(tgkill, "PPS", 2) C(openat, "dsFi", 12) C(mkdirat, "dwi", 4)
	C(newfstatat, "dspi", 6) C(unlinkat, "dwi", 4) C(renameat, "dwdw", 4)
	C(linkat, "dwdwi", 3) C(symlinkat, "wdw", 3) C(readlinkat, "dspn", 4)
	C(fchmodat, "dwi", 2) C(faccessat, "dsi", 3) C(ppoll, "Qntgz", 4) C(utimensat, "dwUi", 3)
	C(dup3, "ffi", 4) C(pipe2, "pi", 4) C(prlimit64, "Pipp", 4) C(getrandom, "pni", 3)
	C(mremap, "mllim", 4) C(madvise, "mli", 4) C(msync, "mli", 3) C(mincore, "mlp", 3)
	C(fchownat, "dwiii", 2) C(fchown, "Wii", 2) C(mknodat, "dwiu", 2)
	C(epoll_create1, "i", 2) C(epoll_ctl, "fifc", 4) C(epoll_pwait, "fpiigz", 3)
	C(flock, "fi", 3) C(sendfile, "ffpn", 3) C(memfd_create, "si", 2) C(statx, "dsiip", 3)
	C(faccessat2, "dsii", 2) C(prctl, "iuuuu", 3) C(rt_sigtimedwait, "gptz", 2)
	/* System V IPC on whatever ids the words make (no get: objects outlive
	 * their makers, and the run must end with every page back) */
	C(shmat, "imi", 1) C(shmdt, "m", 1) C(shmctl, "iip", 1) C(semop, "icn", 1)
	C(semtimedop, "icnt", 1) C(semctl, "iiiu", 1) C(msgsnd, "icni", 1) C(msgrcv, "ipnii", 1)
	C(msgctl, "iip", 1)
#ifdef SYS_open
	C(open, "sFi", 8) C(stat, "sp", 4) C(lstat, "sp", 3) C(access, "si", 2)
	C(pipe, "p", 2) C(dup2, "ff", 4) C(pause, "", 1) C(alarm, "i", 1) C(fork, "", 2)
	C(vfork, "", 1) C(rename, "ww", 3) C(mkdir, "wi", 3) C(rmdir, "w", 3) C(link, "ww", 2)
	C(unlink, "w", 3) C(symlink, "ww", 2) C(readlink, "spn", 3) C(chmod, "wi", 2)
	C(getpgrp, "", 1) C(arch_prctl, "iu", 2) C(chown, "wii", 1) C(lchown, "wii", 1)
	C(mknod, "wiu", 1)
#endif
};
#undef C

/* ---- argument values */
static char *alloc;   /* bump allocator in the current call's scratch */
static char *alloc_end;

static void *take(size_t n)
{
	n = (n + 15) & ~15UL;
	if (alloc + n > alloc_end)
		return A.rw;   /* out of scratch: a plain buffer will do */
	void *p = alloc;
	alloc += n;
	return p;
}

/* A hostile pointer: the heart of the fuzzer. */
static uintptr_t bad_pointer(void)
{
	static const uintptr_t fixed[] = {
		0, 1, 0xfff, 0x1000, 0x400000,
		0x00007ffffffff000UL, 0x0000800000000000UL,   /* top of the x86-64 user half, past it */
		0x0000fffffffff000UL, 0x0001000000000000UL,   /* the same for AArch64's 48 bits */
		0x8000000000000000UL, 0x00ff000000000000UL,
		0xffff800000000000UL, 0xffff000000000000UL, 0xffffffff80000000UL,
		0xfffffffffffff000UL, 0xfffffffffffffff8UL, 0xffffffffffffffffUL,
	};
	switch (below(9)) {
	case 0: return A.hole;
	case 1: return (uintptr_t)A.ro;
	case 2: return (uintptr_t)A.guard;
	case 3: return (uintptr_t)A.guard - 1 - below(16);   /* runs into the guard page */
	case 4: return nkaddrs ? kaddrs[below(nkaddrs)] + (below(2) ? 0 : below(4096)) : fixed[11];
	case 5: return (uintptr_t)A.rw | (1UL << (56 + below(8)));   /* tagged / non-canonical */
	case 6: return next();
	default: return PICK(fixed);
	}
}

static uintptr_t out_pointer(void)
{
	if (below(5) == 0)
		return bad_pointer();
	return (uintptr_t)A.rw + below(RWPAGES * PAGE);
}

static long size_value(void)
{
	static const long sizes[] = { 0, 1, 2, 7, 8, 16, 64, 100, 4095, 4096, 4097, 65536,
		1L << 31, 1L << 32, 0x7fffffffffffffffL, -1L, -4096L };
	return below(3) ? (long)below(below(2) ? 128 : 9000) : PICK(sizes);
}

static long small_int(void)
{
	static const long ints[] = { 0, 1, 2, 3, -1, -2, 0x7fffffff, -0x7fffffffL - 1, 0x80000000L };
	switch (below(5)) {
	case 0: return PICK(ints);
	case 1: return 1L << below(32);
	case 2: return (long)next();
	default: return below(64);
	}
}

static long fd_value(void)
{
	int own[] = { A.fd_file, A.fd_dir, A.fd_null, A.fd_pr, A.fd_pw };
	static const long odd[] = { -1, AT_FDCWD, 1 << 20, 0x7fffffff, 1023, 1024 };
	switch (below(6)) {
	case 0: case 1: return PICK(own);
	case 2: return PICK(odd);
	default: return below(24);
	}
}

/* Names the children may create and destroy: relative to the working
 * directory (its children's cwd), never ".." and never absolute. */
static const char *const wnames[] = { "a", "b", "a/b", "d", "d/e", "d/e/f", "s", "s/x", ".", "",
	"a/", "d//e/", "f.txt" };
/* Names they may only look at. */
static const char *const rnames[] = { "/", "/bin/true", "/bin/false", "/bin", "/proc/self/maps",
	"/proc/meminfo", "/proc/1/status", "/proc/self", "/dev/null", "/etc/motd", "/etc/motd/x",
	"/testdata/elf/good", "/nonexistent/x", "..", "../..", "/proc/self/fd", "/proc/kmaps" };

static char *make_path(bool changed)
{
	char *p;
	switch (below(10)) {
	case 0: {   /* long: 5000 bytes of a/a/a/... */
		size_t n = below(2) ? 5000 : 300;
		p = take(n + 1);
		for (size_t i = 0; i < n; i++)
			p[i] = (i & 1) && below(4) ? '/' : 'a';
		p[n] = 0;
		return p;
	}
	case 1: {   /* random bytes, mostly printable; for a changed name one
		     * component that starts with 'r', so never "..", never absolute */
		size_t n = below(40);
		p = take(n + 2);
		for (size_t i = 0; i < n; i++) {
			p[i] = below(4) ? "ab/.x"[below(5)] : (char)(1 + below(255));
			if (changed && p[i] == '/')
				p[i] = 'b';
		}
		if (changed)
			p[0] = 'r';
		p[changed && n == 0 ? 1 : n] = 0;
		return p;
	}
	case 2:   /* unterminated, up to the guard page */
		p = A.guard - 1 - below(64);
		memset(p, 'a', (size_t)(A.guard - p));
		return p;
	default: {
		const char *s = changed || below(2) ? PICK(wnames) : PICK(rnames);
		p = take(strlen(s) + 1);
		strcpy(p, s);
		return p;
	}
	}
}

static uintptr_t make_timespec(int n)
{
	long *t = take(16 * (size_t)n);
	for (int i = 0; i < n; i++) {
		static const long secs[] = { -1, 1, 0x7fffffffffffffffL, 2 };
		static const long nsecs[] = { 1000000000L, -1, 999999999L, 0x3fffffff, 0x3ffffffe };
		t[2 * i] = below(6) ? 0 : PICK(secs);
		t[2 * i + 1] = below(3) ? (long)below(1000000) : PICK(nsecs);
	}
	return (uintptr_t)t;
}

static void fill_random(void *p, size_t n)
{
	unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)next();
}

static void handler(int sig)
{
	(void)sig;
}

static uintptr_t make_pointer_arg(char k)
{
	if (k != 'm' && below(6) == 0)
		return bad_pointer();
	switch (k) {
	case 'c': {
		char *p = take(256);
		fill_random(p, 256);
		return below(2) ? (uintptr_t)p : (uintptr_t)A.rw + below(RWPAGES * PAGE);
	}
	case 's': return (uintptr_t)make_path(false);
	case 'w': return (uintptr_t)make_path(true);
	case 'v': {
		unsigned n = below(4) ? below(9) : 1100;
		uintptr_t *iov = take(16 * n);
		for (unsigned i = 0; i < n; i++) {
			iov[2 * i] = out_pointer();
			iov[2 * i + 1] = below(4) ? below(512) : (uintptr_t)size_value();
		}
		return (uintptr_t)iov;
	}
	case 't': return make_timespec(1);
	case 'U': return make_timespec(2);
	case 'T': {   /* itimerval: interval, value (timevals) */
		long *t = take(32);
		for (int i = 0; i < 4; i++)
			t[i] = below(3) ? (i & 1 ? (long)below(200000) : 0) : small_int();
		return (uintptr_t)t;
	}
	case 'a': {   /* the kernel's struct sigaction: handler, flags, restorer, mask */
		uintptr_t *sa = take(32);
		static const uintptr_t flags[] = { 0, 0x04000000, 0x08000000, 0x10000000, 0x40000000,
			0x80000000, 0x4, 0x1, 0x2 };
		uintptr_t hs[] = { 0, 1, (uintptr_t)handler, bad_pointer() };
		sa[0] = PICK(hs);
		sa[1] = PICK(flags) | PICK(flags) | (below(8) ? 0 : next());
		sa[2] = below(2) ? 0 : below(2) ? (uintptr_t)handler : bad_pointer();
		sa[3] = below(2) ? 0 : next();
		return (uintptr_t)sa;
	}
	case 'g': {
		uint64_t *m = take(16);
		m[0] = below(2) ? 0 : next();
		m[1] = next();
		return (uintptr_t)m;
	}
	case 'A': {   /* stack_t: sp, flags, size */
		uintptr_t *ss = take(24);
		ss[0] = below(2) ? (uintptr_t)A.rw : bad_pointer();
		ss[1] = below(2) ? 0 : (uintptr_t)small_int();
		ss[2] = below(2) ? RWPAGES * PAGE : (uintptr_t)size_value();
		return (uintptr_t)ss;
	}
	case 'x': {   /* argv/envp */
		unsigned n = below(5) ? below(4) : 3000;
		bool terminated = below(8);
		uintptr_t *v = take(8 * (n + 1));
		if (v == (uintptr_t *)A.rw)
			n = 0;
		for (unsigned i = 0; i < n; i++)
			v[i] = below(6) ? (uintptr_t)(n > 100 ? "0123456789abcdef0123456789abcdef" : "x")
					: bad_pointer();
		v[n] = terminated ? 0 : (uintptr_t)A.guard - 8;
		if (!terminated)   /* the array itself runs into the guard page */
			return (uintptr_t)A.guard - 8 * (1 + below(3));
		return (uintptr_t)v;
	}
	case 'Q': {   /* pollfd array */
		unsigned n = below(6);
		int *q = take(8 * n + 8);
		for (unsigned i = 0; i < n; i++) {
			q[2 * i] = (int)fd_value();
			q[2 * i + 1] = (int)(next() & 0xffff);
		}
		return (uintptr_t)q;
	}
	case 'm': {
		static uintptr_t here;
		uintptr_t as[] = { (uintptr_t)A.rw + PAGE * below(RWPAGES), A.hole, 0,
			(uintptr_t)&here & ~(PAGE - 1), (uintptr_t)handler & ~(PAGE - 1),
			next() & 0x00007ffffffff000UL, 0x10000000UL + PAGE * below(64),
			(uintptr_t)A.rw + 1, bad_pointer() };
		return PICK(as);
	}
	default: return out_pointer();   /* 'p' */
	}
}

/* ---- one call: drawn, printed, made */
struct call {
	const struct spec *s;
	long a[6];
	unsigned self;   /* bit i: argument i is the child's own pid */
};

static long total_weight;

static bool in_scratch(long v)
{
	return (uintptr_t)v >= (uintptr_t)A.scratch &&
	       (uintptr_t)v < (uintptr_t)A.scratch + MAXGROUP * SCRATCH;
}

static long pid_value(struct call *c, int i, bool signal_target)
{
	static const long odd[] = { 99999, 0x7fffffff, -0x7fffffffL - 1 };
	switch (below(4)) {
	case 0: return 0;   /* own group (the child leads its own) */
	case 1: return PICK(odd);
	case 2: if (!signal_target) return below(2) ? -1 : 1;   /* fallthrough */
	default: c->self |= 1u << i; return SELF_PID;
	}
}

static void draw(struct call *c, uint64_t seed, long index)
{
	rng = seed ^ (0xd1b54a32d192ed03ULL * (uint64_t)(index + 1));
	next();
	long w = (long)(next() % (uint64_t)total_weight);
	const struct spec *s = specs;
	while (w >= s->weight) {
		w -= s->weight;
		s++;
	}
	memset(c, 0, sizeof *c);
	c->s = s;
	bool signals = !strcmp(s->name, "kill") || !strcmp(s->name, "tkill") ||
		       !strcmp(s->name, "tgkill") || !strcmp(s->name, "setpgid") ||
		       !strcmp(s->name, "prlimit64");
	bool outside_path = false;
	for (int i = 0; s->args[i]; i++) {
		long v;
		switch (s->args[i]) {
		case 'f': v = fd_value(); break;
		case 'W': {
			int own[] = { A.fd_file, A.fd_dir, A.fd_pr, A.fd_pw, -1, 9999 };
			v = PICK(own);
			break;
		}
		case 'd': {
			long ds[] = { AT_FDCWD, AT_FDCWD, A.fd_dir, A.fd_file, -1, (long)below(24) };
			v = PICK(ds);
			break;
		}
		case 'i': v = small_int(); break;
		case 'u': v = below(2) ? (long)next() : (long)make_pointer_arg('p'); break;
		case 'n': v = size_value(); break;
		case 'o': {
			static const long offs[] = { 0, -1, -4096, 1L << 40, 0x7fffffffffffffffL,
				-0x7fffffffffffffffL - 1, 4096 };
			v = below(2) ? (long)below(8192) : PICK(offs);
			break;
		}
		case 'l': {
			static const long lens[] = { 0, 1, 4096, 8192, 1L << 30, 1L << 40, -1L, -4096L,
				0x0000800000000000L };
			v = below(2) ? (long)(PAGE * (1 + below(32))) : PICK(lens);
			break;
		}
		case 'M': {
			static const long extra[] = { 0x10, 0x100000, 0x4000, 0x8000, 0x100, 0x20000 };
			v = (below(4) ? 0x02 : 0x01) | (below(8) ? 0x20 : 0);
			while (below(3) == 0)
				v |= PICK(extra);
			if (below(16) == 0)
				v = (long)(next() & 0xffffffff);
			break;
		}
		case 'F': {
			static const long fl[] = { O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND,
				O_NONBLOCK, 0200000 /* O_DIRECTORY */, O_CLOEXEC, 0400000 /* O_NOFOLLOW */,
				O_PATH };
			v = 0;
			while (below(2))
				v |= PICK(fl);
			if (below(16) == 0)
				v = (long)(next() & 0xffffffff);
			break;
		}
		case 'z': v = below(4) ? 8 : size_value(); break;
		case 'P': v = pid_value(c, i, signals); break;
		case 'S': v = below(8) ? (long)below(65) : small_int(); break;
		case 'I': {
			static const long rq[] = { 0x5401, 0x5402, 0x5403, 0x5404, 0x540f, 0x5410, 0x5413,
				0x5414, 0x541b, 0x5421, 0x540e, 0x5412 };
			v = below(6) ? PICK(rq) : small_int();
			break;
		}
		case 'K': {
			static const long cmds[] = { F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL,
				F_DUPFD_CLOEXEC, 5, 6, 7, 1024, 1025 };
			v = below(6) ? PICK(cmds) : small_int();
			break;
		}
		case 'C': {
			static const long cf[] = { 17 /* SIGCHLD */, 0x100, 0x4000, 0x10000, 0x80000,
				0x100000, 0x200000, 0x1000000, 0x400, 0x800, 0x20000000 };
			v = 17;
			while (below(2))
				v |= PICK(cf);
			break;
		}
		default:
			v = (long)make_pointer_arg(s->args[i]);
			if (s->args[i] == 's' && in_scratch(v) && (*(char *)v == '/' || *(char *)v == '.'))
				outside_path = true;
			break;
		}
		c->a[i] = v;
	}
	/* The rules that keep the run alive (see the top of this file). */
	const char *n = s->name;
	if (outside_path && (!strcmp(n, "open") || !strcmp(n, "openat"))) {
		int fi = !strcmp(n, "open") ? 1 : 2;
		c->a[fi] &= ~(long)(O_ACCMODE | O_CREAT | O_TRUNC | O_APPEND);
	}
	if (!known_issues && !strcmp(n, "mmap")) {
		if ((c->a[3] & 0x03) == 0x01 && (unsigned long)c->a[1] > (1UL << 20))
			c->a[1] = (long)(PAGE * (1 + below(256)));
		if ((c->a[3] & 0x100000) && (unsigned long)c->a[1] > (16UL << 20))
			c->a[1] = (long)(PAGE * (1 + below(4096)));
	}
}

static void describe(const struct call *c, long index, char *buf, size_t len)
{
	int n = snprintf(buf, len, "sysfuzz: call %ld: %s(", index, c->s->name);
	for (int i = 0; c->s->args[i] && n < (int)len; i++) {
		if (c->self & (1u << i))
			n += snprintf(buf + n, len - (size_t)n, "%sself", i ? ", " : "");
		else
			n += snprintf(buf + n, len - (size_t)n, "%s%#lx", i ? ", " : "", c->a[i]);
	}
	if (n < (int)len)
		snprintf(buf + n, len - (size_t)n, ")\n");
}

static bool forked_call(const char *name)
{
	return !strcmp(name, "fork") || !strcmp(name, "vfork") || !strcmp(name, "clone");
}

/* The child: its own group, quiet descriptors, then the calls. */
static void run_group(struct call *calls, int n)
{
	setpgid(0, 0);
	int null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd);
	alarm(2);
	long self = getpid();
	for (int i = 0; i < n; i++) {
		struct call *c = &calls[i];
		for (int j = 0; j < 6; j++)
			if (c->self & (1u << j))
				c->a[j] = self;
		long r = syscall(c->s->nr, c->a[0], c->a[1], c->a[2], c->a[3], c->a[4], c->a[5]);
		if (r == 0 && forked_call(c->s->name) && getpid() != self)
			_exit(0);   /* a new process: it has done its part */
	}
	_exit(0);
}

/* ---- the parent */
static char meminfo[2][1024];   /* /proc/meminfo at the two counts */

static long free_pages(int which)
{
	int fd = open("/proc/meminfo", O_RDONLY);
	if (fd < 0)
		return -1;
	char *buf = meminfo[which];
	long n = read(fd, buf, sizeof meminfo[0] - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	char *p = strstr(buf, "MemFree:");
	return p ? strtol(p + 8, NULL, 10) / 4 : -1;
}

/* The parent's own resident pages (/proc/self/status VmRSS). */
static long own_pages(void)
{
	int fd = open("/proc/self/status", O_RDONLY);
	if (fd < 0)
		return -1;
	char buf[1024];
	long n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	char *p = strstr(buf, "VmRSS:");
	return p ? strtol(p + 6, NULL, 10) / 4 : -1;
}

static void find_kernel_addresses(void)
{
	int fd = open("/proc/kmaps", O_RDONLY);
	if (fd < 0)
		return;
	static char buf[8192];
	long n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = 0;
	for (char *p = buf; (p = strstr(p, "0xffff")) && nkaddrs < 8; p += 6)
		kaddrs[nkaddrs++] = strtoul(p, NULL, 16);
}

static void sleep_ms(long ms)
{
	struct timespec t = { ms / 1000, (ms % 1000) * 1000000 };
	nanosleep(&t, NULL);
}

static long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* Wait for pid up to ms; 0 and *status when it ended, -1 if not. */
static int wait_for(int pid, long ms, int *status)
{
	long end = now_ms() + ms, nap = 1;
	for (;;) {
		int r = waitpid(pid, status, WNOHANG);
		if (r == pid)
			return 0;
		if (r < 0 && errno != EINTR)
			return -1;
		if (now_ms() > end)
			return -1;
		sleep_ms(nap);
		if (nap < 16)
			nap *= 2;
	}
}

static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		if (d) {
			struct dirent *e;
			char sub[512];
			while ((e = readdir(d))) {
				if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
					continue;
				snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
				remove_tree(sub);
			}
			closedir(d);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

static void clean_workdir(void);

/* The stack the parent may need later (remove_tree() recurses as deep as
 * the children nested directories) is made resident before the count. */
static void __attribute__((noinline)) touch_stack(void)
{
	volatile char deep[64 * 1024];
	for (size_t i = 0; i < sizeof deep; i += 512)
		deep[i] = 0;
}

static void setup(void)
{
	long total = RWPAGES + 1 + 1 + 1;
	char *m = mmap(NULL, total * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED) {
		printf("sysfuzz: FAIL cannot map the arena\n");
		exit(1);
	}
	A.rw = m;
	A.guard = m + RWPAGES * PAGE;
	A.ro = A.guard + PAGE;
	A.hole = (uintptr_t)(A.ro + PAGE);
	for (size_t i = 0; i < RWPAGES * PAGE; i++)
		A.rw[i] = (char)(i * 131 + 7);
	memset(A.ro, 'r', PAGE);   /* as a path: a long relative name */
	mprotect(A.guard, PAGE, PROT_NONE);
	mprotect(A.ro, PAGE, PROT_READ);
	munmap((void *)A.hole, PAGE);
	A.scratch = mmap(NULL, MAXGROUP * SCRATCH, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (A.scratch == MAP_FAILED) {
		printf("sysfuzz: FAIL cannot map the scratch area\n");
		exit(1);
	}
	memset(A.scratch, 0, MAXGROUP * SCRATCH);   /* its pages exist before the count */
	mkdir("/tmp", 0777);
	snprintf(A.dir, sizeof A.dir, "/tmp/sysfuzz.%d", getpid());
	remove_tree(A.dir);
	mkdir(A.dir, 0777);
	chdir(A.dir);
	A.fd_dir = open(".", O_RDONLY);
	A.fd_file = open("f.txt", O_RDWR | O_CREAT, 0644);
	A.fd_null = open("/dev/null", O_RDWR);
	int p[2];
	if (pipe2(p, O_NONBLOCK) == 0) {
		A.fd_pr = p[0];
		A.fd_pw = p[1];
	}
	char c = 0;   /* the pipe's buffer, and the heap opendir() uses, exist from now on */
	write(A.fd_pw, &c, 1);
	clean_workdir();
	find_kernel_addresses();
	touch_stack();
}

/* Undo what the children did to the run's own objects, so the free-page
 * count can be compared with the one taken after setup(): everything in
 * the working directory but the run's file goes, the file is emptied, the
 * pipe drained. */
static void clean_workdir(void)
{
	struct stat mine, named;
	bool keep = fstat(A.fd_file, &mine) == 0 && stat("f.txt", &named) == 0 &&
		    mine.st_ino == named.st_ino;
	DIR *d = opendir(A.dir);
	struct dirent *e;
	char names[64][64];
	int n = 0;
	while (d && (e = readdir(d)) && n < 64) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..") ||
		    (keep && !strcmp(e->d_name, "f.txt")))
			continue;
		snprintf(names[n++], sizeof names[0], "%s/%s", A.dir, e->d_name);
	}
	if (d)
		closedir(d);
	for (int i = 0; i < n; i++)
		remove_tree(names[i]);
	ftruncate(A.fd_file, 0);
	/* a child may have cleared O_NONBLOCK on the pipe (F_SETFL changes
	 * the description the parent shares): the drain must not block */
	fcntl(A.fd_pr, F_SETFL, O_NONBLOCK);
	char buf[512];
	while (read(A.fd_pr, buf, sizeof buf) > 0)
		;
}

static void teardown(void)
{
	int fds[] = { A.fd_dir, A.fd_file, A.fd_null, A.fd_pr, A.fd_pw };
	for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++)
		close(fds[i]);
	chdir("/");
	remove_tree(A.dir);
	munmap(A.scratch, MAXGROUP * SCRATCH);
	munmap(A.rw, (RWPAGES + 2) * PAGE);
}

/* After a page-count mismatch: what is in the places children might have
 * left files, and the parent's own size. */
static void show_dirs(void)
{
	static const char *const dirs[] = { "/", "/tmp", "/proc/self/status" };
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		DIR *d = opendir(dirs[i]);
		if (!d) {
			char buf[2048];
			int fd = open(dirs[i], O_RDONLY);
			long n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
			if (fd >= 0)
				close(fd);
			if (n > 0) {
				buf[n] = 0;
				printf("sysfuzz: %s:\n%s", dirs[i], buf);
			}
			continue;
		}
		printf("sysfuzz: %s:", dirs[i]);
		struct dirent *e;
		while ((e = readdir(d)))
			printf(" %s", e->d_name);
		printf("\n");
		closedir(d);
	}
}

static void usage(void)
{
	dprintf(2, "usage: sysfuzz [-s SEED] [-n COUNT] [-i FIRST] [-g GROUP] [-t MS] [-v] [-k]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	if (fcntl(1, F_GETFD) < 0) {   /* init without descriptors: the console */
		int fd = open("/dev/console", O_RDWR);
		while (fd >= 0 && fd < 2)
			fd = dup(fd);
	}
	uint64_t seed = 1;
	long count = 3000, first = 0, group = 4, timeout = 500;
	bool verbose = false;
	int opt;
	while ((opt = getopt(argc, argv, "s:n:i:g:t:vk")) != -1) {
		switch (opt) {
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'n': count = strtol(optarg, NULL, 0); break;
		case 'i': first = strtol(optarg, NULL, 0); break;
		case 'g': group = strtol(optarg, NULL, 0); break;
		case 't': timeout = strtol(optarg, NULL, 0); break;
		case 'v': verbose = true; break;
		case 'k': known_issues = false; break;
		default: usage();
		}
	}
	if (group < 1 || group > MAXGROUP || count < 0 || first < 0 || timeout < 1)
		usage();
	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++)
		total_weight += specs[i].weight;
	bool init = getpid() == 1;
	setvbuf(stdout, NULL, _IONBF, 0);
	printf("sysfuzz: seed %llu, calls %ld..%ld, %ld per child, %ld ms each%s%s\n",
	       (unsigned long long)seed, first, first + count - 1, group, timeout,
	       init ? ", as init" : "", known_issues ? "" : ", issue 15's old cases stepped around");
	setup();

	/* Warm up (the first fork fills kernel caches), then count. */
	int wp = fork();
	if (wp == 0)
		_exit(0);
	if (wp > 0)
		waitpid(wp, NULL, 0);
	static struct call calls[MAXGROUP];
	memset(calls, 0, sizeof calls);   /* every page the parent will use exists now */
	free_pages(1);
	own_pages();
	long own0 = own_pages(), free0 = free_pages(0);

	long children = 0, killed = 0, signalled = 0, unkillable = 0, forkfail = 0;
	char line[1024];
	for (long k = first; k < first + count; k += group) {
		int n = (int)(first + count - k < group ? first + count - k : group);
		for (int i = 0; i < n; i++) {
			alloc = A.scratch + (size_t)i * SCRATCH;
			alloc_end = alloc + SCRATCH;
			draw(&calls[i], seed, k + i);
			if (verbose) {
				describe(&calls[i], k + i, line, sizeof line);
				fputs(line, stdout);
			}
		}
		if (!verbose && (k - first) % 500 < group)
			printf("sysfuzz: calls %ld..\n", k);
		int pid = fork();
		if (pid < 0) {
			forkfail++;
			printf("sysfuzz: fork failed (%s) before call %ld\n", strerror(errno), k);
			sleep_ms(200);
			if (forkfail > 20)
				break;
			continue;
		}
		if (pid == 0)
			run_group(calls, n);
		children++;
		int st = 0;
		if (wait_for(pid, timeout, &st) < 0) {
			kill(-pid, SIGKILL);
			kill(pid, SIGKILL);
			killed++;
			if (wait_for(pid, 5000, &st) < 0) {
				unkillable++;
				printf("sysfuzz: FAIL pid %d (calls %ld..%ld) survives SIGKILL\n", pid, k,
				       k + n - 1);
				continue;
			}
		} else if (WIFSIGNALED(st)) {
			signalled++;
		}
		kill(-pid, SIGKILL);   /* what the child's group left behind */
	}

	/* Settle: every process reaped, the children's files gone, pages back. */
	long end = now_ms() + 3000, left = 0, free1 = -1, own1 = -1;
	for (;;) {
		int st;
		while (waitpid(-1, &st, WNOHANG) > 0)
			;
		left = 0;
		if (init) {   /* as init every process is ours */
			DIR *d = opendir("/proc");
			struct dirent *e;
			while (d && (e = readdir(d)))
				if (e->d_name[0] >= '1' && e->d_name[0] <= '9' && strcmp(e->d_name, "1"))
					left++;
			if (d)
				closedir(d);
		} else if (waitpid(-1, &st, WNOHANG) == 0) {
			left = 1;
		}
		clean_workdir();
		free1 = free_pages(1);
		own1 = own_pages();
		if ((left == 0 && free1 + own1 >= free0 + own0) || now_ms() > end)
			break;
		sleep_ms(50);
	}
	teardown();
	printf("sysfuzz: %ld calls in %ld children: %ld killed by the watchdog, %ld by a signal\n",
	       count, children, killed, signalled);
	/* Pages the parent itself took meanwhile (its heap, stack, data) are its
	 * own, not the kernel's: they count as free.  More free pages than at
	 * the start is no leak: the kernel heap may have handed back a page it
	 * held before the first count. */
	bool pages_back = free1 + own1 >= free0 + own0;
	bool ok = !unkillable && !left && pages_back && forkfail <= 20;
	if (!pages_back) {
		printf("sysfuzz: the parent's resident pages: %ld before, %ld after\n", own0, own1);
		show_dirs();
		printf("sysfuzz: /proc/meminfo before:\n%s", meminfo[0]);
		printf("sysfuzz: /proc/meminfo after:\n%s", meminfo[1]);
	}
	printf("sysfuzz: %s seed %llu: %s, %s, free pages %ld before, %ld after (+%ld the fuzzer took)\n",
	       ok ? "PASS" : "FAIL", (unsigned long long)seed,
	       unkillable ? "some children unkillable" : "every child killable",
	       left ? "processes left over" : "all reaped", free0, free1, own1 - own0);
	return ok ? 0 : 1;
}

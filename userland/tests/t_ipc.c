/* utests: memfd_create and its seals, POSIX shared memory in /dev/shm,
 * flock and fcntl record locks (POSIX and OFD) between processes,
 * rt_sigtimedwait, prctl, sendfile, statx, faccessat2.  The same binary
 * runs on Linux, the oracle. */
#include "utests.h"
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sched.h>

#define PG 4096L

static void pages_back(long free0)
{
	long free1 = free_pages();
	if (!on_linux)
		CHECK(free1 + 4 >= free0, "free pages %ld before, %ld after", free0, free1);
}

/* ================================================================ memfd */
UTEST(memfd_basic)
{
	long free0 = free_pages();
	int fd = memfd_create("utest", MFD_CLOEXEC);
	CHECK_OK(fd);
	CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC, "MFD_CLOEXEC");
	struct stat st;
	CHECK_OK(fstat(fd, &st));
	CHECK(S_ISREG(st.st_mode) && st.st_size == 0 && st.st_nlink == 0, "mode %o size %ld nlink %ld",
	      (unsigned)st.st_mode, (long)st.st_size, (long)st.st_nlink);
	CHECK_OK(ftruncate(fd, 64 * PG));
	char *m = mmap(NULL, 64 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED, "mmap: %s", errname(errno));
	for (long i = 0; i < 64; i++)
		m[i * PG] = (char)('a' + i % 26);
	char c;
	CHECK(pread(fd, &c, 1, 5 * PG) == 1 && c == 'f', "read sees the mapping: %c", c);
	CHECK(pwrite(fd, "Z", 1, 7 * PG) == 1 && m[7 * PG] == 'Z', "the mapping sees the write");
	/* a child shares the pages */
	int pid = fork();
	if (pid == 0) {
		m[PG] = '!';
		_exit(0);
	}
	CHECK(WIFEXITED(wait_timeout(pid, 5000)), "child");
	CHECK(m[PG] == '!', "the child's write is not shared");
	CHECK_OK(munmap(m, 64 * PG));
	CHECK_OK(close(fd));
	CHECK_ERR(memfd_create("x", 0x100), EINVAL);
	char longname[300];
	memset(longname, 'n', sizeof longname);
	longname[sizeof longname - 1] = '\0';
	CHECK_ERR(memfd_create(longname, 0), EINVAL);
	CHECK_ERR(memfd_create((const char *)8, 0), EFAULT);
	for (const struct bad_addr *b = arch_bad_pointers; b->what; b++)
		if (!b->straddles)
			CHECK_ERR(memfd_create((const char *)b->addr, 0), EFAULT);
	pages_back(free0);
}

UTEST(memfd_seals)
{
	int fd = memfd_create("plain", 0);
	CHECK_OK(fd);
	CHECK(fcntl(fd, F_GET_SEALS) == F_SEAL_SEAL, "without MFD_ALLOW_SEALING: %d", fcntl(fd, F_GET_SEALS));
	CHECK_ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EPERM);
	close(fd);

	fd = memfd_create("sealed", MFD_ALLOW_SEALING);
	CHECK_OK(fd);
	CHECK(fcntl(fd, F_GET_SEALS) == 0, "no seals yet");
	CHECK(write(fd, "0123456789", 10) == 10, "write");
	CHECK_ERR(fcntl(fd, F_ADD_SEALS, 0x1000), EINVAL);
	CHECK_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK));
	CHECK_ERR(ftruncate(fd, 5), EPERM);
	CHECK_OK(ftruncate(fd, 20));
	CHECK_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW));
	CHECK_ERR(ftruncate(fd, 30), EPERM);
	CHECK_ERR(pwrite(fd, "x", 1, 20), EPERM);
	CHECK(pwrite(fd, "x", 1, 19) == 1, "a write inside the size");
	/* F_SEAL_WRITE: refused while a shared writable mapping exists */
	char *m = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED, "mmap");
	CHECK_ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE), EBUSY);
	CHECK_OK(munmap(m, PG));
	CHECK_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
	CHECK_ERR(write(fd, "y", 1), EPERM);
	CHECK(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED && errno == EPERM,
	      "shared writable mapping of a sealed file: %s", errname(errno));
	m = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED && m[0] == '0', "read-only shared mapping");
	CHECK_ERR(mprotect(m, PG, PROT_READ | PROT_WRITE), EACCES);
	munmap(m, PG);
	m = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(m != MAP_FAILED, "private mapping");
	m[0] = 'P';   /* a private copy */
	char c;
	CHECK(pread(fd, &c, 1, 0) == 1 && c == '0', "a private write reached the file");
	munmap(m, PG);
	int want = F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE;
	CHECK(fcntl(fd, F_GET_SEALS) == want, "seals %d", fcntl(fd, F_GET_SEALS));
	CHECK_OK(fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL));
	CHECK_ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE), EPERM);
	/* a read-only descriptor may not add seals */
	close(fd);
	fd = memfd_create("ro", MFD_ALLOW_SEALING);
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	int ro = open(path, O_RDONLY);
	if (ro >= 0) {
		CHECK_ERR(fcntl(ro, F_ADD_SEALS, F_SEAL_WRITE), EPERM);
		close(ro);
	} else {
		note("no /proc/self/fd: the read-only case is not checked");
	}
	close(fd);
	/* other files take no seals */
	char tmp[64];
	snprintf(tmp, sizeof tmp, "/tmp/seal.%d", getpid());
	int f = open(tmp, O_CREAT | O_RDWR | O_TRUNC, 0600);
	CHECK_OK(f);
	CHECK_ERR(fcntl(f, F_ADD_SEALS, F_SEAL_WRITE), EINVAL);
	CHECK_ERR(fcntl(f, F_GET_SEALS), EINVAL);
	close(f);
	unlink(tmp);
}

/* ================================================================ /dev/shm */
UTEST(shm_open_share)
{
	struct stat st;
	CHECK(stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && (st.st_mode & 01777) == 01777,
	      "/dev/shm: %s", errname(errno));
	char name[64];
	snprintf(name, sizeof name, "/utest.%d", getpid());
	shm_unlink(name);
	int fd = shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600);
	CHECK_OK(fd);
	CHECK(fcntl(fd, F_GETFD) == FD_CLOEXEC, "shm_open's descriptor is close-on-exec");
	CHECK_ERR(shm_open(name, O_CREAT | O_EXCL | O_RDWR, 0600), EEXIST);
	CHECK_OK(ftruncate(fd, 2 * PG));
	int pid = fork();
	if (pid == 0) {
		int cfd = shm_open(name, O_RDWR, 0);
		if (cfd < 0)
			_exit(2);
		char *cm = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, cfd, 0);
		if (cm == MAP_FAILED)
			_exit(3);
		strcpy(cm + PG, "from the child");
		_exit(0);
	}
	int s = wait_timeout(pid, 5000);
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 0, "child: %s", status_str(s));
	char *m = mmap(NULL, 2 * PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED, "mmap");
	CHECK(!strcmp(m + PG, "from the child"), "shared: '%s'", m + PG);
	munmap(m, 2 * PG);
	close(fd);
	CHECK_OK(shm_unlink(name));
	CHECK_ERR(shm_unlink(name), ENOENT);
	CHECK_ERR(shm_open(name, O_RDWR, 0), ENOENT);
	CHECK_ERR(shm_open("/a/b", O_CREAT | O_RDWR, 0600), EINVAL);
}

/* ================================================================ flock */
static char lockpath[64];

static int open_lockfile(int flags)
{
	int fd = open(lockpath, flags | O_CREAT, 0600);
	CHECK_OK(fd);
	return fd;
}

static void flock_holder(void *arg)
{
	int fd = open_lockfile(O_RDWR);
	CHECK_OK(flock(fd, LOCK_EX));
	CHECK(write(*(int *)arg, "h", 1) == 1, "signal");
	sleep_ms(150);
	/* exit releases it: the description goes with the process */
}

UTEST(flock_basic)
{
	snprintf(lockpath, sizeof lockpath, "/tmp/flock.%d", getpid());
	int a = open_lockfile(O_RDWR), b = open_lockfile(O_RDWR);
	CHECK_OK(flock(a, LOCK_EX));
	CHECK_ERR(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	CHECK_ERR(flock(b, LOCK_SH | LOCK_NB), EWOULDBLOCK);
	CHECK_OK(flock(a, LOCK_EX | LOCK_NB));       /* again: no change */
	CHECK_OK(flock(a, LOCK_SH));                 /* downgrade */
	CHECK_OK(flock(b, LOCK_SH | LOCK_NB));
	CHECK_ERR(flock(a, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	CHECK_OK(close(b));                          /* b's lock goes with it */
	CHECK_OK(flock(a, LOCK_EX | LOCK_NB));
	/* a dup shares the description, so the lock */
	int d = dup(a);
	CHECK_OK(flock(d, LOCK_UN));
	b = open_lockfile(O_RDONLY);                 /* flock needs no write access */
	CHECK_OK(flock(b, LOCK_EX | LOCK_NB));
	CHECK_OK(flock(b, LOCK_UN));
	CHECK_ERR(flock(a, 0), EINVAL);
	CHECK_ERR(flock(a, LOCK_SH | LOCK_EX), EINVAL);
	CHECK_ERR(flock(200, LOCK_SH), EBADF);
	/* blocking: a child holds it, we wait until it exits */
	int p[2];
	CHECK_OK(pipe(p));
	int pid = spawn(flock_holder, &p[1]);
	char c;
	CHECK(read(p[0], &c, 1) == 1, "holder");
	CHECK_ERR(flock(a, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	CHECK_OK(flock(a, LOCK_EX));
	int s = wait_timeout(pid, 5000);
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 0, "holder: %s", status_str(s));
	close(a);
	close(b);
	close(d);
	close(p[0]);
	close(p[1]);
	unlink(lockpath);
}

/* ================================================================ record locks */
static int setlk(int fd, int cmd, int type, long start, long len)
{
	struct flock fl = { .l_type = (short)type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	return fcntl(fd, cmd, &fl);
}

static struct flock getlk(int fd, int cmd, int type, long start, long len)
{
	struct flock fl = { .l_type = (short)type, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	CHECK_OK(fcntl(fd, cmd, &fl));
	return fl;
}

struct lk_ctx {
	int tell, hear;         /* pipes: to the parent, from the parent */
};

static void tell(int fd) { CHECK(write(fd, "x", 1) == 1, "tell"); }
static void hear(int fd) { char c; CHECK(read(fd, &c, 1) == 1, "hear"); }

/* The child's side of fcntl_locks. */
static void lock_child(void *arg)
{
	struct lk_ctx *c = arg;
	int fd = open_lockfile(O_RDWR);
	/* the parent holds a write lock on [0, 10) */
	struct flock fl = getlk(fd, F_GETLK, F_RDLCK, 5, 1);
	CHECK(fl.l_type == F_WRLCK && fl.l_start == 0 && fl.l_len == 10 && fl.l_pid == getppid(),
	      "F_GETLK: type %d start %ld len %ld pid %d", fl.l_type, (long)fl.l_start, (long)fl.l_len,
	      fl.l_pid);
	fl = getlk(fd, F_GETLK, F_WRLCK, 10, 5);
	CHECK(fl.l_type == F_UNLCK, "F_GETLK past the lock: %d", fl.l_type);
	CHECK_ERR(setlk(fd, F_SETLK, F_RDLCK, 9, 2), EAGAIN);
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 10, 10));
	tell(c->tell);
	hear(c->hear);          /* the parent closed another descriptor of the file */
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 0, 10));
	tell(c->tell);
	hear(c->hear);
	/* deadlock: we hold [0, 20), the parent holds [100, 101) and waits
	 * for us; our wait for [100, 101) would close the circle */
	CHECK(wait_sleeping(getppid(), 5000), "the parent never waited");
	CHECK_ERR(setlk(fd, F_SETLKW, F_WRLCK, 100, 1), EDEADLK);
	/* exit releases [0, 20), and the parent's wait ends */
}

UTEST_T(fcntl_locks, 30)
{
	snprintf(lockpath, sizeof lockpath, "/tmp/lock.%d", getpid());
	unlink(lockpath);
	int fd = open_lockfile(O_RDWR), other = open_lockfile(O_RDONLY);
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 0, 10));
	/* our own locks never conflict with us */
	struct flock fl = getlk(fd, F_GETLK, F_WRLCK, 0, 0);
	CHECK(fl.l_type == F_UNLCK, "own lock reported: %d", fl.l_type);
	int up[2], down[2];
	CHECK_OK(pipe(up));
	CHECK_OK(pipe(down));
	struct lk_ctx c = { up[1], down[0] };
	int pid = spawn(lock_child, &c);
	hear(up[0]);
	fl = getlk(fd, F_GETLK, F_WRLCK, 15, 1);
	CHECK(fl.l_type == F_WRLCK && fl.l_pid == pid && fl.l_start == 10 && fl.l_len == 10,
	      "child's lock: type %d pid %d", fl.l_type, fl.l_pid);
	CHECK_OK(close(other));          /* POSIX: every lock of ours on the file goes */
	tell(down[1]);
	hear(up[0]);
	CHECK_ERR(setlk(fd, F_SETLK, F_WRLCK, 5, 1), EAGAIN);
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 100, 1));
	tell(down[1]);
	/* wait for the child's lock; it tries ours meanwhile (EDEADLK) and exits */
	CHECK_OK(setlk(fd, F_SETLKW, F_WRLCK, 0, 20));
	int s = wait_timeout(pid, 10000);
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 0, "child: %s", status_str(s));
	/* errors */
	int ro = open_lockfile(O_RDONLY), wo = open_lockfile(O_WRONLY);
	CHECK_ERR(setlk(ro, F_SETLK, F_WRLCK, 0, 1), EBADF);
	CHECK_ERR(setlk(wo, F_SETLK, F_RDLCK, 0, 1), EBADF);
	CHECK_ERR(setlk(fd, F_SETLK, 7, 0, 1), EINVAL);
	CHECK_ERR(setlk(fd, F_SETLK, F_WRLCK, -5, 1), EINVAL);
	CHECK_ERR(setlk(fd, F_SETLK, F_WRLCK, 3, -5), EINVAL);   /* [-2, 3) */
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 5, -5));            /* [0, 5) */
	struct flock bad = { .l_type = F_RDLCK, .l_whence = 9 };
	CHECK_ERR(fcntl(fd, F_SETLK, &bad), EINVAL);
	CHECK_ERR(fcntl(fd, F_SETLK, (struct flock *)8), EFAULT);
	CHECK_ERR(fcntl(fd, F_GETLK, (struct flock *)8), EFAULT);
	close(ro);
	close(wo);
	close(fd);
	close(up[0]);
	close(up[1]);
	close(down[0]);
	close(down[1]);
	unlink(lockpath);
}

/* execve from a thread that is not the leader: the process keeps its
 * record locks (the thread becomes the process, as on Linux). */
static int exec_sleep(void *arg)
{
	(void)arg;
	char *argv[] = { "sleep", "2", NULL };
	char *envp[] = { NULL };
	uexec(path_of("/bin/sleep"), argv, envp);
	return 127;
}

static void lock_then_exec_from_thread(void *arg)
{
	int fd = open_lockfile(O_RDWR);     /* not close-on-exec: the lock stays */
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 0, 1));
	tell(*(int *)arg);                  /* before the exec can end this thread */
	static char stack[16384] __attribute__((aligned(16)));
	static int ptid, ctid;
	long t = arch_clone_thread(CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
				   CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID,
				   stack + sizeof stack, &ptid, &ctid, 0, exec_sleep, NULL);
	CHECK(t > 0, "clone: %ld", t);
	for (;;)
		pause();                    /* killed by the thread's exec */
}

UTEST(fcntl_locks_exec_thread)
{
	snprintf(lockpath, sizeof lockpath, "/tmp/xlock.%d", getpid());
	unlink(lockpath);
	int p[2];
	CHECK_OK(pipe(p));
	int pid = spawn(lock_then_exec_from_thread, &p[1]);
	close(p[1]);
	hear(p[0]);
	sleep_ms(500);                      /* the exec is done */
	int fd = open_lockfile(O_RDWR);
	struct flock fl = getlk(fd, F_GETLK, F_WRLCK, 0, 1);
	CHECK(fl.l_type == F_WRLCK && fl.l_pid == pid, "after exec: type %d pid %d (want %d)", fl.l_type,
	      fl.l_pid, pid);
	kill(pid, SIGKILL);
	wait_timeout(pid, 5000);
	CHECK_OK(setlk(fd, F_SETLK, F_WRLCK, 0, 1));   /* gone with the process */
	close(fd);
	close(p[0]);
	unlink(lockpath);
}

/* Open-file-description locks: owned by the description, so two opens in
 * one process conflict; they conflict with process locks too. */
UTEST(fcntl_ofd_locks)
{
	snprintf(lockpath, sizeof lockpath, "/tmp/ofd.%d", getpid());
	int a = open_lockfile(O_RDWR), b = open_lockfile(O_RDWR);
	CHECK_OK(setlk(a, F_OFD_SETLK, F_WRLCK, 0, 0));
	CHECK_ERR(setlk(b, F_OFD_SETLK, F_RDLCK, 100, 1), EAGAIN);
	struct flock fl = getlk(b, F_OFD_GETLK, F_RDLCK, 0, 1);
	CHECK(fl.l_type == F_WRLCK && fl.l_pid == -1, "OFD F_GETLK: type %d pid %d", fl.l_type, fl.l_pid);
	CHECK_ERR(setlk(b, F_SETLK, F_RDLCK, 0, 1), EAGAIN);   /* a process lock conflicts */
	struct flock pid1 = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_pid = 1 };
	CHECK_ERR(fcntl(b, F_OFD_SETLK, &pid1), EINVAL);
	int d = dup(a);
	CHECK_OK(close(a));             /* the description lives on in d */
	CHECK_ERR(setlk(b, F_OFD_SETLK, F_RDLCK, 0, 1), EAGAIN);
	CHECK_OK(close(d));             /* now it is gone, and the lock */
	CHECK_OK(setlk(b, F_OFD_SETLK, F_RDLCK, 0, 1));
	close(b);
	unlink(lockpath);
}

/* ================================================================ sigtimedwait */
static void send_usr2_later(void *arg)
{
	sleep_ms(100);
	CHECK_OK(kill(*(int *)arg, SIGUSR2));
}

UTEST(sigtimedwait_calls)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	CHECK_OK(sigprocmask(SIG_BLOCK, &set, NULL));
	CHECK_OK(kill(getpid(), SIGUSR1));
	siginfo_t si;
	memset(&si, 0, sizeof si);
	struct timespec ts = { 0, 0 };
	CHECK(sigtimedwait(&set, &si, &ts) == SIGUSR1, "pending SIGUSR1: %s", errname(errno));
	CHECK(si.si_signo == SIGUSR1 && si.si_pid == getpid() && si.si_code == 0 /* SI_USER */,
	      "siginfo: signo %d pid %d code %d", si.si_signo, si.si_pid, si.si_code);
	sigset_t pend;
	CHECK_OK(sigpending(&pend));
	CHECK(!sigismember(&pend, SIGUSR1), "taken signal still pending");
	ts.tv_nsec = 30 * 1000000;
	CHECK_ERR(sigtimedwait(&set, &si, &ts), EAGAIN);
	/* blocked and waited for: a later signal from another process */
	int me = getpid();
	int pid = spawn(send_usr2_later, &me);
	CHECK(sigwaitinfo(&set, &si) == SIGUSR2 && si.si_pid == pid, "sigwaitinfo: %s pid %d",
	      errname(errno), si.si_pid);
	CHECK(WIFEXITED(wait_timeout(pid, 5000)), "sender");
	int sig = 0;
	CHECK_OK(kill(getpid(), SIGUSR2));
	CHECK(sigwait(&set, &sig) == 0 && sig == SIGUSR2, "sigwait: %d", sig);
	ts.tv_nsec = 1000000000;
	CHECK_ERR(sigtimedwait(&set, &si, &ts), EINVAL);
	ts.tv_sec = -1;
	ts.tv_nsec = 0;
	CHECK_ERR(sigtimedwait(&set, &si, &ts), EINVAL);
	CHECK_ERR(sigtimedwait((sigset_t *)8, &si, NULL), EFAULT);
	ts.tv_sec = 0;
	CHECK_ERR(sigtimedwait(&set, &si, (struct timespec *)8), EFAULT);
	CHECK_ERR(syscall(SYS_rt_sigtimedwait, &set, &si, &ts, 4), EINVAL);
	for (const struct bad_addr *b = arch_bad_pointers; b->what; b++)
		CHECK_ERR(sigtimedwait((sigset_t *)b->addr, &si, &ts), EFAULT);
}

/* ================================================================ prctl */
static int pdeath_pipe;
static void on_term(int sig)
{
	(void)sig;
	(void)!write(pdeath_pipe, "d", 1);
	_exit(0);
}

/* A grandchild asks for SIGTERM when its parent (the middle process) ends. */
static void middle(void *arg)
{
	int *p = arg;
	int ready[2];
	CHECK_OK(pipe(ready));
	int pid = fork();
	if (pid == 0) {
		signal(SIGTERM, on_term);
		pdeath_pipe = p[1];
		CHECK_OK(prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0));
		int got = 0;
		CHECK_OK(prctl(PR_GET_PDEATHSIG, &got, 0, 0, 0));
		CHECK(got == SIGTERM, "PR_GET_PDEATHSIG %d", got);
		tell(ready[1]);
		for (int i = 0; i < 100; i++)
			sleep_ms(50);
		_exit(3);
	}
	hear(ready[0]);
	/* returning exits: the grandchild gets SIGTERM */
}

UTEST(prctl_calls)
{
	CHECK_OK(prctl(PR_SET_NAME, "abcdefghijklmnopqrstuvwxyz", 0, 0, 0));
	char name[32];
	memset(name, 'X', sizeof name);
	CHECK_OK(prctl(PR_GET_NAME, name, 0, 0, 0));
	CHECK(!strcmp(name, "abcdefghijklmno"), "PR_GET_NAME '%s'", name);
	char comm[64] = "";
	int fd = open("/proc/self/comm", O_RDONLY);
	CHECK_OK(fd);
	CHECK(read(fd, comm, sizeof comm - 1) > 0, "read comm");
	close(fd);
	CHECK(!strcmp(comm, "abcdefghijklmno\n"), "/proc/self/comm '%s'", comm);
	CHECK_OK(prctl(PR_SET_NAME, "utests", 0, 0, 0));
	CHECK_ERR(prctl(PR_SET_NAME, (char *)8, 0, 0, 0), EFAULT);
	CHECK_ERR(prctl(PR_GET_NAME, (char *)8, 0, 0, 0), EFAULT);
	CHECK(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 1, "dumpable");
	CHECK_OK(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0));
	CHECK(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0, "not dumpable");
	CHECK_ERR(prctl(PR_SET_DUMPABLE, 2, 0, 0, 0), EINVAL);
	CHECK_OK(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0));
	CHECK(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0, "no_new_privs starts clear");
	CHECK_ERR(prctl(PR_SET_NO_NEW_PRIVS, 2, 0, 0, 0), EINVAL);
	CHECK_ERR(prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0), EINVAL);
	CHECK_OK(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0));
	CHECK(prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1, "no_new_privs set");
	CHECK_ERR(prctl(PR_SET_PDEATHSIG, 1000, 0, 0, 0), EINVAL);
	CHECK_ERR(prctl(PR_GET_PDEATHSIG, (int *)8, 0, 0, 0), EFAULT);
	CHECK_ERR(prctl(0x7fff1234, 0, 0, 0, 0), EINVAL);
	/* the parent-death signal */
	int p[2];
	CHECK_OK(pipe(p));
	int pid = spawn(middle, p);
	int s = wait_timeout(pid, 5000);
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 0, "middle: %s", status_str(s));
	char c = 0;
	CHECK(read(p[0], &c, 1) == 1 && c == 'd', "no parent-death signal");
	close(p[0]);
	close(p[1]);
}

/* ================================================================ sendfile, statx, faccessat2 */
UTEST(sendfile_calls)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/sendfile.%d", getpid());
	int f = open(path, O_CREAT | O_RDWR | O_TRUNC, 0600);
	CHECK_OK(f);
	static char data[10000];
	for (size_t i = 0; i < sizeof data; i++)
		data[i] = (char)('A' + i % 23);
	CHECK(write(f, data, sizeof data) == (long)sizeof data, "write");
	int out = open(path, O_RDONLY);   /* read back through another file */
	char copy[64];
	snprintf(copy, sizeof copy, "/tmp/sendfile2.%d", getpid());
	int dst = open(copy, O_CREAT | O_RDWR | O_TRUNC, 0600);
	CHECK_OK(dst);
	off_t off = 100;
	CHECK(sendfile(dst, f, &off, 9000) == 9000 && off == 9100, "sendfile with offset: off %ld", (long)off);
	CHECK(lseek(f, 0, SEEK_CUR) == (off_t)sizeof data, "the file offset moved");
	CHECK_OK(lseek(f, 9990, SEEK_SET));
	CHECK(sendfile(dst, f, NULL, 100) == 10, "sendfile to the end");
	CHECK(lseek(f, 0, SEEK_CUR) == 10000, "the file offset did not move");
	CHECK(sendfile(dst, f, NULL, 100) == 0, "at the end");
	static char back[9010];
	CHECK(pread(dst, back, sizeof back, 0) == 9010, "read back");
	CHECK(!memcmp(back, data + 100, 9000) && !memcmp(back + 9000, data + 9990, 10), "the bytes");
	int p[2];
	CHECK_OK(pipe(p));
	CHECK(sendfile(p[1], f, (off_t[]){ 0 }, 50) == 50, "to a pipe");
	CHECK_ERR(sendfile(dst, p[0], NULL, 10), EINVAL);      /* from a pipe */
	CHECK_ERR(sendfile(out, f, NULL, 10), EBADF);          /* to a read-only file */
	CHECK_ERR(sendfile(dst, 200, NULL, 10), EBADF);
	CHECK_ERR(sendfile(dst, f, (off_t *)8, 10), EFAULT);
	off = -1;
	CHECK_ERR(sendfile(dst, f, &off, 10), EINVAL);
	close(p[0]);
	close(p[1]);
	close(f);
	close(out);
	close(dst);
	unlink(path);
	unlink(copy);
}

UTEST(statx_faccessat2)
{
	char path[64];
	snprintf(path, sizeof path, "/tmp/statx.%d", getpid());
	int f = open(path, O_CREAT | O_RDWR | O_TRUNC, 0640);
	CHECK_OK(f);
	CHECK(write(f, "hello", 5) == 5, "write");
	struct stat st;
	CHECK_OK(fstat(f, &st));
	struct statx sx;
	memset(&sx, 0xff, sizeof sx);
	CHECK_OK(statx(AT_FDCWD, path, 0, STATX_BASIC_STATS, &sx));
	CHECK((sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS, "mask %#x", sx.stx_mask);
	CHECK(sx.stx_size == 5 && sx.stx_mode == st.st_mode && sx.stx_ino == st.st_ino && sx.stx_nlink == 1,
	      "size %lu mode %o", (unsigned long)sx.stx_size, sx.stx_mode);
	CHECK(sx.stx_mtime.tv_sec == st.st_mtim.tv_sec && sx.stx_mtime.tv_nsec == st.st_mtim.tv_nsec, "mtime");
	CHECK(((unsigned long)sx.stx_dev_major << 8 | sx.stx_dev_minor) == (st.st_dev & 0xfffff) ||
	      sx.stx_dev_major == ((st.st_dev >> 8) & 0xfff), "dev %u:%u vs %#lx", sx.stx_dev_major,
	      sx.stx_dev_minor, (unsigned long)st.st_dev);
	memset(&sx, 0, sizeof sx);
	CHECK_OK(statx(f, "", AT_EMPTY_PATH, STATX_SIZE, &sx));
	CHECK(sx.stx_size == 5, "AT_EMPTY_PATH size");
	CHECK_ERR(statx(AT_FDCWD, path, 0, STATX__RESERVED, &sx), EINVAL);
	CHECK_ERR(statx(AT_FDCWD, path, 0x80000000, STATX_SIZE, &sx), EINVAL);
	CHECK_ERR(statx(AT_FDCWD, path, 0, STATX_SIZE, (struct statx *)8), EFAULT);
	CHECK_ERR(statx(AT_FDCWD, "/nonexistent/x", 0, STATX_SIZE, &sx), ENOENT);
	CHECK_ERR(statx(AT_FDCWD, (char *)8, 0, STATX_SIZE, &sx), EFAULT);
	/* faccessat2 */
	CHECK_OK(faccessat(AT_FDCWD, path, R_OK | W_OK, AT_EACCESS));
	CHECK_ERR(faccessat(AT_FDCWD, path, X_OK, AT_EACCESS), EACCES);
	CHECK_OK(faccessat(f, "", R_OK, AT_EMPTY_PATH));
	char link[64];
	snprintf(link, sizeof link, "/tmp/statx-link.%d", getpid());
	unlink(link);
	CHECK_OK(symlink("/nonexistent/target", link));
	CHECK_ERR(faccessat(AT_FDCWD, link, F_OK, 0), ENOENT);
	CHECK_OK(faccessat(AT_FDCWD, link, F_OK, AT_SYMLINK_NOFOLLOW));
	CHECK_ERR(faccessat(AT_FDCWD, path, R_OK, 0x4000), EINVAL);
	CHECK_ERR(faccessat(AT_FDCWD, path, 0x40, AT_EACCESS), EINVAL);
	CHECK_ERR(faccessat(AT_FDCWD, (char *)8, R_OK, AT_EACCESS), EFAULT);
	unlink(link);
	close(f);
	unlink(path);
}

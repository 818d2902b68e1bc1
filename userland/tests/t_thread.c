/* utests: threads made with raw clone (the libc has no pthreads): what
 * they share and what each owns, futex waits and wakes, the robust-list
 * walk at a thread's death, signals to one thread or to the process, exit
 * of one thread or of the group, execve from a thread, vfork, clone3.
 * Every test runs on Linux too, which is the oracle. */
#include "utests.h"
#include <signal.h>
#include <unistd.h>
#include <fcntl.h>
#include <sched.h>
#include <time.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <dirent.h>
#include <uapi/futex.h>

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | \
		      CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID)
#define STACK_SIZE (64 * 1024)
#define FUTEX_WAIT_PRIVATE_ (FUTEX_WAIT | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_PRIVATE_ (FUTEX_WAKE | FUTEX_PRIVATE_FLAG)
#define FUTEX_CMP_REQUEUE_PRIVATE_ (FUTEX_CMP_REQUEUE | FUTEX_PRIVATE_FLAG)
#define FUTEX_WAKE_OP_PRIVATE_ (FUTEX_WAKE_OP | FUTEX_PRIVATE_FLAG)

struct thread {
	volatile int ctid;      /* the tid until the thread ends, then 0 (and a futex wake) */
	int ptid;
	long tid;
	void *stack;
};

static long futex(volatile int *uaddr, int op, int val, const struct timespec *ts,
		  volatile int *uaddr2, int val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

static void thread_start(struct thread *t, int (*fn)(void *), void *arg, unsigned long tls)
{
	t->stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(t->stack != MAP_FAILED, "mmap a stack: %s", errname(errno));
	t->ctid = -1;
	t->tid = arch_clone_thread(THREAD_FLAGS, (char *)t->stack + STACK_SIZE, &t->ptid,
				   (int *)&t->ctid, tls, fn, arg);
	CHECK(t->tid > 0, "clone a thread: %s", errname((int)-t->tid));
}

/* pthread_join's way: sleep on the clear-child-tid word until it is 0. */
static void thread_join(struct thread *t)
{
	for (;;) {
		int v = t->ctid;
		if (v == 0)
			break;
		long r = futex(&t->ctid, FUTEX_WAIT, v, NULL, NULL, 0);
		CHECK(r == 0 || errno == EAGAIN || errno == EINTR, "join: futex: %s", errname(errno));
	}
	munmap(t->stack, STACK_SIZE);
}

static long gettid_(void)
{
	return syscall(SYS_gettid);
}

/* ---------------------------------------------------------------- sharing */

static struct {
	long pid, tid, tls;
	int fd;
	volatile int counter;
} seen;

static int sharer(void *arg)
{
	seen.pid = getpid();
	seen.tid = gettid_();
	seen.tls = (long)arch_get_tls();
	seen.fd = open("/", O_RDONLY);            /* CLONE_FILES: the caller sees it */
	umask(027);                               /* CLONE_FS */
	seen.counter += (int)(long)arg;           /* CLONE_VM */
	return 0;
}

UTEST(thread_shares_and_owns)
{
	static char tls_block[64];
	struct thread t;
	seen.counter = 1;
	seen.fd = -1;
	mode_t old = umask(022);
	long tls_before = (long)arch_get_tls();
	thread_start(&t, sharer, (void *)41L, (unsigned long)tls_block);
	thread_join(&t);
	CHECK(seen.pid == getpid(), "getpid in the thread: %ld, the process: %d", seen.pid, getpid());
	CHECK(seen.tid == t.tid && seen.tid == t.ptid && seen.tid != getpid(),
	      "gettid %ld, clone said %ld, ptid %d, pid %d", seen.tid, t.tid, t.ptid, getpid());
	CHECK(gettid_() == getpid(), "the first thread's tid is the pid");
	CHECK(seen.tls == (long)tls_block, "the thread's TLS register: %#lx, want %p", seen.tls,
	      (void *)tls_block);
	CHECK((long)arch_get_tls() == tls_before, "CLONE_SETTLS changed the caller's TLS register");
	CHECK(seen.counter == 42, "memory is shared: counter %d", seen.counter);
	CHECK(seen.fd >= 0 && fcntl(seen.fd, F_GETFD) >= 0, "the thread's descriptor %d is ours",
	      seen.fd);
	close(seen.fd);
	CHECK(umask(old) == 027, "the thread's umask is ours");
}

/* The rules Linux keeps: threads share handlers, shared handlers need
 * shared memory; and on x86-64 a TLS base outside user space is EPERM. */
UTEST(clone_flag_rules)
{
	int tid = -1;
	CHECK_ERR(syscall(SYS_clone, CLONE_THREAD | CLONE_VM, 0L, &tid, &tid, 0L), EINVAL);
	CHECK_ERR(syscall(SYS_clone, CLONE_SIGHAND | SIGCHLD, 0L, &tid, &tid, 0L), EINVAL);
	CHECK(tid == -1, "a refused clone wrote the tid word");
	if (!strcmp(arch_machine, "x86_64")) {
		struct thread t = { 0 };
		long r = arch_clone_thread(THREAD_FLAGS, (char *)&t + sizeof t, &t.ptid, (int *)&t.ctid,
					   0x8000000000000000UL, sharer, NULL);
		CHECK(r == -EPERM, "clone with a non-canonical TLS base: %ld, want -EPERM", r);
	}
}

/* ---------------------------------------------------------------- futex */

UTEST(futex_errors_and_timeouts)
{
	static volatile int word = 5;
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	CHECK_ERR(futex(&word, FUTEX_WAIT, 4, NULL, NULL, 0), EAGAIN);
	CHECK_ERR(futex(&word, FUTEX_WAIT_PRIVATE_, 4, NULL, NULL, 0), EAGAIN);
	long t0 = now_ms();
	CHECK_ERR(futex(&word, FUTEX_WAIT, 5, &ts, NULL, 0), ETIMEDOUT);
	CHECK(now_ms() - t0 >= 15, "a 20 ms wait ended after %ld ms", now_ms() - t0);
	/* WAIT_BITSET: an absolute time, monotonic or (with the flag) real */
	struct timespec abs;
	clock_gettime(CLOCK_MONOTONIC, &abs);
	abs.tv_nsec += 20 * 1000 * 1000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	CHECK_ERR(futex(&word, FUTEX_WAIT_BITSET | FUTEX_PRIVATE_FLAG, 5, &abs, NULL, -1), ETIMEDOUT);
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_sec -= 1;     /* already past */
	CHECK_ERR(futex(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 5, &abs, NULL, -1), ETIMEDOUT);
	struct timespec bad = { 0, 1000000000 };
	CHECK_ERR(futex(&word, FUTEX_WAIT, 5, &bad, NULL, 0), EINVAL);
	CHECK_ERR(futex(&word, FUTEX_WAIT_BITSET, 5, NULL, NULL, 0), EINVAL);   /* empty bitset */
	CHECK_ERR(futex((volatile int *)((char *)&word + 1), FUTEX_WAIT, 5, NULL, NULL, 0), EINVAL);
	CHECK_ERR(futex(NULL, FUTEX_WAIT, 0, NULL, NULL, 0), EFAULT);
	CHECK_ERR(futex(&word, FUTEX_WAIT, 5, (struct timespec *)8, NULL, 0), EFAULT);
	CHECK(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0) == 0, "a wake with no waiter woke some");
	CHECK_ERR(futex(&word, FUTEX_LOCK_PI + 100, 0, NULL, NULL, 0), ENOSYS);
}

/* Two threads hand a token back and forth through one word. */
#define ROUNDS 500
static volatile int turn;
static volatile int handoffs;

static void take_turn(int me)
{
	while (turn != me)
		futex(&turn, FUTEX_WAIT_PRIVATE_, !me, NULL, NULL, 0);
	handoffs++;
	turn = !me;
	futex(&turn, FUTEX_WAKE_PRIVATE_, 1, NULL, NULL, 0);
}

static int ponger(void *arg)
{
	(void)arg;
	for (int i = 0; i < ROUNDS; i++)
		take_turn(1);
	return 0;
}

UTEST(futex_ping_pong)
{
	struct thread t;
	turn = 0;
	handoffs = 0;
	thread_start(&t, ponger, NULL, 0);
	for (int i = 0; i < ROUNDS; i++)
		take_turn(0);
	thread_join(&t);
	CHECK(handoffs == 2 * ROUNDS, "%d handoffs, want %d", handoffs, 2 * ROUNDS);
}

/* Three waiters on one word: CMP_REQUEUE wakes one and moves two to
 * another word, where one wake finds both. */
static volatile int qa, qb, ready_count, done_count;

static int queued_waiter(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&ready_count, 1, __ATOMIC_SEQ_CST);
	while (qa == 0)
		futex(&qa, FUTEX_WAIT_PRIVATE_, 0, NULL, NULL, 0);
	__atomic_add_fetch(&done_count, 1, __ATOMIC_SEQ_CST);
	return 0;
}

UTEST(futex_requeue)
{
	if (exec_wrapper)
		skip("qemu-user 7.2 loses requeued waiters (seen: they never wake)");
	struct thread t[3];
	qa = qb = ready_count = done_count = 0;
	for (int i = 0; i < 3; i++)
		thread_start(&t[i], queued_waiter, NULL, 0);
	while (ready_count < 3)
		sched_yield();
	sleep_ms(100);   /* long enough for each to be asleep in FUTEX_WAIT */
	qa = 1;   /* whoever wakes finds it set and stays awake */
	CHECK_ERR(futex(&qa, FUTEX_CMP_REQUEUE_PRIVATE_, 1, (void *)2L, &qb, 0), EAGAIN);
	long r = futex(&qa, FUTEX_CMP_REQUEUE_PRIVATE_, 1, (void *)2L, &qb, 1);
	CHECK(r == 3, "CMP_REQUEUE: %ld (%s), want 1 woken + 2 moved", r, r < 0 ? errname(errno) : "");
	r = futex(&qb, FUTEX_WAKE_PRIVATE_, 10, NULL, NULL, 0);
	CHECK(r == 2, "the wake on the second word woke %ld, want 2", r);
	for (int i = 0; i < 3; i++)
		thread_join(&t[i]);
	CHECK(done_count == 3, "%d waiters finished", done_count);
}

/* WAKE_OP as old glibc's condition variables used it: change the second
 * word, wake on the first, and on the second if the old value compares. */
UTEST(futex_wake_op)
{
	static volatile int w1, w2 = 3;
	int op = (FUTEX_OP_ADD << 28) | (FUTEX_OP_CMP_EQ << 24) | (2 << 12) | 3;
	long r = futex(&w1, FUTEX_WAKE_OP_PRIVATE_, 1, (void *)1L, &w2, op);
	CHECK(r == 0 && w2 == 5, "WAKE_OP: %ld, word %d (want 0 and 5)", r, w2);
	CHECK_ERR(futex(&w1, FUTEX_WAKE_OP, 1, (void *)1L, NULL, op), EFAULT);
}

/* ---------------------------------------------------------------- robust lists */

struct robust_head {
	void *next;
	long futex_offset;
	void *pending;
};

struct robust_mutex {
	void *next;             /* the list link, futex_offset before the word */
	volatile int word;
};

static struct robust_head rhead;
static struct robust_mutex rmutex;
static volatile int robust_locked;
static long got_head, got_len;

static int robust_owner(void *arg)
{
	(void)arg;
	rhead.next = &rhead;
	rhead.futex_offset = (long)offsetof(struct robust_mutex, word);
	rhead.pending = NULL;
	if (syscall(SYS_set_robust_list, &rhead, sizeof rhead) < 0)
		return 1;
	if (syscall(SYS_get_robust_list, 0, &got_head, &got_len) < 0)
		return 2;
	/* "lock" it: our tid in the word, on the list; then die holding it */
	rmutex.word = (int)gettid_();
	rmutex.next = &rhead;
	rhead.next = &rmutex;
	robust_locked = 1;
	futex(&robust_locked, FUTEX_WAKE, 1, NULL, NULL, 0);
	while (!(rmutex.word & FUTEX_WAITERS))
		sched_yield();
	return 0;               /* exits with the mutex held */
}

UTEST(robust_mutex_owner_dies)
{
	if (exec_wrapper)
		skip("qemu-user answers set_robust_list with ENOSYS");
	struct thread t;
	robust_locked = 0;
	rmutex.word = 0;
	CHECK_ERR(syscall(SYS_set_robust_list, &rhead, sizeof rhead - 1), EINVAL);
	thread_start(&t, robust_owner, NULL, 0);
	while (!robust_locked)
		futex(&robust_locked, FUTEX_WAIT, 0, NULL, NULL, 0);
	/* wait for the mutex as a libc would: set FUTEX_WAITERS, sleep */
	int owner = rmutex.word;
	CHECK(owner == t.tid, "the owner's word: %#x, want its tid %ld", owner, t.tid);
	rmutex.word = owner | (int)FUTEX_WAITERS;
	long r = futex(&rmutex.word, FUTEX_WAIT, owner | (int)FUTEX_WAITERS, NULL, NULL, 0);
	CHECK(r == 0 || errno == EAGAIN, "waiting for the dead owner: %s", errname(errno));
	thread_join(&t);
	CHECK(got_head == (long)&rhead && got_len == (long)sizeof rhead,
	      "get_robust_list: %#lx/%ld", got_head, got_len);
	CHECK((unsigned)rmutex.word == (FUTEX_OWNER_DIED | FUTEX_WAITERS),
	      "the word after the owner died: %#x, want OWNER_DIED | WAITERS", rmutex.word);
}

/* ---------------------------------------------------------------- signals */

static volatile long handled_by;
static volatile int stop_sleeping;      /* for sleepers started with a NULL argument */

static void note_tid(int sig)
{
	(void)sig;
	handled_by = gettid_();
}

/* Sleep in short naps until *arg (or stop_sleeping) becomes non-zero. */
static int sleeper(void *arg)
{
	volatile int *stop = arg ? arg : &stop_sleeping;
	while (!*stop) {
		struct timespec ts = { 0, 5 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	return 0;
}

/* tgkill reaches the thread named; kill reaches a thread that does not
 * block the signal. */
UTEST(signals_to_threads)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = note_tid;
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	struct thread a, b;
	static volatile int stop_a, stop_b;
	stop_a = stop_b = 0;
	thread_start(&a, sleeper, (void *)&stop_a, 0);
	handled_by = 0;
	CHECK_OK(syscall(SYS_tgkill, getpid(), a.tid, SIGUSR1));
	for (int i = 0; i < 200 && !handled_by; i++)
		sleep_ms(5);
	CHECK(handled_by == a.tid, "tgkill to %ld was handled by %ld", a.tid, handled_by);
	CHECK_ERR(syscall(SYS_tgkill, getpid() + 100000, a.tid, SIGUSR1), ESRCH);
	/* the first thread blocks SIGUSR1, so kill must land on b */
	thread_start(&b, sleeper, (void *)&stop_b, 0);
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, &old);
	stop_a = 1;
	thread_join(&a);
	handled_by = 0;
	CHECK_OK(kill(getpid(), SIGUSR1));
	for (int i = 0; i < 200 && !handled_by; i++)
		sleep_ms(5);
	CHECK(handled_by == b.tid, "kill: handled by %ld, want the unblocking thread %ld", handled_by,
	      b.tid);
	stop_b = 1;
	thread_join(&b);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* A futex wait ends with EINTR when a handler runs in that thread. */
static volatile int never;
static volatile long wait_result;

static int interrupted_waiter(void *arg)
{
	(void)arg;
	long r = futex(&never, FUTEX_WAIT_PRIVATE_, 0, NULL, NULL, 0);
	wait_result = r < 0 ? -errno : r;
	return 0;
}

UTEST(futex_eintr)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = note_tid;
	CHECK_OK(sigaction(SIGUSR2, &sa, NULL));
	struct thread t;
	wait_result = 1;
	thread_start(&t, interrupted_waiter, NULL, 0);
	sleep_ms(50);
	CHECK_OK(syscall(SYS_tgkill, getpid(), t.tid, SIGUSR2));
	thread_join(&t);
	CHECK(wait_result == -EINTR, "the wait ended with %ld, want -EINTR", wait_result);
}

/* ---------------------------------------------------------------- exit */

static int exit_group_5(void *arg)
{
	(void)arg;
	sleep_ms(20);
	syscall(SYS_exit_group, 5);
	return 1;
}

static void group_exits(void *arg)
{
	(void)arg;
	struct thread t;
	thread_start(&t, exit_group_5, NULL, 0);
	for (;;)
		pause();        /* the other thread's exit_group ends this one too */
}

UTEST(exit_group_from_a_thread)
{
	int pid = spawn(group_exits, NULL);
	int st = wait_timeout(pid, 5000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 5, "the process: %s, want exit 5", status_str(st));
}

static int pipe_w;

static int outlive_leader(void *arg)
{
	(void)arg;
	sleep_ms(50);
	/* the leader has exited: we are still the process, with its pid */
	char msg[32];
	int n = snprintf(msg, sizeof msg, "alive %d", getpid());
	write(pipe_w, msg, (size_t)n);
	return 6;
}

/* exit ends one thread: the process lives on in the others and ends with
 * the last, whose exit code wait4 reports (Linux's choice, seen here). */
UTEST(exit_ends_one_thread)
{
	int p[2];
	CHECK_OK(pipe(p));
	int pid = fork();
	CHECK(pid >= 0, "fork: %s", errname(errno));
	if (pid == 0) {
		close(p[0]);
		pipe_w = p[1];
		struct thread t;
		thread_start(&t, outlive_leader, NULL, 0);
		syscall(SYS_exit, 3);
	}
	close(p[1]);
	char buf[32] = { 0 }, want[32];
	long n = read(p[0], buf, sizeof buf - 1);
	snprintf(want, sizeof want, "alive %d", pid);
	CHECK(n > 0 && !strcmp(buf, want), "the thread said \"%s\", want \"%s\"", buf, want);
	close(p[0]);
	int st = wait_timeout(pid, 5000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 6, "the process: %s, want exit 6", status_str(st));
}

static void threads_then_wait(void *arg)
{
	(void)arg;
	struct thread t;
	stop_sleeping = 0;
	thread_start(&t, sleeper, NULL, 0);
	/* threads are not children */
	if (waitpid(-1, NULL, WNOHANG) != -1 || errno != ECHILD)
		fail("wait4 saw a thread as a child");
	if (waitpid((int)t.tid, NULL, WNOHANG) != -1 || errno != ECHILD)
		fail("wait4 on a thread id");
	for (;;)
		pause();
}

/* A fatal signal ends every thread; wait4 reports the process once. */
UTEST(fatal_signal_ends_all)
{
	int pid = spawn(threads_then_wait, NULL);
	sleep_ms(50);
	CHECK_OK(kill(pid, SIGTERM));
	int st = wait_timeout(pid, 5000);
	CHECK(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "the process: %s", status_str(st));
	CHECK_ERR(waitpid(pid, NULL, WNOHANG), ECHILD);
}

/* ---------------------------------------------------------------- /proc */

static bool file_has(const char *path, const char *text)
{
	char buf[2048];
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return false;
	long n = read(fd, buf, sizeof buf - 1);
	close(fd);
	buf[n > 0 ? n : 0] = 0;
	return strstr(buf, text) != NULL;
}

static int count_entries(const char *path, long want_name, bool *found)
{
	DIR *d = opendir(path);
	int n = 0;
	*found = false;
	if (!d)
		return -1;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		n++;
		char name[24];
		snprintf(name, sizeof name, "%ld", want_name);
		*found |= !strcmp(e->d_name, name);
	}
	closedir(d);
	return n;
}

/* /proc lists processes; each has task/TID per thread; status says how
 * many threads and whose group a thread is in. */
UTEST(proc_shows_tasks)
{
	if (exec_wrapper)
		skip("under qemu-user, /proc/self is qemu, with threads of its own");
	struct thread t;
	static volatile int stop;
	stop = 0;
	thread_start(&t, sleeper, (void *)&stop, 0);
	char path[64], text[64];
	bool found;
	CHECK(file_has("/proc/self/status", "\nThreads:\t2\n"), "/proc/self/status: not Threads: 2");
	int n = count_entries("/proc/self/task", t.tid, &found);
	CHECK(n == 2 && found, "/proc/self/task: %d entries, thread %ld %s", n, t.tid,
	      found ? "there" : "missing");
	count_entries("/proc", t.tid, &found);
	CHECK(!found, "/proc lists thread %ld as a process", t.tid);
	snprintf(path, sizeof path, "/proc/%d/task/%ld/status", getpid(), t.tid);
	snprintf(text, sizeof text, "\nTgid:\t%d\n", getpid());
	CHECK(file_has(path, text), "%s: no \"Tgid: %d\"", path, getpid());
	snprintf(text, sizeof text, "\nPid:\t%ld\n", t.tid);
	CHECK(file_has(path, text), "%s: no \"Pid: %ld\"", path, t.tid);
	stop = 1;
	thread_join(&t);
	CHECK(file_has("/proc/self/status", "\nThreads:\t1\n"), "after the join: not Threads: 1");
}

/* ---------------------------------------------------------------- exec */

static char *exec_argv[7];
static char *exec_envp[] = { "RINGEL_A=1", "EMPTY=", "LAST=the end", NULL };

static int exec_in_thread(void *arg)
{
	(void)arg;
	uexec(path_of("/bin/exec_helper"), exec_argv, exec_envp);
	return 100 + errno;
}

static void exec_from_thread(void *arg)
{
	(void)arg;
	static char pidarg[32], fdarg[16];
	snprintf(pidarg, sizeof pidarg, "pid=%d", getpid());
	snprintf(fdarg, sizeof fdarg, "%d", 1);
	char *argv[] = { "exec_helper", "one", "two words", "", pidarg, fdarg, NULL };
	memcpy(exec_argv, argv, sizeof argv);
	struct thread other, execer;
	stop_sleeping = 0;
	thread_start(&other, sleeper, NULL, 0);   /* killed by the exec */
	thread_start(&execer, exec_in_thread, NULL, 0);
	for (;;)
		pause();        /* killed by the exec too */
}

/* execve from a thread that is not the leader: the others die, the
 * program keeps the process's pid (exec_helper checks it: exit 42). */
UTEST(exec_from_a_thread)
{
	char out[64];
	int p[2];
	CHECK_OK(pipe(p));
	int pid = fork();
	CHECK(pid >= 0, "fork: %s", errname(errno));
	if (pid == 0) {
		dup2(p[1], 1);
		close(p[0]);
		close(p[1]);
		exec_from_thread(NULL);
	}
	close(p[1]);
	long n = read(p[0], out, sizeof out - 1);
	out[n > 0 ? n : 0] = 0;
	close(p[0]);
	int st = wait_timeout(pid, 10000);
	CHECK(WIFEXITED(st) && (WEXITSTATUS(st) == 42 || WEXITSTATUS(st) == 26),
	      "exec_helper from a thread: %s (see exec_helper.c)", status_str(st));
	CHECK(!strcmp(out, "helper ok\n"), "it wrote \"%s\"", out);
}

/* ---------------------------------------------------------------- vfork */

static volatile int vfork_step;

static int vfork_child(void *arg)
{
	vfork_step = 1;
	sleep_ms(50);   /* the parent must still be waiting */
	vfork_step = 2;
	if (arg) {
		char *argv[] = { "true", NULL };
		uexec(path_of("/bin/true"), argv, exec_envp);
		return 127;
	}
	return 9;
}

/* posix_spawn's clone: CLONE_VM | CLONE_VFORK on a stack of its own; the
 * caller sleeps until the child exits or execs. */
UTEST(vfork_waits_for_exit_or_exec)
{
	if (exec_wrapper)
		skip("qemu-user makes CLONE_VFORK a fork");
	void *stack = mmap(NULL, STACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(stack != MAP_FAILED, "mmap: %s", errname(errno));
	for (int do_exec = 0; do_exec < 2; do_exec++) {
		vfork_step = 0;
		long pid = arch_clone_thread(CLONE_VM | CLONE_VFORK | SIGCHLD, (char *)stack + STACK_SIZE,
					     NULL, NULL, 0, vfork_child, do_exec ? (void *)1 : NULL);
		CHECK(pid > 0, "clone(CLONE_VM | CLONE_VFORK): %s", errname((int)-pid));
		CHECK(vfork_step == 2, "the parent ran before its vfork child %s (step %d)",
		      do_exec ? "exec'd" : "exited", vfork_step);
		int st = wait_timeout((int)pid, 5000);
		CHECK(WIFEXITED(st) && WEXITSTATUS(st) == (do_exec ? 0 : 9), "the child: %s",
		      status_str(st));
	}
	munmap(stack, STACK_SIZE);
}

/* ---------------------------------------------------------------- clone3 */

struct clone_args_v0 {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};

UTEST(clone3_fork)
{
	if (exec_wrapper)
		skip("qemu-user 7.2 has no clone3");
	struct clone_args_v0 a;
	memset(&a, 0, sizeof a);
	a.exit_signal = SIGCHLD;
	CHECK_ERR(syscall(SYS_clone3, &a, 8L), EINVAL);
	a.flags = CLONE_SIGHAND;
	CHECK_ERR(syscall(SYS_clone3, &a, sizeof a), EINVAL);
	a.flags = 0;
	long pid = syscall(SYS_clone3, &a, sizeof a);
	CHECK(pid >= 0, "clone3: %s", errname(errno));
	if (pid == 0)
		_exit(4);
	int st = wait_timeout((int)pid, 5000);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 4, "clone3's child: %s", status_str(st));
}

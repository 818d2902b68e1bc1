/* utests: signal handlers, masks, default actions, SIGCHLD. */
#include "utests.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include <sys/time.h>
#include <string.h>

static volatile int hits, last_sig, last_code, last_pid, depth, max_depth;
static volatile int chld_pid, chld_status, chld_code;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	hits++;
	last_sig = sig;
	last_code = si->si_code;
	last_pid = si->si_pid;
	if (hits == 1 && uc) {
		/* Raised again inside the handler: blocked until we return. */
		kill(getpid(), SIGUSR1);
	}
	depth--;
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fn;
	sa.sa_flags = SA_SIGINFO | flags;
	sigemptyset(&sa.sa_mask);
	CHECK_OK(sigaction(sig, &sa, NULL));
}

UTEST(sig_handler)
{
	install(SIGUSR1, on_usr1, 0);
	/* Values in registers and on the stack across the handler. */
	volatile long a = 0x1111, b = 0x2222;
	long c = a * 3, d = b * 5;
	CHECK_OK(kill(getpid(), SIGUSR1));
	CHECK(hits == 2, "handler ran %d times, want 2 (once, then the raise it made)", hits);
	CHECK(max_depth == 1, "handler nested: the signal was not blocked in its own handler");
	CHECK(last_sig == SIGUSR1, "handler got signal %d", last_sig);
	CHECK(last_code == SI_USER, "si_code %d, want SI_USER", last_code);
	CHECK(last_pid == getpid(), "si_pid %d, want %d", last_pid, getpid());
	CHECK(a == 0x1111 && b == 0x2222 && c == 0x3333 && d == 0xaaaa, "state lost across the handler");
	/* The old action comes back from sigaction. */
	struct sigaction old;
	CHECK_OK(sigaction(SIGUSR1, NULL, &old));
	CHECK(old.sa_sigaction == on_usr1 && (old.sa_flags & SA_SIGINFO), "old action");
	CHECK_ERR(sigaction(SIGKILL, &old, NULL), EINVAL);
	CHECK_ERR(sigaction(SIGSTOP, &old, NULL), EINVAL);
	CHECK_ERR(sigaction(0, &old, NULL), EINVAL);
	CHECK_ERR(sigaction(65, &old, NULL), EINVAL);
}

static volatile double fsum;

static void on_usr2(int sig)
{
	(void)sig;
	hits++;
	/* Use the FP/SIMD registers in the handler too. */
	volatile double x = 1.5;
	for (int i = 0; i < 10; i++)
		x = x * 3.25 + 1.0;
	fsum = x;
}

UTEST(sig_mask)
{
	signal(SIGUSR2, on_usr2);
	sigset_t set, old;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CHECK_OK(sigprocmask(SIG_BLOCK, &set, &old));
	CHECK(!sigismember(&old, SIGUSR2), "blocked before");
	volatile double f = 2.0;
	CHECK_OK(kill(getpid(), SIGUSR2));
	CHECK_OK(kill(getpid(), SIGUSR2));   /* not queued: one delivery */
	sleep_ms(10);
	CHECK(hits == 0, "delivered while blocked");
	CHECK_OK(sigprocmask(SIG_BLOCK, NULL, &old));
	CHECK(sigismember(&old, SIGUSR2), "mask lost the signal");
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &set, NULL));
	CHECK(hits == 1, "after unblocking: %d deliveries, want 1", hits);
	CHECK(f * 2 == 4.0, "FP state changed by the handler");
	CHECK(fsum > 1000, "handler's FP work");
	/* SIGKILL and SIGSTOP cannot be blocked. */
	sigfillset(&set);
	CHECK_OK(sigprocmask(SIG_SETMASK, &set, NULL));
	CHECK_OK(sigprocmask(SIG_SETMASK, NULL, &old));
	CHECK(!sigismember(&old, SIGKILL) && !sigismember(&old, SIGSTOP), "SIGKILL/SIGSTOP blocked");
	CHECK_ERR(sigprocmask(7, &set, NULL), EINVAL);
	sigemptyset(&set);
	CHECK_OK(sigprocmask(SIG_SETMASK, &set, NULL));
}

UTEST(sig_ignore_default)
{
	CHECK(signal(SIGUSR2, SIG_IGN) != SIG_ERR, "signal");
	CHECK_OK(kill(getpid(), SIGUSR2));
	CHECK_OK(raise(SIGUSR2));
	CHECK_OK(kill(getpid(), SIGCHLD));     /* default: ignored */
	CHECK_OK(kill(getpid(), SIGURG));
	CHECK_OK(kill(getpid(), SIGWINCH));
	CHECK(getpid() > 0, "alive");
	CHECK_ERR(kill(getpid(), 65), EINVAL);
	CHECK_ERR(kill(getpid(), -1), EINVAL);
	CHECK_ERR(kill(999999, SIGUSR1), ESRCH);
}

static void on_chld(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	chld_pid = si->si_pid;
	chld_status = si->si_status;
	chld_code = si->si_code;
	hits++;
}

static void exit3(void *arg)
{
	(void)arg;
	_exit(3);
}

static void wait_forever(void *arg)
{
	(void)arg;
	for (;;)
		sleep_ms(1000);
}

UTEST(sigchld)
{
	install(SIGCHLD, on_chld, SA_RESTART);
	int pid = spawn(exit3, NULL);
	long end = now_ms() + 5000;
	while (!hits && now_ms() < end)
		sleep_ms(5);
	CHECK(hits == 1, "SIGCHLD handler ran %d times", hits);
	CHECK(chld_pid == pid, "si_pid %d, want %d", chld_pid, pid);
	CHECK(chld_code == CLD_EXITED && chld_status == 3, "si_code %d si_status %d", chld_code, chld_status);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 3, "waitpid after SIGCHLD");
	/* Killed child: CLD_KILLED with the signal. */
	hits = 0;
	pid = spawn(wait_forever, NULL);
	CHECK_OK(kill(pid, SIGTERM));
	end = now_ms() + 5000;
	while (!hits && now_ms() < end)
		sleep_ms(5);
	CHECK(hits == 1 && chld_code == CLD_KILLED && chld_status == SIGTERM,
	      "killed child: hits %d code %d status %d", hits, chld_code, chld_status);
	CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "status");
}

static volatile int interrupted;

static void on_alarm_like(int sig)
{
	(void)sig;
	interrupted++;
}

static void poke_parent(void *arg)
{
	(void)arg;
	sleep_ms(100);
	kill(getppid(), SIGUSR1);
}

UTEST(sig_interrupts_sleep)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm_like;     /* no SA_RESTART */
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	int pid = spawn(poke_parent, NULL);
	long t0 = now_ms();
	struct timespec req = { 5, 0 }, rem = { 0, 0 };
	CHECK_ERR(nanosleep(&req, &rem), EINTR);
	long took = now_ms() - t0;
	CHECK(interrupted == 1, "handler ran %d times", interrupted);
	CHECK(took < 3000, "nanosleep interrupted only after %ld ms", took);
	CHECK(rem.tv_sec >= 1 && rem.tv_sec <= 5, "remaining time %ld s", (long)rem.tv_sec);
	int st;
	waitpid(pid, &st, 0);
}

static volatile int alarms;

static void on_alarm(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	alarms++;
}

/* alarm and setitimer (ITIMER_REAL) deliver SIGALRM on time; sigpending
 * shows a blocked one. */
UTEST(sig_alarm)
{
	install(SIGALRM, on_alarm, 0);
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } };   /* every 20 ms */
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));
	struct timespec t0, t1, nap = { 0, 10000000 };
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < 200 && alarms < 3; i++)
		nanosleep(&nap, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	CHECK(alarms >= 3, "%d SIGALRMs in %ld ms, want 3", alarms, ms);
	struct itimerval cur;
	CHECK_OK(getitimer(ITIMER_REAL, &cur));
	CHECK(cur.it_interval.tv_usec == 20000, "interval %ld", (long)cur.it_interval.tv_usec);
	memset(&it, 0, sizeof it);
	CHECK_OK(setitimer(ITIMER_REAL, &it, NULL));   /* off */
	int before = alarms;
	nanosleep(&nap, NULL);
	nanosleep(&nap, NULL);
	nanosleep(&nap, NULL);
	CHECK(alarms == before, "an alarm came after the timer was stopped");

	/* a blocked SIGALRM stays pending and shows in sigpending */
	sigset_t block, pend;
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	CHECK_OK(sigprocmask(SIG_BLOCK, &block, NULL));
	CHECK(alarm(1) == 0, "no alarm was pending");
	CHECK(alarm(1) == 1, "the first alarm had about a second left");
	struct itimerval quick = { { 0, 0 }, { 0, 10000 } };
	CHECK_OK(setitimer(ITIMER_REAL, &quick, NULL));
	for (int i = 0; i < 100; i++) {
		sigemptyset(&pend);
		CHECK_OK(sigpending(&pend));
		if (sigismember(&pend, SIGALRM))
			break;
		nanosleep(&nap, NULL);
	}
	CHECK(sigismember(&pend, SIGALRM), "a blocked SIGALRM is not pending");
	before = alarms;
	CHECK_OK(sigprocmask(SIG_UNBLOCK, &block, NULL));
	CHECK(alarms == before + 1, "unblocking did not deliver the pending SIGALRM");
}

/* pid 1's state letter from /proc/1/status ('R', 'S', 'T'...), 0 if unknown. */
static char init_state(void)
{
	FILE *f = fopen("/proc/1/status", "r");
	if (!f)
		return 0;
	char line[128], st = 0;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, "State:", 6)) {
			char *p = line + 6;
			while (*p == ' ' || *p == '\t')
				p++;
			st = *p;
		}
	fclose(f);
	return st;
}

/* Nobody can stop or end init: a signal whose action would be the default
 * never reaches pid 1 (SIGKILL and SIGSTOP always have it), as on Linux.
 * When the runner is init, a failure here stops or ends the whole suite. */
UTEST(init_survives)
{
	if (on_linux)
		skip("pid 1 is the host's init");
	static const int sigs[] = { SIGSTOP, SIGTTIN, SIGTTOU, SIGTSTP, SIGTERM, SIGINT, SIGHUP,
				    SIGQUIT, SIGUSR1, SIGALRM, SIGKILL };
	signal(SIGTTIN, SIG_IGN);   /* we may share init's process group */
	for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		int pid = fork();
		CHECK(pid >= 0, "fork: %s", errname(errno));
		if (pid == 0)
			_exit(kill(1, sigs[i]) == 0 ? 0 : 1);
		int st;
		CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
		      "kill(1, %s) failed", signame(sigs[i]));
		sleep_ms(20);
		char s = init_state();
		CHECK(kill(1, 0) == 0 && s && s != 'T' && s != 'Z',
		      "after kill(1, %s) init is in state %c", signame(sigs[i]), s ? s : '?');
	}
	/* a whole process group with init in it, as job control sends SIGTTIN
	 * (group 1 cannot be named by kill: -1 means everyone) */
	int g = getpgid(1);
	if (g > 1) {
		CHECK(kill(-g, SIGTTIN) == 0, "kill(-pgid of init, SIGTTIN): %s", errname(errno));
		sleep_ms(20);
		char s = init_state();
		CHECK(s && s != 'T', "after SIGTTIN to its group init is in state %c", s ? s : '?');
	}
}

/* ---------------------------------------------------------------- SIGWINCH */
static volatile int winches;
static void on_winch(int sig) { (void)sig; winches++; }

/* A terminal to be the controlling one of a new session: a pseudo-terminal
 * where there are any (Linux), else the console (Ringel). */
static int open_terminal(void)
{
	int m = open("/dev/ptmx", O_RDWR | O_NOCTTY);
	if (m < 0)
		return open("/dev/console", O_RDWR);
	int unlock = 0;
	unsigned n = 0;
	CHECK_OK(ioctl(m, TIOCSPTLCK, &unlock));
	CHECK_OK(ioctl(m, TIOCGPTN, &n));
	char name[32];
	snprintf(name, sizeof name, "/dev/pts/%u", n);
	return open(name, O_RDWR);      /* (m stays open: the slave lives as long) */
}

/* TIOCSWINSZ that changes the size sends SIGWINCH to the terminal's
 * foreground process group (once; the same size again sends nothing). */
UTEST(tty_sigwinch)
{
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		CHECK_OK(setsid());
		int tty = open_terminal();
		CHECK(tty >= 0, "no terminal: %s", strerror(errno));
		CHECK_OK(ioctl(tty, TIOCSCTTY, 0));
		int me = getpid();
		CHECK_OK(ioctl(tty, TIOCSPGRP, &me));
		signal(SIGWINCH, on_winch);
		struct winsize old, w, now;
		CHECK_OK(ioctl(tty, TIOCGWINSZ, &old));
		w = old;
		w.ws_col = old.ws_col == 100 ? 101 : 100;
		w.ws_row = 30;
		CHECK_OK(ioctl(tty, TIOCSWINSZ, &w));
		CHECK(winches == 1, "SIGWINCH after a new size: %d", winches);
		CHECK_OK(ioctl(tty, TIOCGWINSZ, &now));
		CHECK(now.ws_col == w.ws_col && now.ws_row == 30, "the size read back: %dx%d", now.ws_col, now.ws_row);
		CHECK_OK(ioctl(tty, TIOCSWINSZ, &w));
		CHECK(winches == 1, "the same size again sent SIGWINCH");
		CHECK_OK(ioctl(tty, TIOCSWINSZ, &old));
		CHECK(winches == 2, "SIGWINCH after the old size back: %d", winches);
		signal(SIGHUP, SIG_IGN);        /* Linux hangs up a leader giving its terminal away */
		ioctl(tty, TIOCNOTTY);          /* (give the console back on Ringel) */
		_exit(0);
	}
	int st = wait_timeout(pid, 10000);
	CHECK(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child: %s", status_str(st));
}

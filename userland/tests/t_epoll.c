/* utests: epoll (level-triggered, EPOLLET, EPOLLONESHOT, nested epolls,
 * a close taking a file off the interest list, epoll_pwait's mask, the
 * errors).  The same binary runs on Linux, the oracle. */
#include "utests.h"
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/wait.h>

static int add(int ep, int fd, unsigned events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };
	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

static int wait0(int ep, struct epoll_event *evs, int n)
{
	return epoll_wait(ep, evs, n, 0);
}

UTEST(epoll_level)
{
	int p[2];
	CHECK_OK(pipe(p));
	int ep = epoll_create1(EPOLL_CLOEXEC);
	CHECK_OK(ep);
	CHECK(fcntl(ep, F_GETFD) == FD_CLOEXEC, "EPOLL_CLOEXEC");
	CHECK_OK(add(ep, p[0], EPOLLIN, 77));
	struct epoll_event evs[4];
	CHECK(wait0(ep, evs, 4) == 0, "empty pipe reported");
	CHECK(write(p[1], "ab", 2) == 2, "write");
	for (int i = 0; i < 2; i++) {   /* level-triggered: again and again */
		int n = wait0(ep, evs, 4);
		CHECK(n == 1 && evs[0].events == EPOLLIN && evs[0].data.u64 == 77, "wait %d: n=%d ev=%#x", i, n,
		      n > 0 ? evs[0].events : 0);
	}
	char buf[4];
	CHECK(read(p[0], buf, 4) == 2, "read");
	CHECK(wait0(ep, evs, 4) == 0, "drained pipe reported");
	/* the write end: EPOLLOUT; after the reader goes, EPOLLERR */
	int ep2 = epoll_create(1);
	CHECK_OK(ep2);
	CHECK_OK(add(ep2, p[1], EPOLLOUT, 5));
	CHECK(wait0(ep2, evs, 4) == 1 && evs[0].events == EPOLLOUT, "EPOLLOUT");
	/* the read end sees EPOLLHUP when the last writer goes, unasked */
	struct epoll_event mod = { .events = EPOLLIN, .data.u64 = 78 };
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &mod));
	CHECK_OK(close(p[1]));
	CHECK(wait0(ep2, evs, 4) == 0, "closed write end still watched");
	int n = wait0(ep, evs, 4);
	CHECK(n == 1 && (evs[0].events & EPOLLHUP) && evs[0].data.u64 == 78, "HUP: n=%d ev=%#x", n,
	      n > 0 ? evs[0].events : 0);
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL));
	CHECK(wait0(ep, evs, 4) == 0, "deleted fd reported");
	close(ep);
	close(ep2);
	close(p[0]);
}

UTEST(epoll_edge_oneshot)
{
	int p[2];
	CHECK_OK(pipe(p));
	int ep = epoll_create1(0);
	CHECK_OK(ep);
	CHECK_OK(add(ep, p[0], EPOLLIN | EPOLLET, 1));
	struct epoll_event evs[2];
	CHECK(write(p[1], "a", 1) == 1, "write");
	CHECK(wait0(ep, evs, 2) == 1 && evs[0].events == EPOLLIN, "first edge");
	CHECK(wait0(ep, evs, 2) == 0, "EPOLLET reported the same data twice");
	CHECK(write(p[1], "b", 1) == 1, "write");
	CHECK(wait0(ep, evs, 2) == 1, "new data is a new edge");
	CHECK(wait0(ep, evs, 2) == 0, "EPOLLET reported the same data twice");
	/* EPOLLONESHOT: one report, then nothing until rearmed */
	struct epoll_event ev = { .events = EPOLLIN | EPOLLONESHOT, .data.u64 = 2 };
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
	CHECK(wait0(ep, evs, 2) == 1 && evs[0].data.u64 == 2, "oneshot report");
	CHECK(wait0(ep, evs, 2) == 0, "oneshot reported twice");
	CHECK(write(p[1], "c", 1) == 1, "write");
	CHECK(wait0(ep, evs, 2) == 0, "disabled oneshot reported");
	CHECK_OK(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &ev));
	CHECK(wait0(ep, evs, 2) == 1, "rearmed oneshot");
	close(ep);
	close(p[0]);
	close(p[1]);
}

/* Closing the last descriptor of a watched file takes it off the list;
 * a dup keeps it there. */
UTEST(epoll_close_removes)
{
	int p[2];
	CHECK_OK(pipe(p));
	int ep = epoll_create1(0);
	CHECK_OK(add(ep, p[1], EPOLLOUT, 9));
	int d = dup(p[1]);
	CHECK_OK(d);
	CHECK_OK(close(p[1]));
	struct epoll_event evs[2];
	CHECK(wait0(ep, evs, 2) == 1 && evs[0].data.u64 == 9, "a dup keeps the file watched");
	CHECK_OK(close(d));
	CHECK(wait0(ep, evs, 2) == 0, "a closed file is still reported");
	close(ep);
	close(p[0]);
}

/* An epoll watching another: ready when the inner one has something. */
UTEST(epoll_nested)
{
	int p[2];
	CHECK_OK(pipe(p));
	int inner = epoll_create1(0), outer = epoll_create1(0);
	CHECK_OK(add(inner, p[0], EPOLLIN, 1));
	CHECK_OK(add(outer, inner, EPOLLIN, 2));
	struct epoll_event evs[2];
	CHECK(wait0(outer, evs, 2) == 0, "idle inner epoll reported");
	CHECK(write(p[1], "x", 1) == 1, "write");
	CHECK(wait0(outer, evs, 2) == 1 && evs[0].events == EPOLLIN && evs[0].data.u64 == 2, "nested");
	CHECK_ERR(add(inner, outer, EPOLLIN, 3), ELOOP);
	CHECK_ERR(add(outer, outer, EPOLLIN, 3), EINVAL);
	close(inner);
	CHECK(wait0(outer, evs, 2) == 0, "closed inner epoll reported");
	close(outer);
	close(p[0]);
	close(p[1]);
}

static void late_writer(void *arg)
{
	sleep_ms(100);
	CHECK(write(*(int *)arg, "z", 1) == 1, "write");
}

static volatile sig_atomic_t got_usr1;
static void on_usr1(int sig) { (void)sig; got_usr1 = 1; }

/* Blocking waits: woken by a writer; a timeout; epoll_pwait's mask lets a
 * blocked signal interrupt the wait. */
UTEST(epoll_blocking)
{
	int p[2];
	CHECK_OK(pipe(p));
	int ep = epoll_create1(0);
	CHECK_OK(add(ep, p[0], EPOLLIN, 4));
	int pid = spawn(late_writer, &p[1]);
	struct epoll_event evs[2];
	int n = epoll_wait(ep, evs, 2, -1);
	CHECK(n == 1 && evs[0].data.u64 == 4, "woken by the writer: %d", n);
	CHECK(WIFEXITED(wait_timeout(pid, 5000)), "writer");
	char c;
	CHECK(read(p[0], &c, 1) == 1, "read");
	CHECK(epoll_wait(ep, evs, 2, 30) == 0, "timeout");
	/* SIGUSR1 blocked; epoll_pwait unblocks it while it waits */
	struct sigaction sa = { 0 };
	sa.sa_handler = on_usr1;
	CHECK_OK(sigaction(SIGUSR1, &sa, NULL));
	sigset_t block, none;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigemptyset(&none);
	CHECK_OK(sigprocmask(SIG_BLOCK, &block, NULL));
	CHECK_OK(kill(getpid(), SIGUSR1));
	CHECK(!got_usr1, "blocked handler ran");
	CHECK_ERR(epoll_pwait(ep, evs, 2, 5000, &none), EINTR);
	CHECK(got_usr1, "handler did not run");
	sigset_t now;
	CHECK_OK(sigprocmask(SIG_BLOCK, NULL, &now));
	CHECK(sigismember(&now, SIGUSR1), "the mask was not restored");
	close(ep);
	close(p[0]);
	close(p[1]);
}

UTEST(epoll_errors)
{
	int p[2];
	CHECK_OK(pipe(p));
	int ep = epoll_create1(0);
	CHECK_ERR(epoll_create1(0x1234), EINVAL);
	CHECK_ERR(epoll_create(0), EINVAL);
	CHECK_OK(add(ep, p[0], EPOLLIN, 0));
	CHECK_ERR(add(ep, p[0], EPOLLIN, 0), EEXIST);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], NULL), ENOENT);
	struct epoll_event ev = { .events = EPOLLIN };
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &ev), ENOENT);
	CHECK_ERR(epoll_ctl(ep, 99, p[0], &ev), EINVAL);
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, 200, &ev), EBADF);
	CHECK_ERR(epoll_ctl(200, EPOLL_CTL_ADD, p[0], &ev), EBADF);
	CHECK_ERR(epoll_ctl(p[1], EPOLL_CTL_ADD, p[0], &ev), EINVAL);   /* not an epoll */
	CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], (struct epoll_event *)8), EFAULT);
	for (const struct bad_addr *b = arch_bad_pointers; b->what; b++)
		CHECK_ERR(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], (struct epoll_event *)b->addr), EFAULT);
	/* regular files are always ready: refused */
	int f = open("/proc/self/exe", O_RDONLY);
	CHECK_OK(f);
	CHECK_ERR(add(ep, f, EPOLLIN, 0), EPERM);
	close(f);
	struct epoll_event evs[2];
	CHECK_ERR(epoll_wait(ep, evs, 0, 0), EINVAL);
	CHECK_ERR(epoll_wait(ep, evs, -1, 0), EINVAL);
	CHECK_ERR(epoll_wait(p[0], evs, 2, 0), EINVAL);
	CHECK_ERR(epoll_wait(200, evs, 2, 0), EBADF);
	CHECK(write(p[1], "a", 1) == 1, "write");
	CHECK_ERR(epoll_wait(ep, (struct epoll_event *)8, 2, 0), EFAULT);
	for (const struct bad_addr *b = arch_bad_pointers; b->what; b++)
		CHECK_ERR(epoll_wait(ep, (struct epoll_event *)b->addr, 1, 0), EFAULT);
	sigset_t none;
	sigemptyset(&none);
	CHECK_ERR(epoll_pwait(ep, evs, 2, 0, (sigset_t *)8), EFAULT);
	close(ep);
	close(p[0]);
	close(p[1]);
}

/* Character devices: a terminal can be written; /dev/null has no poll of
 * its own (always ready), so epoll refuses it as it refuses regular files. */
UTEST(epoll_devices)
{
	int ep = epoll_create1(0);
	int null = open("/dev/null", O_RDWR);
	CHECK_OK(null);
	CHECK_ERR(add(ep, null, EPOLLIN | EPOLLOUT, 1), EPERM);
	close(null);
	struct epoll_event evs[2];
	int tty = open("/dev/tty", O_RDWR | O_NOCTTY);
	if (tty < 0) {
		note("no controlling terminal: the tty case is not checked");
	} else {
		CHECK_OK(add(ep, tty, EPOLLOUT, 2));
		int n = wait0(ep, evs, 2);
		CHECK(n == 1 && evs[0].data.u64 == 2 && (evs[0].events & EPOLLOUT), "tty: n=%d", n);
		close(tty);
	}
	close(ep);
}

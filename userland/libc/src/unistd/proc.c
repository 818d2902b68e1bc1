/* Ringel libc: processes — creating, replacing, waiting for, identifying
 * and grouping them. */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "../internal.h"

pid_t fork(void)
{
#ifdef SYS_fork
	return sys(SYS_fork);
#else
	/* clone with only the exit signal: a copy of the caller, like fork. */
	return sys(SYS_clone, SIGCHLD, 0, 0, 0, 0);
#endif
}

/* No vfork sharing: a plain fork is always a correct vfork. */
pid_t vfork(void) { return fork(); }

int execve(const char *path, char *const argv[], char *const envp[])
{
	return sys(SYS_execve, path, argv, envp);
}

_Noreturn void _exit(int status)
{
	for (;;) {
		__syscall(SYS_exit_group, status);
		__syscall(SYS_exit, status);
	}
}

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru)
{
	return sys(SYS_wait4, pid, status, options, ru);
}
pid_t waitpid(pid_t pid, int *status, int options) { return wait4(pid, status, options, NULL); }
pid_t wait(int *status) { return wait4(-1, status, 0, NULL); }
pid_t wait3(int *status, int options, struct rusage *ru) { return wait4(-1, status, options, ru); }

pid_t getpid(void) { return __syscall(SYS_getpid); }
pid_t getppid(void) { return __syscall(SYS_getppid); }
pid_t gettid(void) { return __syscall(SYS_gettid); }
uid_t getuid(void) { return __syscall(SYS_getuid); }
uid_t geteuid(void) { return __syscall(SYS_geteuid); }
gid_t getgid(void) { return __syscall(SYS_getgid); }
gid_t getegid(void) { return __syscall(SYS_getegid); }
int getgroups(int size, gid_t list[]) { return sys(SYS_getgroups, size, list); }

int setpgid(pid_t pid, pid_t pgid) { return sys(SYS_setpgid, pid, pgid); }
pid_t getpgid(pid_t pid) { return sys(SYS_getpgid, pid); }
pid_t getpgrp(void) { return getpgid(0); }
int setpgrp(void) { return setpgid(0, 0); }
pid_t setsid(void) { return sys(SYS_setsid); }
pid_t getsid(pid_t pid) { return sys(SYS_getsid, pid); }

int kill(pid_t pid, int sig) { return sys(SYS_kill, pid, sig); }
int killpg(pid_t pgrp, int sig)
{
	if (pgrp < 0) {
		errno = EINVAL;
		return -1;
	}
	return kill(-pgrp, sig);
}
int raise(int sig) { return sys(SYS_tkill, gettid(), sig); }

int pause(void)
{
	/* Wait with the current mask until a handler runs. */
	sigset_t mask;
	sigprocmask(SIG_BLOCK, NULL, &mask);
	return sigsuspend(&mask);
}

int sched_yield(void) { return sys(SYS_sched_yield); }

int getrlimit(int resource, struct rlimit *rl) { return sys(SYS_prlimit64, 0, resource, NULL, rl); }
int setrlimit(int resource, const struct rlimit *rl)
{
	return sys(SYS_prlimit64, 0, resource, rl, NULL);
}

/* The kernel answers 20 - nice, never negative; the nice value itself can
 * be -1, so callers clear errno first to tell it from an error. */
int getpriority(int which, id_t who)
{
	long r = sys(SYS_getpriority, which, who);
	return r < 0 ? -1 : 20 - (int)r;
}

int setpriority(int which, id_t who, int prio) { return sys(SYS_setpriority, which, who, prio); }

/* nice(inc): the new nice value (clamped to -20..19 by the kernel), or -1
 * with errno set. */
int nice(int inc)
{
	errno = 0;
	int cur = getpriority(PRIO_PROCESS, 0);
	if (cur == -1 && errno)
		return -1;
	if (setpriority(PRIO_PROCESS, 0, cur + inc) < 0)
		return -1;
	return getpriority(PRIO_PROCESS, 0);
}

int getrusage(int who, struct rusage *ru)
{
#ifdef SYS_getrusage
	return sys(SYS_getrusage, who, ru);
#else
	(void)who, (void)ru;
	errno = ENOSYS;
	return -1;
#endif
}

/* brk: the kernel answers with the new break, or the old one if it refused
 * (so success is getting exactly what was asked for). */
static unsigned long cur_brk;

int brk(void *addr)
{
	unsigned long r = (unsigned long)__syscall(SYS_brk, addr);
	cur_brk = r;
	if (r != (unsigned long)addr) {
		errno = ENOMEM;
		return -1;
	}
	return 0;
}

void *sbrk(intptr_t incr)
{
	if (!cur_brk)
		cur_brk = (unsigned long)__syscall(SYS_brk, 0);
	unsigned long old = cur_brk;
	if (incr == 0)
		return (void *)old;
	if (brk((void *)(old + (unsigned long)incr)) < 0)
		return (void *)-1;
	return (void *)old;
}

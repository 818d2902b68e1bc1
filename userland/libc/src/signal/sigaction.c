/* Ringel libc: signals.  rt_sigaction always gets a restorer: the kernel
 * makes a handler return to it, and it calls rt_sigreturn (arch/<arch>/
 * sigrestore.S), as there is no vDSO trampoline. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <uapi/sigaction.h>   /* struct k_sigaction: the kernel's, the same on both arches */
#include "../internal.h"

void __restore_rt(void);

int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	struct k_sigaction k, ko;
	if (act) {
		k.handler = (unsigned long)act->sa_handler;
		k.flags = (unsigned long)(unsigned)act->sa_flags | SA_RESTORER;
		k.restorer = (unsigned long)__restore_rt;
		k.mask = act->sa_mask.__bits[0];
	}
	long r = __syscall(SYS_rt_sigaction, sig, act ? &k : NULL, old ? &ko : NULL, 8);
	if (r < 0)
		return __syscall_ret(r);
	if (old) {
		memset(old, 0, sizeof(*old));
		old->sa_handler = (void (*)(int))ko.handler;
		old->sa_flags = (int)(ko.flags & ~(unsigned long)SA_RESTORER);
		old->sa_restorer = (void (*)(void))ko.restorer;
		old->sa_mask.__bits[0] = ko.mask;
	}
	return 0;
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction sa, old;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	if (sigaction(sig, &sa, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
	return sys(SYS_rt_sigprocmask, how, set, old, 8);
}

int sigsuspend(const sigset_t *mask) { return sys(SYS_rt_sigsuspend, mask, 8); }

int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info, const struct timespec *restrict timeout)
{
	return sys(SYS_rt_sigtimedwait, set, info, timeout, 8);
}

int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info)
{
	return sigtimedwait(set, info, NULL);
}

/* POSIX's sigwait answers the error instead of setting errno. */
int sigwait(const sigset_t *restrict set, int *restrict sig)
{
	long r;
	do
		r = __syscall(SYS_rt_sigtimedwait, set, NULL, NULL, 8);
	while (r == -EINTR);
	if (r < 0)
		return (int)-r;
	*sig = (int)r;
	return 0;
}

static int bad(int sig)
{
	if (sig < 1 || sig >= NSIG) {
		errno = EINVAL;
		return 1;
	}
	return 0;
}

int sigemptyset(sigset_t *set) { set->__bits[0] = 0; return 0; }
int sigfillset(sigset_t *set) { set->__bits[0] = ~0UL; return 0; }

int sigaddset(sigset_t *set, int sig)
{
	if (bad(sig))
		return -1;
	set->__bits[0] |= 1UL << (sig - 1);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad(sig))
		return -1;
	set->__bits[0] &= ~(1UL << (sig - 1));
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad(sig))
		return -1;
	return (set->__bits[0] >> (sig - 1)) & 1;
}

int sigpending(sigset_t *set)
{
#ifdef SYS_rt_sigpending
	return sys(SYS_rt_sigpending, set, 8);
#else
	(void)set;
	errno = ENOSYS;
	return -1;
#endif
}
int sigaltstack(const stack_t *restrict ss, stack_t *restrict old)
{
	return sys(SYS_sigaltstack, ss, old);
}

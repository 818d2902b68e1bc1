/* Ringel libc: <signal.h>.  Signal numbers and flags are the Linux ABI's
 * (<uapi/signal.h>, the same on both architectures); the structures are the
 * libc's own, with pointers where the kernel's have integers
 * (src/signal/sigaction.c converts). */
#ifndef _SIGNAL_H
#define _SIGNAL_H
#include <sys/types.h>

#include <uapi/signal.h>    /* numbers, flags, si_code values */
#define _NSIG NSIG

typedef void (*sighandler_t)(int);
#define SIG_ERR ((sighandler_t)-1)
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)

/* One bit per signal, the size the kernel's rt_sig* calls take. */
typedef struct {
	unsigned long __bits[1];
} sigset_t;

typedef int sig_atomic_t;

typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	int __pad;
	union {
		struct {
			pid_t pid;
			uid_t uid;
			int status;
		} __proc;
		void *__addr;
		char __bytes[112];
	} __u;
} siginfo_t;
#define si_pid __u.__proc.pid
#define si_uid __u.__proc.uid
#define si_status __u.__proc.status
#define si_addr __u.__addr

struct sigaction {
	union {
		void (*__handler)(int);
		void (*__sigaction)(int, siginfo_t *, void *);
	} __sa;
	sigset_t sa_mask;
	int sa_flags;
	void (*sa_restorer)(void);
};
#define sa_handler __sa.__handler
#define sa_sigaction __sa.__sigaction

typedef struct {
	void *ss_sp;
	int ss_flags;
	size_t ss_size;
} stack_t;

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old);
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigsuspend(const sigset_t *mask);
struct timespec;
int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
		 const struct timespec *restrict timeout);
int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info);
int sigwait(const sigset_t *restrict set, int *restrict sig);
int kill(pid_t pid, int sig);
int raise(int sig);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
int sigpending(sigset_t *set);
int sigaltstack(const stack_t *restrict ss, stack_t *restrict old);
int killpg(pid_t pgrp, int sig);
void psignal(int sig, const char *s);
#endif

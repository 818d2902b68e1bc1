/* Ringel libc: <signal.h>.  Signal numbers and flags are the Linux ABI's,
 * the same on both architectures. */
#ifndef _SIGNAL_H
#define _SIGNAL_H
#include <sys/types.h>

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGIOT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31
#define NSIG 65          /* signals are 1..64 */
#define _NSIG NSIG
#define SIGRTMIN 32
#define SIGRTMAX 64

#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO 0x00000004
#define SA_RESTORER 0x04000000
#define SA_ONSTACK 0x08000000
#define SA_RESTART 0x10000000
#define SA_NODEFER 0x40000000
#define SA_RESETHAND 0x80000000

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* si_code values */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_TKILL (-6)
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define ILL_ILLOPC 1
#define ILL_PRVOPC 5
#define ILL_PRVREG 6
#define FPE_INTDIV 1
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3

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
#define SS_ONSTACK 1
#define SS_DISABLE 2
#define MINSIGSTKSZ 2048
#define SIGSTKSZ 8192

int sigaction(int sig, const struct sigaction *restrict act, struct sigaction *restrict old);
sighandler_t signal(int sig, sighandler_t handler);
int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
int sigsuspend(const sigset_t *mask);
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

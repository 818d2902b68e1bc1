/* Signals: the numbers (<uapi/signal_list.h>), the rt_sigaction flags, the
 * sigprocmask operations, the si_code values and the alternate-stack flags.
 * The structures the kernel reads and writes (rt_sigaction's, siginfo,
 * stack_t) are in <uapi/sigaction.h>: the libc's POSIX structures differ
 * from them in type (pointers, not integers), so its <signal.h> does not
 * include them. */
#ifndef UAPI_SIGNAL_H
#define UAPI_SIGNAL_H

/* (push/pop: a program may have its own SIGNAL macro) */
#pragma push_macro("SIGNAL")
#undef SIGNAL
#define SIGNAL(name, abbrev, descr)
#include <uapi/signal_list.h>
#undef SIGNAL
#pragma pop_macro("SIGNAL")
#define SIGIOT SIGABRT
#define SIGPOLL SIGIO

/* Signals 1..64 are deliverable; 32..64 are the real-time ones.  NSIG is
 * one more than the highest number (valid: 0 < sig < NSIG), as C libraries
 * define it; a signal set has a bit for each, bit sig - 1. */
#define SIGRTMIN 32
#define SIGRTMAX 64
#define NSIG 65

/* rt_sigaction flags */
#define SA_NOCLDSTOP 0x00000001
#define SA_NOCLDWAIT 0x00000002
#define SA_SIGINFO   0x00000004
#define SA_RESTORER  0x04000000
#define SA_ONSTACK   0x08000000
#define SA_RESTART   0x10000000
#define SA_NODEFER   0x40000000
#define SA_RESETHAND 0x80000000

/* rt_sigprocmask how */
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* si_code: who sent it, or why the kernel did */
#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_TKILL (-6)
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRALN 1
#define BUS_ADRERR 2
#define ILL_ILLOPC 1
#define ILL_PRVOPC 5
#define ILL_PRVREG 6
#define FPE_INTDIV 1
#define TRAP_BRKPT 1
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6

/* sigaltstack ss_flags; the sizes (MINSIGSTKSZ, SIGSTKSZ) differ per arch */
#define SS_ONSTACK 1
#define SS_DISABLE 2
#include <uapi/arch/signal.h>
#endif

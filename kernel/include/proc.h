/* Processes and the scheduler (kernel/proc/proc.c, kernel/proc/sched.c).
 *
 * One CPU for now.  Kernel code runs with interrupts disabled except in the
 * idle loop, so kernel data needs no locks: a process gives up the CPU only
 * by sleeping, exiting or yielding, and is preempted by the timer only while
 * it runs in user mode (the tick sets need_resched; return_to_user_work
 * switches).  Each process has one thread. */
#ifndef RINGEL_PROC_H
#define RINGEL_PROC_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <arch.h>
#include <uapi.h>

#define NPROC 128
#define KSTACK_SIZE (16 * 1024)

struct vmspace;
struct fdtable;
struct vnode;

enum proc_state { P_FREE, P_EMBRYO, P_RUNNABLE, P_RUNNING, P_SLEEPING, P_STOPPED, P_ZOMBIE };

struct proc {
	int pid;
	enum proc_state state;
	char name[32];                  /* program name, for ps and fault reports */
	struct proc *parent;
	int pgid, sid;

	/* machine state */
	struct arch_context ctx;        /* kernel registers while switched out */
	struct arch_thread th;          /* FP/SIMD, TLS */
	uintptr_t kstack;               /* bottom of the kernel stack (guard page below) */
	struct arch_regs *uregs;        /* user registers, at the top of the kernel stack */

	struct vmspace *vm;             /* NULL for kernel threads */
	uintptr_t arg_start, arg_end;   /* argv strings on the user stack (/proc/PID/cmdline) */
	struct fdtable *files;
	struct vnode *cwd;
	unsigned umask;

	/* signals */
	uint64_t sig_pending, sig_blocked;
	struct { int32_t pid, code, status; } sig_src[NSIG];   /* siginfo of pending ones */
	struct k_sigaction sigact[NSIG];
	struct linux_stack_t altstack;
	uint64_t saved_mask;            /* rt_sigsuspend: the mask to restore */
	bool restore_saved_mask;

	/* ITIMER_REAL (alarm, setitimer): SIGALRM at alarm_ns, then every
	 * alarm_interval_ns if that is not 0 */
	uint64_t alarm_ns, alarm_interval_ns;

	/* sleeping */
	const void *wait_chan;          /* what a sleeper waits for */
	uint64_t wake_at_ns;            /* timed sleep: wake then (0 = not timed) */
	bool interruptible;

	/* exit and wait */
	int exit_status;                /* wait4 status word */
	/* A stop (0x7f | sig << 8) or continue (0xffff) not yet reported to
	 * the parent's wait4 (WUNTRACED, WCONTINUED); 0 if none. */
	int jc_status;
	bool killed_by_signal;
	uintptr_t clear_child_tid;
	uintptr_t set_child_tid;
	char *exe;                      /* the program file's absolute path (/proc/PID/exe), kmalloc'd */        /* CLONE_CHILD_SETTID: the child writes its tid here first */
	uint64_t start_ns, user_ticks, sys_ticks;
	struct proc *run_next;          /* run queue link */
};

extern struct proc *current;

/* kernel/proc/sched.c */
void sched_init(void);
void sched_make_runnable(struct proc *p);
void schedule(void);                    /* give up the CPU; returns when chosen again */
void yield(void);                       /* stay runnable, let others run */
/* Sleep until wakeup(chan) (or a signal, if interruptible).  Returns 0, or
 * -EINTR when a signal is pending.  Callers loop re-checking their
 * condition. */
int sleep_on(const void *chan, bool interruptible);
/* Same with a deadline (absolute arch_clock_ns()); returns 0 on wakeup or
 * timeout, -EINTR on a signal. */
int sleep_until(const void *chan, uint64_t deadline_ns, bool interruptible);
void wakeup(const void *chan);
extern bool need_resched;
/* The boot thread's last act: run whatever is runnable, else wait. */
__attribute__((__noreturn__)) void sched_idle_loop(void);
/* Nanoseconds the CPU has spent idle, waiting for an interrupt. */
uint64_t sched_idle_ns(void);
uint64_t ticks(void);
#define HZ 100

/* kernel/proc/proc.c */
struct proc *proc_alloc(void);          /* an EMBRYO with a pid and kernel stack, or NULL */
void proc_free(struct proc *p);
struct proc *proc_find(int pid);
struct proc *proc_table(int i);         /* i-th slot, for ps/proc */
/* Start a kernel thread running fn(arg). */
struct proc *kthread_create(const char *name, void (*fn)(void *), void *arg);
/* Terminate current with a wait status; never returns. */
__attribute__((__noreturn__)) void proc_exit(int status);
extern struct proc *init_proc;
/* init (pid 1) has exited: in a test run, end the machine with its status;
 * otherwise there is nothing left to run: panic like other kernels do. */
__attribute__((__noreturn__)) void init_exited(int status);

/* kernel/proc/exec.c: run a program from the kernel (init); 0 or -errno. On
 * success current's user registers are set to start it. */
int exec_kernel(const char *path, const char *const *argv, const char *const *envp);

/* kernel/proc/signal.c */
void signal_send(struct proc *p, int sig);   /* from current, SI_USER */
/* With explicit siginfo fields (SIGCHLD: code CLD_*, the child's pid and status). */
void signal_send_info(struct proc *p, int sig, int code, int pid, int status);
int signal_send_pgrp(int pgid, int sig);   /* 0, or -ESRCH if no such group */
bool signal_pending(const struct proc *p); /* an unblocked signal is pending */
/* An interruptible sleep saw a pending signal.  If every pending signal
 * only stops the process (SIGSTOP, or SIGTSTP/SIGTTIN/SIGTTOU with the
 * default action), stop right here and return 0 once continued: the caller
 * re-checks its condition and sleeps again, as if the system call had been
 * restarted (Linux restarts it; this kernel has no restart).  Otherwise
 * -EINTR: the process must go back to user mode for the signal. */
int signal_sleep_interrupted(void);
const char *signal_name(int sig);          /* "SIGSEGV" */
/* A user-mode fault: deliver sig, or if it has no handler, print the
 * one-line report and kill the process. */
void signal_fault(struct arch_regs *regs, int sig, int code, uintptr_t addr, const char *what);

#endif

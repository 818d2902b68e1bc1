/* Processes and the scheduler (kernel/proc/proc.c, kernel/proc/sched.c).
 *
 * Kernel code runs with interrupts disabled except in the idle loop, and
 * under the kernel lock on every CPU (cpu.h), so kernel data needs no
 * other locks: a process gives up the CPU only
 * by sleeping, exiting or yielding, and is preempted by the timer only while
 * it runs in user mode (the tick sets need_resched; return_to_user_work
 * switches).
 *
 * A struct proc is one thread (Linux's task).  Threads made with
 * CLONE_THREAD form a thread group, the process: its id (tgid, what getpid
 * answers) is the pid of its first thread, the group leader, and what
 * belongs to the whole process and is not shared through a refcounted
 * object (the pending process-directed signals, the exit status wait4
 * reports, the alarm, the live-thread count) is kept in the leader, which
 * stays in the table as a zombie until the last thread is gone
 * (kernel/proc/thread.c).  The address space (struct vmspace), descriptor
 * table (struct fdtable), cwd and umask (struct fs_struct) and signal
 * handlers (struct sighand) are refcounted objects shared by the clone
 * flags.  On SMP each of those objects and each leader's group fields will
 * need a lock; the comments at the users say which. */
#ifndef RINGEL_PROC_H
#define RINGEL_PROC_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <arch.h>
#include <uapi.h>
#include <cpu.h>

/* Threads are allocated on demand (kernel/proc/proc.c): how many there can
 * be is bounded by memory (PROC_PAGES charged against the commit limit for
 * each: its kernel stack, its struct, and three page tables; the rest of
 * its page tables come from the kernel's reserve) and by the ids: 1 to
 * PID_MAX - 1, Linux's default pid_max (/proc/sys/kernel/pid_max). */
#define PID_MAX 32768
#define KSTACK_SIZE (16 * 1024)
#define PROC_PAGES (KSTACK_SIZE / 4096 + 1 + 3)
/* nice values (getpriority, setpriority): -20 (most CPU) to 19 (least) */
#define NICE_MIN (-20)
#define NICE_MAX 19

struct vmspace;
struct fdtable;
struct sem_undo;
struct vnode;

/* P_ZOMBIE: a group leader that has exited (reported by wait4 once its
 * group has no live thread left); P_DEAD: any other thread that has
 * exited, its slot and kernel stack freed at the next switch
 * (sched_reap_dead). */
enum proc_state { P_FREE, P_EMBRYO, P_RUNNABLE, P_RUNNING, P_SLEEPING, P_STOPPED, P_ZOMBIE,
		  P_DEAD };

/* CLONE_SIGHAND shares it: the signal actions. */
struct sighand {
	int refs;
	struct k_sigaction act[NSIG];
};

/* CLONE_FS shares it: the working directory and the umask. */
struct fs_struct {
	int refs;
	struct vnode *cwd;
	unsigned umask;
};

/* An event at a time, on the timer wheel (kernel/proc/timeout.c). */
struct timeout {
	uint64_t at_ns;
	struct timeout *next, **pprev;  /* its wheel bucket; pprev NULL when not armed */
	void (*fire)(struct timeout *t);
};

/* siginfo fields of a pending signal */
struct sig_src {
	int32_t pid, code, status;
};

struct proc {
	int pid;                        /* the thread id (gettid) */
	int tgid;                       /* the thread group's id (getpid): leader->pid */
	struct proc *leader;            /* the group's first thread (itself if it is one) */
	enum proc_state state;
	char name[32];                  /* program name, for ps and fault reports */
	struct proc *parent;            /* a group leader; the same in every thread of a group */
	int pgid, sid;                  /* the same in every thread of a group */

	/* links (kernel/proc/proc.c): every thread is in the pid hash and on
	 * the list of all; a group's live threads are on their leader's
	 * thread list; a process (a leader) with a parent is on the parent's
	 * list of children */
	struct proc *hash_next;
	struct proc *all_next, *all_prev;
	struct proc *threads;           /* leader: the group's threads, itself included */
	struct proc *tnext, **tpprev;   /* on the leader's thread list */
	struct proc *children;          /* leader: its child processes */
	struct proc *sibling_next, **sibling_pprev;

	/* machine state */
	struct arch_context ctx;        /* kernel registers while switched out */
	struct arch_thread th;          /* FP/SIMD, TLS */
	uintptr_t kstack;               /* bottom of the kernel stack (guard page below) */
	struct arch_regs *uregs;        /* user registers, at the top of the kernel stack */

	struct vmspace *vm;             /* NULL for kernel threads */
	uintptr_t arg_start, arg_end;   /* argv strings on the user stack (/proc/PID/cmdline) */
	struct fdtable *files;
	struct fs_struct *fs;
	struct sighand *sighand;

	/* signals: sig_pending and sig_src are this thread's (tgkill, faults);
	 * shared_pending and shared_src, in the leader only, the process's (kill) */
	uint64_t sig_pending, sig_blocked;
	struct sig_src sig_src[NSIG];
	uint64_t shared_pending;
	struct sig_src shared_src[NSIG];
	struct linux_stack_t altstack;
	uint64_t saved_mask;            /* rt_sigsuspend: the mask to restore */
	bool restore_saved_mask;

	/* ITIMER_REAL (alarm, setitimer), in the leader: SIGALRM at alarm_ns,
	 * then every alarm_interval_ns if that is not 0 */
	uint64_t alarm_ns, alarm_interval_ns;

	/* sleeping */
	const void *wait_chan;          /* what a sleeper waits for */
	struct proc *sleep_next, **sleep_pprev;   /* its bucket of sleepers by channel (sched.c) */
	uint64_t wake_at_ns;            /* timed sleep: wake then (0 = not timed) */
	struct timeout sleep_timeout;   /* wake_at_ns on the timer wheel */
	struct timeout alarm_timeout;   /* alarm_ns on the timer wheel (leader) */
	bool interruptible;

	/* thread group (leader only) */
	int nthreads;                   /* threads not yet exited */
	bool group_exiting;             /* exit_group, a fatal signal or execve is ending the others */
	int group_status;               /* the wait status exit_group or the signal set */

	/* exit and wait */
	int exit_status;                /* wait4 status word */
	/* A stop (0x7f | sig << 8) or continue (0xffff) not yet reported to
	 * the parent's wait4 (WUNTRACED, WCONTINUED); 0 if none. */
	int jc_status;
	bool killed_by_signal;
	uintptr_t clear_child_tid;      /* set_tid_address, CLONE_CHILD_CLEARTID: 0 and a futex wake at exit */
	uintptr_t set_child_tid;        /* CLONE_CHILD_SETTID: the child writes its tid here first */
	uintptr_t robust_list;          /* set_robust_list: walked at exit (kernel/proc/futex.c) */
	size_t robust_len;
	struct proc *vfork_parent;      /* CLONE_VFORK: woken when this child execs or exits */
	bool vfork_waiting;             /* this thread waits for a CLONE_VFORK child */
	int exit_signal;                /* sent to the parent when the process ends (SIGCHLD, or 0) */
	char *exe;                      /* the program file's absolute path (/proc/PID/exe), kmalloc'd */
	uint64_t start_ns, user_ticks, sys_ticks;
	/* the times of the children (and theirs) this one has waited for:
	 * getrusage(RUSAGE_CHILDREN), /proc/PID/stat cutime and cstime */
	uint64_t cuser_ticks, csys_ticks;
	struct proc *run_next;          /* run queue link */
	/* the scheduler (sched.c): the nice value, and the ticks left of this
	 * round's share, which the nice value sets */
	int nice;
	int slice_left;
	/* the kernel lock (cpu.h): how many times this thread holds it; a
	 * thread switched out inside the kernel holds it once or more */
	int lock_depth;
	unsigned cpu;                   /* the CPU it runs or last ran on */
	uint32_t affinity;              /* CPUs it may run on (bit i: cpus[i]); 0 = any */
	/* the group leader's are the process's resource limits (soft, hard)
	 * and its CPU time counted against RLIMIT_CPU (kernel/proc/rlimit.c) */
	uint64_t rlim[RLIM_NLIMITS][2];
	uint64_t cpu_ticks;
	/* the last user page that faulted and how often in a row: a fault
	 * that keeps coming back resolved is given up on (kernel/trap.c) */
	uintptr_t fault_page;
	unsigned fault_repeats;
	/* prctl (kernel/proc/prctl.c): the signal this process gets when its
	 * parent ends (0: none; fork clears it), PR_SET_DUMPABLE 0,
	 * PR_SET_NO_NEW_PRIVS (inherited, never cleared) */
	int pdeath_signal;
	bool not_dumpable;
	bool no_new_privs;
	/* rt_sigtimedwait: the signals this thread waits for (blocked ones
	 * among them still wake it) */
	uint64_t sigwait_mask;
	/* System V semaphores' SEM_UNDO adjustments, in the leader
	 * (kernel/ipc/sem.c) */
	struct sem_undo *sem_undo;
};

/* kernel/proc/rlimit.c */
void rlimit_init(struct proc *p);                     /* the defaults, for init */
void rlimit_copy(struct proc *child, struct proc *parent);   /* fork */
uint64_t rlimit_cur(int resource);                    /* current's soft limit */
/* RLIMIT_FSIZE for a write of *len bytes at pos of a regular file: *len
 * cut to the limit, or -EFBIG (and SIGXFSZ) when pos is at or past it. */
int rlimit_fsize(uint64_t pos, size_t *len);
void rlimit_cpu_tick(struct proc *p);                 /* RLIMIT_CPU, from the tick */

/* kernel/proc/sched.c */
void sched_init(void);
void sched_make_runnable(struct proc *p);
void sched_affinity_changed(struct proc *p);   /* after sched_setaffinity */
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
/* Wake p alone if it sleeps on chan: no search of the table. */
void wakeup_proc(struct proc *p, const void *chan);
/* Free the slots of exited threads (P_DEAD) other than current's. */
void sched_reap_dead(void);
void sched_add_dead(struct proc *p);
/* The boot thread's last act: run whatever is runnable, else wait. */
__attribute__((__noreturn__)) void sched_idle_loop(void);
/* Nanoseconds the CPU has spent idle, waiting for an interrupt. */
uint64_t sched_idle_ns(void);
uint64_t ticks(void);
#define HZ 100
/* CLOCK_REALTIME minus CLOCK_MONOTONIC, in ns (kernel/proc/sys_proc.c) */
uint64_t clock_realtime_offset_ns(void);

uint64_t sched_idle_ticks(void);        /* ticks with nothing to run */
uint64_t sched_switches(void);          /* context switches since boot */

/* kernel/proc/loadavg.c: Linux's load averages, the number of processes
 * running, runnable or in uninterruptible sleep sampled every
 * LOADAVG_PERIOD_S seconds and decayed over 1, 5 and 15 minutes. */
#define LOADAVG_PERIOD_S 5
#define LOADAVG_FSHIFT 11               /* fixed point: 1.0 is 1 << 11 */
void loadavg_sample(void);
void loadavg_get(unsigned long avg[3]);
int proc_count_active(int *total);      /* running + runnable; *total = all threads */
int proc_last_pid(void);
uint64_t proc_forks(void);              /* processes created since boot */
/* Threads running or runnable; those and the ones asleep uninterruptibly
 * (the load): kept as counts by sched.c, not counted. */
unsigned sched_nr_running(void);
unsigned sched_nr_active(void);
/* The scheduler's share for a nice value: ticks per round. */
int sched_slice(int nice);
/* p's nice value changed (setpriority). */
void sched_set_nice(struct proc *p, int nice);

/* kernel/proc/timeout.c: a hashed timing wheel, so that a tick looks only
 * at the events due around it, not at every thread. */
void timeout_arm(struct timeout *t, uint64_t at_ns);
void timeout_cancel(struct timeout *t);
void timeout_run(uint64_t now_ns);      /* from CPU 0's tick */
void timeout_init_proc(struct proc *p); /* its sleep and alarm events */
/* Arm or cancel leader l's ITIMER_REAL from its alarm_ns. */
void alarm_update(struct proc *l);

/* kernel/proc/proc.c */
struct proc *proc_alloc(void);          /* an EMBRYO with a pid and kernel stack, or NULL */
void proc_free(struct proc *p);
struct proc *proc_find(int pid);        /* by id, through a hash; not FREE or DEAD */
/* The thread with the smallest id >= pid (any state but FREE), or NULL:
 * for listings in id order (/proc). */
struct proc *proc_find_from(int pid);
/* Every thread, in no particular order: for_each_proc(p) { ... }. */
struct proc *proc_iter(struct proc *after);
#define for_each_proc(p) for (struct proc *p = proc_iter(NULL); p; p = proc_iter(p))
/* Child process c (a leader) gets parent np (a leader or NULL): moves it
 * between the parents' lists of children and sets every thread's parent. */
void proc_set_parent(struct proc *c, struct proc *np);
/* The group's thread list: p joins leader l's, or leaves its group's. */
void proc_thread_link(struct proc *p, struct proc *l);
void proc_thread_unlink(struct proc *p);
/* execve by a non-leader t whose leader l is gone: t takes l's id, its
 * place among its parent's children, and its children. */
void proc_take_over(struct proc *t, struct proc *l);
/* Start a kernel thread running fn(arg). */
struct proc *kthread_create(const char *name, void (*fn)(void *), void *arg);
/* Terminate current's whole thread group with a wait status (exit_group,
 * a fatal signal); never returns. */
__attribute__((__noreturn__)) void proc_exit(int status);
/* Terminate current alone (exit); the group ends with its last thread. */
__attribute__((__noreturn__)) void thread_exit(int status);
struct fs_struct *fs_struct_new(void);
void fs_struct_put(struct fs_struct *fs);
struct sighand *sighand_new(void);
void sighand_put(struct sighand *sh);
/* Iterate over the live threads of leader's group (not P_FREE, EMBRYO,
 * ZOMBIE, DEAD): its thread list. */
struct proc *thread_next(struct proc *leader, struct proc *after);
#define for_each_thread(t, leader) \
	for (struct proc *t = thread_next((leader), NULL); t; t = thread_next((leader), t))
extern struct proc *init_proc;
/* init (pid 1) has exited: in a test run, end the machine with its status;
 * otherwise there is nothing left to run: panic like other kernels do. */
__attribute__((__noreturn__)) void init_exited(int status);

/* kernel/proc/thread.c */
/* Make current the only thread of its group before exec replaces the
 * program: the others are killed and waited for; a non-leader takes over
 * the group's id. */
void thread_group_reduce(void);
/* Send SIGKILL to every thread of current's group but current. */
void thread_group_kill_others(void);
/* A CLONE_VFORK child has exec'd or is exiting: let its parent run. */
void vfork_release(struct proc *child);

/* kernel/proc/futex.c */
/* Wake up to n waiters on the futex word at uaddr of the current address
 * space; the count woken. */
int futex_wake(uintptr_t uaddr, int n);
/* At thread exit: the robust-list walk, then the clear-child-tid word. */
void futex_exit(struct proc *p);

/* kernel/ipc/sem.c: leader's process has ended: its SEM_UNDO adjustments
 * are made. */
void sem_exit(struct proc *leader);

/* kernel/proc/exec.c: run a program from the kernel (init); 0 or -errno. On
 * success current's user registers are set to start it. */
int exec_kernel(const char *path, const char *const *argv, const char *const *envp);

/* kernel/proc/signal.c */
/* Process-directed: to p's thread group, taken by a thread that does not
 * block it. */
void signal_send(struct proc *p, int sig);   /* from current, SI_USER */
/* With explicit siginfo fields (SIGCHLD: code CLD_*, the child's pid and status). */
void signal_send_info(struct proc *p, int sig, int code, int pid, int status);
/* Thread-directed (tgkill, tkill): to thread t alone. */
void signal_send_thread(struct proc *t, int sig, int code, int pid);
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

/* Signals: sending, masks, handlers, default actions, and the work done on
 * every return to user mode.  The frame a handler runs on is the arch's
 * (arch_signal_push_frame), laid out like Linux's so real binaries work.
 *
 * With threads: a process-directed signal (kill, the tty, SIGCHLD, SIGALRM)
 * is pending in the group leader's shared set and taken by whichever
 * thread does not block it; a thread-directed one (tgkill, a fault) in the
 * thread's own set.  Handlers are per process (struct sighand), masks per
 * thread.  On SMP the leader's shared set and the sighand need a lock
 * (Linux's siglock); here interrupts are off in the kernel. */
#include <proc.h>
#include <vm.h>
#include <uaccess.h>
#include <syscalls_gen.h>
#include <kernel.h>
#include <string.h>

#define BIT(sig) (1ULL << ((sig) - 1))
#define UNBLOCKABLE (BIT(SIGKILL) | BIT(SIGSTOP))
#define STOP_SIGNALS (BIT(SIGSTOP) | BIT(SIGTSTP) | BIT(SIGTTIN) | BIT(SIGTTOU))

static const char *const signames[NSIG] = {
#define SIGNAL(name, abbrev, descr) [name] = #name,
#include <uapi/signal_list.h>
#undef SIGNAL
};

const char *signal_name(int sig)
{
	return sig > 0 && sig < NSIG && signames[sig] ? signames[sig] : "signal";
}

enum action { ACT_TERM, ACT_CORE, ACT_IGNORE, ACT_STOP, ACT_CONT };

static enum action default_action(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGURG: case SIGWINCH:
		return ACT_IGNORE;
	case SIGCONT:
		return ACT_CONT;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return ACT_STOP;
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
	case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return ACT_CORE;
	default:
		return ACT_TERM;
	}
}

static uint64_t pending_of(const struct proc *p)
{
	return p->sig_pending | p->leader->shared_pending;
}

bool signal_pending(const struct proc *p)
{
	return (pending_of(p) & ~p->sig_blocked) != 0;
}

void signal_send(struct proc *p, int sig)
{
	signal_send_info(p, sig, SI_USER, current ? current->tgid : 0, 0);
}

/* Job control news for p's parent: SIGCHLD (unless the parent asked for
 * none with SA_NOCLDSTOP) and a wakeup for its wait4. */
static void notify_parent_jc(struct proc *p, int code, int sig)
{
	struct proc *parent = p->parent;
	if (!parent)
		return;
	if (!(parent->sighand->act[SIGCHLD].flags & SA_NOCLDSTOP))
		signal_send_info(parent, SIGCHLD, code, p->pid, sig);
	wakeup(parent);
}

/* A thread in rt_sigtimedwait wakes for the signals it waits for even
 * while it blocks them (that is how sigwait is used). */
static bool takes(const struct proc *t, int sig)
{
	return (BIT(sig) & (~t->sig_blocked | t->sigwait_mask)) != 0;
}

static void wake_for(struct proc *t, int sig)
{
	if (t->state == P_SLEEPING && t->interruptible && takes(t, sig))
		sched_make_runnable(t);
}

/* Does a thread of group l block sig (or wait for it in rt_sigtimedwait)?
 * Such a signal is never dropped as ignored, as on Linux: its action may
 * change before it is unblocked, and sigwait takes it whatever the action
 * (busybox init waits so for SIGCHLD and its shutdown signals). */
static bool blocked_in_group(struct proc *l, int sig)
{
	for_each_thread(t, l)
		if ((t->sig_blocked | t->sigwait_mask) & BIT(sig))
			return true;
	return false;
}

/* What sending sig to group l does before it is made pending: false if it
 * is dropped (init's defaults, ignored signals). */
static bool prepare_signal(struct proc *l, int sig)
{
	bool blocked = blocked_in_group(l, sig);
	/* init hears only what it installed a handler for, as on Linux: a
	 * signal whose action would be the default (always so for SIGKILL and
	 * SIGSTOP) is dropped, so no process, and no tty's job control, can
	 * stop or end it.  Its own faults do not come this way: signal_fault
	 * kills it, and the kernel reports that init died (init_exited). */
	if (l == init_proc && l->sighand->act[sig].handler == SIG_DFL && !blocked)
		return false;
	/* SIGCONT resumes every stopped thread even when it is ignored or
	 * handled; a stop signal cancels a pending SIGCONT and vice versa. */
	if (sig == SIGCONT || sig == SIGKILL) {
		l->shared_pending &= ~STOP_SIGNALS;
		bool resumed = false;
		for_each_thread(t, l) {
			t->sig_pending &= ~STOP_SIGNALS;
			if (t->state == P_STOPPED) {
				sched_make_runnable(t);
				resumed = true;
			}
		}
		if (resumed && sig == SIGCONT) {
			l->jc_status = 0xffff;
			notify_parent_jc(l, CLD_CONTINUED, SIGCONT);
		}
	} else if (BIT(sig) & STOP_SIGNALS) {
		l->shared_pending &= ~BIT(SIGCONT);
		for_each_thread(t, l)
			t->sig_pending &= ~BIT(SIGCONT);
	}
	/* an ignored signal is dropped at once (SIGCHLD, SIG_IGN) */
	uint64_t h = l->sighand->act[sig].handler;
	return sig == SIGKILL || sig == SIGSTOP || blocked ||
	       !(h == SIG_IGN || (h == SIG_DFL && default_action(sig) == ACT_IGNORE));
}

static void set_src(struct sig_src *s, int pid, int code, int status)
{
	s->pid = pid;
	s->code = code;
	s->status = status;
}

void signal_send_info(struct proc *p, int sig, int code, int pid, int status)
{
	struct proc *l = p->leader;
	if (sig <= 0 || sig >= NSIG || l->state == P_FREE || l->nthreads == 0)
		return;
	if (!prepare_signal(l, sig))
		return;
	if (sig == SIGKILL) {
		/* every thread dies: each gets it, as on Linux */
		for_each_thread(t, l) {
			t->sig_pending |= BIT(sig);
			set_src(&t->sig_src[sig], pid, code, status);
			wake_for(t, sig);
		}
		return;
	}
	l->shared_pending |= BIT(sig);
	set_src(&l->shared_src[sig], pid, code, status);
	/* wake one thread that takes it: the first (the leader, if it lives)
	 * that does not block it; if all block it, it waits in the set */
	for_each_thread(t, l) {
		if (takes(t, sig)) {
			wake_for(t, sig);
			break;
		}
	}
}

void signal_send_thread(struct proc *t, int sig, int code, int pid)
{
	if (sig <= 0 || sig >= NSIG || t->state == P_FREE || t->state == P_ZOMBIE ||
	    t->state == P_DEAD)
		return;
	if (!prepare_signal(t->leader, sig))
		return;
	t->sig_pending |= BIT(sig);
	set_src(&t->sig_src[sig], pid, code, 0);
	wake_for(t, sig);
}

int signal_send_pgrp(int pgid, int sig)
{
	int found = 0;
	for_each_proc(p) {
		if (p->leader == p && p->nthreads > 0 && p->pgid == pgid && p->state != P_DEAD) {
			signal_send(p, sig);
			found = 1;
		}
	}
	return found ? 0 : -ESRCH;
}

/* Terminate current because of sig (the wait status says so). */
static noreturn void die_of(int sig, bool core)
{
	proc_exit(sig | (core ? 0x80 : 0));
}

/* Stop until SIGCONT (or SIGKILL) makes current runnable again; the
 * parent hears of it through SIGCHLD (CLD_STOPPED) and wait4 WUNTRACED. */
static void stop_current(int sig)
{
	current->state = P_STOPPED;
	current->leader->jc_status = (sig << 8) | 0x7f;
	notify_parent_jc(current->leader, CLD_STOPPED, sig);
	schedule();
}

int signal_sleep_interrupted(void)
{
	for (;;) {
		uint64_t ready = pending_of(current) & ~current->sig_blocked;
		int stop = 0;
		for (int sig = 1; sig < NSIG; sig++) {
			if (!(ready & BIT(sig)))
				continue;
			bool dfl = current->sighand->act[sig].handler == SIG_DFL;
			enum action a = default_action(sig);
			if (sig == SIGSTOP || (dfl && a == ACT_STOP)) {
				if (!stop)
					stop = sig;
			} else if (dfl && (a == ACT_CONT || a == ACT_IGNORE)) {
				current->sig_pending &= ~BIT(sig);   /* nothing to do for it */
				current->leader->shared_pending &= ~BIT(sig);
			} else {
				return -EINTR;                       /* a handler, or death */
			}
		}
		if (!stop)
			return 0;
		current->sig_pending &= ~(ready & STOP_SIGNALS);
		current->leader->shared_pending &= ~(ready & STOP_SIGNALS);
		stop_current(stop);
	}
}

/* Set up the handler for sig on the user stack; on a bad stack the
 * process dies of SIGSEGV, as on Linux. */
static void run_handler(struct arch_regs *regs, int sig, struct linux_siginfo *info)
{
	struct k_sigaction *ka = &current->sighand->act[sig];
	uint64_t restorer = (ka->flags & SA_RESTORER) ? ka->restorer : USER_SIGPAGE;
	uint64_t old_mask = current->restore_saved_mask ? current->saved_mask : current->sig_blocked;
	current->restore_saved_mask = false;
	if (arch_signal_push_frame(regs, sig, ka, info, old_mask, restorer) < 0) {
		printk("pid %d (%s): no room for the %s handler's frame on the stack: SIGSEGV\n",
		       current->pid, current->name, signal_name(sig));
		die_of(SIGSEGV, true);
	}
	current->sig_blocked |= ka->mask & ~UNBLOCKABLE;
	if (!(ka->flags & SA_NODEFER))
		current->sig_blocked |= BIT(sig) & ~UNBLOCKABLE;
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
}

static int next_signal(void)
{
	uint64_t ready = pending_of(current) & ~current->sig_blocked;
	/* Every return to user space asks: answer "none" at once. */
	if (!ready)
		return 0;
	/* synchronous faults and SIGKILL first, then lowest number */
	if (ready & BIT(SIGKILL))
		return SIGKILL;
	for (int sig = 1; sig < NSIG; sig++)
		if (ready & BIT(sig))
			return sig;
	return 0;
}

/* Fault details for the next synchronous signal's siginfo. */
static struct linux_siginfo fault_info;
static bool fault_info_valid;

static __attribute__((noinline)) void deliver_pending(struct arch_regs *regs)
{
	for (;;) {
		if (this_cpu()->need_resched)
			schedule();
		int sig = next_signal();
		if (!sig)
			break;
		/* the thread's own first, then the process's */
		struct sig_src src;
		if (current->sig_pending & BIT(sig)) {
			current->sig_pending &= ~BIT(sig);
			src = current->sig_src[sig];
		} else {
			current->leader->shared_pending &= ~BIT(sig);
			src = current->leader->shared_src[sig];
		}
		struct k_sigaction *ka = &current->sighand->act[sig];
		struct linux_siginfo info;
		memset(&info, 0, sizeof info);
		if (fault_info_valid && fault_info.si_signo == sig) {
			info = fault_info;
			fault_info_valid = false;
		} else {
			info.si_signo = sig;
			info.si_code = src.code;
			info.u.chld.pid = src.pid;   /* kill and chld share it */
			info.u.chld.status = src.status;
		}
		if (sig != SIGKILL && sig != SIGSTOP && ka->handler == SIG_IGN)
			continue;
		/* one init kept pending while it blocked it, unblocked now
		 * with no handler: dropped, as it would have been when sent */
		if (ka->handler == SIG_DFL && current->leader == init_proc && !fault_info_valid)
			continue;
		if (sig == SIGKILL || sig == SIGSTOP || ka->handler == SIG_DFL) {
			switch (default_action(sig)) {
			case ACT_IGNORE:
			case ACT_CONT:
				continue;
			case ACT_STOP:
				stop_current(sig);
				continue;
			case ACT_TERM:
				die_of(sig, false);
			case ACT_CORE:
				die_of(sig, true);
			}
		}
		run_handler(regs, sig, &info);
		break;   /* one handler frame at a time; others follow on its return */
	}
	if (current->restore_saved_mask) {
		current->sig_blocked = current->saved_mask;
		current->restore_saved_mask = false;
	}
}

/* Every return to user mode passes here; nearly always there is nothing to
 * do, and that answer costs a few instructions (the signal work, with its
 * siginfo on the stack, is out of line). */
void return_to_user_work(struct arch_regs *regs)
{
	struct proc *p = current;
	p->uregs = regs;
	/* The test reads without the kernel lock (a signal another CPU sends
	 * a moment later is seen at the next entry or tick); the work takes
	 * it.  Entries that took no lock (an IPI, a lock-free system call)
	 * have nothing to give back. */
	if (this_cpu()->need_resched || (pending_of(p) & ~p->sig_blocked) || p->restore_saved_mask) {
		if (!p->lock_depth)
			kernel_lock();
		deliver_pending(regs);
	}
	if (p->lock_depth)
		kernel_unlock();
	if (__builtin_expect(p->lock_depth != 0, 0))
		panic("returning to user mode holding the kernel lock (thread %d, depth %d)", p->pid,
		      p->lock_depth);
}

void signal_fault(struct arch_regs *regs, int sig, int code, uintptr_t addr, const char *what)
{
	struct k_sigaction *ka = &current->sighand->act[sig];
	bool blocked = current->sig_blocked & BIT(sig);
	bool handled = ka->handler != SIG_DFL && ka->handler != SIG_IGN && !blocked;
	if (!handled) {
		/* No handler: the one-line report, and the process dies. */
		printk("pid %d (%s): %s: %s at %#lx, ip %#lx\n", current->pid, current->name,
		       signal_name(sig), what, (unsigned long)addr, (unsigned long)arch_regs_pc(regs));
		die_of(sig, true);
	}
	memset(&fault_info, 0, sizeof fault_info);
	fault_info.si_signo = sig;
	fault_info.si_code = code;
	fault_info.u.fault.addr = addr;
	fault_info_valid = true;
	current->sig_pending |= BIT(sig);
}

/* ---------------------------------------------------------------- syscalls */

long sys_rt_sigaction(int sig, uintptr_t act, uintptr_t oact, size_t sigsetsize)
{
	if (sigsetsize != 8 || sig <= 0 || sig >= NSIG)
		return -EINVAL;
	struct k_sigaction n, old = current->sighand->act[sig];
	if (act) {
		if (sig == SIGKILL || sig == SIGSTOP)
			return -EINVAL;
		if (copy_from_user(&n, act, sizeof n) < 0)
			return -EFAULT;
	}
	if (oact && copy_to_user(oact, &old, sizeof old) < 0)
		return -EFAULT;
	if (act) {
		n.mask &= ~UNBLOCKABLE;
		current->sighand->act[sig] = n;   /* every thread's (CLONE_SIGHAND) */
		/* setting SIG_IGN (or a default that ignores) discards pending ones */
		if (n.handler == SIG_IGN || (n.handler == SIG_DFL && default_action(sig) == ACT_IGNORE)) {
			current->leader->shared_pending &= ~BIT(sig);
			for_each_thread(t, current->leader)
				t->sig_pending &= ~BIT(sig);
		}
	}
	return 0;
}

long sys_rt_sigprocmask(int how, uintptr_t set, uintptr_t oset, size_t sigsetsize)
{
	if (sigsetsize != 8)
		return -EINVAL;
	uint64_t n = 0, old = current->sig_blocked;
	if (set && copy_from_user(&n, set, sizeof n) < 0)
		return -EFAULT;
	if (set) {
		switch (how) {
		case SIG_BLOCK: n = old | n; break;
		case SIG_UNBLOCK: n = old & ~n; break;
		case SIG_SETMASK: break;
		default: return -EINVAL;
		}
	}
	if (oset && copy_to_user(oset, &old, sizeof old) < 0)
		return -EFAULT;
	if (set)
		current->sig_blocked = n & ~UNBLOCKABLE;
	return 0;
}

long sys_rt_sigreturn(void)
{
	uint64_t mask;
	if (arch_signal_pop_frame(current->uregs, &mask) < 0) {
		printk("pid %d (%s): bad signal frame in rt_sigreturn: SIGSEGV\n", current->pid,
		       current->name);
		die_of(SIGSEGV, true);
	}
	current->sig_blocked = mask & ~UNBLOCKABLE;
	return 0;
}

long sys_rt_sigpending(uintptr_t uset, size_t sigsetsize)
{
	if (sigsetsize != 8)
		return -EINVAL;
	uint64_t pending = pending_of(current) & current->sig_blocked;
	return copy_to_user(uset, &pending, sizeof pending);
}

long sys_rt_sigsuspend(uintptr_t umask, size_t sigsetsize)
{
	uint64_t mask;
	if (sigsetsize != 8)
		return -EINVAL;
	if (copy_from_user(&mask, umask, sizeof mask) < 0)
		return -EFAULT;
	current->saved_mask = current->sig_blocked;
	current->restore_saved_mask = true;
	current->sig_blocked = mask & ~UNBLOCKABLE;
	while (sleep_on(&current->sig_pending, true) == 0)
		;
	return -EINTR;
}

/* rt_sigtimedwait: take one of the signals in the set off the pending
 * ones (the thread's first, then the process's) without running a
 * handler, waiting at most the timeout (NULL: for ever).  The signal
 * number, -EAGAIN when the time ran out, -EINTR when another signal
 * came. */
long sys_rt_sigtimedwait(uintptr_t uset, uintptr_t uinfo, uintptr_t uts, size_t sigsetsize)
{
	uint64_t set;
	if (sigsetsize != 8)
		return -EINVAL;
	if (copy_from_user(&set, uset, sizeof set) < 0)
		return -EFAULT;
	set &= ~UNBLOCKABLE;
	uint64_t deadline = 0;
	if (uts) {
		struct linux_timespec ts;
		if (copy_from_user(&ts, uts, sizeof ts) < 0)
			return -EFAULT;
		if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
			return -EINVAL;
		deadline = arch_clock_ns() + (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
	}
	int sig = 0;
	long r = 0;
	for (;;) {
		uint64_t ready = pending_of(current) & set;
		if (ready) {
			sig = __builtin_ctzll(ready) + 1;
			break;
		}
		if (uts && arch_clock_ns() >= deadline) {
			r = -EAGAIN;
			break;
		}
		current->sigwait_mask = set;
		int err = uts ? sleep_until(&current->sig_pending, deadline, true)
			      : sleep_on(&current->sig_pending, true);
		current->sigwait_mask = 0;
		if (err) {
			/* a signal outside the set, unblocked: its handler runs,
			 * unless one of ours came with it */
			if (pending_of(current) & set)
				continue;
			r = -EINTR;
			break;
		}
	}
	if (!sig)
		return r;
	struct sig_src src;
	if (current->sig_pending & BIT(sig)) {
		current->sig_pending &= ~BIT(sig);
		src = current->sig_src[sig];
	} else {
		current->leader->shared_pending &= ~BIT(sig);
		src = current->leader->shared_src[sig];
	}
	if (uinfo) {
		struct linux_siginfo info;
		memset(&info, 0, sizeof info);
		info.si_signo = sig;
		info.si_code = src.code;
		info.u.chld.pid = src.pid;
		info.u.chld.status = src.status;
		if (copy_to_user(uinfo, &info, sizeof info) < 0)
			return -EFAULT;   /* as Linux: the signal is taken all the same */
	}
	return sig;
}

long sys_pause(void)
{
	while (sleep_on(&current->sig_pending, true) == 0)
		;
	return -EINTR;
}

long sys_sigaltstack(uintptr_t uss, uintptr_t uoss)
{
	struct linux_stack_t ss, old = current->altstack;
	if (!old.ss_size)
		old.ss_flags = SS_DISABLE;
	if (uoss && copy_to_user(uoss, &old, sizeof old) < 0)
		return -EFAULT;
	if (uss) {
		if (copy_from_user(&ss, uss, sizeof ss) < 0)
			return -EFAULT;
		if (ss.ss_flags & ~SS_DISABLE)
			return -EINVAL;
		if (ss.ss_flags & SS_DISABLE)
			memset(&ss, 0, sizeof ss);
		else if (ss.ss_size < MINSIGSTKSZ)
			return -ENOMEM;
		current->altstack = ss;
	}
	return 0;
}

/* kill(pid): pid may name any thread; the signal goes to its process. */
static int kill_one(struct proc *p, int sig)
{
	if (!p || p->leader->nthreads == 0)
		return -ESRCH;
	if (sig)
		signal_send(p, sig);
	return 0;
}

long sys_kill(int pid, int sig)
{
	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	if (pid > 0)
		return kill_one(proc_find(pid), sig);
	if (pid == 0)
		return signal_send_pgrp(current->pgid, sig);
	if (pid < -1)
		return signal_send_pgrp(-pid, sig);
	/* -1: everyone but init and ourselves */
	int sent = 0;
	for_each_proc(p) {
		struct proc *t = p->leader == p ? thread_next(p, NULL) : NULL;
		if (t && p->pid > 1 && p != current->leader && t->vm) {
			if (sig)
				signal_send(p, sig);
			sent = 1;
		}
	}
	return sent ? 0 : -ESRCH;
}

/* Thread-directed: to one thread, which takes it whatever the others block. */
static long kill_thread(int tgid, int tid, int sig)
{
	if (sig < 0 || sig >= NSIG || tid <= 0)
		return -EINVAL;
	struct proc *t = proc_find(tid);
	if (!t || t->state == P_ZOMBIE || (tgid > 0 && t->tgid != tgid))
		return -ESRCH;
	if (sig)
		signal_send_thread(t, sig, SI_TKILL, current->tgid);
	return 0;
}

long sys_tkill(int tid, int sig)
{
	return kill_thread(0, tid, sig);
}

long sys_tgkill(int tgid, int tid, int sig)
{
	if (tgid <= 0)
		return -EINVAL;
	return kill_thread(tgid, tid, sig);
}

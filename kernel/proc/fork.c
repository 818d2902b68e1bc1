/* fork, vfork, clone and clone3 (new processes and new threads), wait4, exit. */
#include <proc.h>
#include <mm.h>
#include <vm.h>
#include <vfs.h>
#include <uaccess.h>
#include <syscalls_gen.h>
#include <kernel.h>
#include <string.h>

/* A new thread or process starts here, on its own kernel stack, and goes
 * straight back to user mode with its creator's registers (and 0 as the
 * result). */
static void fork_child_start(void *unused)
{
	(void)unused;
	sched_reap_dead();
	/* CLONE_CHILD_SETTID: written here, in the child's own address space;
	 * a bad address is ignored, as on Linux. */
	if (current->set_child_tid) {
		uint32_t tid = (uint32_t)current->pid;
		(void)copy_to_user(current->set_child_tid, &tid, sizeof tid);
	}
	kernel_unlock();   /* every thread starts holding it: it came from schedule() */
	arch_return_to_user(current->uregs);
}

/* What clone and clone3 ask for, in one shape. */
struct clone_req {
	unsigned long flags;
	int exit_signal;
	uintptr_t stack;        /* the child's stack pointer, 0 = the caller's */
	uintptr_t ptid, ctid;   /* CLONE_PARENT_SETTID / CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID */
	uintptr_t tls;          /* CLONE_SETTLS */
};

/* Share or copy each part of the caller as the flags say. 0 or -ENOMEM. */
static int clone_parts(struct proc *parent, struct proc *child, unsigned long f)
{
	child->vm = (f & CLONE_VM) ? vm_get(parent->vm) : vm_fork(parent->vm);
	if (!child->vm)
		return -ENOMEM;
	if (f & CLONE_FILES) {
		child->files = parent->files;
		child->files->refs++;   /* on SMP: under the fdtable's lock */
	} else {
		child->files = fdtable_copy(parent->files);
	}
	if (!child->files)
		return -ENOMEM;
	if (f & CLONE_FS) {
		fs_struct_put(child->fs);
		child->fs = parent->fs;
		child->fs->refs++;
	} else {
		child->fs->cwd = parent->fs->cwd ? vnode_get(parent->fs->cwd) : NULL;
		child->fs->umask = parent->fs->umask;
	}
	if (f & CLONE_SIGHAND) {
		sighand_put(child->sighand);
		child->sighand = parent->sighand;
		child->sighand->refs++;
	} else {
		memcpy(child->sighand->act, parent->sighand->act, sizeof child->sighand->act);
	}
	if (parent->exe) {
		/* Out of memory here only costs the child its /proc/PID/exe. */
		size_t n = strlen(parent->exe) + 1;
		child->exe = kmalloc(n);
		if (child->exe)
			memcpy(child->exe, parent->exe, n);
	}
	return 0;
}

static void clone_undo(struct proc *child)
{
	if (child->vm)
		vm_put(child->vm);
	if (child->files)
		fdtable_put(child->files);
	kfree(child->exe);
	proc_free(child);
}

static long do_clone(const struct clone_req *rq)
{
	unsigned long f = rq->flags;
	struct proc *parent = current;
	struct proc *child = proc_alloc();
	if (!child)
		return -EAGAIN;
	if (clone_parts(parent, child, f) < 0) {
		clone_undo(child);
		return -ENOMEM;
	}
	arch_thread_copy(&child->th, &parent->th);
	if ((f & CLONE_SETTLS) && arch_thread_set_tls(&child->th, rq->tls) < 0) {
		clone_undo(child);
		return -EPERM;
	}
	child->affinity = parent->affinity;   /* inherited, as on Linux */
	rlimit_copy(child, parent);
	child->arg_start = parent->arg_start;
	child->arg_end = parent->arg_end;
	memcpy(child->name, parent->name, sizeof child->name);
	child->no_new_privs = parent->no_new_privs;
	child->not_dumpable = parent->not_dumpable;
	if (f & CLONE_THREAD) {
		/* one more thread of the caller's process (on SMP: under the
		 * leader's lock) */
		struct proc *l = parent->leader;
		child->tgid = l->pid;
		child->leader = l;
		child->nthreads = 0;
		l->nthreads++;
		child->parent = l->parent;   /* not a child process: on no list of children */
		proc_thread_link(child, l);
	} else {
		proc_thread_link(child, child);
		proc_set_parent(child, parent->leader);
	}
	child->nice = parent->nice;   /* inherited, as on Linux */
	child->slice_left = sched_slice(child->nice);
	child->exit_signal = rq->exit_signal;
	child->pgid = parent->pgid;
	child->sid = parent->sid;
	child->sig_blocked = parent->sig_blocked;
	/* A thread with the caller's alternate stack would run handlers on it
	 * at the same time: Linux gives one sharing the memory none. */
	if ((f & (CLONE_VM | CLONE_VFORK)) != CLONE_VM)
		child->altstack = parent->altstack;

	*child->uregs = *parent->uregs;
	arch_syscall_set_return(child->uregs, 0);
	if (rq->stack)
		arch_regs_set_sp(child->uregs, rq->stack);
	if (f & CLONE_CHILD_SETTID)
		child->set_child_tid = rq->ctid;
	if (f & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = rq->ctid;
	if (f & CLONE_VFORK) {
		child->vfork_parent = parent;
		parent->vfork_waiting = true;
	}
	arch_context_init(&child->ctx, (uintptr_t)child->uregs, fork_child_start, NULL);
	int tid = child->pid;
	sched_make_runnable(child);
	/* As on Linux, a bad ptid is ignored: the child exists by now. */
	if (f & CLONE_PARENT_SETTID) {
		uint32_t v = (uint32_t)tid;
		(void)copy_to_user(rq->ptid, &v, sizeof v);
	}
	/* vfork: the child borrows our memory until it execs or exits
	 * (vfork_release); killable only then, as Linux's is not quite */
	while (parent->vfork_waiting)
		sleep_on(&parent->vfork_waiting, false);
	return tid;
}

long sys_fork(void)
{
	struct clone_req rq = { .exit_signal = SIGCHLD };
	return do_clone(&rq);
}

/* vfork: the child runs in the caller's memory while the caller waits. */
long sys_vfork(void)
{
	struct clone_req rq = { .flags = CLONE_VM | CLONE_VFORK, .exit_signal = SIGCHLD };
	return do_clone(&rq);
}

#define CLONE_EXIT_SIGNAL 0xffUL
#define CLONE_KNOWN (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_VFORK | \
		     CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | \
		     CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_CHILD_SETTID)

/* The flag rules Linux enforces (its copy_process): a thread
 * shares the handlers, shared handlers need shared memory.  Flags this
 * kernel does not know (namespaces, ptrace, pidfds, CLONE_PARENT...) are
 * refused rather than ignored.  CLONE_SYSVSEM is accepted: there are no
 * System V semaphore undo lists to share yet. */
static long clone_check(unsigned long flags, unsigned long exit_signal)
{
	if (flags & ~CLONE_KNOWN)
		return -EINVAL;
	if ((flags & CLONE_THREAD) && !(flags & CLONE_SIGHAND))
		return -EINVAL;
	if ((flags & CLONE_SIGHAND) && !(flags & CLONE_VM))
		return -EINVAL;
	if (exit_signal >= NSIG)
		return -EINVAL;
	return 0;
}

long sys_clone(unsigned long flags, uintptr_t stack, uintptr_t ptid, uintptr_t a3, uintptr_t a4)
{
	long err = clone_check(flags & ~CLONE_EXIT_SIGNAL, flags & CLONE_EXIT_SIGNAL);
	if (err)
		return err;
	struct clone_req rq = { flags & ~CLONE_EXIT_SIGNAL, (int)(flags & CLONE_EXIT_SIGNAL), stack,
				ptid, 0, 0 };
	arch_clone_args(a3, a4, &rq.ctid, &rq.tls);
	return do_clone(&rq);
}

/* clone3's argument block (Linux's <linux/sched.h>), version 0: 64 bytes;
 * later versions add set_tid and cgroup, which must be zero here. */
struct clone3_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
};

long sys_clone3(uintptr_t uargs, size_t size)
{
	struct clone3_args a;
	if (size < 64 || size > PAGE_SIZE)
		return -EINVAL;
	memset(&a, 0, sizeof a);
	if (copy_from_user(&a, uargs, MIN(size, sizeof a)) < 0)
		return -EFAULT;
	/* a newer caller's extra fields: only zeros are understood */
	for (size_t off = sizeof a; off < size; off += 8) {
		uint64_t v = 0;
		if (copy_from_user(&v, uargs + off, MIN(8, size - off)) < 0)
			return -EFAULT;
		if (v)
			return -E2BIG;
	}
	/* pidfd is only read with CLONE_PIDFD, which clone_check refuses
	 * (glibc leaves a pointer there all the same) */
	if (a.set_tid || a.set_tid_size || a.cgroup || (a.flags >> 32))
		return -EINVAL;
	if ((a.flags & CLONE_EXIT_SIGNAL) || (!a.stack) != (!a.stack_size))
		return -EINVAL;
	long err = clone_check(a.flags, a.exit_signal);
	if (err)
		return err;
	struct clone_req rq = { a.flags, (int)a.exit_signal, a.stack ? a.stack + a.stack_size : 0,
				a.parent_tid, a.child_tid, a.tls };
	return do_clone(&rq);
}

long sys_exit(int status)
{
	thread_exit((status & 0xff) << 8);
}

long sys_exit_group(int status)
{
	proc_exit((status & 0xff) << 8);
}

/* A struct rusage with the CPU times of ticks (the rest 0) at u. */
static int rusage_to_user(uintptr_t u, uint64_t user_ticks, uint64_t sys_ticks)
{
	struct linux_rusage ru;
	memset(&ru, 0, sizeof ru);
	const uint64_t us = 1000000 / HZ;
	ru.ru_utime.tv_sec = (int64_t)(user_ticks / HZ);
	ru.ru_utime.tv_usec = (int64_t)(user_ticks % HZ * us);
	ru.ru_stime.tv_sec = (int64_t)(sys_ticks / HZ);
	ru.ru_stime.tv_usec = (int64_t)(sys_ticks % HZ * us);
	return copy_to_user(u, &ru, sizeof ru) < 0 ? -EFAULT : 0;
}

long sys_getrusage(int who, uintptr_t u)
{
	if (who == RUSAGE_SELF)
		return rusage_to_user(u, current->user_ticks, current->sys_ticks);
	if (who == RUSAGE_CHILDREN)
		return rusage_to_user(u, current->cuser_ticks, current->csys_ticks);
	return -EINVAL;
}

/* Does child c match wait4's pid argument? */
static bool wait_matches(const struct proc *c, int pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == 0)
		return c->pgid == current->pgid;
	if (pid < -1)
		return c->pgid == -pid;
	return true;
}

/* A stop (with WUNTRACED) or a continue (with WCONTINUED) of c that its
 * parent has not been told of: Linux's status words 0x7f | sig << 8 and
 * 0xffff. */
static bool jc_reportable(const struct proc *c, int options)
{
	if (!c->jc_status)
		return false;
	if (c->jc_status == 0xffff)
		return options & WCONTINUED;
	return options & WUNTRACED;   /* a SIGCONT since would have replaced it */
}

long sys_wait4(int pid, uintptr_t ustatus, int options, uintptr_t rusage)
{
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	for (;;) {
		bool have_children = false;
		/* children are processes: their leaders, whichever of our
		 * threads made them, on the leader's list */
		for (struct proc *c = current->leader->children; c; c = c->sibling_next) {
			if (!wait_matches(c, pid))
				continue;
			have_children = true;
			if (c->state != P_ZOMBIE || c->nthreads > 0) {
				if (jc_reportable(c, options)) {
					int status = c->jc_status;
					if (ustatus && copy_to_user(ustatus, &status, sizeof status) < 0)
						return -EFAULT;
					if (rusage && clear_user(rusage, 144) < 0)
						return -EFAULT;
					c->jc_status = 0;   /* each stop or continue is reported once */
					return c->pid;
				}
				continue;
			}
			int status = c->exit_status, cpid = c->pid;
			if (ustatus && copy_to_user(ustatus, &status, sizeof status) < 0)
				return -EFAULT;
			/* the child's times with those of its own waited-for children,
			 * as Linux reports them (and as `time` shows them) */
			uint64_t ut = c->user_ticks + c->cuser_ticks, st = c->sys_ticks + c->csys_ticks;
			if (rusage && rusage_to_user(rusage, ut, st) < 0)
				return -EFAULT;
			current->cuser_ticks += ut;
			current->csys_ticks += st;
			proc_free(c);
			return cpid;
		}
		if (!have_children)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		if (sleep_on(current->leader, true) < 0)
			return -EINTR;
	}
}

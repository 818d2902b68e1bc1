/* fork, vfork and clone (fork semantics only: no threads yet), wait4, exit. */
#include <proc.h>
#include <mm.h>
#include <vm.h>
#include <vfs.h>
#include <uaccess.h>
#include <syscalls_gen.h>
#include <kernel.h>
#include <string.h>

/* A forked child starts here, on its own kernel stack, and goes straight
 * back to user mode with the parent's registers (and 0 as the result). */
static void fork_child_start(void *unused)
{
	(void)unused;
	/* CLONE_CHILD_SETTID: written here, in the child's own address space;
	 * a bad address is ignored, as on Linux. */
	if (current->set_child_tid) {
		uint32_t tid = (uint32_t)current->pid;
		(void)copy_to_user(current->set_child_tid, &tid, sizeof tid);
	}
	arch_return_to_user(current->uregs);
}

/* The thread-id words of a fork-style clone (glibc's fork asks for the
 * child ones): ptid in the parent's memory, ctid in the child's, and ctid
 * again as the child's clear-on-exit word. */
struct tid_words {
	unsigned long flags;
	uintptr_t ptid, ctid;
};

static long do_fork(uintptr_t new_sp, const struct tid_words *tw)
{
	struct proc *parent = current;
	struct proc *child = proc_alloc();
	if (!child)
		return -EAGAIN;
	child->vm = vm_fork(parent->vm);
	if (!child->vm) {
		proc_free(child);
		return -ENOMEM;
	}
	child->files = fdtable_copy(parent->files);
	if (!child->files) {
		vm_destroy(child->vm);
		proc_free(child);
		return -ENOMEM;
	}
	child->cwd = parent->cwd ? vnode_get(parent->cwd) : NULL;
	if (parent->exe) {
		/* Out of memory here only costs the child its /proc/PID/exe. */
		size_t n = strlen(parent->exe) + 1;
		child->exe = kmalloc(n);
		if (child->exe)
			memcpy(child->exe, parent->exe, n);
	}
	child->arg_start = parent->arg_start;
	child->arg_end = parent->arg_end;
	memcpy(child->name, parent->name, sizeof child->name);
	child->parent = parent;
	child->pgid = parent->pgid;
	child->sid = parent->sid;
	child->umask = parent->umask;
	child->sig_blocked = parent->sig_blocked;
	memcpy(child->sigact, parent->sigact, sizeof child->sigact);
	child->altstack = parent->altstack;

	*child->uregs = *parent->uregs;
	arch_syscall_set_return(child->uregs, 0);
	if (new_sp)
		arch_regs_set_sp(child->uregs, new_sp);
	arch_thread_copy(&child->th, &parent->th);
	if (tw && (tw->flags & CLONE_CHILD_SETTID))
		child->set_child_tid = tw->ctid;
	if (tw && (tw->flags & CLONE_CHILD_CLEARTID))
		child->clear_child_tid = tw->ctid;
	arch_context_init(&child->ctx, (uintptr_t)child->uregs, fork_child_start, NULL);
	sched_make_runnable(child);
	/* As on Linux, a bad ptid is ignored: the child exists by now. */
	if (tw && (tw->flags & CLONE_PARENT_SETTID)) {
		uint32_t tid = (uint32_t)child->pid;
		(void)copy_to_user(tw->ptid, &tid, sizeof tid);
	}
	return child->pid;
}

long sys_fork(void)
{
	return do_fork(0, NULL);
}

/* vfork is fork here: copy-on-write makes the copy cheap, and the
 * "parent waits for exec" guarantee is not needed by correct programs. */
long sys_vfork(void)
{
	return do_fork(0, NULL);
}

/* clone with fork semantics: a copy of the caller, with SIGCHLD (or no
 * signal) at its exit, optionally a new stack, and the thread-id words
 * glibc's fork asks for (CLONE_PARENT_SETTID, CLONE_CHILD_SETTID,
 * CLONE_CHILD_CLEARTID).  Anything else is refused rather than ignored:
 * the thread flags (CLONE_VM, CLONE_THREAD, ...) until there are threads,
 * and CLONE_SETTLS, because a child would run with a TLS base nobody set.
 * CLONE_VFORK is accepted: vfork is fork here (sys_vfork). */
#define CLONE_EXIT_SIGNAL 0xffUL
#define CLONE_TID_WORDS (CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)

long sys_clone(unsigned long flags, uintptr_t stack, uintptr_t ptid, uintptr_t a3, uintptr_t a4)
{
	if (flags & ~(CLONE_EXIT_SIGNAL | CLONE_VFORK | CLONE_TID_WORDS))
		return -EINVAL;   /* the thread flags, SETTLS, and the ones this kernel does not know */
	if ((flags & CLONE_EXIT_SIGNAL) != SIGCHLD && (flags & CLONE_EXIT_SIGNAL) != 0)
		return -EINVAL;
	struct tid_words tw = { flags, ptid, 0 };
	uintptr_t tls;
	arch_clone_args(a3, a4, &tw.ctid, &tls);
	return do_fork(stack, &tw);
}

noreturn static void exit_with(int code)
{
	proc_exit((code & 0xff) << 8);
}

long sys_exit(int status)
{
	exit_with(status);
}

long sys_exit_group(int status)
{
	exit_with(status);
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
	return (options & WUNTRACED) && c->state == P_STOPPED;
}

long sys_wait4(int pid, uintptr_t ustatus, int options, uintptr_t rusage)
{
	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	for (;;) {
		bool have_children = false;
		for (int i = 0; i < NPROC; i++) {
			struct proc *c = proc_table(i);
			if (c->state == P_FREE || c->parent != current || !wait_matches(c, pid))
				continue;
			have_children = true;
			if (c->state != P_ZOMBIE) {
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
		if (sleep_on(current, true) < 0)
			return -EINTR;
	}
}

/* Thread groups: how threads and processes end, and execve's reduction of
 * a process to one thread.
 *
 * A process ends with its last thread.  exit ends the calling thread only;
 * exit_group and a fatal signal mark the group as exiting and send SIGKILL
 * to the other threads, each of which leaves through thread_exit the next
 * time it is about to return to user mode (or wakes from an interruptible
 * sleep).  The leader's struct proc carries the process: when the leader
 * exits before the others it stays a zombie, not yet reportable, until the
 * last thread ends the group (group_end); any other thread is freed at
 * once (P_DEAD, freed by the next thread to run).
 *
 * On SMP the group fields in the leader (nthreads, group_exiting) and the
 * children's parent pointers will be under the leader's lock and a tasklist
 * lock; here interrupts are off in the kernel. */
#include <proc.h>
#include <vm.h>
#include <vfs.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>

#define SIGKILL_BIT (1ULL << (SIGKILL - 1))

/* Hand leader p's children to init (or, for init itself, to nobody):
 * the list of its own children, not a search of every process.  Those
 * that asked with PR_SET_PDEATHSIG get their signal. */
static void reparent_children(struct proc *p)
{
	bool zombies = false;
	struct proc *np = init_proc != p ? init_proc : NULL;
	while (p->children) {
		struct proc *c = p->children;
		zombies |= c->state == P_ZOMBIE;
		if (c->pdeath_signal && c->state != P_ZOMBIE)
			signal_send_info(c, c->pdeath_signal, SI_USER, p->pid, 0);   /* PR_SET_PDEATHSIG */
		proc_set_parent(c, np);
	}
	if (zombies && np)
		wakeup(np);
}

/* Release what an exiting thread holds, keeping only the slot, the kernel
 * stack and the signal handlers (freed with the slot). */
static void release_resources(struct proc *p)
{
	if (p->files) {
		fdtable_put(p->files);
		p->files = NULL;
	}
	fs_struct_put(p->fs);
	p->fs = NULL;
	kfree(p->exe);
	p->exe = NULL;
	if (p->vm) {
		struct vmspace *vm = p->vm;
		p->vm = NULL;
		vm_activate(NULL);
		vm_put(vm);
	}
}

void vfork_release(struct proc *child)
{
	struct proc *parent = child->vfork_parent;
	if (!parent)
		return;
	child->vfork_parent = NULL;
	parent->vfork_waiting = false;
	wakeup_proc(parent, &parent->vfork_waiting);
}

void thread_group_kill_others(void)
{
	for_each_thread(t, current->leader) {
		if (t == current)
			continue;
		t->sig_pending |= SIGKILL_BIT;
		if ((t->state == P_SLEEPING && t->interruptible) || t->state == P_STOPPED)
			sched_make_runnable(t);
	}
}

/* The last thread of leader l's group is gone, with status: l becomes the
 * zombie its parent's wait4 reports.  Without exit_group or a fatal signal
 * the status is the last thread's, as Linux reports it. */
static void group_end(struct proc *l, int status)
{
	reparent_children(l);
	sem_exit(l);
	l->alarm_ns = 0;
	alarm_update(l);
	l->exit_status = l->group_exiting ? l->group_status : status;
	l->state = P_ZOMBIE;
	if (l->parent) {
		int status = l->exit_status;
		int sig = status & 0x7f, code = !sig ? CLD_EXITED : (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
		if (l->exit_signal)
			signal_send_info(l->parent, l->exit_signal, code, l->pid,
					 sig ? sig : (status >> 8) & 0xff);
		wakeup(l->parent);
	}
}

void thread_exit(int status)
{
	struct proc *p = current, *l = p->leader;
	if (l == init_proc && l->nthreads == 1)
		init_exited(l->group_exiting ? l->group_status : status);
	futex_exit(p);
	vfork_release(p);
	release_resources(p);
	p->exit_status = status;
	l->nthreads--;
	wakeup(&l->nthreads);           /* an execve waiting for the others to go */
	if (l->nthreads == 0)
		group_end(l, status);
	else if (p == l)
		p->state = P_ZOMBIE;    /* the process lives on in its other threads */
	if (p != l) {
		p->state = P_DEAD;
		proc_thread_unlink(p);
		sched_add_dead(p);
	}
	schedule();
	panic("an exited thread was scheduled");
}

void proc_exit(int status)
{
	struct proc *l = current->leader;
	if (!l->group_exiting) {
		l->group_exiting = true;
		l->group_status = status;
		thread_group_kill_others();
	}
	thread_exit(status);
}

/* execve in thread t, whose group's leader l has exited: t becomes the
 * process, with its id (Linux's de_thread does the same swap), and l's
 * struct is freed (proc_take_over). */
static void take_over(struct proc *t, struct proc *l)
{
	t->pgid = l->pgid;
	t->sid = l->sid;
	t->exit_signal = l->exit_signal;
	t->shared_pending = l->shared_pending;
	memcpy(t->shared_src, l->shared_src, sizeof t->shared_src);
	t->alarm_ns = l->alarm_ns;
	t->alarm_interval_ns = l->alarm_interval_ns;
	t->start_ns = l->start_ns;
	t->jc_status = 0;
	t->sem_undo = l->sem_undo;          /* the process's, like its locks */
	l->sem_undo = NULL;
	lock_owner_moved(l, t);
	proc_take_over(t, l);
	alarm_update(t);
	t->nthreads = 1;
	t->group_exiting = false;
}

void thread_group_reduce(void)
{
	struct proc *me = current, *l = me->leader;
	if (l->nthreads > 1) {
		l->group_exiting = true;        /* the others exit quietly */
		thread_group_kill_others();
		while (l->nthreads > 1)
			sleep_on(&l->nthreads, false);
		l->group_exiting = false;
	}
	if (me != l)
		take_over(me, l);
}

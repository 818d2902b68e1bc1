/* The process table: allocation of threads (struct proc), kernel threads,
 * and the objects threads share (fs_struct, sighand).  The system calls
 * live beside it: fork, clone and wait4 in kernel/proc/fork.c, exit and
 * the thread group in kernel/proc/thread.c, exec in kernel/proc/exec.c.
 *
 * There is no table of fixed size: a struct proc is allocated when a
 * thread is made and freed when it is reaped, so the number of threads is
 * bounded by memory (PROC_PAGES charged against the commit limit for each,
 * so that fork is refused cleanly before the machine runs out of pages)
 * and by the ids, 1 to PID_MAX - 1.  What used to be searches of the table
 * are links:
 *   - ids: a bitmap of the ids in use (allocation goes round, as Linux's
 *     does, and /proc lists in id order) and a hash from id to thread;
 *   - every thread on one list, for the few calls that must look at all
 *     (kill(-1), kill(-pgrp), umount's busy check, /proc/meminfo);
 *   - a leader's list of its group's threads, and of its children, so
 *     that wait4, exit's reparenting and exec's take-over look only at
 *     their own.
 * Everything runs under the kernel lock (docs/smp.md). */
#include <proc.h>
#include <mm.h>
#include <kstack.h>
#include <vm.h>
#include <vfs.h>
#include <uaccess.h>
#include <kernel.h>
#include <string.h>

#define PID_HASH 1024   /* ids are handed out in order: at most PID_MAX / PID_HASH per chain */
static struct proc *pid_hash[PID_HASH];
static uint64_t pid_used[PID_MAX / 64] = { 1 };   /* id 0 is the idle threads' */
static struct proc *all_head;
static int nthreads_all;
static int next_pid = 1;
struct proc *init_proc;

static struct proc **hash_head(int pid)
{
	return &pid_hash[(unsigned)pid % PID_HASH];
}

static void hash_add(struct proc *p)
{
	struct proc **h = hash_head(p->pid);
	p->hash_next = *h;
	*h = p;
	pid_used[p->pid / 64] |= 1ULL << (p->pid % 64);
}

static void hash_del(struct proc *p)
{
	for (struct proc **pp = hash_head(p->pid); *pp; pp = &(*pp)->hash_next) {
		if (*pp == p) {
			*pp = p->hash_next;
			break;
		}
	}
	pid_used[p->pid / 64] &= ~(1ULL << (p->pid % 64));
	p->hash_next = NULL;
}

static struct proc *hash_lookup(int pid)
{
	for (struct proc *p = *hash_head(pid); p; p = p->hash_next)
		if (p->pid == pid)
			return p;
	return NULL;
}

struct proc *proc_find(int pid)
{
	if (pid <= 0 || pid >= PID_MAX)
		return NULL;
	struct proc *p = hash_lookup(pid);
	return p && p->state != P_FREE && p->state != P_DEAD ? p : NULL;
}

/* The first id >= from whose bit is 'used', or PID_MAX. */
static int pid_scan(int from, bool used)
{
	for (int w = from / 64; w < PID_MAX / 64; w++) {
		uint64_t bits = used ? pid_used[w] : ~pid_used[w];
		if (w == from / 64)
			bits &= ~0ULL << (from % 64);
		if (bits)
			return w * 64 + __builtin_ctzll(bits);
	}
	return PID_MAX;
}

struct proc *proc_find_from(int pid)
{
	for (pid = MAX(pid, 1); (pid = pid_scan(pid, true)) < PID_MAX; pid++) {
		struct proc *p = hash_lookup(pid);
		if (p)
			return p;
	}
	return NULL;
}

struct proc *proc_iter(struct proc *after)
{
	return after ? after->all_next : all_head;
}

static int last_pid;
static uint64_t forks;

int proc_last_pid(void)
{
	return last_pid;
}

uint64_t proc_forks(void)
{
	return forks;
}

int proc_count_active(int *total)
{
	*total = nthreads_all;
	return (int)sched_nr_running();
}

/* The next free id after the last one given, going round past PID_MAX to
 * 2 as Linux does (to 300 there); 0 if every id is taken. */
static int alloc_pid(void)
{
	int pid = pid_scan(next_pid, false);
	if (pid >= PID_MAX)
		pid = pid_scan(2, false);
	if (pid >= PID_MAX)
		return 0;
	next_pid = pid + 1 < PID_MAX ? pid + 1 : 2;
	forks++;
	return last_pid = pid;
}

struct proc *proc_alloc(void)
{
	if (vm_commit_pages(PROC_PAGES) < 0)
		return NULL;
	struct proc *p = kzalloc(sizeof *p);
	uintptr_t stack = p ? kstack_alloc(NULL) : 0;
	struct fs_struct *fs = stack ? fs_struct_new() : NULL;
	struct sighand *sh = fs ? sighand_new() : NULL;
	int pid = sh ? alloc_pid() : 0;
	if (!pid) {
		kfree(fs);
		kfree(sh);
		if (stack)
			kstack_free(stack);
		kfree(p);
		vm_uncommit_pages(PROC_PAGES);
		return NULL;
	}
	p->state = P_EMBRYO;
	p->pid = p->tgid = pid;
	p->leader = p;
	p->nthreads = 1;
	p->lock_depth = 1;   /* it starts inside schedule(), which holds it */
	p->slice_left = sched_slice(0);
	rlimit_init(p);
	p->kstack = stack;
	p->uregs = (struct arch_regs *)(stack + KSTACK_SIZE) - 1;
	p->fs = fs;
	p->sighand = sh;
	p->start_ns = arch_clock_ns();
	timeout_init_proc(p);
	hash_add(p);
	p->all_next = all_head;
	if (all_head)
		all_head->all_prev = p;
	all_head = p;
	nthreads_all++;
	return p;
}

/* p's kernel stack must not be the one running (an exited thread is freed
 * by the next thread to run: sched_reap_dead).  Its children, if it had
 * any, have been handed on (reparent_children, proc_take_over). */
void proc_free(struct proc *p)
{
	timeout_cancel(&p->sleep_timeout);
	timeout_cancel(&p->alarm_timeout);
	proc_thread_unlink(p);
	proc_set_parent(p, NULL);
	fs_struct_put(p->fs);
	sighand_put(p->sighand);
	kstack_free(p->kstack);
	if (p->pid)
		hash_del(p);
	if (p->all_prev)
		p->all_prev->all_next = p->all_next;
	else
		all_head = p->all_next;
	if (p->all_next)
		p->all_next->all_prev = p->all_prev;
	nthreads_all--;
	p->state = P_FREE;   /* what a stale pointer would see, until reused */
	kfree(p);
	vm_uncommit_pages(PROC_PAGES);
}

void proc_set_parent(struct proc *c, struct proc *np)
{
	if (c->sibling_pprev) {
		*c->sibling_pprev = c->sibling_next;
		if (c->sibling_next)
			c->sibling_next->sibling_pprev = c->sibling_pprev;
		c->sibling_next = NULL;
		c->sibling_pprev = NULL;
	}
	c->parent = np;
	/* every thread carries the process's parent (getppid from any) */
	for (struct proc *t = c->threads; t; t = t->tnext)
		t->parent = np;
	if (np) {
		c->sibling_next = np->children;
		if (np->children)
			np->children->sibling_pprev = &c->sibling_next;
		c->sibling_pprev = &np->children;
		np->children = c;
	}
}

void proc_thread_link(struct proc *p, struct proc *l)
{
	proc_thread_unlink(p);
	p->tnext = l->threads;
	if (l->threads)
		l->threads->tpprev = &p->tnext;
	p->tpprev = &l->threads;
	l->threads = p;
}

void proc_thread_unlink(struct proc *p)
{
	if (!p->tpprev)
		return;
	*p->tpprev = p->tnext;
	if (p->tnext)
		p->tnext->tpprev = p->tpprev;
	p->tnext = NULL;
	p->tpprev = NULL;
}

void proc_take_over(struct proc *t, struct proc *l)
{
	int tgid = l->pid;
	hash_del(t);
	hash_del(l);
	l->pid = 0;   /* its id is t's now: proc_free must not release it */
	t->pid = t->tgid = tgid;
	hash_add(t);
	proc_set_parent(t, l->parent);
	while (l->children)
		proc_set_parent(l->children, t);
	proc_thread_unlink(t);
	t->leader = t;
	proc_thread_link(t, t);
	if (init_proc == l)
		init_proc = t;
	proc_free(l);
}

struct proc *kthread_create(const char *name, void (*fn)(void *), void *arg)
{
	struct proc *p = proc_alloc();
	if (!p)
		return NULL;
	strlcpy(p->name, name, sizeof p->name);
	proc_thread_link(p, p);
	/* no parent: not init's child, whose wait(2) would wait for it (init
	 * reaps everything at power off), nor anyone's; its ppid is 0, as
	 * the idle thread's.  A kernel thread never exits. */
	arch_thread_init(&p->th);
	arch_context_init(&p->ctx, (uintptr_t)p->uregs, fn, arg);
	sched_make_runnable(p);
	return p;
}

struct fs_struct *fs_struct_new(void)
{
	struct fs_struct *fs = kzalloc(sizeof *fs);
	if (fs) {
		fs->refs = 1;
		fs->umask = 022;
	}
	return fs;
}

void fs_struct_put(struct fs_struct *fs)
{
	if (!fs || --fs->refs > 0)
		return;
	if (fs->cwd)
		vnode_put(fs->cwd);
	kfree(fs);
}

struct sighand *sighand_new(void)
{
	struct sighand *sh = kzalloc(sizeof *sh);
	if (sh)
		sh->refs = 1;
	return sh;
}

void sighand_put(struct sighand *sh)
{
	if (sh && --sh->refs == 0)
		kfree(sh);
}

/* The leader's thread list holds the threads that have not exited; an
 * exiting leader stays on it as a zombie until the group ends. */
struct proc *thread_next(struct proc *leader, struct proc *after)
{
	struct proc *t = after ? after->tnext : leader->threads;
	while (t && (t->state == P_ZOMBIE || t->state == P_DEAD || t->state == P_EMBRYO ||
		     t->state == P_FREE))
		t = t->tnext;
	return t;
}

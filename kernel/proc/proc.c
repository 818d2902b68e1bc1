/* The process table: allocation of threads (struct proc), kernel threads,
 * and the objects threads share (fs_struct, sighand).  The system calls
 * live beside it: fork, clone and wait4 in kernel/proc/fork.c, exit and
 * the thread group in kernel/proc/thread.c, exec in kernel/proc/exec.c. */
#include <proc.h>
#include <mm.h>
#include <kstack.h>
#include <vm.h>
#include <vfs.h>
#include <uaccess.h>
#include <kernel.h>
#include <string.h>

static struct proc table[NPROC];
static int next_pid = 1;
struct proc *init_proc;

struct proc *proc_table(int i)
{
	return &table[i];
}

struct proc *proc_find(int pid)
{
	if (pid <= 0)
		return NULL;
	for (int i = 0; i < NPROC; i++)
		if (table[i].pid == pid && table[i].state != P_FREE && table[i].state != P_DEAD)
			return &table[i];
	return NULL;
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
	int n = 0, all = 0;
	for (int i = 0; i < NPROC; i++) {
		enum proc_state s = table[i].state;
		if (s == P_FREE || s == P_EMBRYO)
			continue;
		all++;
		if (s == P_RUNNABLE || s == P_RUNNING)
			n++;
	}
	*total = all;
	return n;
}

static int alloc_pid(void)
{
	forks++;
	for (;;) {
		int pid = next_pid++;
		if (next_pid >= 32768)
			next_pid = 2;
		if (!proc_find(pid))
			return last_pid = pid;
	}
}

struct proc *proc_alloc(void)
{
	for (int i = 0; i < NPROC; i++) {
		struct proc *p = &table[i];
		if (p->state != P_FREE)
			continue;
		uintptr_t stack = kstack_alloc((unsigned)i);
		if (!stack)
			return NULL;
		struct fs_struct *fs = fs_struct_new();
		struct sighand *sh = sighand_new();
		if (!fs || !sh) {
			kfree(fs);
			kfree(sh);
			kstack_free(stack, KSTACK_SIZE);
			return NULL;
		}
		memset(p, 0, sizeof *p);
		p->state = P_EMBRYO;
		p->pid = p->tgid = alloc_pid();
		p->leader = p;
		p->nthreads = 1;
		p->lock_depth = 1;   /* it starts inside schedule(), which holds it */
		rlimit_init(p);
		p->kstack = stack;
		p->uregs = (struct arch_regs *)(stack + KSTACK_SIZE) - 1;
		p->fs = fs;
		p->sighand = sh;
		p->start_ns = arch_clock_ns();
		return p;
	}
	return NULL;
}

/* p's kernel stack must not be the one running (an exited thread is freed
 * by the next thread to run: sched_reap_dead). */
void proc_free(struct proc *p)
{
	fs_struct_put(p->fs);
	p->fs = NULL;
	sighand_put(p->sighand);
	p->sighand = NULL;
	kstack_free(p->kstack, KSTACK_SIZE);
	p->state = P_FREE;
	p->pid = 0;
}

struct proc *kthread_create(const char *name, void (*fn)(void *), void *arg)
{
	struct proc *p = proc_alloc();
	if (!p)
		return NULL;
	strlcpy(p->name, name, sizeof p->name);
	p->parent = init_proc ? init_proc : NULL;
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

/* A search of the table: NPROC is small.  On SMP the group's list will be
 * walked under the leader's lock. */
struct proc *thread_next(struct proc *leader, struct proc *after)
{
	int i = after ? (int)(after - table) + 1 : 0;
	for (; i < NPROC; i++) {
		struct proc *t = &table[i];
		if (t->leader == leader && t->state != P_FREE && t->state != P_ZOMBIE &&
		    t->state != P_DEAD && t->state != P_EMBRYO)
			return t;
	}
	return NULL;
}

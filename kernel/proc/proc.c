/* The process table: allocation, kernel threads, exit, and reaping.
 * The system calls live beside it: fork, wait4 and exit in kernel/proc/fork.c,
 * exec in kernel/proc/exec.c. */
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
		if (table[i].pid == pid && table[i].state != P_FREE)
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
		memset(p, 0, sizeof *p);
		p->state = P_EMBRYO;
		p->pid = alloc_pid();
		p->kstack = stack;
		p->uregs = (struct arch_regs *)(stack + KSTACK_SIZE) - 1;
		p->umask = 022;
		p->start_ns = arch_clock_ns();
		return p;
	}
	return NULL;
}

void proc_free(struct proc *p)
{
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

/* Hand p's children to init (or, for init itself, to nobody). */
static void reparent_children(struct proc *p)
{
	bool zombies = false;
	for (int i = 0; i < NPROC; i++) {
		struct proc *c = &table[i];
		if (c->state == P_FREE || c->parent != p)
			continue;
		c->parent = init_proc != p ? init_proc : NULL;
		zombies |= c->state == P_ZOMBIE;
	}
	if (zombies && init_proc && init_proc != p)
		wakeup(init_proc);
}

/* Release what a process holds, keeping only the slot, the kernel stack and
 * the exit status for its parent. */
static void release_resources(struct proc *p)
{
	if (p->files) {
		fdtable_put(p->files);
		p->files = NULL;
	}
	if (p->cwd) {
		vnode_put(p->cwd);
		p->cwd = NULL;
	}
	kfree(p->exe);
	p->exe = NULL;
	if (p->vm) {
		struct vmspace *vm = p->vm;
		p->vm = NULL;
		vm_activate(NULL);
		vm_destroy(vm);
	}
}

/* set_tid_address: the thread is gone, so its id word becomes 0.  Linux
 * then wakes a futex waiter on that word; there are no futexes yet (nor
 * threads that could wait), so this is only the write, and a bad address
 * is ignored: the process is leaving anyway.  (Linux skips the write when
 * no other thread shares the address space; doing it always is harmless
 * and shows in a MAP_SHARED page, which is how the utests see it.) */
static void clear_child_tid(struct proc *p)
{
	if (!p->clear_child_tid || !p->vm)
		return;
	uint32_t zero = 0;
	(void)copy_to_user(p->clear_child_tid, &zero, sizeof zero);
	p->clear_child_tid = 0;
}

void proc_exit(int status)
{
	struct proc *p = current;
	if (p == init_proc)
		init_exited(status);
	clear_child_tid(p);
	release_resources(p);
	reparent_children(p);
	p->exit_status = status;
	p->state = P_ZOMBIE;
	if (p->parent) {
		int sig = status & 0x7f, code = !sig ? CLD_EXITED : (status & 0x80) ? CLD_DUMPED : CLD_KILLED;
		signal_send_info(p->parent, SIGCHLD, code, p->pid, sig ? sig : (status >> 8) & 0xff);
		wakeup(p->parent);
	}
	schedule();
	panic("a zombie was scheduled");
}

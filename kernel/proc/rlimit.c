/* Resource limits: prlimit64 (getrlimit and setrlimit in the libc) and the
 * checks that make them hold.
 *
 * The limits belong to the process (the thread group): they live in the
 * group leader, are inherited by fork and kept across exec, as on Linux.
 * Every process runs as root, which may raise a hard limit, but not beyond
 * what the kernel has: RLIMIT_NOFILE stops at the descriptor table's size
 * (EPERM above it, Linux's answer beyond nr_open).
 *
 * Enforced: RLIMIT_NOFILE (descriptor numbers at or above it are refused:
 * EMFILE, dup2 EBADF, F_DUPFD EINVAL), RLIMIT_FSIZE (a write that would
 * pass it is cut short; one that starts at or past it gets SIGXFSZ and
 * EFBIG), RLIMIT_CPU (SIGXCPU at the soft limit and every second after,
 * SIGKILL at the hard one), RLIMIT_AS, DATA and STACK (mm/vmspace.c: mmap,
 * mremap, brk and mprotect past them are ENOMEM, a stack page past
 * RLIMIT_STACK is SIGSEGV; exec sizes the stack by it).  Kept but not
 * enforced: NPROC (every process is root, which Linux exempts too), CORE
 * (Ringel writes no core dumps), and the rest, which Ringel has nothing
 * to limit with (locked memory, message queues, nice, real-time). */
#include <proc.h>
#include <vm.h>
#include <vfs.h>
#include <uaccess.h>
#include <kernel.h>
#include <string.h>

static struct proc *owner(struct proc *p)
{
	return p->leader ? p->leader : p;
}

void rlimit_init(struct proc *p)
{
	for (int r = 0; r < RLIM_NLIMITS; r++)
		p->rlim[r][0] = p->rlim[r][1] = RLIM_INFINITY;
	p->rlim[RLIMIT_STACK][0] = USER_STACK_SIZE;
	p->rlim[RLIMIT_NOFILE][0] = p->rlim[RLIMIT_NOFILE][1] = FDTABLE_SIZE;
	p->rlim[RLIMIT_CORE][0] = 0;
}

void rlimit_copy(struct proc *child, struct proc *parent)
{
	memcpy(child->rlim, owner(parent)->rlim, sizeof child->rlim);
}

uint64_t rlimit_cur(int resource)
{
	return owner(current)->rlim[resource][0];
}

int rlimit_fsize(uint64_t pos, size_t *len)
{
	uint64_t lim = rlimit_cur(RLIMIT_FSIZE);
	if (lim == RLIM_INFINITY || !*len)
		return 0;
	if (pos >= lim) {
		signal_send_info(current, SIGXFSZ, SI_KERNEL, 0, 0);
		return -EFBIG;
	}
	if (*len > lim - pos)
		*len = (size_t)(lim - pos);
	return 0;
}

/* From the tick, for the thread that ran: its group's CPU time against
 * RLIMIT_CPU (seconds). */
void rlimit_cpu_tick(struct proc *p)
{
	struct proc *l = owner(p);
	uint64_t soft = l->rlim[RLIMIT_CPU][0], hard = l->rlim[RLIMIT_CPU][1];
	if (soft == RLIM_INFINITY && hard == RLIM_INFINITY)
		return;
	l->cpu_ticks++;
	if (l->cpu_ticks % HZ)
		return;
	uint64_t secs = l->cpu_ticks / HZ;
	if (hard != RLIM_INFINITY && secs >= hard)
		signal_send_info(p, SIGKILL, SI_KERNEL, 0, 0);
	else if (soft != RLIM_INFINITY && secs >= soft)
		signal_send_info(p, SIGXCPU, SI_KERNEL, 0, 0);
}

long sys_prlimit64(int pid, int resource, uintptr_t new_limit, uintptr_t old_limit)
{
	struct proc *t = pid ? proc_find(pid) : current;
	if (!t)
		return -ESRCH;
	t = owner(t);
	if (resource < 0 || resource >= RLIM_NLIMITS)
		return -EINVAL;
	uint64_t old[2] = { t->rlim[resource][0], t->rlim[resource][1] };
	if (new_limit) {
		uint64_t want[2];
		if (copy_from_user(want, new_limit, sizeof want) < 0)
			return -EFAULT;
		if (want[0] > want[1])
			return -EINVAL;
		if (resource == RLIMIT_NOFILE && want[1] > FDTABLE_SIZE)
			return -EPERM;
		t->rlim[resource][0] = want[0];
		t->rlim[resource][1] = want[1];
		if (resource == RLIMIT_CPU)
			t->cpu_ticks = t->user_ticks + t->sys_ticks;   /* the group leader's, roughly */
	}
	if (old_limit && copy_to_user(old_limit, old, sizeof old) < 0)
		return -EFAULT;
	return 0;
}

/* Several CPUs: the per-CPU data, the kernel lock, IPIs and the bring-up of
 * the other CPUs (see cpu.h for the model).
 *
 * The kernel lock is a ticket lock: CPUs get it in the order they asked,
 * so a CPU looping in and out of the kernel cannot starve the others.  A
 * CPU waiting for it spins with interrupts off, so while it spins it does
 * what other CPUs may wait for from it (arch_smp_poll: a TLB shootdown)
 * and stops if another CPU panicked. */
#include <cpu.h>
#include <proc.h>
#include <kernel.h>
#include <kstack.h>
#include <mm.h>
#include <string.h>
#include <ticketlock.h>
#include <protection.h>

struct cpu cpus[MAX_CPUS];
unsigned ncpus = 1;

static struct ticketlock klock;
static int klock_cpu = -1;      /* the CPU holding it, for the checks */

extern int panicking;

static void stop_here(void)
{
	arch_irq_disable();
	this_cpu()->online = false;
	arch_halt();
}

static void klock_wait(void)
{
	if (panicking)
		stop_here();
	arch_smp_poll();
	arch_cpu_relax();
}

static void klock_acquire(void)
{
	/* A CPU that asks for the lock it holds would wait for itself
	 * forever: a thread switched in without its depth, or an interrupt
	 * taken where the kernel holds the lock with depth 0. */
	if (__atomic_load_n(&klock_cpu, __ATOMIC_RELAXED) == (int)this_cpu()->index)
		panic("kernel lock: CPU %u asks for it again (thread %d, depth 0)", this_cpu()->index,
		      current->pid);
	ticket_acquire(&klock, klock_wait);
	__atomic_store_n(&klock_cpu, (int)this_cpu()->index, __ATOMIC_RELAXED);
}

static void klock_release(void)
{
	__atomic_store_n(&klock_cpu, -1, __ATOMIC_RELAXED);
	ticket_release(&klock);
}

void kernel_lock(void)
{
	if (current->lock_depth++ == 0)
		klock_acquire();
}

void kernel_unlock(void)
{
	if (current->lock_depth <= 0)
		panic("kernel lock: released by thread %d, which does not hold it", current->pid);
	if (--current->lock_depth == 0)
		klock_release();
}

bool kernel_lock_held(void)
{
	return current->lock_depth > 0;
}

void cond_resched(void)
{
	/* The idle thread (on the boot CPU: the boot thread, unpacking the
	 * initramfs before interrupts are set up) is never preempted. */
	if (current == this_cpu()->idle)
		return;
	/* A moment with interrupts on: the tick and device interrupts that
	 * waited come in here (they take the lock recursively). */
	arch_irq_enable();
	arch_irq_disable();
	if (ticket_contended(&klock)) {
		int depth = current->lock_depth;
		current->lock_depth = 0;
		klock_release();
		arch_cpu_relax();
		klock_acquire();
		current->lock_depth = depth;
	}
	if (this_cpu()->need_resched)
		yield();
}

void smp_send(unsigned idx, uint32_t what)
{
	if (idx >= ncpus || !cpus[idx].online)
		return;
	__atomic_fetch_or(&cpus[idx].ipi_pending, what, __ATOMIC_RELEASE);
	arch_ipi_send(idx);
}

void smp_stop_others(void)
{
	for (unsigned i = 0; i < ncpus; i++)
		if (&cpus[i] != this_cpu() && cpus[i].online)
			smp_send(i, IPI_STOP);
}

void ipi_handle(void)
{
	struct cpu *c = this_cpu();
	uint32_t what = __atomic_exchange_n(&c->ipi_pending, 0, __ATOMIC_ACQUIRE);
	if (what & IPI_STOP)
		stop_here();
	if (what & IPI_RESCHED)
		c->need_resched = true;
}

/* ---------------------------------------------------------------- bring-up */

uintptr_t smp_prepare_cpu(unsigned idx)
{
	struct cpu *c = &cpus[idx];
	if (!c->idle) {
		struct proc *p = kzalloc(sizeof *p);
		uintptr_t stack = p ? kstack_alloc(NULL) : 0;
		if (!stack)
			panic("smp: no memory for CPU %u's idle thread", idx);
		p->kstack = stack;
		p->leader = p;
		p->nthreads = 1;
		p->state = P_RUNNING;
		rlimit_init(p);
		strlcpy(p->name, "idle", sizeof p->name);
		c->idle = p;
	}
	c->self = c;
	c->index = idx;
	c->curr = c->idle;
	return c->idle->kstack + KSTACK_SIZE;
}

noreturn void smp_secondary_main(unsigned idx)
{
	struct cpu *c = &cpus[idx];
	arch_set_this_cpu(c);
	kernel_lock();
	c->online = true;
	if (idx >= ncpus)
		ncpus = idx + 1;
	arch_cpu_timer_start();
	protection_check_cpu();
	sched_idle_loop();
}

void smp_init(unsigned max)
{
	if (max > MAX_CPUS)
		max = MAX_CPUS;
	unsigned n = arch_smp_start(max ? max : MAX_CPUS);
	/* The CPUs the arch started wait for the kernel lock, which the boot
	 * thread holds until it idles: they are running, not yet online. */
	printk("smp: %u CPU%s running\n", n, n == 1 ? "" : "s");
}

/* CPUs: the per-CPU data of the portable core and the kernel lock
 * (kernel/smp.c).
 *
 * Every CPU has a struct cpu, reached in O(1) through arch_this_cpu()
 * (<arch/percpu.h>: GS base on x86-64, TPIDR_EL1 on AArch64).  Index 0 is
 * the boot CPU; arch_smp_start() brings up the others at boot.
 *
 * The kernel lock.  User code runs on every CPU at once; kernel code runs
 * under one lock, taken on every entry from user mode or from the idle loop
 * (syscall_handle, trap_handle, timer_tick, the interrupt dispatchers,
 * return_to_user_work) and released on the way back.  It is recursive per
 * thread (proc->lock_depth) and travels with a thread through schedule();
 * syscall_handle and trap_handle (from user mode) keep it for
 * return_to_user_work to release, the interrupt paths take and release it
 * around each handler.  A new thread starts holding it once (it comes out
 * of schedule()) and lets go before its first return to user mode.
 * so the single-CPU model the kernel was written for still holds: code
 * between two sleeps runs alone.  IPIs (ipi_handle) never take it.
 * Lock order: the kernel lock, then any other spinning lock; nothing
 * sleeps or takes the kernel lock while holding a spinlock. */
#ifndef RINGEL_CPU_H
#define RINGEL_CPU_H
#include <stdint.h>
#include <stdbool.h>
#include <arch.h>

#define MAX_CPUS 16

struct proc;

/* What one CPU asks another through an IPI (cpu->ipi_pending bits). */
#define IPI_RESCHED 0x1u   /* something became runnable: schedule */
#define IPI_STOP    0x2u   /* panic elsewhere: stop here */

struct cpu {
	struct cpu *self;
	unsigned index;
	bool online;
	bool need_resched;            /* schedule() before returning to user mode */
	struct proc *curr;            /* the thread running here: `current` */
	struct proc *idle;            /* this CPU's idle thread */
	uint32_t ipi_pending;         /* IPI_* bits, set by other CPUs (atomics) */
	/* accounting for /proc/stat */
	uint64_t user_ticks, sys_ticks, idle_ticks, switches;
	uint64_t idle_ns;
};

extern struct cpu cpus[MAX_CPUS];
extern unsigned ncpus;            /* CPUs online: indexes 0..ncpus-1 */

static inline struct cpu *this_cpu(void)
{
	return arch_this_cpu();
}

#define current (this_cpu()->curr)

/* The kernel lock (above).  kernel_lock_held: by the running thread. */
void kernel_lock(void);
void kernel_unlock(void);
bool kernel_lock_held(void);
/* Hand the lock over to waiting CPUs for a moment if any wait, and run the
 * scheduler if this CPU should: a preemption point for loops whose length a
 * user controls.  Only where the caller holds nothing another thread could
 * change under it (see the comment at each caller). */
void cond_resched(void);

/* Ask CPU idx to schedule / stop (IPI). */
void smp_send(unsigned idx, uint32_t what);
/* Stop every other CPU (panic). */
void smp_stop_others(void);
/* Bring up the other CPUs (kmain). */
void smp_init(unsigned max);
#endif

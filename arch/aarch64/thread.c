/* Threads on AArch64: new kernel contexts, user register state, and the
 * per-thread state outside the trap frame (FP/SIMD, TPIDR_EL0), switched
 * eagerly: the kernel never touches the FP/SIMD registers
 * (-mgeneral-regs-only), so between switches they hold the running
 * thread's user values.  Per CPU (cpu.h's index): whose state each CPU's
 * registers hold, and where its next trap from EL0 saves its frame. */
#include <kernel.h>
#include <arch.h>
#include <string.h>
#include <cpu.h>
#include "aarch64.h"
#include "sysreg.h"

/* Whose state a CPU's registers hold: its start-up context until its
 * first switch, then always the thread running there. */
static struct arch_thread boot_threads[MAX_CPUS];
static struct arch_thread *live_on[MAX_CPUS];
/* Top of the running thread's kernel stack, where a trap from EL0 saves its
 * frame (SP_EL1 is loaded with it on the way out to EL0). */
static uintptr_t kstack_top_on[MAX_CPUS];

static struct arch_thread **live_slot(void)
{
	unsigned me = this_cpu()->index;
	if (!live_on[me])
		live_on[me] = &boot_threads[me];
	return &live_on[me];
}

#define live (*live_slot())
#define kstack_top (kstack_top_on[this_cpu()->index])

struct arch_thread *aarch64_live_thread(void)
{
	return live;
}

void arch_context_init(struct arch_context *c, uintptr_t stack_top,
		       void (*fn)(void *), void *arg)
{
	memset(c, 0, sizeof *c);
	c->x19_x28[0] = (uintptr_t)fn;
	c->x19_x28[1] = (uintptr_t)arg;
	c->lr = (uintptr_t)aarch64_thread_start;
	c->sp = stack_top & ~(uintptr_t)15;
}

noreturn void aarch64_thread_returned(void (*fn)(void *));
noreturn void aarch64_thread_returned(void (*fn)(void *))
{
	panic("kernel thread function %p returned", (void *)fn);
}

void arch_regs_init_user(struct arch_regs *r, uintptr_t entry, uintptr_t sp)
{
	memset(r, 0, sizeof *r);
	r->pc = entry;
	r->sp = sp;
	r->pstate = PSR_MODE_EL0T;      /* EL0t, DAIF clear: interrupts on */
}

void arch_regs_set_sp(struct arch_regs *r, uintptr_t sp)
{
	r->sp = sp;
}

noreturn void arch_return_to_user(struct arch_regs *r)
{
	if (kstack_top && (uintptr_t)(r + 1) != kstack_top)
		panic("arch_return_to_user: frame %p is not at the top of the kernel stack %#lx",
		      (void *)r, (unsigned long)kstack_top);
	if (!arch_regs_user_mode(r))
		panic("arch_return_to_user: pstate %#lx is not EL0t", (unsigned long)r->pstate);
	aarch64_enter_user(r);
}

static void save_live(void)
{
	aarch64_fpsimd_save(live);
	live->tpidr_el0 = read_sysreg(tpidr_el0);
}

static void load_live(void)
{
	aarch64_fpsimd_load(live);
	write_sysreg(tpidr_el0, live->tpidr_el0);
	write_sysreg(tpidrro_el0, live->tpidrro_el0);
}

void arch_thread_init(struct arch_thread *t)
{
	memset(t, 0, sizeof *t);
	if (t == live)
		load_live();      /* exec in the running thread: clean registers now */
}

void arch_thread_copy(struct arch_thread *dst, const struct arch_thread *src)
{
	if (src == live)
		save_live();
	*dst = *src;
}

void arch_clone_args(uintptr_t a3, uintptr_t a4, uintptr_t *ctid, uintptr_t *tls)
{
	*tls = a3;      /* clone(flags, stack, ptid, tls, ctid) */
	*ctid = a4;
}

int arch_thread_set_tls(struct arch_thread *t, uintptr_t tls)
{
	t->tpidr_el0 = tls;   /* any 64-bit value: it is only a register */
	return 0;
}

void arch_thread_switch(struct arch_thread *prev, struct arch_thread *next,
			uintptr_t next_kstack_top)
{
	kstack_top = next_kstack_top;
	if (prev == next && live == next)
		return;
	live = prev;
	save_live();
	live = next;
	load_live();
}

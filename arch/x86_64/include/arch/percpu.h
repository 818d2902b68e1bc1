/* x86-64: the running CPU's struct cpu is at %gs:PERCPU_CORE, in the
 * per-CPU area GS points at while the kernel runs (swapgs on every entry
 * from user mode). */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H
#define PERCPU_CORE 16      /* offsetof(struct x86_percpu, core) */
#ifndef __ASSEMBLER__
struct cpu;
static inline struct cpu *arch_this_cpu(void)
{
	struct cpu *c;
	__asm__ volatile("mov %%gs:16, %0" : "=r"(c));
	return c;
}
static inline void arch_cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}
#endif
#endif

/* AArch64: the running CPU's struct cpu is in TPIDR_EL1, which user mode
 * cannot read (EL0 has TPIDR_EL0 and TPIDRRO_EL0 of its own). */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H
#ifndef __ASSEMBLER__
struct cpu;
static inline struct cpu *arch_this_cpu(void)
{
	struct cpu *c;
	__asm__ volatile("mrs %0, tpidr_el1" : "=r"(c));
	return c;
}
static inline void arch_cpu_relax(void)
{
	__asm__ volatile("yield" ::: "memory");
}
#endif
#endif

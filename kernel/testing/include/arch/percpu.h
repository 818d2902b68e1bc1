/* Host stand-in for <arch/percpu.h>: one CPU, a plain pointer. */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H
struct cpu;
extern struct cpu *host_this_cpu;
static inline struct cpu *arch_this_cpu(void)
{
	return host_this_cpu;
}
static inline void arch_cpu_relax(void)
{
}
#endif

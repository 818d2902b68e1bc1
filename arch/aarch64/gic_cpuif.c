/* The interrupt-controller CPU-interface hooks of <arch.h>: the GICv3 CPU
 * interface system registers (ICC_*_EL1) for the portable driver in
 * drivers/irqchip/gicv3.c, and the CPU's affinity (MPIDR_EL1).  Encodings
 * from the GICv3 architecture specification (IHI 0069). */
#include <arch.h>
#include "aarch64.h"

#define ICC_PMR_EL1     S3_0_C4_C6_0
#define ICC_IAR1_EL1    S3_0_C12_C12_0
#define ICC_EOIR1_EL1   S3_0_C12_C12_1
#define ICC_BPR1_EL1    S3_0_C12_C12_3
#define ICC_SGI1R_EL1   S3_0_C12_C11_5
#define ICC_SRE_EL1     S3_0_C12_C12_5
#define ICC_IGRPEN1_EL1 S3_0_C12_C12_7

#define SRE_SRE 1u
#define SRE_DFB 2u   /* FIQ bypass disabled */
#define SRE_DIB 4u   /* IRQ bypass disabled */

bool arch_gic_cpuif_enable(void)
{
	write_sysreg(ICC_SRE_EL1, read_sysreg(ICC_SRE_EL1) | SRE_SRE | SRE_DFB | SRE_DIB);
	isb();
	return read_sysreg(ICC_SRE_EL1) & SRE_SRE;
}

void arch_gic_cpuif_set_pmr(uint32_t v)
{
	write_sysreg(ICC_PMR_EL1, v);
}

void arch_gic_cpuif_set_bpr1(uint32_t v)
{
	write_sysreg(ICC_BPR1_EL1, v);
}

void arch_gic_cpuif_set_grpen1(uint32_t v)
{
	write_sysreg(ICC_IGRPEN1_EL1, v);
	isb();
}

uint32_t arch_gic_cpuif_ack1(void)
{
	uint32_t v = (uint32_t)read_sysreg(ICC_IAR1_EL1);
	__asm__ volatile("dsb sy" : : : "memory");   /* the ack before the handler's accesses */
	return v;
}

void arch_gic_cpuif_eoi1(uint32_t v)
{
	write_sysreg(ICC_EOIR1_EL1, v);
	isb();
}

void arch_gic_cpuif_sgi1(uint64_t v)
{
	write_sysreg(ICC_SGI1R_EL1, v);
	isb();
}

uint32_t arch_gic_cpu_affinity(void)
{
	uint64_t mpidr = read_sysreg(mpidr_el1);
	return (uint32_t)((mpidr >> 32 & 0xff) << 24 | (mpidr & 0xffffff));
}

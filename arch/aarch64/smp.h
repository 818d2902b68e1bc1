/* The hand-over from smp.c to a secondary CPU's first instructions
 * (aarch64_secondary_entry in head.S), shared by C and assembly.
 *
 * aarch64_smp_regs: the translation regime, read with the MMU still off
 * (so smp.c cleans it to the point of coherency).  aarch64_smp_slots: one
 * per CPU asked to start, found by the CPU itself by its MPIDR affinity
 * once its MMU is on (coherent from then on): its stacks, its struct cpu,
 * and the flag it raises when it has arrived. */
#ifndef AARCH64_SMP_H
#define AARCH64_SMP_H

#define SMP_REGS_TCR    0
#define SMP_REGS_TTBR0  8
#define SMP_REGS_TTBR1  16

#define SMP_SLOTS       16        /* = MAX_CPUS (checked in smp.c) */
#define SMP_SLOT_SIZE   64
#define SMP_SLOT_MPIDR  0
#define SMP_SLOT_SP     8         /* the idle thread's stack (SP_EL0) */
#define SMP_SLOT_EXC_SP 16        /* the exception stack (SP_EL1) */
#define SMP_SLOT_CPU    24        /* its struct cpu, for TPIDR_EL1 */

/* MPIDR_EL1's affinity fields: Aff3 (39:32), Aff2-Aff0 (23:0). */
#define MPIDR_AFF_MASK  0xff00ffffff
/* struct cpu's index field (cpu.h), for vectors.S; checked in smp.c. */
#define CPU_INDEX_OFFSET 8

#ifndef __ASSEMBLER__
#include <stdint.h>
struct cpu;
struct aarch64_smp_regs {
	uint64_t tcr, ttbr0, ttbr1;
};
struct aarch64_smp_slot {
	uint64_t mpidr;                /* ~0: free; ~1: given up on */
	uint64_t sp, exc_sp;
	struct cpu *cpu;
	uint32_t arrived;
	uint32_t pad[7];
};
#endif
#endif

/* The AArch64 trap frame: what arch/aarch64/vectors.S saves on every
 * exception, and what arch_save_regs() fills for panic().  The assembly uses
 * the REGS_* offsets; the static asserts keep them in step with the struct. */
#ifndef ARCH_REGS_H
#define ARCH_REGS_H

#define REGS_SP     248
#define REGS_PC     256
#define REGS_PSTATE 264
#define REGS_ESR    272
#define REGS_FAR    280
#define REGS_SIZE   288   /* a multiple of 16: the stack stays aligned */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct arch_regs {
	uint64_t x[31];     /* x0-x30; x29 = frame pointer, x30 = link register */
	uint64_t sp;        /* stack pointer of the interrupted code */
	uint64_t pc;        /* ELR_EL1: where the exception was taken */
	uint64_t pstate;    /* SPSR_EL1 */
	uint64_t esr;       /* ESR_EL1 (0 in a frame from arch_save_regs) */
	uint64_t far;       /* FAR_EL1 (meaningful for aborts only) */
};

_Static_assert(sizeof(struct arch_regs) == REGS_SIZE, "trap frame size");
_Static_assert(__builtin_offsetof(struct arch_regs, sp) == REGS_SP, "trap frame sp");
_Static_assert(__builtin_offsetof(struct arch_regs, pc) == REGS_PC, "trap frame pc");
_Static_assert(__builtin_offsetof(struct arch_regs, pstate) == REGS_PSTATE, "trap frame pstate");
_Static_assert(__builtin_offsetof(struct arch_regs, esr) == REGS_ESR, "trap frame esr");
_Static_assert(__builtin_offsetof(struct arch_regs, far) == REGS_FAR, "trap frame far");
#endif
#endif

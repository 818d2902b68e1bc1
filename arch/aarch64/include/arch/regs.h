/* The AArch64 trap frame: what arch/aarch64/vectors.S saves on every
 * exception (from the kernel, and from user mode at the top of the thread's
 * kernel stack), and what arch_save_regs() fills for panic().  The assembly uses
 * the REGS_* offsets; the static asserts keep them in step with the struct. */
#ifndef ARCH_REGS_H
#define ARCH_REGS_H

#define REGS_SP     248
#define REGS_PC     256
#define REGS_PSTATE 264
#define REGS_ESR    272
#define REGS_FAR    280
#define REGS_SIZE   288   /* a multiple of 16: the stack stays aligned */

/* struct arch_context and struct arch_thread, for switch.S */
#define CTX_FP      80
#define CTX_SP      96
#define THREAD_FPSR 512
#define THREAD_FPCR 516

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

/* The system-call convention (Linux's): number in x8, arguments in x0-x5,
 * result in x0.  Inline: every call reads them. */
static inline uint64_t arch_syscall_nr(const struct arch_regs *r)
{
	return r->x[8];
}

static inline const uint64_t *arch_syscall_args(const struct arch_regs *r)
{
	return &r->x[0];   /* x0-x5 */
}

static inline void arch_syscall_set_return(struct arch_regs *r, uint64_t v)
{
	r->x[0] = v;
}

_Static_assert(sizeof(struct arch_regs) == REGS_SIZE, "trap frame size");
_Static_assert(__builtin_offsetof(struct arch_regs, sp) == REGS_SP, "trap frame sp");
_Static_assert(__builtin_offsetof(struct arch_regs, pc) == REGS_PC, "trap frame pc");
_Static_assert(__builtin_offsetof(struct arch_regs, pstate) == REGS_PSTATE, "trap frame pstate");
_Static_assert(__builtin_offsetof(struct arch_regs, esr) == REGS_ESR, "trap frame esr");
_Static_assert(__builtin_offsetof(struct arch_regs, far) == REGS_FAR, "trap frame far");

/* struct arch_context: what a kernel thread keeps across
 * arch_context_switch (switch.S): the callee-saved registers of the AAPCS64,
 * the frame pointer, the return address (where the thread resumes) and its
 * stack pointer.  FP/SIMD registers are not in it: the kernel never uses
 * them (-mgeneral-regs-only); user FP/SIMD state lives in struct arch_thread. */
struct arch_context {
	uint64_t x19_x28[10];
	uint64_t fp;        /* x29 */
	uint64_t lr;        /* x30: where the thread continues */
	uint64_t sp;
};

/* struct arch_thread: the user machine state outside the trap frame,
 * switched by arch_thread_switch. */
struct arch_thread {
	uint64_t vregs[64];     /* q0-q31, each as two 64-bit halves, low first */
	uint32_t fpsr, fpcr;
	uint64_t tpidr_el0;     /* user TLS pointer (EL0 writes it freely) */
	uint64_t tpidrro_el0;   /* read-only for EL0; 0 for now */
};

_Static_assert(__builtin_offsetof(struct arch_context, fp) == CTX_FP, "context fp");
_Static_assert(__builtin_offsetof(struct arch_context, sp) == CTX_SP, "context sp");
_Static_assert(__builtin_offsetof(struct arch_thread, fpsr) == THREAD_FPSR, "thread fpsr");
_Static_assert(__builtin_offsetof(struct arch_thread, fpcr) == THREAD_FPCR, "thread fpcr");
#endif
#endif

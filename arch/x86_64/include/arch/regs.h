/* x86-64 saved register state.
 *
 * struct arch_regs is the one trap frame: exceptions, interrupts and system
 * calls all build it (arch/x86_64/vectors.S, syscall.S), and arch_save_regs()
 * fills it for panic().  A trap from user mode leaves it at the very top of
 * the thread's kernel stack, so the portable core finds the user registers
 * there, and return_to_user_work and the signal code see one layout.
 *
 * The layout is the stack image, lowest address first: the stub pushes the
 * general registers and control registers below what the CPU pushed (rip, cs,
 * rflags, rsp, ss) and the vector/error code words.  A system call fills the
 * CPU's part itself (rip from rcx, rflags from r11).  The assembly uses the
 * REGS_* offsets below; static assertions in traps.c keep them in step. */
#ifndef ARCH_REGS_H
#define ARCH_REGS_H

#define REGS_CR2     0
#define REGS_CR3     8
#define REGS_GPRS    16   /* the first general register (rdi) */
#define REGS_RAX     128
#define REGS_VECTOR  136
#define REGS_ERROR   144
#define REGS_RIP     152
#define REGS_CS      160
#define REGS_RFLAGS  168
#define REGS_RSP     176
#define REGS_SS      184
#define REGS_SIZE    192

/* The vector word of a frame that is not a trap. */
#define REGS_VECTOR_SYSCALL 0x100   /* built by the syscall entry */

/* struct arch_context, for arch_context_switch (switch.S). */
#define CTX_RBX 0
#define CTX_RBP 8
#define CTX_R12 16
#define CTX_R13 24
#define CTX_R14 32
#define CTX_R15 40
#define CTX_RSP 48
#define CTX_RIP 56

#ifndef __ASSEMBLER__
#include <stdint.h>

struct arch_regs {
	/* Pushed by the common stub (cr2 is only meaningful for #PF). */
	uint64_t cr2, cr3;
	/* The system-call arguments first, in their order (read in place:
	 * arch_syscall_args), then the other general registers, rax last. */
	uint64_t rdi, rsi, rdx, r10, r8, r9;
	uint64_t r15, r14, r13, r12, r11, rbp, rcx, rbx, rax;
	/* Pushed by the per-vector stub: vector number, and the CPU's error
	 * code or 0 for vectors without one.  ~0 in vector = not a trap
	 * (arch_save_regs). */
	uint64_t vector, error;
	/* Pushed by the CPU on every exception in 64-bit mode. */
	uint64_t rip, cs, rflags, rsp, ss;
};

/* What a kernel thread keeps across arch_context_switch: the registers the
 * SysV ABI makes callee-saved, its stack pointer and where it resumes. */
struct arch_context {
	uint64_t rbx, rbp, r12, r13, r14, r15;
	uint64_t rsp, rip;
};

/* Per-thread state outside the trap frame.  The kernel is built without
 * SSE/x87, so a user thread's FP/SIMD registers stay live in the CPU until
 * the next thread switch saves them here (FXSAVE image: x87, MMX, XMM0-15,
 * MXCSR).  fs_base is the TLS pointer (arch_prctl ARCH_SET_FS), gs_base the
 * user's GS base. */
struct arch_thread {
	uint8_t fxsave[512] __attribute__((aligned(16)));
	uint64_t fs_base;
	uint64_t gs_base;
};

/* The system-call convention (Linux's): number in rax, arguments in rdi,
 * rsi, rdx, r10 (rcx holds syscall's return address), r8, r9, result in
 * rax.  Inline: every call reads them. */
static inline uint64_t arch_syscall_nr(const struct arch_regs *r)
{
	return r->rax;
}

static inline const uint64_t *arch_syscall_args(const struct arch_regs *r)
{
	return &r->rdi;   /* rdi, rsi, rdx, r10, r8, r9: six words in a row */
}

static inline void arch_syscall_set_return(struct arch_regs *r, uint64_t v)
{
	r->rax = v;
}
#endif

#endif

/* x86-64 saved register state: the frame every exception stub builds on the
 * stack (arch/x86_64/traps.S), and what arch_save_regs() fills for panic().
 *
 * The layout is the stack image, lowest address first: the stub pushes the
 * general registers and control registers below what the CPU pushed (rip, cs,
 * rflags, rsp, ss) and the vector/error code words.  traps.S uses the
 * REGS_* offsets below; a static assertion in traps.c keeps them in step. */
#ifndef ARCH_REGS_H
#define ARCH_REGS_H

#define REGS_CR2     0
#define REGS_CR3     8
#define REGS_R15     16
#define REGS_RAX     128
#define REGS_VECTOR  136
#define REGS_ERROR   144
#define REGS_RIP     152
#define REGS_CS      160
#define REGS_RFLAGS  168
#define REGS_RSP     176
#define REGS_SS      184
#define REGS_SIZE    192

#ifndef __ASSEMBLER__
#include <stdint.h>

struct arch_regs {
	/* Pushed by the common stub (cr2 is only meaningful for #PF). */
	uint64_t cr2, cr3;
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	/* Pushed by the per-vector stub: vector number, and the CPU's error
	 * code or 0 for vectors without one.  ~0 in vector = not a trap
	 * (arch_save_regs). */
	uint64_t vector, error;
	/* Pushed by the CPU on every exception in 64-bit mode. */
	uint64_t rip, cs, rflags, rsp, ss;
};
#endif

#endif

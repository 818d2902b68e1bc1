/* The general-register part of struct arch_regs, pushed and popped in one
 * place for every way into the kernel (exceptions, interrupts, syscall), so
 * the order can only agree with the struct (rdi lowest, rax highest). */
#ifndef X86_FRAME_H
#define X86_FRAME_H
#ifdef __ASSEMBLER__

/* The general registers in struct arch_regs, lowest address first: the
 * system-call arguments in their order (rdi, rsi, rdx, r10, r8, r9: the
 * core reads them in place, arch_syscall_args), then the rest, rax last. */
#define R_RDI (REGS_GPRS + 0)
#define R_RSI (REGS_GPRS + 8)
#define R_RDX (REGS_GPRS + 16)
#define R_R10 (REGS_GPRS + 24)
#define R_R8 (REGS_GPRS + 32)
#define R_R9 (REGS_GPRS + 40)
#define R_R15 (REGS_GPRS + 48)
#define R_R14 (REGS_GPRS + 56)
#define R_R13 (REGS_GPRS + 64)
#define R_R12 (REGS_GPRS + 72)
#define R_R11 (REGS_GPRS + 80)
#define R_RBP (REGS_GPRS + 88)
#define R_RCX (REGS_GPRS + 96)
#define R_RBX (REGS_GPRS + 104)
#define R_RAX (REGS_GPRS + 112)

.macro PUSH_GPRS
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rbp
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	pushq %r9
	pushq %r8
	pushq %r10
	pushq %rdx
	pushq %rsi
	pushq %rdi
.endm

.macro POP_GPRS
	popq %rdi
	popq %rsi
	popq %rdx
	popq %r10
	popq %r8
	popq %r9
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %rbp
	popq %rcx
	popq %rbx
	popq %rax
.endm

#endif
#endif

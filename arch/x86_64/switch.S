/* Switching kernel threads: arch_context_switch, and where a new thread
 * starts.  Only the callee-saved registers of the SysV ABI, rsp and the
 * return address are kept (struct arch_context); the FPU/SSE state of user
 * code is saved in C (thread.c, arch_thread_switch). */
#include <arch/regs.h>

	.text

/* void arch_context_switch(struct arch_context *save, const struct arch_context *load)
 * Save the callee-saved registers, the stack pointer and the return address
 * in *save; load *load's and continue there.  Everything else is
 * caller-saved, so the C caller expects nothing more to survive. */
	.globl arch_context_switch
	.type arch_context_switch, @function
arch_context_switch:
	mov %rbx, CTX_RBX(%rdi)
	mov %rbp, CTX_RBP(%rdi)
	mov %r12, CTX_R12(%rdi)
	mov %r13, CTX_R13(%rdi)
	mov %r14, CTX_R14(%rdi)
	mov %r15, CTX_R15(%rdi)
	mov (%rsp), %rax
	mov %rax, CTX_RIP(%rdi)
	lea 8(%rsp), %rax
	mov %rax, CTX_RSP(%rdi)

	mov CTX_RBX(%rsi), %rbx
	mov CTX_RBP(%rsi), %rbp
	mov CTX_R12(%rsi), %r12
	mov CTX_R13(%rsi), %r13
	mov CTX_R14(%rsi), %r14
	mov CTX_R15(%rsi), %r15
	mov CTX_RSP(%rsi), %rsp
	jmp *CTX_RIP(%rsi)
	.size arch_context_switch, . - arch_context_switch

/* Where a new kernel thread starts (arch_context_init): r12 = fn, r13 = arg,
 * rsp 16-byte aligned, rbp 0 so backtraces end here. */
	.globl x86_thread_start
	.type x86_thread_start, @function
x86_thread_start:
	mov %r13, %rdi
	call *%r12
	ud2                     /* fn must not return */
	.size x86_thread_start, . - x86_thread_start

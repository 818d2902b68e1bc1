/* Exception and interrupt entry: one small stub per vector, one common path
 * that saves a struct arch_regs (<arch/regs.h>) on the stack and hands it to
 * x86_trap(), the way back (also how a new process first enters user mode),
 * and arch_save_regs() which fills the same structure for panic().
 *
 * GS: in kernel mode GS_BASE points at the per-CPU area and KERNEL_GS_BASE
 * holds the user's GS base; user mode has them the other way round.  So a
 * trap from ring 3 does swapgs on the way in and on the way out, and a trap
 * from ring 0 does neither. */
#include <arch/regs.h>
#include "x86.h"
#include "frame.h"

#if R_RAX != REGS_RAX
#error struct arch_regs layout and vectors.S disagree
#endif

/* The CPU pushes an error code for some vectors only; the others push a
 * zero in its place so every frame has the same shape. */
.macro EXC_STUB vec, has_error
	.balign 16
exc_stub_\vec:
	.if \has_error == 0
	pushq $0
	.endif
	pushq $\vec
	jmp exc_common
.endm

	.text
	EXC_STUB 0, 0     /* #DE */
	EXC_STUB 1, 0     /* #DB */
	EXC_STUB 2, 0     /* NMI */
	EXC_STUB 3, 0     /* #BP */
	EXC_STUB 4, 0     /* #OF */
	EXC_STUB 5, 0     /* #BR */
	EXC_STUB 6, 0     /* #UD */
	EXC_STUB 7, 0     /* #NM */
	EXC_STUB 8, 1     /* #DF (error code always 0) */
	EXC_STUB 9, 0
	EXC_STUB 10, 1    /* #TS */
	EXC_STUB 11, 1    /* #NP */
	EXC_STUB 12, 1    /* #SS */
	EXC_STUB 13, 1    /* #GP */
	EXC_STUB 14, 1    /* #PF */
	EXC_STUB 15, 0
	EXC_STUB 16, 0    /* #MF */
	EXC_STUB 17, 1    /* #AC */
	EXC_STUB 18, 0    /* #MC */
	EXC_STUB 19, 0    /* #XM */
	EXC_STUB 20, 0    /* #VE */
	EXC_STUB 21, 1    /* #CP */
	EXC_STUB 22, 0
	EXC_STUB 23, 0
	EXC_STUB 24, 0
	EXC_STUB 25, 0
	EXC_STUB 26, 0
	EXC_STUB 27, 0
	EXC_STUB 28, 0    /* #HV */
	EXC_STUB 29, 1    /* #VC */
	EXC_STUB 30, 1    /* #SX */
	EXC_STUB 31, 0

/* Vectors 32-255: interrupts.  Fixed-size stubs, so the table below can
 * compute their addresses. */
#define IRQ_STUB_SIZE 16
	.balign IRQ_STUB_SIZE
irq_stubs:
	.set vec, 32
	.rept 224
	.balign IRQ_STUB_SIZE
	pushq $0
	pushq $vec
	jmp exc_common
	.set vec, vec + 1
	.endr

/* Stack on entry (the CPU aligned it to 16 before pushing): ss, rsp, rflags,
 * cs, rip, error, vector.  Push the rest of struct arch_regs below them;
 * the frame is 192 bytes, so the call below sees a 16-byte aligned stack.
 * From user mode the CPU switched to TSS.rsp0, the top of the thread's
 * kernel stack, so the frame lands exactly where the core expects it. */
exc_common:
	testb $3, 24(%rsp)      /* the saved cs: from user mode? */
	jz 1f
	swapgs
1:	PUSH_GPRS
	mov %cr3, %rax
	pushq %rax
	mov %cr2, %rax
	pushq %rax
	/* An interrupt gate clears IF and TF but not AC or DF, which user
	 * mode may have set: AC would switch SMAP off for the whole trap. */
	pushq $RFLAGS_FIXED
	popfq
	mov %rsp, %rdi
	call x86_trap
	/* fall through */

/* Restore the frame at rsp and return to where it came from.  Entered with
 * interrupts off and rsp = the struct arch_regs. */
	.globl x86_trap_return
x86_trap_return:
	add $16, %rsp           /* cr2, cr3 */
	POP_GPRS
	add $16, %rsp           /* vector, error */
	testb $3, 8(%rsp)       /* going back to user mode? */
	jz 2f
	swapgs
2:	iretq

/* noreturn void arch_return_to_user(struct arch_regs *r): r is at the top of
 * the current kernel stack, so it becomes the stack; leave through the trap
 * return path (iretq), after the checks every return to user mode gets. */
	.globl arch_return_to_user
	.type arch_return_to_user, @function
arch_return_to_user:
	cli
	mov %rdi, %rsp
	call x86_user_return_check
	jmp x86_trap_return
	.size arch_return_to_user, . - arch_return_to_user

/* Stub addresses for idt_init(), in vector order. */
	.section .rodata
	.balign 8
	.globl x86_exception_stubs
x86_exception_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad exc_stub_\v
	.endr
	.set i, 0
	.rept 224
	.quad irq_stubs + i * IRQ_STUB_SIZE
	.set i, i + 1
	.endr

/* void arch_save_regs(struct arch_regs *r): the caller's registers as they
 * are at the call, with rip = the return address and rsp as it will be after
 * the return, so a backtrace starts in the caller. */
	.text
	.globl arch_save_regs
	.type arch_save_regs, @function
arch_save_regs:
	mov %rax, R_RAX(%rdi)
	mov %rbx, R_RBX(%rdi)
	mov %rcx, R_RCX(%rdi)
	mov %rdx, R_RDX(%rdi)
	mov %rsi, R_RSI(%rdi)
	mov %rdi, R_RDI(%rdi)
	mov %rbp, R_RBP(%rdi)
	mov %r8, R_R8(%rdi)
	mov %r9, R_R9(%rdi)
	mov %r10, R_R10(%rdi)
	mov %r11, R_R11(%rdi)
	mov %r12, R_R12(%rdi)
	mov %r13, R_R13(%rdi)
	mov %r14, R_R14(%rdi)
	mov %r15, R_R15(%rdi)
	mov (%rsp), %rax
	mov %rax, REGS_RIP(%rdi)
	lea 8(%rsp), %rax
	mov %rax, REGS_RSP(%rdi)
	pushfq
	popq %rax
	mov %rax, REGS_RFLAGS(%rdi)
	xor %eax, %eax
	mov %cs, %ax
	mov %rax, REGS_CS(%rdi)
	mov %ss, %ax
	mov %rax, REGS_SS(%rdi)
	movq $-1, REGS_VECTOR(%rdi)
	movq $0, REGS_ERROR(%rdi)
	mov %cr2, %rax
	mov %rax, REGS_CR2(%rdi)
	mov %cr3, %rax
	mov %rax, REGS_CR3(%rdi)
	mov R_RAX(%rdi), %rax
	ret
	.size arch_save_regs, . - arch_save_regs

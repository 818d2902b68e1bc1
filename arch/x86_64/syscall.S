/* The system-call entry: the target of LSTAR.  (The kernel-thread switch
 * is in switch.S.)
 *
 * syscall leaves the user rip in rcx and rflags in r11, loads CS/SS from
 * STAR, clears the rflags bits in FMASK (IF among them: the kernel runs with
 * interrupts off) and jumps here still on the user stack, with the user's
 * GS.  The entry swaps GS, takes the thread's kernel stack from the per-CPU
 * area and builds the same struct arch_regs an exception from user mode
 * would, at the top of that stack, so the core sees one kind of frame.
 *
 * The way out is sysretq when it gives the same result as iretq: the frame
 * still says user cs/ss, rcx = rip and r11 = rflags (sysret loads them from
 * there), no TF/RF, and rip is a canonical lower-half address (on Intel
 * CPUs sysret with a non-canonical rcx faults in ring 0 on the user stack).
 * Anything else (rt_sigreturn, a signal handler just set up) goes through
 * iretq.  Both paths restore every general register. */
#include <arch/regs.h>
#include "x86.h"
#include "frame.h"


	.text
	.globl x86_syscall_entry
	.type x86_syscall_entry, @function
	.balign 16
x86_syscall_entry:
	swapgs
	mov %rsp, %gs:PERCPU_USER_RSP
	mov %gs:PERCPU_KSTACK, %rsp
	/* What the CPU pushes for an exception, then the stub's words. */
	pushq $USER_SS
	pushq %gs:PERCPU_USER_RSP
	pushq %r11              /* rflags */
	pushq $USER_CS
	pushq %rcx              /* rip */
	pushq $0                /* error */
	pushq $REGS_VECTOR_SYSCALL
	/* The rest in vectors.S's order. */
	PUSH_GPRS
	mov %cr3, %rax
	pushq %rax
	pushq $0                /* cr2 */
	mov %rsp, %rdi
	call syscall_handle
	mov %rsp, %rdi
	call return_to_user_work

	/* rsp = the frame.  A rip outside the lower half goes the slow way,
	 * through x86_user_return_check (a non-canonical one becomes the
	 * SIGSEGV Linux gives) and iretq. */
	cli
	mov REGS_RIP(%rsp), %rcx
	mov %rcx, %rax
	shr $47, %rax           /* canonical lower half: bits 47-63 clear */
	jnz 2f
	/* Can sysretq reproduce the frame exactly? */
	cmp R_RCX(%rsp), %rcx
	jne 1f
	mov REGS_RFLAGS(%rsp), %r11
	cmp R_R11(%rsp), %r11
	jne 1f
	test $(RFLAGS_TF | RFLAGS_RF), %r11
	jnz 1f
	cmpq $USER_CS, REGS_CS(%rsp)
	jne 1f
	cmpq $USER_SS, REGS_SS(%rsp)
	jne 1f

	add $16, %rsp           /* cr2, cr3 */
	POP_GPRS                /* r11 = rflags, rcx = rip: checked above */
	/* rsp -> vector, error, rip, cs, rflags, rsp, ss */
	mov 40(%rsp), %rsp
	swapgs
	sysretq

1:	jmp x86_trap_return
2:	mov %rsp, %rdi
	call x86_user_return_check
	jmp x86_trap_return
	.size x86_syscall_entry, . - x86_syscall_entry

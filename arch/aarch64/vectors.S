/* The EL1 exception vector table, the trap frame, and the way to and from
 * user mode.
 *
 * 16 entries of 0x80 bytes, 2 KiB aligned: {synchronous, IRQ, FIQ, SError}
 * for each source: current EL on SP_EL0 (the kernel itself, which runs on
 * SP_EL0), current EL on SP_EL1 (a fault inside an exception handler), lower
 * EL in AArch64 (user mode), lower EL in AArch32.  kind = 4 * source + type.
 *
 * Stacks.  Every exception is taken on SP_EL1.  While the kernel runs, SP_EL1
 * is the CPU's exception stack (head.S for the boot CPU, smp.c for the
 * others; aarch64_exc_stack_tops): a trap from the kernel saves a struct
 * arch_regs there and calls aarch64_trap(regs, kind); if that returns, the
 * (possibly edited) frame is restored and the exception returns.  Handlers
 * on the exception stack never switch threads.
 *
 * While user code runs, SP_EL1 is instead the top of the current thread's
 * kernel stack (ret_to_user leaves it there): a trap from EL0 saves the
 * frame at the very top of that stack, moves SP_EL1 back to the exception
 * stack and continues on SP_EL0 = the kernel stack, like all kernel code, in
 * aarch64_el0_trap(regs, kind).  That may sleep or switch threads; when it
 * returns, ret_to_user restores the frame and erets to EL0.
 */
#include <arch/regs.h>
#include "smp.h"

.macro ventry kind
	.balign	0x80
	sub	sp, sp, #REGS_SIZE
	stp	x0, x1, [sp, #0]
	mov	x1, #\kind
	.if \kind < 8
	b	trap_entry
	.else
	b	el0_entry
	.endif
.endm

	.text
	.balign	2048
	.globl	aarch64_vectors
aarch64_vectors:
	ventry	0
	ventry	1
	ventry	2
	ventry	3
	ventry	4
	ventry	5
	ventry	6
	ventry	7
	ventry	8
	ventry	9
	ventry	10
	ventry	11
	ventry	12
	ventry	13
	ventry	14
	ventry	15

/* Save x2-x30, ELR, SPSR, ESR, FAR into the frame at sp (x0/x1 are
 * already there); x2 = the interrupted SP. */
.macro save_frame
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mrs	x2, sp_el0
.endm

.macro save_sysregs
	mrs	x3, elr_el1
	stp	x2, x3, [sp, #REGS_SP]
	mrs	x4, spsr_el1
	mrs	x5, esr_el1
	stp	x4, x5, [sp, #REGS_PSTATE]
	mrs	x6, far_el1
	str	x6, [sp, #REGS_FAR]
.endm

/* Restore x0-x30 from the frame at sp and pop it. */
.macro restore_gprs
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	add	sp, sp, #REGS_SIZE
.endm

/* From the kernel: x0/x1 already saved, x1 = kind. */
trap_entry:
	save_frame
	/* The interrupted code's SP: this very stack for "current EL, SP_EL1"
	 * (kinds 4-7), SP_EL0 for kinds 0-3. */
	lsr	x3, x1, #2
	cmp	x3, #1
	b.ne	1f
	add	x2, sp, #REGS_SIZE
1:	save_sysregs
	mov	x29, #0                       /* the handler's backtrace starts here */
	mov	x0, sp
	bl	aarch64_trap

	ldp	x3, x4, [sp, #REGS_PC]
	msr	elr_el1, x3
	msr	spsr_el1, x4
	restore_gprs
	eret

/* From user mode: the frame is at the top of the thread's kernel stack. */
el0_entry:
	save_frame
	save_sysregs
	/* Continue on SP_EL0 = this kernel stack; SP_EL1 = the exception
	 * stack again, for traps taken while the kernel runs. */
	mov	x0, sp
	msr	sp_el0, x0
	mrs	x2, tpidr_el1                 /* this CPU's struct cpu */
	ldr	w3, [x2, #CPU_INDEX_OFFSET]
	adrp	x4, aarch64_exc_stack_tops
	add	x4, x4, :lo12:aarch64_exc_stack_tops
	ldr	x2, [x4, x3, lsl #3]
	mov	sp, x2
	msr	spsel, #0
	mov	x29, #0
	bl	aarch64_el0_trap              /* (regs, kind) */
	b	ret_to_user

/* void aarch64_enter_user(struct arch_regs *r): r at the top of the current
 * kernel stack. */
	.globl	aarch64_enter_user
aarch64_enter_user:
	mov	sp, x0
	/* fall through */

/* sp (= SP_EL0) points at the user frame at the top of the kernel stack.
 * Load SP_EL0 with the user's SP and leave SP_EL1 at the top of the kernel
 * stack, where the next trap from EL0 will save its frame. */
ret_to_user:
	msr	daifset, #0xf
	mov	x0, sp
	msr	spsel, #1
	mov	sp, x0
	ldp	x1, x2, [sp, #REGS_SP]
	ldr	x3, [sp, #REGS_PSTATE]
	msr	sp_el0, x1
	msr	elr_el1, x2
	msr	spsr_el1, x3
	restore_gprs
	eret

/* void arch_save_regs(struct arch_regs *r): the caller's registers, with
 * pc = the return address and pstate built from NZCV, DAIF, CurrentEL and
 * SPSel (the SPSR layout). */
	.globl	arch_save_regs
arch_save_regs:
	stp	x0, x1, [x0, #0]
	stp	x2, x3, [x0, #16]
	stp	x4, x5, [x0, #32]
	stp	x6, x7, [x0, #48]
	stp	x8, x9, [x0, #64]
	stp	x10, x11, [x0, #80]
	stp	x12, x13, [x0, #96]
	stp	x14, x15, [x0, #112]
	stp	x16, x17, [x0, #128]
	stp	x18, x19, [x0, #144]
	stp	x20, x21, [x0, #160]
	stp	x22, x23, [x0, #176]
	stp	x24, x25, [x0, #192]
	stp	x26, x27, [x0, #208]
	stp	x28, x29, [x0, #224]
	str	x30, [x0, #240]
	mov	x1, sp
	stp	x1, x30, [x0, #REGS_SP]
	mrs	x1, nzcv
	mrs	x2, daif
	orr	x1, x1, x2
	mrs	x2, CurrentEL
	orr	x1, x1, x2
	mrs	x2, spsel
	orr	x1, x1, x2
	stp	x1, xzr, [x0, #REGS_PSTATE]
	str	xzr, [x0, #REGS_FAR]
	ret

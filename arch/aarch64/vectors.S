/* The EL1 exception vector table and the trap frame.
 *
 * 16 entries of 0x80 bytes, 2 KiB aligned: {synchronous, IRQ, FIQ, SError}
 * for each source: current EL on SP_EL0 (the kernel itself, which runs on
 * SP_EL0), current EL on SP_EL1 (a fault inside an exception handler), lower
 * EL in AArch64, lower EL in AArch32.  Every entry is taken on SP_EL1, the
 * exception stack, saves a full struct arch_regs there and calls
 * aarch64_trap(regs, kind) with kind = 4 * source + type.  If that returns,
 * the (possibly edited) frame is restored and the exception returns.
 */
#include <arch/regs.h>

.macro ventry kind
	.balign	0x80
	sub	sp, sp, #REGS_SIZE
	stp	x0, x1, [sp, #0]
	mov	x1, #\kind
	b	trap_entry
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

/* x0/x1 already saved, x1 = kind. */
trap_entry:
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
	/* The interrupted code's SP: this very stack for "current EL, SP_EL1"
	 * (kinds 4-7), SP_EL0 for everything else. */
	mrs	x2, sp_el0
	lsr	x3, x1, #2
	cmp	x3, #1
	b.ne	1f
	add	x2, sp, #REGS_SIZE
1:	mrs	x3, elr_el1
	stp	x2, x3, [sp, #REGS_SP]
	mrs	x4, spsr_el1
	mrs	x5, esr_el1
	stp	x4, x5, [sp, #REGS_PSTATE]
	mrs	x6, far_el1
	str	x6, [sp, #REGS_FAR]
	mov	x29, #0                       /* the handler's backtrace starts here */
	mov	x0, sp
	bl	aarch64_trap

	ldp	x3, x4, [sp, #REGS_PC]
	msr	elr_el1, x3
	msr	spsr_el1, x4
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

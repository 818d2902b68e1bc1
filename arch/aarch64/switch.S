/* Switching kernel threads, and the FP/SIMD registers kept for user code.
 * The kernel is built without FP/SIMD (-mgeneral-regs-only); only this file
 * names those registers. */
#include <arch/regs.h>

	.arch	armv8-a+fp+simd
	.text

/* void arch_context_switch(struct arch_context *save, const struct arch_context *load)
 * Callee-saved registers, frame pointer, return address and sp out to
 * *save, in from *load, then return into the loaded thread. */
	.globl	arch_context_switch
arch_context_switch:
	stp	x19, x20, [x0, #0]
	stp	x21, x22, [x0, #16]
	stp	x23, x24, [x0, #32]
	stp	x25, x26, [x0, #48]
	stp	x27, x28, [x0, #64]
	stp	x29, x30, [x0, #CTX_FP]
	mov	x9, sp
	str	x9, [x0, #CTX_SP]
	ldp	x19, x20, [x1, #0]
	ldp	x21, x22, [x1, #16]
	ldp	x23, x24, [x1, #32]
	ldp	x25, x26, [x1, #48]
	ldp	x27, x28, [x1, #64]
	ldp	x29, x30, [x1, #CTX_FP]
	ldr	x9, [x1, #CTX_SP]
	mov	sp, x9
	ret

/* Where a new thread starts (arch_context_init): x19 = fn, x20 = arg. */
	.globl	aarch64_thread_start
aarch64_thread_start:
	mov	x29, #0
	mov	x0, x20
	blr	x19
	mov	x0, x19
	bl	aarch64_thread_returned

/* void aarch64_fpsimd_save(struct arch_thread *t) */
	.globl	aarch64_fpsimd_save
aarch64_fpsimd_save:
	stp	q0, q1, [x0, #0]
	stp	q2, q3, [x0, #32]
	stp	q4, q5, [x0, #64]
	stp	q6, q7, [x0, #96]
	stp	q8, q9, [x0, #128]
	stp	q10, q11, [x0, #160]
	stp	q12, q13, [x0, #192]
	stp	q14, q15, [x0, #224]
	stp	q16, q17, [x0, #256]
	stp	q18, q19, [x0, #288]
	stp	q20, q21, [x0, #320]
	stp	q22, q23, [x0, #352]
	stp	q24, q25, [x0, #384]
	stp	q26, q27, [x0, #416]
	stp	q28, q29, [x0, #448]
	stp	q30, q31, [x0, #480]
	mrs	x1, fpsr
	mrs	x2, fpcr
	add	x3, x0, #THREAD_FPSR
	stp	w1, w2, [x3]
	ret

/* void aarch64_fpsimd_load(const struct arch_thread *t) */
	.globl	aarch64_fpsimd_load
aarch64_fpsimd_load:
	ldp	q0, q1, [x0, #0]
	ldp	q2, q3, [x0, #32]
	ldp	q4, q5, [x0, #64]
	ldp	q6, q7, [x0, #96]
	ldp	q8, q9, [x0, #128]
	ldp	q10, q11, [x0, #160]
	ldp	q12, q13, [x0, #192]
	ldp	q14, q15, [x0, #224]
	ldp	q16, q17, [x0, #256]
	ldp	q18, q19, [x0, #288]
	ldp	q20, q21, [x0, #320]
	ldp	q22, q23, [x0, #352]
	ldp	q24, q25, [x0, #384]
	ldp	q26, q27, [x0, #416]
	ldp	q28, q29, [x0, #448]
	ldp	q30, q31, [x0, #480]
	add	x3, x0, #THREAD_FPSR
	ldp	w1, w2, [x3]
	msr	fpsr, x1
	msr	fpcr, x2
	ret

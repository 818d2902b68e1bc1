/* Copying between the kernel and user memory: the only code that touches
 * user addresses.  User memory is read and written with LDTR/STTR, the
 * unprivileged forms, so each access is checked as if EL0 made it: a kernel
 * address faults even if the range check were wrong, and PSTATE.PAN (set
 * whenever the CPU has it) never needs to be lifted.  Every user access is
 * listed in __ex_table with the place to resume at on a fault that the
 * portable handler cannot resolve (arch_fixup_exception). */

/* A user access that may fault: recorded with the common error exit. */
.macro user insn:vararg
9999:	\insn
	.pushsection __ex_table, "a"
	.balign	8
	.quad	9999b, uaccess_fault
	.popsection
.endm

	.text

/* int arch_copy_from_user(void *dst, const void *usrc, size_t n): 0, or -1
 * 64 bytes a step while that many are left (eight LDTRs, which have no
 * pair form, and four STPs: 17 instructions where the 8-byte loop takes
 * 48), then 8 bytes, then bytes. */
	.globl	arch_copy_from_user
arch_copy_from_user:
	cmp	x2, #64
	b.lo	5f
6:	user	ldtr	x3, [x1]
	user	ldtr	x4, [x1, #8]
	user	ldtr	x5, [x1, #16]
	user	ldtr	x6, [x1, #24]
	user	ldtr	x7, [x1, #32]
	user	ldtr	x8, [x1, #40]
	user	ldtr	x9, [x1, #48]
	user	ldtr	x10, [x1, #56]
	stp	x3, x4, [x0]
	stp	x5, x6, [x0, #16]
	stp	x7, x8, [x0, #32]
	stp	x9, x10, [x0, #48]
	add	x0, x0, #64
	add	x1, x1, #64
	sub	x2, x2, #64
	cmp	x2, #64
	b.hs	6b
5:	cmp	x2, #8
	b.lo	2f
1:	user	ldtr	x3, [x1]
	str	x3, [x0], #8
	add	x1, x1, #8
	sub	x2, x2, #8
	cmp	x2, #8
	b.hs	1b
2:	cbz	x2, 4f
3:	user	ldtrb	w3, [x1]
	strb	w3, [x0], #1
	add	x1, x1, #1
	subs	x2, x2, #1
	b.ne	3b
4:	mov	w0, #0
	ret

/* int arch_copy_to_user(void *udst, const void *src, size_t n): 0, or -1
 * The same steps the other way: four LDPs, eight STTRs. */
	.globl	arch_copy_to_user
arch_copy_to_user:
	cmp	x2, #64
	b.lo	5f
6:	ldp	x3, x4, [x1]
	ldp	x5, x6, [x1, #16]
	ldp	x7, x8, [x1, #32]
	ldp	x9, x10, [x1, #48]
	user	sttr	x3, [x0]
	user	sttr	x4, [x0, #8]
	user	sttr	x5, [x0, #16]
	user	sttr	x6, [x0, #24]
	user	sttr	x7, [x0, #32]
	user	sttr	x8, [x0, #40]
	user	sttr	x9, [x0, #48]
	user	sttr	x10, [x0, #56]
	add	x0, x0, #64
	add	x1, x1, #64
	sub	x2, x2, #64
	cmp	x2, #64
	b.hs	6b
5:	cmp	x2, #8
	b.lo	2f
1:	ldr	x3, [x1], #8
	user	sttr	x3, [x0]
	add	x0, x0, #8
	sub	x2, x2, #8
	cmp	x2, #8
	b.hs	1b
2:	cbz	x2, 4f
3:	ldrb	w3, [x1], #1
	user	sttrb	w3, [x0]
	add	x0, x0, #1
	subs	x2, x2, #1
	b.ne	3b
4:	mov	w0, #0
	ret

uaccess_fault:
	mov	w0, #-1
	ret

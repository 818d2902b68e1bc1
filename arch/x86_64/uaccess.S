/* Copying to and from user memory: the only kernel code that touches user
 * pages.  kernel/uaccess.c has already checked the range lies in the user
 * half; what can still go wrong is a page that is not mapped or not
 * writable.  The page-fault handler first lets the address space resolve
 * the fault (lazy or copy-on-write pages: the copy then simply continues);
 * otherwise arch_fixup_exception finds the faulting instruction in the
 * exception table below and resumes at its fixup, which returns -1.
 *
 * With SMAP on, supervisor accesses to user pages fault unless RFLAGS.AC is
 * set: stac/clac open that window around the copy alone.  (Without SMAP
 * those instructions do not exist, so the flag decides.)  A trap in the
 * window clears AC on entry (vectors.S) and iretq brings it back, so the
 * window survives a resolved fault; the fixup path closes it itself. */
#include "x86.h"

/* An exception-table entry: if `insn` faults, continue at `fixup`. */
.macro EXTABLE insn, fixup
	.pushsection x86_extable, "a"
	.balign 8
	.quad \insn, \fixup
	.popsection
.endm

.macro SMAP_OPEN
	testb $1, x86_smap_on(%rip)
	jz 91f
	stac
91:
.endm

.macro SMAP_CLOSE
	testb $1, x86_smap_on(%rip)
	jz 92f
	clac
92:
.endm

/* int arch_copy_from_user(void *dst, const void *usrc, size_t n)
 * int arch_copy_to_user(void *udst, const void *src, size_t n)
 * The same routine: rdi = destination, rsi = source, rdx = bytes.
 * 0, or -1 if a user page faulted (part of the copy may have happened). */
	.text
	.globl arch_copy_from_user, arch_copy_to_user
	.type arch_copy_from_user, @function
	.type arch_copy_to_user, @function
arch_copy_from_user:
arch_copy_to_user:
	/* Eight bytes a step, then the rest: rep movsb is one step a byte
	 * (and one counted instruction a byte under QEMU's -icount). */
	mov %rdx, %rcx
	shr $3, %rcx
	and $7, %edx
	SMAP_OPEN
1:	rep movsq
	mov %rdx, %rcx
3:	rep movsb
	SMAP_CLOSE
	xor %eax, %eax
	ret
2:	SMAP_CLOSE
	mov $-1, %eax
	ret
	EXTABLE 1b, 2b
	EXTABLE 3b, 2b
	.size arch_copy_from_user, . - arch_copy_from_user
	.size arch_copy_to_user, . - arch_copy_to_user

/* Ringel libc, AArch64 program entry.  The kernel starts a program with sp
 * pointing at argc, then argv[], NULL, envp[], NULL, auxv pairs, AT_NULL.
 * Hand that pointer to the portable __libc_start with an outermost frame
 * (x29 = x30 = 0) so backtraces stop here. */
	.text
	.globl _start
	.type _start, %function
_start:
	mov x29, #0
	mov x30, #0
	mov x0, sp
	and x1, x0, #~15
	mov sp, x1
	bl __libc_start
	brk #0x3e8
	.size _start, . - _start
	.section .note.GNU-stack, "", %progbits

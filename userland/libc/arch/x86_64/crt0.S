/* Ringel libc, x86-64 program entry.  The kernel starts a program with rsp
 * pointing at argc, then argv[], NULL, envp[], NULL, auxv pairs, AT_NULL.
 * Hand that pointer to the portable __libc_start with an aligned stack and
 * an outermost frame (rbp = 0) so backtraces stop here. */
	.text
	.globl _start
	.type _start, @function
_start:
	xor %ebp, %ebp
	mov %rsp, %rdi
	and $-16, %rsp
	call __libc_start
	ud2
	.size _start, . - _start
	.section .note.GNU-stack, "", @progbits

/* Ringel libc, x86-64: setjmp/longjmp.  The buffer (see <setjmp.h>) keeps
 * what a call must preserve: rbx rbp r12-r15, the stack pointer as it will
 * be after setjmp returns, and the return address.  sigsetjmp also saves
 * the signal mask (offset 176: whether, 184: the mask); siglongjmp is C. */
	.text
	.globl setjmp, _setjmp
	.type setjmp, @function
	.type _setjmp, @function
setjmp:
_setjmp:
	mov %rbx, 0(%rdi)
	mov %rbp, 8(%rdi)
	mov %r12, 16(%rdi)
	mov %r13, 24(%rdi)
	mov %r14, 32(%rdi)
	mov %r15, 40(%rdi)
	lea 8(%rsp), %rdx           /* the caller's rsp after our ret */
	mov %rdx, 48(%rdi)
	mov (%rsp), %rdx            /* where to return */
	mov %rdx, 56(%rdi)
	xor %eax, %eax
	ret
	.size setjmp, . - setjmp

	.globl longjmp, _longjmp
	.type longjmp, @function
	.type _longjmp, @function
longjmp:
_longjmp:
	mov %esi, %eax
	test %eax, %eax             /* setjmp must not seem to return 0 again */
	jnz 1f
	inc %eax
1:	mov 0(%rdi), %rbx
	mov 8(%rdi), %rbp
	mov 16(%rdi), %r12
	mov 24(%rdi), %r13
	mov 32(%rdi), %r14
	mov 40(%rdi), %r15
	mov 48(%rdi), %rsp
	jmp *56(%rdi)
	.size longjmp, . - longjmp

	.globl sigsetjmp
	.type sigsetjmp, @function
sigsetjmp:
	mov %esi, 176(%rdi)
	test %esi, %esi
	jz setjmp
	/* sigprocmask(SIG_BLOCK, NULL, &env->mask) reads the mask; env is
	 * kept across the call (the push also aligns the stack). */
	push %rdi
	lea 184(%rdi), %rdx
	xor %esi, %esi
	xor %edi, %edi
	call sigprocmask
	pop %rdi
	jmp setjmp                  /* with the stack as our caller left it */
	.size sigsetjmp, . - sigsetjmp
	.section .note.GNU-stack, "", @progbits

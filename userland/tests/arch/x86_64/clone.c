/* A thread made with the raw clone system call (x86_64): the child runs
 * fn(arg) on stack_top and exits with what fn returns (SYS_exit, this thread
 * alone); the parent gets the child's tid or -errno.  Shared by the utests
 * (utests.h declares it) and smpbench. */
/* clone(flags, stack, ptid, ctid, tls) is rdi, rsi, rdx, r10, r8; fn and
 * arg ride on the child's new stack, since the child has no other memory
 * of its own. */
__asm__(".globl arch_clone_thread\n"
	"arch_clone_thread:\n"
	"	mov 8(%rsp), %rax\n"        /* arg, the seventh argument */
	"	sub $16, %rsi\n"
	"	mov %r9, 0(%rsi)\n"
	"	mov %rax, 8(%rsi)\n"
	"	mov %rcx, %r10\n"
	"	mov $56, %eax\n"            /* SYS_clone */
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jnz 1f\n"
	"	xor %ebp, %ebp\n"
	"	pop %rax\n"
	"	pop %rdi\n"
	"	call *%rax\n"
	"	mov %eax, %edi\n"
	"	mov $60, %eax\n"            /* SYS_exit: this thread only */
	"	syscall\n"
	"	ud2\n"
	"1:	ret\n");

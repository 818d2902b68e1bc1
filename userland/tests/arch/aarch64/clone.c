/* A thread made with the raw clone system call (aarch64): the child runs
 * fn(arg) on stack_top and exits with what fn returns (SYS_exit, this thread
 * alone); the parent gets the child's tid or -errno.  Shared by the utests
 * (utests.h declares it) and smpbench. */
/* arm64's clone(flags, stack, ptid, tls, ctid): x0-x4.  fn and arg ride on
 * the child's new stack, since the child has no other memory of its own. */
__asm__(".globl arch_clone_thread\n"
	"arch_clone_thread:\n"
	"	stp x5, x6, [x1, #-16]!\n"
	"	mov x9, x3\n"
	"	mov x3, x4\n"
	"	mov x4, x9\n"
	"	mov x8, #220\n"             /* SYS_clone */
	"	svc #0\n"
	"	cbnz x0, 1f\n"
	"	ldp x5, x0, [sp], #16\n"
	"	blr x5\n"
	"	mov x8, #93\n"              /* SYS_exit: this thread only */
	"	svc #0\n"
	"	brk #0\n"
	"1:	ret\n");

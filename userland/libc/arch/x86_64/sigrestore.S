/* Ringel libc, x86-64: where a signal handler returns to (sa_restorer).  The
 * kernel's signal frame sits at rsp; rt_sigreturn restores from it. */
#include <sys/syscall.h>
	.text
	.globl __restore_rt
	.type __restore_rt, @function
	nop                       /* unwinders look up the return address - 1 */
__restore_rt:
	mov $SYS_rt_sigreturn, %eax
	syscall
	ud2
	.size __restore_rt, . - __restore_rt
	.section .note.GNU-stack, "", @progbits

/* Ringel libc, AArch64: where a signal handler returns to (sa_restorer, put in
 * x30 by the kernel).  rt_sigreturn restores from the frame at sp. */
#include <sys/syscall.h>
	.text
	.globl __restore_rt
	.type __restore_rt, %function
	nop                       /* unwinders look up the return address - 4 */
__restore_rt:
	mov x8, #SYS_rt_sigreturn
	svc #0
	brk #0x3e9
	.size __restore_rt, . - __restore_rt
	.section .note.GNU-stack, "", %progbits

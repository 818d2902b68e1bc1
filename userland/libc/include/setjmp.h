/* Ringel libc: <setjmp.h>.  The buffer holds the callee-saved registers,
 * stack pointer and return address (arch/<arch>/setjmp.S), then, for
 * sigsetjmp, whether the signal mask was saved and the mask itself. */
#ifndef _SETJMP_H
#define _SETJMP_H
#include <signal.h>
typedef struct __jmp_buf_tag {
	unsigned long __regs[22];   /* x86-64 uses 8, AArch64 22 (x19-x30, sp, d8-d15) */
	int __saved_mask;
	sigset_t __mask;
} jmp_buf[1], sigjmp_buf[1];
int setjmp(jmp_buf env) __attribute__((__returns_twice__));
_Noreturn void longjmp(jmp_buf env, int val);
int _setjmp(jmp_buf env) __attribute__((__returns_twice__));
_Noreturn void _longjmp(jmp_buf env, int val);
/* sigsetjmp is a macro-free function: the assembly saves the registers,
 * then calls __sigsetjmp_save for the mask. */
int sigsetjmp(sigjmp_buf env, int savemask) __attribute__((__returns_twice__));
_Noreturn void siglongjmp(sigjmp_buf env, int val);
#endif

/* Ringel libc: siglongjmp restores the mask sigsetjmp saved (if it did),
 * then jumps like longjmp.  The offsets are the ones arch/<arch>/setjmp.S
 * writes. */
#include <setjmp.h>
#include <stddef.h>
#include <signal.h>

_Static_assert(offsetof(struct __jmp_buf_tag, __saved_mask) == 176, "jmp_buf layout");
_Static_assert(offsetof(struct __jmp_buf_tag, __mask) == 184, "jmp_buf layout");

_Noreturn void siglongjmp(sigjmp_buf env, int val)
{
	if (env->__saved_mask)
		sigprocmask(SIG_SETMASK, &env->__mask, NULL);
	longjmp(env, val);
}

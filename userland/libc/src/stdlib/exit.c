/* Ringel libc: ending a program — atexit handlers, then stdio's buffers,
 * then the kernel. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#define ATEXIT_MAX 32
static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_n;

/* Set by stdio when a stream is first used (see stdio/file.c). */
void (*__stdio_exit_hook)(void);

int atexit(void (*fn)(void))
{
	if (atexit_n == ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_n++] = fn;
	return 0;
}

_Noreturn void exit(int status)
{
	while (atexit_n > 0)   /* in reverse order of registration */
		atexit_fns[--atexit_n]();
	if (__stdio_exit_hook)
		__stdio_exit_hook();
	_exit(status);
}

_Noreturn void _Exit(int status)
{
	_exit(status);
}

/* Die by SIGABRT even if it is caught or blocked: a handler may return,
 * after which the default action is restored and the signal raised again. */
_Noreturn void abort(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	signal(SIGABRT, SIG_DFL);
	raise(SIGABRT);
	_exit(127);
}

/* Ringel libc: what signals are called.  strsignal gives the description a
 * shell prints for a killed job; sigabbrev_np the name without "SIG" (as
 * kill -l lists them).  Both come from <uapi/signal_list.h>, the one list
 * of signals. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *abbrev, *descr;
} sigs[] = {
#define SIGNAL(name, abbrev, descr) [name] = { abbrev, descr },
#include <uapi/signal_list.h>
#undef SIGNAL
};
#define NSIGS ((int)(sizeof(sigs) / sizeof(sigs[0])))

char *strsignal(int sig)
{
	if (sig > 0 && sig < NSIGS)
		return (char *)sigs[sig].descr;
	static char buf[32];
	if (sig >= SIGRTMIN && sig < NSIG)
		snprintf(buf, sizeof(buf), "Real-time signal %d", sig - SIGRTMIN);
	else
		snprintf(buf, sizeof(buf), "Unknown signal %d", sig);
	return buf;
}

const char *sigdescr_np(int sig)
{
	return sig > 0 && sig < NSIGS ? sigs[sig].descr : NULL;
}

const char *sigabbrev_np(int sig)
{
	return sig > 0 && sig < NSIGS ? sigs[sig].abbrev : NULL;
}

/* Ringel libc: what signals are called.  strsignal gives the description a
 * shell prints for a killed job; sigabbrev_np the name without "SIG" (as
 * kill -l lists them). */
#include <signal.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *abbrev, *descr;
} sigs[] = {
	[SIGHUP] = { "HUP", "Hangup" },
	[SIGINT] = { "INT", "Interrupt" },
	[SIGQUIT] = { "QUIT", "Quit" },
	[SIGILL] = { "ILL", "Illegal instruction" },
	[SIGTRAP] = { "TRAP", "Trace/breakpoint trap" },
	[SIGABRT] = { "ABRT", "Aborted" },
	[SIGBUS] = { "BUS", "Bus error" },
	[SIGFPE] = { "FPE", "Floating point exception" },
	[SIGKILL] = { "KILL", "Killed" },
	[SIGUSR1] = { "USR1", "User defined signal 1" },
	[SIGSEGV] = { "SEGV", "Segmentation fault" },
	[SIGUSR2] = { "USR2", "User defined signal 2" },
	[SIGPIPE] = { "PIPE", "Broken pipe" },
	[SIGALRM] = { "ALRM", "Alarm clock" },
	[SIGTERM] = { "TERM", "Terminated" },
	[SIGSTKFLT] = { "STKFLT", "Stack fault" },
	[SIGCHLD] = { "CHLD", "Child exited" },
	[SIGCONT] = { "CONT", "Continued" },
	[SIGSTOP] = { "STOP", "Stopped (signal)" },
	[SIGTSTP] = { "TSTP", "Stopped" },
	[SIGTTIN] = { "TTIN", "Stopped (tty input)" },
	[SIGTTOU] = { "TTOU", "Stopped (tty output)" },
	[SIGURG] = { "URG", "Urgent I/O condition" },
	[SIGXCPU] = { "XCPU", "CPU time limit exceeded" },
	[SIGXFSZ] = { "XFSZ", "File size limit exceeded" },
	[SIGVTALRM] = { "VTALRM", "Virtual timer expired" },
	[SIGPROF] = { "PROF", "Profiling timer expired" },
	[SIGWINCH] = { "WINCH", "Window changed" },
	[SIGIO] = { "IO", "I/O possible" },
	[SIGPWR] = { "PWR", "Power failure" },
	[SIGSYS] = { "SYS", "Bad system call" },
};
#define NSIGS ((int)(sizeof(sigs) / sizeof(sigs[0])))

char *strsignal(int sig)
{
	if (sig > 0 && sig < NSIGS)
		return (char *)sigs[sig].descr;
	static char buf[32];
	if (sig >= 32 && sig < NSIG)
		snprintf(buf, sizeof(buf), "Real-time signal %d", sig - 32);
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

/* The Linux signal numbers (the same on x86-64 and AArch64), each with its
 * name without "SIG" (kill -l) and its description (strsignal, the shell's
 * job reports; glibc's wording, which the host libc test compares against).
 * This is the only place any of them is written.
 *
 * An X-list: every entry is a #define of the number followed by
 *     SIGNAL(NAME, "SHORT", "description")
 * in increasing order, 1 to 31.  <uapi/signal.h> includes it with SIGNAL
 * empty, which leaves the #defines; a table is made by defining SIGNAL first:
 *     #define SIGNAL(name, abbrev, descr) [name] = abbrev,
 *     #include <uapi/signal_list.h>
 *     #undef SIGNAL
 * (no include guard: it is meant to be included once per table).  The
 * real-time signals SIGRTMIN..SIGRTMAX (<uapi/signal.h>) have no names. */
#define SIGHUP 1
SIGNAL(SIGHUP, "HUP", "Hangup")
#define SIGINT 2
SIGNAL(SIGINT, "INT", "Interrupt")
#define SIGQUIT 3
SIGNAL(SIGQUIT, "QUIT", "Quit")
#define SIGILL 4
SIGNAL(SIGILL, "ILL", "Illegal instruction")
#define SIGTRAP 5
SIGNAL(SIGTRAP, "TRAP", "Trace/breakpoint trap")
#define SIGABRT 6
SIGNAL(SIGABRT, "ABRT", "Aborted")
#define SIGBUS 7
SIGNAL(SIGBUS, "BUS", "Bus error")
#define SIGFPE 8
SIGNAL(SIGFPE, "FPE", "Floating point exception")
#define SIGKILL 9
SIGNAL(SIGKILL, "KILL", "Killed")
#define SIGUSR1 10
SIGNAL(SIGUSR1, "USR1", "User defined signal 1")
#define SIGSEGV 11
SIGNAL(SIGSEGV, "SEGV", "Segmentation fault")
#define SIGUSR2 12
SIGNAL(SIGUSR2, "USR2", "User defined signal 2")
#define SIGPIPE 13
SIGNAL(SIGPIPE, "PIPE", "Broken pipe")
#define SIGALRM 14
SIGNAL(SIGALRM, "ALRM", "Alarm clock")
#define SIGTERM 15
SIGNAL(SIGTERM, "TERM", "Terminated")
#define SIGSTKFLT 16
SIGNAL(SIGSTKFLT, "STKFLT", "Stack fault")
#define SIGCHLD 17
SIGNAL(SIGCHLD, "CHLD", "Child exited")
#define SIGCONT 18
SIGNAL(SIGCONT, "CONT", "Continued")
#define SIGSTOP 19
SIGNAL(SIGSTOP, "STOP", "Stopped (signal)")
#define SIGTSTP 20
SIGNAL(SIGTSTP, "TSTP", "Stopped")
#define SIGTTIN 21
SIGNAL(SIGTTIN, "TTIN", "Stopped (tty input)")
#define SIGTTOU 22
SIGNAL(SIGTTOU, "TTOU", "Stopped (tty output)")
#define SIGURG 23
SIGNAL(SIGURG, "URG", "Urgent I/O condition")
#define SIGXCPU 24
SIGNAL(SIGXCPU, "XCPU", "CPU time limit exceeded")
#define SIGXFSZ 25
SIGNAL(SIGXFSZ, "XFSZ", "File size limit exceeded")
#define SIGVTALRM 26
SIGNAL(SIGVTALRM, "VTALRM", "Virtual timer expired")
#define SIGPROF 27
SIGNAL(SIGPROF, "PROF", "Profiling timer expired")
#define SIGWINCH 28
SIGNAL(SIGWINCH, "WINCH", "Window changed")
#define SIGIO 29
SIGNAL(SIGIO, "IO", "I/O possible")
#define SIGPWR 30
SIGNAL(SIGPWR, "PWR", "Power failure")
#define SIGSYS 31
SIGNAL(SIGSYS, "SYS", "Bad system call")

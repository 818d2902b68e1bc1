/* The signal structures as the kernel reads and writes them: fixed-width
 * integers where C libraries have pointers, so a libc keeps its own POSIX
 * struct sigaction / siginfo_t / stack_t and converts (the libc's
 * sigaction() fills struct k_sigaction from this header). */
#ifndef UAPI_SIGACTION_H
#define UAPI_SIGACTION_H
#include <stdint.h>
#include <uapi/signal.h>

/* rt_sigaction's struct on both arches: handler, flags, restorer, mask
 * (a signal set of 64 bits: rt_sig* calls take sigsetsize 8). */
struct k_sigaction {
	uint64_t handler;
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

/* siginfo_t: 128 bytes; the fields this kernel fills. */
struct linux_siginfo {
	int32_t si_signo;
	int32_t si_errno;
	int32_t si_code;
	int32_t __pad;
	union {
		struct { int32_t pid; uint32_t uid; } kill;
		struct { uint64_t addr; } fault;
		struct { int32_t pid; uint32_t uid; int32_t status; int32_t __p; int64_t utime, stime; } chld;
		uint8_t __bytes[112];
	} u;
};
_Static_assert(sizeof(struct linux_siginfo) == 128, "siginfo_t is 128 bytes");

/* stack_t of sigaltstack */
struct linux_stack_t {
	uint64_t ss_sp;
	int32_t ss_flags;
	int32_t __pad;
	uint64_t ss_size;
};
#endif

/* Ringel's in-guest test suite (modelled on xv6's usertests).
 *
 * Each test is a function registered with UTEST(); the runner (utests.c)
 * runs it in a forked child with a time limit and judges the child's end:
 * exit 0 passes, anything else fails with the reason the test sent through
 * a pipe (fail()), or the signal that killed it.  Tests are Linux-ABI code:
 * the same binary runs on Linux (natively or under qemu-user), which is how
 * the suite itself is checked; where Ringel and Linux legitimately differ, a
 * test asks on_linux and says so with note(). */
#ifndef UTESTS_H
#define UTESTS_H
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <errno.h>
#include <string.h>
#include <stdio.h>

struct utest {
	const char *name;
	void (*fn)(void);
	int timeout_s;          /* 0: the default */
};

#define UTEST_T(name_, timeout_)                                              \
	static void test_##name_(void);                                       \
	static const struct utest utest_##name_                               \
		__attribute__((used, section("utests"), aligned(8))) =        \
		{ #name_, test_##name_, timeout_ };                           \
	static void test_##name_(void)
#define UTEST(fn_) UTEST_T(fn_, 0)

/* ---- the environment, set up by the runner */
extern bool on_linux;           /* uname says Linux: we are checking the suite itself */
extern const char *exec_wrapper;/* qemu-user: run guest programs through this */
extern int runner_pid;
const char *path_of(const char *p);   /* "/bin/x" under --root */

/* ---- verdicts, from inside a test (or any process it forks) */
_Noreturn void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define CHECK(cond, fmt, ...)                                                 \
	do {                                                                  \
		if (!(cond))                                                  \
			fail("line %d: " fmt, __LINE__, ##__VA_ARGS__);       \
	} while (0)
#define CHECK_OK(expr)                                                        \
	do {                                                                  \
		long r_ = (long)(expr);                                       \
		if (r_ < 0)                                                   \
			fail("line %d: %s: %s", __LINE__, #expr, strerror(errno)); \
	} while (0)
/* The call fails with this errno. */
#define CHECK_ERR(expr, err)                                                  \
	do {                                                                  \
		errno = 0;                                                    \
		long r_ = (long)(expr);                                       \
		if (r_ != -1 || errno != (err))                               \
			fail("line %d: %s: want %s, got %ld (%s)", __LINE__, #expr, \
			     errname(err), r_, r_ == -1 ? errname(errno) : "no error"); \
	} while (0)

const char *errname(int err);
const char *signame(int sig);

/* ---- helpers */
/* Fork; the child runs fn(arg) and exits 0 if it returns.  Returns the pid. */
int spawn(void (*fn)(void *), void *arg);
/* Wait for pid at most timeout_ms (then SIGKILL it); the wait status, or -1. */
int wait_timeout(int pid, int timeout_ms);
/* Run fn(arg) in a child that must call reached() and then die by signal sig. */
void expect_death(const char *what, void (*fn)(void *), void *arg, int sig);
void reached(void);
/* Describe a wait status: "exit 3", "killed by SIGSEGV". */
const char *status_str(int status);
/* Run path in a child with stdout on a pipe: its output (at most
 * outsz - 1 bytes) and its wait status. */
int run_capture(const char *path, char *const argv[], char *const envp[], char *out, size_t outsz);
/* execve, through exec_wrapper when there is one. */
int uexec(const char *path, char *const argv[], char *const envp[]);
/* Free physical pages, or -1 when the system does not say. */
long free_pages(void);
void sleep_ms(long ms);
/* Wait (at most timeout_ms) until process pid sleeps ('S' in
 * /proc/PID/stat), then a little more: it is then blocked in the call it
 * was about to make.  false if it never did. */
bool wait_sleeping(int pid, long timeout_ms);
long now_ms(void);

/* ---- per-architecture facts (tests/arch/<arch>/) */
extern const char arch_machine[];        /* uname's machine field */
extern const char arch_hello_text[];     /* what the seed hello program prints */
extern const uintptr_t arch_user_top;    /* first address above the user half */
/* Addresses user code must not touch: kernel half (direct map, kernel image,
 * kernel stacks), and on x86-64 non-canonical ones.  Ends with 0. */
struct bad_addr {
	uintptr_t addr;
	const char *what;
	bool straddles;     /* the first bytes may be valid: only for ranges longer than 8 */
};
extern const struct bad_addr arch_kernel_addrs[];
extern const struct bad_addr arch_bad_pointers[];   /* for system calls; ends with what == NULL */
/* A raw clone whose child runs fn(arg) on stack_top and exits (SYS_exit,
 * this thread alone) with what fn returns: the parent gets the child's tid
 * or -errno.  ptid, ctid and tls are clone's. */
long arch_clone_thread(unsigned long flags, void *stack_top, int *ptid, int *ctid,
		       unsigned long tls, int (*fn)(void *), void *arg);
/* The calling thread's TLS register (FS base / TPIDR_EL0). */
unsigned long arch_get_tls(void);
#endif

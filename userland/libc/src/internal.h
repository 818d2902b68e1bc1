/* Ringel libc internals: the raw system call, shared by the portable wrappers.
 * The numbers come from <sys/syscall.h>, generated at build time from the
 * kernel's one table (kernel/syscalls.tbl); the instruction from the arch
 * directory's <bits/syscall_arch.h>. */
#ifndef _LIBC_INTERNAL_H
#define _LIBC_INTERNAL_H
#include <sys/syscall.h>
#include <bits/syscall_arch.h>

#define __SC_NARGS(...) __SC_NARGS_(__VA_ARGS__, 6, 5, 4, 3, 2, 1, 0)
#define __SC_NARGS_(a, b, c, d, e, f, g, n, ...) n
#define __SC_CAT(a, b) __SC_CAT_(a, b)
#define __SC_CAT_(a, b) a##b
#define __SC_0(n) __syscall0(n)
#define __SC_1(n, a) __syscall1(n, (long)(a))
#define __SC_2(n, a, b) __syscall2(n, (long)(a), (long)(b))
#define __SC_3(n, a, b, c) __syscall3(n, (long)(a), (long)(b), (long)(c))
#define __SC_4(n, a, b, c, d) __syscall4(n, (long)(a), (long)(b), (long)(c), (long)(d))
#define __SC_5(n, a, b, c, d, e) \
	__syscall5(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e))
#define __SC_6(n, a, b, c, d, e, f) \
	__syscall6(n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* __syscall(SYS_x, args...): the raw result, -errno on failure. */
#define __syscall(...) __SC_CAT(__SC_, __SC_NARGS(__VA_ARGS__))(__VA_ARGS__)
/* sys(SYS_x, args...): the C convention, -1 with errno set on failure. */
#define sys(...) __syscall_ret(__syscall(__VA_ARGS__))

long __syscall_ret(long r);

/* The auxiliary vector, saved by __libc_start. */
extern unsigned long *__auxv;
#endif

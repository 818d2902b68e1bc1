/* Ringel libc, AArch64: the system-call instruction.  `svc #0` with the
 * number in x8, arguments in x0-x5, the result (or -errno) in x0. */
#ifndef _BITS_SYSCALL_ARCH_H
#define _BITS_SYSCALL_ARCH_H

#define __SC_REGS                                                            \
	register long x8 __asm__("x8") = n;                                  \
	register long x0 __asm__("x0")

static inline long __syscall0(long n)
{
	__SC_REGS;
	__asm__ volatile("svc #0" : "=r"(x0) : "r"(x8) : "memory");
	return x0;
}

static inline long __syscall1(long n, long a)
{
	__SC_REGS = a;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8) : "memory");
	return x0;
}

static inline long __syscall2(long n, long a, long b)
{
	__SC_REGS = a;
	register long x1 __asm__("x1") = b;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1) : "memory");
	return x0;
}

static inline long __syscall3(long n, long a, long b, long c)
{
	__SC_REGS = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
	return x0;
}

static inline long __syscall4(long n, long a, long b, long c, long d)
{
	__SC_REGS = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3) : "memory");
	return x0;
}

static inline long __syscall5(long n, long a, long b, long c, long d, long e)
{
	__SC_REGS = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4)
			 : "memory");
	return x0;
}

static inline long __syscall6(long n, long a, long b, long c, long d, long e, long f)
{
	__SC_REGS = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4),
			 "r"(x5) : "memory");
	return x0;
}
#undef __SC_REGS_UNUSED
#endif

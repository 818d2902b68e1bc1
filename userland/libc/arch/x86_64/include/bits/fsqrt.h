/* Ringel libc, x86-64: the correctly rounded square root the SSE2 unit
 * computes (src/math/sqrt.c). */
#ifndef _BITS_FSQRT_H
#define _BITS_FSQRT_H
static inline double __fsqrt(double x)
{
	double r;
	__asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
	return r;
}
#endif

/* Ringel libc, AArch64: the correctly rounded square root of the FP unit
 * (src/math/sqrt.c). */
#ifndef _BITS_FSQRT_H
#define _BITS_FSQRT_H
static inline double __fsqrt(double x)
{
	double r;
	__asm__("fsqrt %d0, %d1" : "=w"(r) : "w"(x));
	return r;
}
#endif

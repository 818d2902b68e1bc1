/* Ringel libc, math: the NaN of an invalid operation (log(-1), fmod(x, 0),
 * sin(inf)...), made by the FP unit itself as glibc does, so it carries
 * the machine's default sign (negative on x86-64, positive on AArch64). */
#ifndef MATH_INVALID_H
#define MATH_INVALID_H
static inline double math_invalid(void)
{
	volatile double zero = 0;
	return zero / zero;
}
#endif

/* Ringel libc: <math.h>, the double functions programs such as awk use.
 * Exact ones (floor, fmod, frexp, sqrt...) are exact; exp, log, atan,
 * atan2 are within 2 units in the last place of glibc's, pow within a
 * relative 1e-13, sin and cos within 2 units for |x| < 2^20 (beyond, the
 * reduction by pi/2 loses digits) (tests/math_diff.c).  errno is not set. */
#ifndef _MATH_H
#define _MATH_H

#define HUGE_VAL __builtin_huge_val()
#define INFINITY __builtin_inff()
#define NAN __builtin_nanf("")
#define M_PI 3.14159265358979323846
#define M_E 2.7182818284590452354
#define M_LN2 0.69314718055994530942
#define M_SQRT2 1.41421356237309504880

#define isnan(x) __builtin_isnan(x)
#define isinf(x) __builtin_isinf(x)
#define isfinite(x) __builtin_isfinite(x)
#define signbit(x) __builtin_signbit(x)

double fabs(double x);
double floor(double x);
double ceil(double x);
double trunc(double x);
double round(double x);
double fmod(double x, double y);
double modf(double x, double *ip);
double frexp(double x, int *e);
double ldexp(double x, int e);
double copysign(double x, double y);
double sqrt(double x);
double exp(double x);
double log(double x);
double log10(double x);
double pow(double x, double y);
double sin(double x);
double cos(double x);
double tan(double x);
double atan(double x);
double atan2(double y, double x);
#endif

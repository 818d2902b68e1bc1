/* Ringel libc: sqrt, from the FP unit's own instruction (bits/fsqrt.h). */
#include <math.h>
#include <bits/fsqrt.h>

double sqrt(double x)
{
	return __fsqrt(x);      /* a negative x gives the unit's default NaN */
}

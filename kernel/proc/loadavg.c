/* Load averages as Linux computes them (its scheduler's loadavg code): every
 * LOADAVG_PERIOD_S seconds the number of active processes n (running,
 * runnable, or asleep uninterruptibly) is folded into three exponentially
 * decaying averages, load = load * e + n * (1 - e), with e = exp(-5s/1min),
 * exp(-5s/5min), exp(-5s/15min) in 11-bit fixed point.  /proc/loadavg,
 * sysinfo and uptime show them. */
#include <proc.h>
#include <kernel.h>

#define FIXED_1 (1ul << LOADAVG_FSHIFT)
static const unsigned long decay[3] = { 1884, 2014, 2037 };   /* e * 2048 */
static unsigned long avenrun[3];

void loadavg_sample(void)
{
	unsigned long n = sched_nr_active();   /* counted as threads change state */
	for (int k = 0; k < 3; k++) {
		unsigned long l = avenrun[k] * decay[k] + n * FIXED_1 * (FIXED_1 - decay[k]);
		avenrun[k] = (l + FIXED_1 / 2) >> LOADAVG_FSHIFT;
	}
}

void loadavg_get(unsigned long avg[3])
{
	for (int k = 0; k < 3; k++)
		avg[k] = avenrun[k];
}

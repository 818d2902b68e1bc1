/* The generic timer's virtual count: readable at EL0 (CNTKCTL_EL1.EL0VCTEN). */
#include <stdint.h>
#define COUNTER_NAME "CNTVCT"
static inline uint64_t counter(void)
{
	uint64_t v;
	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v));
	return v;
}

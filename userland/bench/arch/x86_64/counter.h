/* The time-stamp counter: readable at ring 3 (CR4.TSD is clear). */
#include <stdint.h>
#define COUNTER_NAME "TSC"
static inline uint64_t counter(void)
{
	uint32_t lo, hi;
	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

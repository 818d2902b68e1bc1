/* A tiny check framework for host unit tests: CHECK counts, the program
 * ends with "N passed, N failed" and a non-zero status on any failure. */
#ifndef HOSTTEST_H
#define HOSTTEST_H
#include <stdio.h>
static int ht_passed, ht_failed;
#define CHECK(cond, ...) do { \
	if (cond) { ht_passed++; } else { ht_failed++; \
		fprintf(stderr, "%s:%d: check failed: %s: ", __FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); fprintf(stderr, "\n"); } } while (0)
static inline int ht_finish(void)
{
	printf("%d passed, %d failed\n", ht_passed, ht_failed);
	return ht_failed ? 1 : 0;
}
#endif

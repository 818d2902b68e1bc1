/* Random bytes for AT_RANDOM and getrandom (kernel/random.c): xoshiro256**,
 * seeded and re-stirred with the cycle counter.  Not cryptographic: there
 * is no entropy source yet beyond timing. */
#ifndef RINGEL_RANDOM_H
#define RINGEL_RANDOM_H
#include <stddef.h>
void random_fill(void *buf, size_t len);
#endif

/* A small pseudo-random generator (xoshiro256**), seeded and re-stirred
 * with the cycle counter so two boots or two processes differ.  Good for
 * AT_RANDOM and getrandom's callers in this kernel; not for keys. */
#include <random.h>
#include <arch.h>
#include <string.h>

static uint64_t s[4];

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t next(void)
{
	uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

void random_fill(void *buf, size_t len)
{
	uint64_t seed = arch_cycle_counter() ^ arch_clock_ns() ^ s[0];
	for (int i = 0; i < 4; i++)
		s[i] ^= splitmix(&seed);
	unsigned char *b = buf;
	while (len) {
		uint64_t r = next();
		size_t n = len < 8 ? len : 8;
		memcpy(b, &r, n);
		b += n;
		len -= n;
	}
}

/* Ringel libc: small pieces of <stdlib.h> — absolute values, division,
 * pseudo-random numbers. */
#include <stdlib.h>

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }

div_t div(int a, int b) { return (div_t){ a / b, a % b }; }
ldiv_t ldiv(long a, long b) { return (ldiv_t){ a / b, a % b }; }
lldiv_t lldiv(long long a, long long b) { return (lldiv_t){ a / b, a % b }; }

/* rand: a 64-bit linear congruential generator (Knuth's MMIX constants),
 * handing out its high bits, which are the well-mixed ones. */
static unsigned long long seed = 1;

void srand(unsigned s) { seed = s; }

int rand(void)
{
	seed = seed * 6364136223846793005ull + 1442695040888963407ull;
	return (int)(seed >> 33);          /* 0..RAND_MAX */
}

int rand_r(unsigned *state)
{
	/* 32 bits of state: a xorshift, mixed into 31 bits. */
	unsigned x = *state ? *state : 0x9e3779b9u;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	*state = x;
	return (int)(x & RAND_MAX);
}

long random(void) { return rand(); }
void srandom(unsigned s) { srand(s); }

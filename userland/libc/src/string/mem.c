/* Ringel libc: the mem* functions.  memcpy and memset move a word at a time
 * once the destination is aligned (stdio and realloc lean on them); the
 * others are plain byte loops. */
#include <stdint.h>
#include <string.h>

typedef uint64_t __attribute__((__may_alias__)) word;

void *memcpy(void *restrict d, const void *restrict s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if (((uintptr_t)dp & 7) == ((uintptr_t)sp & 7)) {
		while (n && ((uintptr_t)dp & 7)) {
			*dp++ = *sp++;
			n--;
		}
		for (; n >= 8; n -= 8, dp += 8, sp += 8)
			*(word *)dp = *(const word *)sp;
	}
	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if (dp == sp || n == 0)
		return d;
	/* Forward unless the destination starts inside the source. */
	if ((uintptr_t)dp - (uintptr_t)sp >= n)
		return memcpy(d, s, n);
	while (n--)
		dp[n] = sp[n];
	return d;
}

void *memset(void *d, int c, size_t n)
{
	unsigned char *dp = d;
	while (n && ((uintptr_t)dp & 7)) {
		*dp++ = (unsigned char)c;
		n--;
	}
	word w = 0x0101010101010101ull * (unsigned char)c;
	for (; n >= 8; n -= 8, dp += 8)
		*(word *)dp = w;
	while (n--)
		*dp++ = (unsigned char)c;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

void *memrchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	while (n--)
		if (p[n] == (unsigned char)c)
			return (void *)(p + n);
	return NULL;
}

void *mempcpy(void *restrict d, const void *restrict s, size_t n)
{
	return (char *)memcpy(d, s, n) + n;
}

void *memccpy(void *restrict d, const void *restrict s, int c, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	for (; n; n--) {
		unsigned char ch = *sp++;
		*dp++ = ch;
		if (ch == (unsigned char)c)
			return dp;
	}
	return NULL;
}

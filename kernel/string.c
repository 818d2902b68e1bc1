/* The string and memory functions the compiler and the kernel rely on.
 *
 * memcpy and memset move aligned 64-bit words, four to an iteration, when
 * the addresses allow: every fresh page is zeroed and every copy-on-write
 * fault copies one, and byte loops made those two functions two thirds of
 * the kernel's instructions (scripts/profile).  Only aligned words: the
 * AArch64 kernel is built with -mstrict-align.  The rest stays plain. */
#include <string.h>
#include <stdint.h>

typedef uint64_t __attribute__((__may_alias__)) word_t;
#define WORD sizeof(word_t)
#define MISALIGNED(p) ((uintptr_t)(p) & (WORD - 1))

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (MISALIGNED(d) == MISALIGNED(s)) {
		for (; n && MISALIGNED(d); n--)
			*d++ = *s++;
		word_t *dw = (word_t *)d;
		const word_t *sw = (const word_t *)s;
		for (; n >= 4 * WORD; n -= 4 * WORD, dw += 4, sw += 4) {
			word_t a = sw[0], b = sw[1], c = sw[2], e = sw[3];
			dw[0] = a;
			dw[1] = b;
			dw[2] = c;
			dw[3] = e;
		}
		for (; n >= WORD; n -= WORD)
			*dw++ = *sw++;
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (d == s || n == 0)
		return dst;
	if (d < s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	for (; n && MISALIGNED(d); n--)
		*d++ = (unsigned char)c;
	word_t v = (unsigned char)c * (word_t)0x0101010101010101ull;
	word_t *dw = (word_t *)d;
	for (; n >= 4 * WORD; n -= 4 * WORD, dw += 4) {
		dw[0] = v;
		dw[1] = v;
		dw[2] = v;
		dw[3] = v;
	}
	for (; n >= WORD; n -= WORD)
		*dw++ = v;
	d = (unsigned char *)dw;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;
	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			return 0;
	}
	return 0;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;
	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);
	if (size) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/* Ringel libc: searching strings for sets of characters and substrings.
 * Character sets are a 256-bit table built once per call. */
#include <string.h>
#include <stdint.h>

struct set {
	uint64_t bits[4];
};

static void make_set(struct set *set, const char *chars)
{
	memset(set, 0, sizeof(*set));
	for (const unsigned char *p = (const unsigned char *)chars; *p; p++)
		set->bits[*p / 64] |= 1ull << (*p % 64);
}

static int in_set(const struct set *set, unsigned char c)
{
	return (set->bits[c / 64] >> (c % 64)) & 1;
}

size_t strspn(const char *s, const char *accept)
{
	struct set set;
	make_set(&set, accept);
	size_t n = 0;
	while (s[n] && in_set(&set, (unsigned char)s[n]))
		n++;
	return n;
}

size_t strcspn(const char *s, const char *reject)
{
	struct set set;
	make_set(&set, reject);
	size_t n = 0;
	while (s[n] && !in_set(&set, (unsigned char)s[n]))
		n++;
	return n;
}

char *strpbrk(const char *s, const char *accept)
{
	s += strcspn(s, accept);
	return *s ? (char *)s : NULL;
}

void *memmem(const void *hay, size_t hn, const void *needle, size_t nn)
{
	const unsigned char *h = hay, *n = needle;
	if (!nn)
		return (void *)h;
	for (; hn >= nn; h++, hn--) {
		/* Find the first byte fast, then compare the rest. */
		const unsigned char *p = memchr(h, n[0], hn - nn + 1);
		if (!p)
			return NULL;
		hn -= (size_t)(p - h);
		h = p;
		if (!memcmp(h, n, nn))
			return (void *)h;
	}
	return NULL;
}

char *strstr(const char *hay, const char *needle)
{
	if (!*needle)
		return (char *)hay;
	return memmem(hay, strlen(hay), needle, strlen(needle));
}

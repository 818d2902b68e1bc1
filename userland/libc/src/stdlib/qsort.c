/* Ringel libc: qsort and bsearch.
 *
 * qsort is a merge sort through a temporary buffer: stable, like glibc's
 * (programs tested against glibc come to rely on equal elements keeping
 * their order), O(n log n).  If the buffer cannot be had it falls back to
 * a heapsort: O(n log n) in place, but not stable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void swap(char *a, char *b, size_t size)
{
	if (size % sizeof(long) == 0 && ((uintptr_t)a | (uintptr_t)b) % sizeof(long) == 0) {
		for (long *x = (long *)a, *y = (long *)b; size; size -= sizeof(long), x++, y++) {
			long t = *x;
			*x = *y;
			*y = t;
		}
		return;
	}
	while (size--) {
		char t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Let element i sink until both children are no larger (a max-heap over
 * elements 0..n-1). */
static void sift_down(char *base, size_t i, size_t n, size_t size,
		      int (*cmp)(const void *, const void *, void *), void *arg)
{
	for (;;) {
		size_t child = 2 * i + 1;
		if (child >= n)
			return;
		if (child + 1 < n && cmp(base + child * size, base + (child + 1) * size, arg) < 0)
			child++;
		if (cmp(base + i * size, base + child * size, arg) >= 0)
			return;
		swap(base + i * size, base + child * size, size);
		i = child;
	}
}

static void heapsort(char *b, size_t n, size_t size,
		     int (*cmp)(const void *, const void *, void *), void *arg)
{
	for (size_t i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp, arg);
	for (size_t end = n - 1; end > 0; end--) {
		swap(b, b + end * size, size);   /* the largest goes to the end */
		sift_down(b, 0, end, size, cmp, arg);
	}
}

/* Sort both halves, then merge them through tmp.  Taking from the left
 * half on ties is what makes it stable. */
static void merge_sort(char *b, size_t n, size_t size, char *tmp,
		       int (*cmp)(const void *, const void *, void *), void *arg)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	char *mid = b + h * size, *end = b + n * size;
	merge_sort(b, h, size, tmp, cmp, arg);
	merge_sort(mid, n - h, size, tmp, cmp, arg);
	if (cmp(mid - size, mid, arg) <= 0)   /* already in order */
		return;
	char *l = b, *r = mid, *o = tmp;
	while (l < mid && r < end) {
		if (cmp(r, l, arg) < 0) {
			memcpy(o, r, size);
			r += size;
		} else {
			memcpy(o, l, size);
			l += size;
		}
		o += size;
	}
	/* What is left of the right half is already in place at the end. */
	memcpy(o, l, (size_t)(mid - l));
	o += mid - l;
	memcpy(b, tmp, (size_t)(o - tmp));
}

void qsort_r(void *base, size_t n, size_t size,
	     int (*cmp)(const void *, const void *, void *), void *arg)
{
	if (n < 2 || !size)
		return;
	char *tmp = n <= SIZE_MAX / size ? malloc(n * size) : NULL;
	if (tmp) {
		merge_sort(base, n, size, tmp, cmp, arg);
		free(tmp);
	} else {
		heapsort(base, n, size, cmp, arg);
	}
}

static int call_plain(const void *a, const void *b, void *fn)
{
	return (*(int (**)(const void *, const void *))fn)(a, b);
}

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	qsort_r(base, n, size, call_plain, &cmp);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	const char *b = base;
	while (n) {
		const char *mid = b + (n / 2) * size;
		int c = cmp(key, mid);
		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			b = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}

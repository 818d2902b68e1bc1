/* The kernel's memcpy, memmove and memset (renamed k_* at compile time)
 * against the host C library: every size up to three words past a few
 * cache lines, every source and destination alignment, with guard bytes
 * around the destination that must stay untouched. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <check.h>

void *k_memcpy(void *dst, const void *src, size_t n);
void *k_memmove(void *dst, const void *src, size_t n);
void *k_memset(void *dst, int c, size_t n);

enum { MAX = 300, PAD = 16, BUF = MAX + 2 * PAD + 16 };

static void fill(unsigned char *b, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(seed * 131 + i * 7 + (i >> 3));
}

int main(void)
{
	static unsigned char src[BUF], got[BUF], want[BUF];
	long cases = 0;
	check_group("memcpy, memset, memmove vs the host");
	unsigned mark = check_quiet_begin();
	for (size_t n = 0; n <= MAX; n++) {
		for (size_t da = 0; da < 8; da++) {
			for (size_t sa = 0; sa < 8; sa++) {
				fill(src, BUF, (unsigned)(n + sa));
				fill(got, BUF, 99);
				fill(want, BUF, 99);
				void *r = k_memcpy(got + PAD + da, src + PAD + sa, n);
				memcpy(want + PAD + da, src + PAD + sa, n);
				CHECK(r == got + PAD + da, "memcpy returns dst");
				CHECK(memcmp(got, want, BUF) == 0, "memcpy n=%zu dst+%zu src+%zu", n, da, sa);
				cases++;
			}
			fill(got, BUF, 5);
			fill(want, BUF, 5);
			int c = (int)(n * 37 + da) & 0xff;
			void *r = k_memset(got + PAD + da, c | (n & 1 ? 0x100 : 0), n);
			memset(want + PAD + da, c, n);
			CHECK(r == got + PAD + da, "memset returns dst");
			CHECK(memcmp(got, want, BUF) == 0, "memset n=%zu dst+%zu", n, da);
			cases++;
			/* overlapping moves both ways */
			for (int shift = -9; shift <= 9; shift += 3) {
				fill(got, BUF, 3);
				fill(want, BUF, 3);
				size_t from = PAD + 8 + da, to = (size_t)((long)from + shift);
				k_memmove(got + to, got + from, n > MAX - 16 ? MAX - 16 : n);
				memmove(want + to, want + from, n > MAX - 16 ? MAX - 16 : n);
				CHECK(memcmp(got, want, BUF) == 0, "memmove n=%zu +%zu by %d", n, da, shift);
				cases++;
			}
		}
	}
	check_quiet_end(mark);
	char note[64];
	snprintf(note, sizeof note, "%ld cases", cases);
	check_group_end(note);
	return check_finish();
}

/* Host tests of kmalloc/kfree on top of the real page allocator. */
#include <mm.h>
#include <pmm.h>
#include <kmem.h>
#include <bootinfo.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>

extern uintptr_t host_direct_map_base;
#define PHYS_BASE 0x100000ULL
#define RAM_SIZE  (256ULL << 20)   /* a kernel budget of 24 MiB */

int main(void)
{
	uint8_t *ram = aligned_alloc(4096, RAM_SIZE);
	host_direct_map_base = (uintptr_t)ram - PHYS_BASE;
	struct boot_info bi;
	memset(&bi, 0, sizeof bi);
	bootinfo_add_mem(&bi, PHYS_BASE, RAM_SIZE);
	CHECK(pmm_init(&bi, PHYS_BASE, 4096) == 0, "pmm");
	kheap_init();
	size_t free0 = pmm_free_count();

	enum { N = 3000 };
	static void *p[N];
	static size_t sz[N];
	for (int round = 0; round < 5; round++) {
		for (int i = 0; i < N; i++) {
			sz[i] = 1 + (size_t)rand() % (i % 20 == 0 ? 20000 : 2100);
			p[i] = kmalloc(sz[i]);
			CHECK(p[i] != NULL, "kmalloc %zu", sz[i]);
			CHECK(((uintptr_t)p[i] & 15) == 0, "16-byte alignment");
			memset(p[i], i & 0xff, sz[i]);
		}
		for (int i = 0; i < N; i++) {
			uint8_t *b = p[i];
			int ok = 1;
			for (size_t k = 0; k < sz[i]; k++)
				ok &= b[k] == (uint8_t)(i & 0xff);
			CHECK(ok, "block %d kept its contents", i);
		}
		/* free in a scrambled order */
		for (int i = 0; i < N; i++) {
			int j = (i * 7919) % N;
			kfree(p[j]);
		}
		CHECK(kheap_bytes_in_use() == 0, "all freed");
	}
	/* every page comes back once every block is freed */
	CHECK(pmm_free_count() == free0, "all pages came back: %zu of %zu", pmm_free_count(), free0);
	CHECK(kmalloc(0) == NULL, "kmalloc(0)");
	CHECK(kmalloc((size_t)1 << 50) == NULL, "absurd size refused");
	void *z = kzalloc(5000);
	int zero = 1;
	for (int i = 0; i < 5000; i++)
		zero &= ((uint8_t *)z)[i] == 0;
	CHECK(zero, "kzalloc zeroes");
	kfree(z);
	kfree(NULL);
	CHECK(pmm_free_count() == free0, "kzalloc page returned");
	/* The heap stops at the kernel's budget (mm/kmem.c) with NULL, long
	 * before RAM runs out, and gives the budget back with the pages. */
	CHECK(kmem_charged() == 0, "%zu pages still charged", kmem_charged());
	static void *big[8192];
	size_t got = 0;
	while (got < 8192 && (big[got] = kmalloc(8000)) != NULL)
		got++;
	CHECK(got > 0 && got < 8192, "%zu blocks of 8000 bytes before the budget", got);
	CHECK(kmem_charged() + 2 > kmem_budget() && kmem_charged() <= kmem_budget(),
	      "charged %zu of a budget of %zu", kmem_charged(), kmem_budget());
	CHECK(pmm_free_count() > free0 / 2, "the budget left RAM free: %zu", pmm_free_count());
	while (got)
		kfree(big[--got]);
	CHECK(kmem_charged() == 0, "charge after freeing: %zu", kmem_charged());
	free(ram);
	return check_finish();
}

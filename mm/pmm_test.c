/* Host tests of the page allocator over a pretend machine whose RAM is a
 * host buffer: what it hands out is RAM, never reserved, never the kernel,
 * never twice, and every page comes back. */
#include <pmm.h>
#include <bootinfo.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>

extern uintptr_t host_direct_map_base;
#define PHYS_BASE 0x40000000ULL
#define RAM_SIZE  (64ULL << 20)
static uint8_t *ram;

static struct boot_info machine(void)
{
	struct boot_info bi;
	memset(&bi, 0, sizeof bi);
	/* two RAM banks with a hole, unaligned edges */
	bootinfo_add_mem(&bi, PHYS_BASE + 100, 24ULL << 20);
	bootinfo_add_mem(&bi, PHYS_BASE + (32ULL << 20), (32ULL << 20) - 3);
	bootinfo_add_reserved(&bi, PHYS_BASE + 0x5000, 0x1800);         /* e.g. a DTB */
	bootinfo_add_reserved(&bi, PHYS_BASE + (40ULL << 20), 1 << 20);  /* an initrd */
	return bi;
}

static int is_reserved(uint64_t pa)
{
	return (pa >= PHYS_BASE + 0x5000 && pa < PHYS_BASE + 0x7000) ||
	       (pa >= PHYS_BASE + (40ULL << 20) && pa < PHYS_BASE + (41ULL << 20)) ||
	       (pa >= PHYS_BASE + (2ULL << 20) && pa < PHYS_BASE + (6ULL << 20));   /* kernel */
}

static int in_ram(uint64_t pa)
{
	return (pa >= PHYS_BASE + 0x1000 && pa + 0x1000 <= PHYS_BASE + 100 + (24ULL << 20)) ||
	       (pa >= PHYS_BASE + (32ULL << 20) && pa + 0x1000 <= PHYS_BASE + (64ULL << 20) - 3);
}

int main(void)
{
	ram = aligned_alloc(4096, RAM_SIZE);
	host_direct_map_base = (uintptr_t)ram - PHYS_BASE;
	struct boot_info bi = machine();
	CHECK(pmm_init(&bi, PHYS_BASE + (2ULL << 20), 4ULL << 20) == 0, "init");
	size_t total = pmm_free_count();
	/* 24 MiB + 32 MiB - partial pages - reserved - kernel - bitmap */
	/* 6143 + 8191 whole pages, less 2 (DTB) + 256 (initrd) + 1024 (kernel)
	 * + 9 (bitmap: 2 KiB, reference counts: 32 KiB) */
	CHECK(total == 13043, "free pages %zu", total);

	/* allocate everything: every page valid, none twice */
	size_t n = 0;
	uint64_t *pages = malloc(sizeof(uint64_t) * total);
	uint8_t *seen = calloc(RAM_SIZE / 4096, 1);
	for (uint64_t pa; (pa = pmm_alloc_page()) != 0; n++) {
		CHECK(n < total, "more pages than free count");
		if (n >= total)
			break;
		pages[n] = pa;
		CHECK(pa % 4096 == 0, "alignment %llx", (unsigned long long)pa);
		CHECK(in_ram(pa), "page %llx not RAM", (unsigned long long)pa);
		CHECK(!is_reserved(pa), "page %llx reserved", (unsigned long long)pa);
		size_t idx = (pa - PHYS_BASE) / 4096;
		CHECK(!seen[idx], "page %llx handed out twice", (unsigned long long)pa);
		seen[idx] = 1;
		memset(ram + (pa - PHYS_BASE), 0xab, 4096);   /* must not hit the bitmap */
	}
	CHECK(n == total, "allocated %zu of %zu", n, total);
	CHECK(pmm_free_count() == 0, "nothing left");
	CHECK(pmm_alloc_pages(1) == 0, "alloc on empty fails");
	for (size_t i = 0; i < n; i++)
		pmm_free_page(pages[i]);
	CHECK(pmm_free_count() == total, "all back");

	/* contiguous runs never cross the hole or reserved pages */
	for (int round = 0; round < 50; round++) {
		size_t want = 1 + (size_t)(rand() % 300);
		uint64_t pa = pmm_alloc_pages(want);
		CHECK(pa != 0, "run of %zu", want);
		for (size_t k = 0; pa && k < want; k++) {
			uint64_t p = pa + k * 4096;
			CHECK(in_ram(p) && !is_reserved(p), "run page %llx bad", (unsigned long long)p);
		}
		if (pa)
			pmm_free_pages(pa, want);
	}
	CHECK(pmm_free_count() == total, "runs returned");
	CHECK(pmm_alloc_pages(20000) == 0, "impossible run refused");

	/* random interleaving */
	size_t live = 0;
	for (int i = 0; i < 20000; i++) {
		if (live && (rand() % 3 == 0 || live == total)) {
			size_t k = (size_t)rand() % live;
			pmm_free_page(pages[k]);
			pages[k] = pages[--live];
		} else {
			uint64_t pa = pmm_alloc_page();
			CHECK(pa != 0, "random alloc");
			if (pa)
				pages[live++] = pa;
		}
		CHECK(pmm_free_count() == total - live, "count tracks");
	}
	while (live)
		pmm_free_page(pages[--live]);
	CHECK(pmm_free_count() == total, "random: all back");

	/* reference counts: shared pages are freed by their last user */
	uint64_t shared = pmm_alloc_page();
	CHECK(pmm_page_refs(shared) == 1, "new page has one user");
	pmm_page_ref(shared);
	pmm_page_ref(shared);
	CHECK(pmm_page_refs(shared) == 3, "three users");
	pmm_page_unref(shared);
	pmm_page_unref(shared);
	CHECK(pmm_page_in_use(shared) && pmm_free_count() == total - 1, "still held by one");
	pmm_page_unref(shared);
	CHECK(!pmm_page_in_use(shared) && pmm_free_count() == total, "freed by the last user");
	uint64_t again = pmm_alloc_page();
	CHECK(pmm_page_refs(again) == 1, "reallocated page starts at one user");
	pmm_free_page(again);

	/* a machine with no RAM left after reservations */
	struct boot_info tiny;
	memset(&tiny, 0, sizeof tiny);
	bootinfo_add_mem(&tiny, PHYS_BASE, 0x3000);
	bootinfo_add_reserved(&tiny, PHYS_BASE, 0x3000);
	CHECK(pmm_init(&tiny, PHYS_BASE + (2ULL << 20), 4096) != 0, "no usable RAM refused");

	free(pages);
	free(seen);
	free(ram);
	return check_finish();
}

/* Boot self-tests ("selftest" on the kernel command line): the page
 * allocator, the heap, and mapping in the kernel half, checked on the real
 * machine.  Prints one line per check and "selftest: N passed, N failed". */
#include <selftest.h>
#include <kernel.h>
#include <pmm.h>
#include <mm.h>
#include <string.h>

static int passed, failed;

static void check(bool ok, const char *what)
{
	printk("selftest: %-52s %s\n", what, ok ? "ok" : "FAILED");
	if (ok)
		passed++;
	else
		failed++;
}

static uint32_t rng = 12345;
static uint32_t rand32(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng;
}

static void test_pmm(void)
{
	enum { N = 256 };
	static uint64_t pages[N];
	size_t before = pmm_free_count();
	bool ok = true, distinct = true, usable = true;
	for (int i = 0; i < N; i++) {
		pages[i] = pmm_alloc_page();
		if (!pages[i])
			ok = false;
	}
	check(ok && pmm_free_count() == before - N, "pmm: 256 single pages allocated");
	for (int i = 0; i < N && ok; i++) {
		uint64_t *p = phys_to_virt(pages[i]);
		for (size_t w = 0; w < PAGE_SIZE / 8; w++)
			p[w] = pages[i] ^ w;
	}
	for (int i = 0; i < N && ok; i++) {
		uint64_t *p = phys_to_virt(pages[i]);
		for (size_t w = 0; w < PAGE_SIZE / 8; w++)
			if (p[w] != (pages[i] ^ w))
				distinct = false;
		if (pages[i] >= kernel_phys_base &&
		    pages[i] < kernel_phys_base + (uint64_t)(_kernel_end - _kernel_start))
			usable = false;
	}
	check(distinct, "pmm: pages distinct and writable via the direct map");
	check(usable, "pmm: no page inside the kernel image");
	for (int i = 0; i < N; i++)
		if (pages[i])
			pmm_free_page(pages[i]);
	check(pmm_free_count() == before, "pmm: free count restored after freeing");

	uint64_t run = pmm_alloc_pages(16);
	bool contiguous = run != 0;
	for (int i = 0; i < 16 && contiguous; i++)
		contiguous = pmm_page_in_use(run + (uint64_t)i * PAGE_SIZE);
	check(contiguous, "pmm: 16 contiguous pages");
	if (run)
		pmm_free_pages(run, 16);
	check(pmm_free_count() == before, "pmm: contiguous run returned");
}

static void test_heap(void)
{
	enum { N = 512 };
	static void *ptrs[N];
	static size_t sizes[N];
	size_t free_before = pmm_free_count();
	size_t used_before = kheap_bytes_in_use();
	bool ok = true;
	for (int round = 0; round < 4; round++) {
		for (int i = 0; i < N; i++) {
			sizes[i] = 1 + rand32() % (i % 16 == 0 ? 3 * PAGE_SIZE : 600);
			ptrs[i] = kmalloc(sizes[i]);
			if (!ptrs[i]) {
				ok = false;
				continue;
			}
			memset(ptrs[i], i & 0xff, sizes[i]);
		}
		for (int i = 0; i < N; i++) {
			const unsigned char *p = ptrs[i];
			for (size_t k = 0; p && k < sizes[i]; k++)
				if (p[k] != (unsigned char)(i & 0xff))
					ok = false;
		}
		for (int i = 0; i < N; i++)
			kfree(ptrs[i]);
	}
	check(ok, "heap: 2048 kmalloc blocks hold their contents");
	check(kheap_bytes_in_use() == used_before, "heap: bytes in use back to the start");
	check(pmm_free_count() == free_before, "heap: every page returned to the pmm");
	void *z = kzalloc(100);
	bool zero = z != NULL;
	for (int i = 0; zero && i < 100; i++)
		zero = ((unsigned char *)z)[i] == 0;
	kfree(z);
	check(zero, "heap: kzalloc returns zeroed memory");
	check(kmalloc(0) == NULL, "heap: kmalloc(0) is NULL");
}

static void test_kmap(void)
{
	uintptr_t va = VMALLOC_BASE + 0x10000000UL;
	uint64_t pa = pmm_alloc_pages(4);
	check(pa != 0, "kmap: pages for the vmalloc test");
	if (!pa)
		return;
	bool mapped = kmap_pages(va, pa, 4 * PAGE_SIZE, VM_READ | VM_WRITE) == 0;
	check(mapped, "kmap: map 4 pages in the vmalloc area");
	if (mapped) {
		volatile uint64_t *v = (volatile uint64_t *)va;
		for (int i = 0; i < 4; i++)
			v[i * PAGE_SIZE / 8] = 0x5a5a0000u + i;
		uint64_t *d = phys_to_virt(pa);
		bool alias = true;
		for (int i = 0; i < 4; i++)
			alias = alias && d[i * PAGE_SIZE / 8] == 0x5a5a0000u + i;
		check(alias, "kmap: writes through vmalloc seen in the direct map");
		uint64_t got;
		unsigned fl;
		check(pt_lookup(kmap_root(), va + PAGE_SIZE + 8, &got, &fl) == 0 &&
		      got == pa + PAGE_SIZE + 8 && (fl & VM_WRITE) && !(fl & VM_EXEC) && !(fl & VM_USER),
		      "kmap: lookup finds the page, RW, not X, not user");
		kunmap_pages(va, 4 * PAGE_SIZE);
		check(pt_lookup(kmap_root(), va, NULL, NULL) != 0 &&
		      pt_lookup(kmap_root(), va + 3 * PAGE_SIZE, NULL, NULL) != 0,
		      "kmap: unmapped pages are gone");
		check(kmap_pages(va, pa, PAGE_SIZE, VM_READ) == 0 &&
		      kmap_pages(va, pa, PAGE_SIZE, VM_READ) != 0,
		      "kmap: mapping over a mapped page is refused");
		kunmap_pages(va, PAGE_SIZE);
	}
	pmm_free_pages(pa, 4);
}

static void test_wx(void)
{
	unsigned fl;
	bool ok = pt_lookup(kmap_root(), (uintptr_t)_text_start, NULL, &fl) == 0;
	check(ok && (fl & VM_EXEC) && !(fl & VM_WRITE), "w^x: kernel text is R-X");
	ok = pt_lookup(kmap_root(), (uintptr_t)_rodata_start, NULL, &fl) == 0;
	check(ok && !(fl & VM_EXEC) && !(fl & VM_WRITE), "w^x: kernel rodata is R--");
	ok = pt_lookup(kmap_root(), (uintptr_t)_data_start, NULL, &fl) == 0;
	check(ok && !(fl & VM_EXEC) && (fl & VM_WRITE), "w^x: kernel data is RW-");
	ok = pt_lookup(kmap_root(), (uintptr_t)&passed, NULL, &fl) == 0;
	check(ok && !(fl & VM_EXEC) && (fl & VM_WRITE), "w^x: kernel bss is RW-");
	uint64_t pa = pmm_alloc_page();
	ok = pa && pt_lookup(kmap_root(), (uintptr_t)phys_to_virt(pa), NULL, &fl) == 0;
	check(ok && !(fl & VM_EXEC) && (fl & VM_WRITE) && !(fl & VM_USER), "w^x: direct map is RW-, kernel only");
	if (pa)
		pmm_free_page(pa);
	uintptr_t wx = pt_find_wx(kmap_root());
	if (wx)
		printk("selftest: %#lx is mapped writable and executable\n", (unsigned long)wx);
	check(!wx, "w^x: no kernel mapping is writable and executable");
	const char *off = arch_protection_missing();
	if (off)
		printk("selftest: %s is off\n", off);
	check(!off, "cpu: the protection switches set at boot are still on");
	check(pt_lookup(kmap_root(), 0x400000, NULL, NULL) != 0 &&
	      pt_lookup(kmap_root(), USER_BASE, NULL, NULL) != 0,
	      "split: the lower (user) half maps nothing");
}

bool selftest_run(void)
{
	printk("selftest: starting\n");
	size_t free_start = pmm_free_count();
	test_pmm();
	test_heap();
	test_kmap();
	test_wx();
	/* Page tables made for the vmalloc test stay.  The heap keeps no
	 * pages: it hands every emptied page back (test_heap checks it).
	 * Anything more is a leak. */
	check(pmm_free_count() + 64 >= free_start, "leak: free pages back near the start");
	printk("selftest: %d passed, %d failed\n", passed, failed);
	printk("selftest: %s\n", failed ? "FAIL" : "PASS");
	return failed == 0;
}

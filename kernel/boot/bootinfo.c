/* Small helpers for building a boot_info; the parsers call these. */
#include <bootinfo.h>

static int add_range(struct mem_range *tab, unsigned *n, uint64_t base, uint64_t size)
{
	if (size == 0)
		return 0;
	if (*n >= BOOT_MAX_RANGES)
		return -1;
	tab[*n].base = base;
	tab[*n].size = size;
	(*n)++;
	return 0;
}

int bootinfo_add_mem(struct boot_info *bi, uint64_t base, uint64_t size)
{
	return add_range(bi->mem, &bi->n_mem, base, size);
}

int bootinfo_add_reserved(struct boot_info *bi, uint64_t base, uint64_t size)
{
	return add_range(bi->reserved, &bi->n_reserved, base, size);
}

uint64_t bootinfo_mem_total(const struct boot_info *bi)
{
	uint64_t total = 0;
	for (unsigned i = 0; i < bi->n_mem; i++)
		total += bi->mem[i].size;
	return total;
}

int bootinfo_add_usable(struct boot_info *bi, uint64_t base, uint64_t size, uint64_t lowest)
{
	const uint64_t page = 4096;
	if (base > UINT64_MAX - (page - 1) || size > UINT64_MAX - base)
		return 0;
	uint64_t start = (base + page - 1) & ~(page - 1);
	uint64_t end = (base + size) & ~(page - 1);
	if (start < lowest)
		start = lowest;
	if (start >= end)
		return 0;
	for (unsigned i = 0; i < bi->n_mem;) {
		uint64_t s = bi->mem[i].base, e = s + bi->mem[i].size;
		if (s <= end && start <= e) {   /* overlaps or touches: absorb it */
			start = start < s ? start : s;
			end = end > e ? end : e;
			bi->mem[i] = bi->mem[--bi->n_mem];
			i = 0;
		} else {
			i++;
		}
	}
	return bootinfo_add_mem(bi, start, end - start);
}

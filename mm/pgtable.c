/* A portable 4-level page-table walker.  The arch supplies the entry
 * encoding (arch_pte_*); this file only knows that each level has 512
 * entries and indexes 9 bits of the virtual address. */
#include <mm.h>
#include <kernel.h>
#include <string.h>
#include <pmm.h>
#include <cpu.h>

static unsigned pt_index(uintptr_t va, unsigned level)
{
	return (va >> (PAGE_SHIFT + 9 * level)) & (PT_ENTRIES - 1);
}

static uint64_t level_size(unsigned level)
{
	return PAGE_SIZE << (9 * level);
}

static pte_t *table_at(uint64_t pa)
{
	return (pte_t *)phys_to_virt(pa);
}

/* The table one level below entry *e (at 'level'), allocating it if absent.
 * NULL if the entry is a block or allocation fails. */
static pte_t *next_table(pte_t *e, unsigned level, pt_alloc_fn alloc)
{
	if (arch_pte_valid(*e)) {
		if (!arch_pte_is_table(*e, level))
			return NULL;
		return table_at(arch_pte_pa(*e, level));
	}
	if (!alloc)
		return NULL;
	uint64_t pa = alloc();
	if (!pa)
		return NULL;
	memset(table_at(pa), 0, PAGE_SIZE);
	*e = arch_pte_table(pa);
	return table_at(pa);
}

/* Map one leaf at 'level' for va -> pa.  Fails if something is mapped there. */
static int map_one(uint64_t root_pa, uintptr_t va, uint64_t pa, unsigned level,
		   unsigned flags, pt_alloc_fn alloc)
{
	pte_t *t = table_at(root_pa);
	for (unsigned l = PT_LEVELS - 1; l > level; l--) {
		t = next_table(&t[pt_index(va, l)], l, alloc);
		if (!t)
			return -1;
	}
	pte_t *e = &t[pt_index(va, level)];
	if (arch_pte_valid(*e))
		return -1;
	*e = arch_pte_leaf(pa, flags, level);
	return 0;
}

/* Largest leaf level usable for va/pa with 'left' bytes to go. */
static unsigned best_level(uintptr_t va, uint64_t pa, uint64_t left)
{
	for (unsigned l = 2; l > 0; l--) {
		uint64_t sz = level_size(l);
		if (arch_pt_block_ok(l) && IS_ALIGNED(va, sz) && IS_ALIGNED(pa, sz) && left >= sz)
			return l;
	}
	return 0;
}

int pt_map(uint64_t root_pa, uintptr_t va, uint64_t pa, size_t size, unsigned vm_flags,
	   pt_alloc_fn alloc)
{
	if (!IS_ALIGNED(va, PAGE_SIZE) || !IS_ALIGNED(pa, PAGE_SIZE) || !IS_ALIGNED(size, PAGE_SIZE))
		return -1;
	uint64_t done = 0;
	while (done < size) {
		unsigned level = best_level(va + done, pa + done, size - done);
		if (map_one(root_pa, va + done, pa + done, level, vm_flags, alloc) < 0)
			return -1;
		done += level_size(level);
	}
	arch_pt_sync();
	return 0;
}

/* Create the table under every root entry that covers [va, va+size), so the
 * root's entries for that range never change later (x86-64 copies the
 * kernel half's root entries into every process's root). */
int pt_prealloc_root(uint64_t root_pa, uintptr_t va, size_t size, pt_alloc_fn alloc)
{
	pte_t *root = table_at(root_pa);
	unsigned first = pt_index(va, PT_LEVELS - 1);
	unsigned last = pt_index(va + size - 1, PT_LEVELS - 1);
	for (unsigned i = first; i <= last; i++)
		if (!next_table(&root[i], PT_LEVELS - 1, alloc))
			return -1;
	arch_pt_sync();
	return 0;
}

/* Find the entry mapping va; *level_out gets its level.  NULL if unmapped. */
static pte_t *find_leaf(uint64_t root_pa, uintptr_t va, unsigned *level_out)
{
	pte_t *t = table_at(root_pa);
	for (unsigned l = PT_LEVELS - 1;; l--) {
		pte_t *e = &t[pt_index(va, l)];
		if (!arch_pte_valid(*e))
			return NULL;
		if (l == 0 || !arch_pte_is_table(*e, l)) {
			*level_out = l;
			return e;
		}
		t = table_at(arch_pte_pa(*e, l));
	}
}

size_t pt_unmap(uint64_t root_pa, uintptr_t va, size_t size)
{
	size_t pages = 0;
	for (uintptr_t a = va; a < va + size; a += PAGE_SIZE) {
		unsigned level;
		pte_t *e = find_leaf(root_pa, a, &level);
		if (!e || level != 0)   /* blocks are never unmapped piecewise */
			continue;
		*e = 0;
		arch_tlb_flush_page(a);
		pages++;
	}
	return pages;
}

int pt_lookup(uint64_t root_pa, uintptr_t va, uint64_t *pa, unsigned *vm_flags)
{
	unsigned level;
	pte_t *e = find_leaf(root_pa, va, &level);
	if (!e)
		return -1;
	uint64_t mask = level_size(level) - 1;
	if (pa)
		*pa = arch_pte_pa(*e, level) + (va & mask);
	if (vm_flags)
		*vm_flags = arch_pte_flags(*e, level);
	return 0;
}

/* The level-0 entry for va, creating tables on the way if alloc is given.
 * NULL if a table is missing (and not created) or a block covers va. */
pte_t *pt_leaf(uint64_t root_pa, uintptr_t va, pt_alloc_fn alloc)
{
	pte_t *t = table_at(root_pa);
	for (unsigned l = PT_LEVELS - 1; l > 0; l--) {
		t = next_table(&t[pt_index(va, l)], l, alloc);
		if (!t)
			return NULL;
	}
	return &t[pt_index(va, 0)];
}

/* Visit every valid 4 KiB leaf in [start, end) (user mappings are never
 * blocks).  Stops early if fn returns non-zero, and returns that value.
 * With a budget, every PT_PREEMPT_LEAVES leaves is a preemption point
 * (cond_resched): the tables themselves stay (they go only with the whole
 * space), so the walk carries on where it was. */
#define PT_PREEMPT_LEAVES 256

static int walk(pte_t *t, unsigned level, uintptr_t base, uintptr_t start, uintptr_t end,
		int (*fn)(pte_t *e, uintptr_t va, void *arg), void *arg, unsigned *budget)
{
	uint64_t span = level_size(level);
	/* Only the entries that overlap [start, end): a walk of one page looks
	 * at one entry per level, not at all 512. */
	if (end <= base)
		return 0;
	unsigned first = start <= base ? 0 : (unsigned)((start - base) / span);
	uint64_t last = (end - 1 - base) / span;
	if (last >= PT_ENTRIES)
		last = PT_ENTRIES - 1;
	for (unsigned i = first; i <= last; i++) {
		uintptr_t va = base + i * span;
		if (!arch_pte_valid(t[i]))
			continue;
		int r;
		if (level == 0) {
			r = fn(&t[i], va, arg);
			if (budget && ++*budget >= PT_PREEMPT_LEAVES) {
				*budget = 0;
				cond_resched();
			}
		} else if (arch_pte_is_table(t[i], level)) {
			r = walk(table_at(arch_pte_pa(t[i], level)), level - 1, va, start, end, fn, arg,
				 budget);
		} else {
			continue;
		}
		if (r)
			return r;
	}
	return 0;
}

int pt_for_each_leaf(uint64_t root_pa, uintptr_t start, uintptr_t end,
		     int (*fn)(pte_t *e, uintptr_t va, void *arg), void *arg)
{
	return walk(table_at(root_pa), PT_LEVELS - 1, 0, start, end, fn, arg, NULL);
}

int pt_for_each_leaf_preempt(uint64_t root_pa, uintptr_t start, uintptr_t end,
			     int (*fn)(pte_t *e, uintptr_t va, void *arg), void *arg)
{
	unsigned budget = 0;
	return walk(table_at(root_pa), PT_LEVELS - 1, 0, start, end, fn, arg, &budget);
}

static void free_tables(pte_t *t, unsigned level)
{
	for (unsigned i = 0; i < PT_ENTRIES; i++) {
		if (!arch_pte_valid(t[i]) || !arch_pte_is_table(t[i], level))
			continue;
		uint64_t pa = arch_pte_pa(t[i], level);
		if (level > 1)
			free_tables(table_at(pa), level - 1);
		pmm_free_page(pa);
		t[i] = 0;
	}
}

void pt_free_user_tables(uint64_t root_pa)
{
	pte_t *root = table_at(root_pa);
	unsigned n = arch_pt_user_root_entries();
	for (unsigned i = 0; i < n; i++) {
		if (!arch_pte_valid(root[i]) || !arch_pte_is_table(root[i], PT_LEVELS - 1))
			continue;
		uint64_t pa = arch_pte_pa(root[i], PT_LEVELS - 1);
		free_tables(table_at(pa), PT_LEVELS - 2);
		pmm_free_page(pa);
		root[i] = 0;
	}
}

/* The first leaf under t (a page or a block) that is both writable and
 * executable, or 0. */
static uintptr_t find_wx(pte_t *t, unsigned level, uintptr_t base)
{
	for (unsigned i = 0; i < PT_ENTRIES; i++) {
		if (!arch_pte_valid(t[i]))
			continue;
		uintptr_t va = base + i * level_size(level);
		if (level == PT_LEVELS - 1 && (va & (1UL << 47)))
			va |= ~((1UL << 48) - 1);   /* the upper half, sign-extended */
		if (level > 0 && arch_pte_is_table(t[i], level)) {
			uintptr_t r = find_wx(table_at(arch_pte_pa(t[i], level)), level - 1, va);
			if (r)
				return r;
			continue;
		}
		unsigned f = arch_pte_flags(t[i], level);
		if ((f & VM_WRITE) && (f & VM_EXEC))
			return va ? va : 1;
	}
	return 0;
}

uintptr_t pt_find_wx(uint64_t root_pa)
{
	return find_wx(table_at(root_pa), PT_LEVELS - 1, 0);
}

/* x86-64 page-table entry bits, and the decoders the portable walker
 * (mm/pgtable.c) calls for every entry it looks at: inline, because a fork
 * or an exit of a large process decodes every entry of its tables. */
#ifndef ARCH_PTE_H
#define ARCH_PTE_H
#include <stdint.h>
#include <stdbool.h>

#define PTE_P    (1ULL << 0)
#define PTE_RW   (1ULL << 1)
#define PTE_US   (1ULL << 2)
#define PTE_PWT  (1ULL << 3)
#define PTE_PCD  (1ULL << 4)
#define PTE_PS   (1ULL << 7)    /* leaf at level 1 or 2 */
#define PTE_NX   (1ULL << 63)
#define PTE_ADDR 0x000ffffffffff000ULL

static inline bool arch_pte_valid(uint64_t e)
{
	return e & PTE_P;
}

/* true if e (found at 'level' > 0) points to a next-level table rather than
 * being a block */
static inline bool arch_pte_is_table(uint64_t e, unsigned level)
{
	return level > 0 && !(e & PTE_PS);
}

static inline uint64_t arch_pte_pa(uint64_t e, unsigned level)
{
	/* In a 2 MiB / 1 GiB leaf, bit 12 is PAT and the low address bits
	 * are reserved: mask to the page size. */
	if (level > 0 && (e & PTE_PS))
		return e & PTE_ADDR & ~((4096ULL << (9 * level)) - 1);
	return e & PTE_ADDR;
}
#endif

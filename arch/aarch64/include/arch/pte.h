/* VMSAv8-64 descriptor bits (4 KiB granule), and the decoders the portable
 * walker (mm/pgtable.c) calls for every entry it looks at: inline, because a
 * fork or an exit of a large process decodes every entry of its tables.
 * Levels are numbered the arch.h way: 0 = 4 KiB pages (Arm's level 3). */
#ifndef ARCH_PTE_H
#define ARCH_PTE_H
#include <const.h>   /* UL(): these bits are used from head.S too */

#define PTE_VALID      UL(0x1)
#define PTE_TYPE_MASK  3
#define PTE_TABLE      3         /* levels 0-2 (Arm numbering): next table */
#define PTE_PAGE       3         /* level 3: 4 KiB page */
#define PTE_BLOCK      1         /* levels 1-2: 1 GiB / 2 MiB block */
#define PTE_ATTRIDX(i) ((i) << 2)
#define PTE_ATTRIDX_MASK (7 << 2)
#define PTE_AP_USER    UL(0x40)    /* AP[1]: EL0 may access */
#define PTE_AP_RO      UL(0x80)    /* AP[2]: read-only */
#define PTE_SH_INNER   (3 << 8)
#define PTE_AF         UL(0x400)   /* access flag: set, no AF faults */
#define PTE_NG         UL(0x800)   /* not global: tagged with the ASID */
#define PTE_PXN        (UL(1) << 53)
#define PTE_UXN        (UL(1) << 54)
#define PTE_ADDR_MASK  UL(0x0000fffffffff000)

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <stdbool.h>

static inline bool arch_pte_valid(uint64_t e)
{
	return e & PTE_VALID;
}

/* true if e (found at 'level' > 0) points to a next-level table rather than
 * being a block */
static inline bool arch_pte_is_table(uint64_t e, unsigned level)
{
	return level > 0 && (e & PTE_TYPE_MASK) == PTE_TABLE;
}

static inline uint64_t arch_pte_pa(uint64_t e, unsigned level)
{
	if (arch_pte_is_table(e, level))
		return e & PTE_ADDR_MASK;
	return e & PTE_ADDR_MASK & ~((4096ULL << (9 * level)) - 1);
}
#endif
#endif

/* Host tests' stand-in for <arch/pte.h>: an entry is valid if bit 0 is set,
 * never a block, the address in bits 12-51. */
#ifndef ARCH_PTE_H
#define ARCH_PTE_H
#include <stdint.h>
#include <stdbool.h>
static inline bool arch_pte_valid(uint64_t e) { return e & 1; }
static inline bool arch_pte_is_table(uint64_t e, unsigned level) { (void)e; return level > 0; }
static inline uint64_t arch_pte_pa(uint64_t e, unsigned level) { (void)level; return e & 0x000ffffffffff000ULL; }
#endif

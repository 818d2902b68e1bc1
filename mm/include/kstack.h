/* Kernel stacks with guard pages (mm/kstack.c). */
#ifndef RINGEL_KSTACK_H
#define RINGEL_KSTACK_H
#include <stdint.h>
#include <stddef.h>
void kstack_init(void);   /* page tables for every slot, at boot */
/* Map a stack in the lowest free slot (its number in *slot if not NULL);
 * returns its lowest address, 0 if out of memory or slots. */
uintptr_t kstack_alloc(unsigned *slot);
/* Unmap and free the stack at base (0: nothing) and its slot. */
void kstack_free(uintptr_t base);
#endif

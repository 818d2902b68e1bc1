/* Kernel stacks with guard pages (mm/kstack.c). */
#ifndef RINGEL_KSTACK_H
#define RINGEL_KSTACK_H
#include <stdint.h>
#include <stddef.h>
void kstack_init(void);   /* page tables for every slot, at boot */
/* Map the stack of process slot 'slot'; returns its lowest address, 0 if
 * out of memory. */
uintptr_t kstack_alloc(unsigned slot);
/* Unmap and free the first 'mapped' bytes of a stack at base. */
void kstack_free(uintptr_t base, size_t mapped);
#endif

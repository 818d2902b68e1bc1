/* The kernel's own memory budget (mm/kmem.c): the pages the kernel takes
 * for itself on behalf of processes (heap, kernel stacks, user page tables)
 * are counted against a fixed share of RAM, so that no process can make
 * the kernel empty the page allocator: past the budget the allocation
 * fails (kmalloc NULL, fork EAGAIN, a fault ENOMEM), it never panics. */
#ifndef RINGEL_KMEM_H
#define RINGEL_KMEM_H
#include <stddef.h>
#include <stdbool.h>

size_t kmem_reserve(void);     /* pages the commit limit leaves to the kernel */
size_t kmem_budget(void);      /* pages heap + stacks + page tables may hold */
size_t kmem_pt_budget(void);   /* pages all user page tables may hold */
size_t kmem_pt_limit(void);    /* page-table pages one address space may hold */
size_t kmem_charged(void);     /* pages held against the budget now */
/* Count pages against the budget: false (nothing counted) if they would
 * pass it.  kmem_uncharge gives them back. */
bool kmem_charge(size_t pages);
void kmem_uncharge(size_t pages);
/* The same for user page tables, also against kmem_pt_budget(). */
bool kmem_charge_pt(size_t pages);
void kmem_uncharge_pt(size_t pages);
size_t kmem_pt_charged(void);
#endif

/* x86-64 virtual address space (4-level paging, 48-bit canonical addresses).
 * docs/memory-layout.md is checked against these numbers by a test. */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H

#define PAGE_SHIFT        12
#define PAGE_SIZE         0x1000UL

/* Lower half: user space, one per process (CR3, U/S = 1). */
#define USER_BASE         0x0000000000001000UL   /* page 0 never mapped */
#define USER_TOP          0x0000800000000000UL   /* first non-canonical address */

/* Upper half: the kernel, shared by every address space (U/S = 0). */
#define KERNEL_HALF_BASE  0xffff800000000000UL
#define DIRECT_MAP_BASE   0xffff800000000000UL   /* all RAM: phys p at DIRECT_MAP_BASE + p */
#define DIRECT_MAP_SIZE   0x0000400000000000UL   /* 64 TiB */
#define VMALLOC_BASE      0xffffc00000000000UL   /* kernel stacks, vmalloc */
#define VMALLOC_SIZE      0x0000100000000000UL   /* 16 TiB */
#define IOREMAP_BASE      0xffffd00000000000UL   /* device registers */
#define IOREMAP_SIZE      0x0000010000000000UL   /* 1 TiB */
#define KERNEL_IMAGE_BASE 0xffffffff80000000UL   /* top 2 GiB: the kernel image */
#define KERNEL_IMAGE_SIZE 0x0000000080000000UL

#endif

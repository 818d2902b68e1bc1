/* AArch64 virtual address space (4 KiB granule, 48-bit VAs: TCR_EL1.T0SZ =
 * T1SZ = 16).  TTBR0_EL1 translates the lower half, TTBR1_EL1 the upper.
 * docs/memory-layout.md is checked against these numbers by a test. */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H

#define PAGE_SHIFT        12
#define PAGE_SIZE         0x1000UL

/* Lower half (TTBR0_EL1): user space, one per process. */
#define USER_BASE         0x0000000000001000UL   /* page 0 never mapped */
#define USER_TOP          0x0001000000000000UL   /* 2^48 */

/* Upper half (TTBR1_EL1): the kernel.  0xffff000000000000-0xffff7fffffffffff
 * is translated by TTBR1 but left unused, so both arches share one layout. */
#define KERNEL_HALF_BASE  0xffff000000000000UL
#define DIRECT_MAP_BASE   0xffff800000000000UL   /* all RAM: phys p at DIRECT_MAP_BASE + p */
#define DIRECT_MAP_SIZE   0x0000400000000000UL   /* 64 TiB */
#define VMALLOC_BASE      0xffffc00000000000UL   /* kernel stacks, vmalloc */
#define VMALLOC_SIZE      0x0000100000000000UL   /* 16 TiB */
#define IOREMAP_BASE      0xffffd00000000000UL   /* device registers */
#define IOREMAP_SIZE      0x0000010000000000UL   /* 1 TiB */
#define KERNEL_IMAGE_BASE 0xffffffff80000000UL   /* top 2 GiB: the kernel image */
#define KERNEL_IMAGE_SIZE 0x0000000080000000UL

#endif

/* AArch64 virtual address space (4 KiB granule, 48-bit VAs: TCR_EL1.T0SZ =
 * T1SZ = 16).  TTBR0_EL1 translates the lower half, TTBR1_EL1 the upper.
 * docs/memory-layout.md is checked against these numbers by a test. */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H
#include <const.h>   /* UL(): the same numbers in C, assembly and kernel.ld.S */

#define PAGE_SHIFT        12
#define PAGE_SIZE         UL(0x1000)

/* Lower half (TTBR0_EL1): user space, one per process. */
#define USER_BASE         UL(0x0000000000001000)   /* page 0 never mapped */
#define USER_TOP          UL(0x0001000000000000)   /* 2^48 */

/* Upper half (TTBR1_EL1): the kernel.  0xffff000000000000-0xffff7fffffffffff
 * is translated by TTBR1 but left unused, so both arches share one layout. */
#define KERNEL_HALF_BASE  UL(0xffff000000000000)
#define DIRECT_MAP_BASE   UL(0xffff800000000000)   /* all RAM: phys p at DIRECT_MAP_BASE + p */
#define DIRECT_MAP_SIZE   UL(0x0000400000000000)   /* 64 TiB */
#define VMALLOC_BASE      UL(0xffffc00000000000)   /* kernel stacks, vmalloc */
#define VMALLOC_SIZE      UL(0x0000100000000000)   /* 16 TiB */
#define IOREMAP_BASE      UL(0xffffd00000000000)   /* device registers */
#define IOREMAP_SIZE      UL(0x0000010000000000)   /* 1 TiB */
#define KERNEL_IMAGE_BASE UL(0xffffffff80000000)   /* top 2 GiB: the kernel image */
#define KERNEL_IMAGE_SIZE UL(0x0000000080000000)

/* The Image header's text_offset: loaders put the Image at a 2 MiB-aligned
 * base + this, and the image is linked at KERNEL_IMAGE_BASE + this. */
#define KERNEL_TEXT_OFFSET 0x80000

#endif

/* x86-64 virtual address space (4-level paging, 48-bit canonical addresses).
 * docs/memory-layout.md is checked against these numbers by a test. */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H
#include <const.h>   /* UL(): the same numbers in C, assembly and kernel.ld.S */

#define PAGE_SHIFT        12
#define PAGE_SIZE         UL(0x1000)

/* Lower half: user space, one per process (CR3, U/S = 1). */
#define USER_BASE         UL(0x0000000000001000)   /* page 0 never mapped */
#define USER_TOP          UL(0x0000800000000000)   /* first non-canonical address */

/* Upper half: the kernel, shared by every address space (U/S = 0). */
#define KERNEL_HALF_BASE  UL(0xffff800000000000)
#define DIRECT_MAP_BASE   UL(0xffff800000000000)   /* all RAM: phys p at DIRECT_MAP_BASE + p */
#define DIRECT_MAP_SIZE   UL(0x0000400000000000)   /* 64 TiB */
#define VMALLOC_BASE      UL(0xffffc00000000000)   /* kernel stacks, vmalloc */
#define VMALLOC_SIZE      UL(0x0000100000000000)   /* 16 TiB */
#define IOREMAP_BASE      UL(0xffffd00000000000)   /* device registers */
#define IOREMAP_SIZE      UL(0x0000010000000000)   /* 1 TiB */
#define KERNEL_IMAGE_BASE UL(0xffffffff80000000)   /* top 2 GiB: the kernel image */
#define KERNEL_IMAGE_SIZE UL(0x0000000080000000)

/* The image is linked at KERNEL_IMAGE_BASE + KERNEL_LOAD_PHYS and GRUB
 * loads it at physical KERNEL_LOAD_PHYS (1 MiB, above the BIOS areas). */
#define KERNEL_LOAD_PHYS  0x100000

#endif

/* Host unit tests: a pretend layout.  "Physical" memory is a host buffer, so
 * the direct map base is a variable the test sets to that buffer's address
 * minus the pretend physical base. */
#ifndef ARCH_LAYOUT_H
#define ARCH_LAYOUT_H
#include <stdint.h>
extern uintptr_t host_direct_map_base;
#define PAGE_SHIFT        12
#define PAGE_SIZE         0x1000UL
#define USER_BASE         0x0000000000001000UL
#define USER_TOP          0x0000800000000000UL
#define KERNEL_HALF_BASE  0xffff800000000000UL
#define DIRECT_MAP_BASE   host_direct_map_base
#define DIRECT_MAP_SIZE   0x0000400000000000UL
#define VMALLOC_BASE      0xffffc00000000000UL
#define VMALLOC_SIZE      0x0000100000000000UL
#define IOREMAP_BASE      0xffffd00000000000UL
#define IOREMAP_SIZE      0x0000010000000000UL
#define KERNEL_IMAGE_BASE 0xffffffff80000000UL
#define KERNEL_IMAGE_SIZE 0x0000000080000000UL
#endif

/* What the boot loader told us, in one arch-neutral record.
 *
 * The arch backend fills this in from its boot protocol (Multiboot2 on x86-64,
 * the device tree on AArch64) before calling kmain().  All addresses are
 * physical.  Strings point into the boot loader's data, reachable through the
 * early direct map; kmain copies what it keeps.
 */
#ifndef RINGEL_BOOTINFO_H
#define RINGEL_BOOTINFO_H

#include <stdint.h>
#include <stddef.h>

#define BOOT_MAX_RANGES 64
#define BOOT_CMDLINE_MAX 256

struct mem_range {
	uint64_t base;
	uint64_t size;
};

struct boot_framebuffer {
	uint64_t addr;          /* physical address, 0 = none */
	uint32_t pitch, width, height;
	uint8_t bpp, type;      /* type as in Multiboot2: 0 indexed, 1 RGB, 2 EGA text */
	/* RGB: bit position and width of red, green, blue in a pixel (all 0
	 * when the loader did not say: then 8 bits each at 16, 8, 0) */
	uint8_t rgb[6];
};

struct boot_info {
	/* Usable RAM (may overlap the reserved list; reserved wins). */
	struct mem_range mem[BOOT_MAX_RANGES];
	unsigned n_mem;
	/* Ranges inside RAM that must never be handed out: firmware tables,
	 * /reserved-memory, /memreserve/, boot modules, the boot record itself. */
	struct mem_range reserved[BOOT_MAX_RANGES];
	unsigned n_reserved;

	char cmdline[BOOT_CMDLINE_MAX];  /* NUL-terminated, possibly empty */
	char loader[64];                 /* boot loader name, possibly empty */

	uint64_t initrd_base, initrd_size;   /* size 0 = no initrd */
	uint64_t dtb_base, dtb_size;         /* size 0 = no device tree */
	uint64_t acpi_rsdp;                  /* physical address of RSDP copy, 0 = none */
	int efi_booted;                      /* 1 if the loader came through UEFI */
	int mmap_from_efi;                   /* 1 if mem[] came from the EFI memory map */
	struct boot_framebuffer fb;
};

/* Helpers shared by the parsers (kernel/boot/bootinfo.c).  Both return 0, or -1
 * when the table is full (the caller reports it; the range is dropped). */
int bootinfo_add_mem(struct boot_info *bi, uint64_t base, uint64_t size);
int bootinfo_add_reserved(struct boot_info *bi, uint64_t base, uint64_t size);
/* Add usable RAM [base, base+size): trimmed inward to whole 4 KiB pages,
 * nothing below 'lowest', and merged with every entry it overlaps or
 * touches, so mem[] stays disjoint and short (OVMF's map is long).
 * 0, or -1 when the table is full. */
int bootinfo_add_usable(struct boot_info *bi, uint64_t base, uint64_t size, uint64_t lowest);
/* Total bytes of usable RAM listed in mem[] (overlaps counted once is not
 * attempted: parsers never produce overlapping mem[] entries). */
uint64_t bootinfo_mem_total(const struct boot_info *bi);

#endif

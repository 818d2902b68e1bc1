/* Multiboot2 boot information parser (the record GRUB hands an x86-64 kernel).
 * Pure parsing, no hardware: host-tested.  Every tag is bounds-checked against
 * the record's total_size and the buffer it was found in. */
#ifndef RINGEL_MULTIBOOT2_H
#define RINGEL_MULTIBOOT2_H

#include <stdint.h>
#include <stddef.h>

#define MB2_BOOTLOADER_MAGIC 0x36d76289u

struct boot_info;

enum mb2_err {
	MB2_OK = 0,
	MB2_ERR_MAGIC = -1,      /* eax was not MB2_BOOTLOADER_MAGIC */
	MB2_ERR_NULL = -2,       /* no boot record */
	MB2_ERR_SIZE = -3,       /* total_size too small, too large or misaligned */
	MB2_ERR_TAG = -4,        /* a tag runs past the end or has a bad size */
	MB2_ERR_NOEND = -5,      /* no end tag */
	MB2_ERR_NOMMAP = -6,     /* neither a memory map nor an EFI memory map */
	MB2_ERR_EMPTYMMAP = -7,  /* memory map present but lists no usable RAM */
	MB2_ERR_NOSPACE = -8,    /* more ranges than boot_info holds (the rest is filled) */
};

const char *mb2_strerror(int err);

/* Parse the boot record at 'info' (which the caller can read for up to
 * max_size bytes; the record's own total_size must fit).  info_pa is the
 * record's physical address: it is added to reserved[], as are the modules.
 * The first module becomes the initrd.  Usable RAM comes from the EFI memory
 * map when present (conventional, loader and boot-services memory), else
 * from the Multiboot2 memory map (type 1 entries).  Fills cmdline, loader,
 * framebuffer, acpi_rsdp (physical address of the RSDP copy inside the
 * record), efi_booted.  Returns MB2_OK or a negative mb2_err. */
/* Details: *bi is cleared first.  mem[] entries are trimmed inward to 4 KiB
 * pages, never include page 0 (reserved[] lists it), and are merged so they
 * never overlap.  With tag 18 (boot services not terminated) only
 * conventional memory counts as usable.  Tags 11, 12, 17, 18, 19, 20 set
 * efi_booted. */
int mb2_parse(uint32_t magic, const void *info, uint64_t info_pa, size_t max_size,
	      struct boot_info *bi);

#endif

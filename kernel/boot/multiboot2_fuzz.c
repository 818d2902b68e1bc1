/* libFuzzer target for the Multiboot2 parser (multiboot2.c): any bytes as
 * the boot record GRUB leaves in memory, handed to mb2_parse() from a heap
 * copy of exactly that size (so ASan sees any read past it).  The seeds are
 * the real GRUB records of kernel/boot/testdata (hex text, turned into bytes
 * by scripts/hex2bin.py).  Run by host.fuzz.multiboot2_fuzz; long runs:
 * scripts/fuzz-parsers. */
#include <bootinfo.h>
#include <multiboot2.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *rec = malloc(size ? size : 1);
	memcpy(rec, data, size);
	struct boot_info *bi = malloc(sizeof *bi);
	mb2_parse(MB2_BOOTLOADER_MAGIC, rec, 0x10000, size, bi);
	free(bi);
	free(rec);
	return 0;
}

/* libFuzzer target for the ELF checker (elf.c): any bytes as the start of an
 * executable, as exec hands it over (at most a page read, the whole file's
 * size beside it), for both machines.  Seeds: the ELF fixtures this
 * directory's CMakeLists.txt builds.  Run by host.fuzz.elf_fuzz; long runs:
 * scripts/fuzz-parsers. */
#include <elf.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len = size < 4096 ? size : 4096;
	uint8_t *buf = malloc(len ? len : 1);
	memcpy(buf, data, len);
	static const uint16_t machines[] = { 62, 183 };
	for (int i = 0; i < 2; i++) {
		struct elf_info ei;
		/* the file may claim to be larger than what was read */
		uint64_t file_size = size + (size && (data[0] & 1) ? (uint64_t)data[size - 1] << 12 : 0);
		elf_parse(buf, len, file_size, machines[i], 0x555555554000ULL, 0x10000ULL,
			  0x00007fffffffe000ULL, &ei);
	}
	free(buf);
	return 0;
}

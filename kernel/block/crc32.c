/* CRC-32 as IEEE 802.3, zlib and the UEFI specification compute it
 * (reflected polynomial 0xEDB88320, initial value and final xor all ones):
 * GPT headers and partition arrays carry it.  Bitwise: the inputs are a few
 * KiB once per disk. */
#include <crc32.h>

uint32_t crc32_update(uint32_t crc, const void *data, size_t n)
{
	const uint8_t *p = data;
	crc = ~crc;
	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int b = 0; b < 8; b++)
			crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

/* CRC-32 (IEEE, as zlib's crc32): kernel/block/crc32.c. */
#ifndef RINGEL_CRC32_H
#define RINGEL_CRC32_H
#include <stdint.h>
#include <stddef.h>

/* Continue crc (0 to start) over n more bytes. */
uint32_t crc32_update(uint32_t crc, const void *data, size_t n);
#endif

/* libFuzzer target for the initramfs reader (cpio.c): any bytes as a newc
 * archive (or several end to end), every entry's name and data touched so
 * ASan sees a range that leaves the buffer.  Seeds: small archives GNU cpio
 * makes at build time.  Run by host.fuzz.cpio_fuzz; long runs:
 * scripts/fuzz-parsers. */
#include <cpio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *buf = malloc(size ? size : 1);
	memcpy(buf, data, size);
	struct cpio_iter it;
	struct cpio_entry e;
	cpio_init(&it, buf, size);
	for (int budget = 100000; budget > 0; budget--) {
		int r = cpio_next(&it, &e);
		if (r == CPIO_ERROR)
			break;
		if (r == CPIO_END) {
			if (!cpio_next_archive(&it))
				break;
			continue;
		}
		sink += strlen(e.name) + e.namelen;
		const uint8_t *d = e.data;
		if (e.size)
			sink += d[0] + d[e.size - 1];
	}
	free(buf);
	return 0;
}

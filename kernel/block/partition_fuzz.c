/* libFuzzer target: the partition-table parser (partition.c) over a disk
 * whose bytes are the input (zeros past its end, the disk a whole number of
 * sectors).  Seeds: small MBR (with logical partitions) and GPT images
 * sfdisk makes at build time. */
#include "partition.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct image {
	const uint8_t *data;
	size_t size;
};

static int read_input(void *ctx, uint64_t first, void *buf, size_t count)
{
	const struct image *im = ctx;
	memset(buf, 0, count * 512);
	if (first < im->size / 512 + 1) {
		size_t off = (size_t)first * 512;
		if (off < im->size)
			memcpy(buf, im->data + off, im->size - off < count * 512 ? im->size - off : count * 512);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct image im = { data, size };
	static struct part_table t;
	char why[PART_WHY_MAX];
	uint64_t nsectors = (size + 511) / 512;
	if (partition_parse(read_input, &im, nsectors, &t, why, sizeof why) == 0) {
		/* what is accepted lies on the disk and is disjoint */
		for (unsigned i = 0; i < t.n; i++) {
			if (t.e[i].first + t.e[i].nsectors > nsectors)
				abort();
			for (unsigned j = 0; j < i; j++)
				if (t.e[i].first < t.e[j].first + t.e[j].nsectors &&
				    t.e[j].first < t.e[i].first + t.e[i].nsectors)
					abort();
		}
	} else if (!why[0]) {
		abort();   /* a refusal always says why */
	}
	return 0;
}

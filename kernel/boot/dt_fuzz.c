/* libFuzzer target for the device-tree parser (dt.c): any bytes as a DTB.
 * A blob dt_init() accepts is walked completely: every node, property,
 * parent, reg entry and path lookup, then dt_fill_boot_info().  Only the
 * sanitizers judge; dt_test.c checks the answers.  Built and run by
 * ringel_fuzz_test() (host.fuzz.dt_fuzz); long runs: scripts/fuzz-parsers. */
#include <bootinfo.h>
#include <dt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t sink;

static void visit(const struct dt *d, int node)
{
	const char *name = dt_node_name(d, node);
	if (name)
		sink += strlen(name);
	for (int p = dt_first_prop(d, node); p >= 0; p = dt_next_prop(d, p)) {
		const char *pn;
		int len;
		const uint8_t *v = dt_prop_at(d, p, &pn, &len);
		if (v && len > 0)
			sink += v[0] + v[len - 1] + strlen(pn);
	}
	uint64_t a, s;
	for (int i = 0; i < 4 && dt_reg(d, node, i, &a, &s) == 0; i++)
		sink += (size_t)(a + s);
	if (dt_reg_translated(d, node, 0, &a, &s) == 0)
		sink += (size_t)a;
	uint32_t u;
	if (dt_prop_u32(d, node, "phandle", &u) == 0)
		sink += u;
	sink += dt_address_cells(d, node) + dt_size_cells(d, node);
	sink += dt_is_compatible(d, node, "arm,pl011") + (size_t)dt_parent(d, node);
	const char *st = dt_prop_str(d, node, "status");
	if (st)
		sink += strlen(st);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* A private copy of exactly 'size' bytes, 8-aligned as a DTB is. */
	uint8_t *blob = malloc(size ? size : 1);
	memcpy(blob, data, size);
	struct dt d;
	if (dt_init(&d, blob, size) == 0) {
		/* Depth-first, with an explicit stack and a budget: a parser bug
		 * that loops shows as a libFuzzer timeout, not a hang here. */
		int stack[64], depth = 0, budget = 20000;
		int root = dt_root(&d);
		if (root >= 0)
			stack[depth++] = root;
		while (depth > 0 && budget-- > 0) {
			int node = stack[--depth];
			visit(&d, node);
			for (int c = dt_first_child(&d, node); c >= 0 && depth < 64 && budget-- > 0;
			     c = dt_next_sibling(&d, c))
				stack[depth++] = c;
		}
		static const char *const paths[] = { "/", "/chosen", "/memory", "serial0",
			"/soc/serial@1000", "/a/b/c", "", "//", "/chosen/", "stdout" };
		for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
			sink += (size_t)dt_resolve(&d, paths[i]);
		sink += (size_t)dt_stdout_node(&d);
		sink += (size_t)dt_find_compatible(&d, -1, "arm,gic-400");
		sink += (size_t)dt_find_device_type(&d, -1, "memory");
		uint64_t a, s;
		for (int i = 0; i < dt_memreserve_count(&d) && i < 64; i++)
			if (dt_memreserve(&d, i, &a, &s) == 0)
				sink += (size_t)a;
		struct boot_info *bi = malloc(sizeof *bi);
		dt_fill_boot_info(&d, 0x48000000, bi);
		free(bi);
	}
	free(blob);
	return 0;
}

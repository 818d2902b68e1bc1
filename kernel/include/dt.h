/* A read-only flattened device tree (FDT, DTB) parser for the portable core.
 *
 * Every function validates what it reads against the blob's bounds: a garbled
 * blob gives an error code, never a wild read.  Names are prefixed dt_ so
 * host tests can link libfdt (fdt_*) beside this as an oracle.
 *
 * Nodes are named by the offset of their FDT_BEGIN_NODE token inside the
 * structure block (like libfdt); a negative value means "none" or an error.
 */
#ifndef RINGEL_DT_H
#define RINGEL_DT_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

struct boot_info;

enum dt_err {
	DT_OK = 0,
	DT_ERR_NOTFOUND = -1,   /* no such node or property */
	DT_ERR_MAGIC = -2,      /* not a DTB */
	DT_ERR_VERSION = -3,    /* version we cannot read */
	DT_ERR_TRUNCATED = -4,  /* totalsize larger than the buffer we were given */
	DT_ERR_BADLAYOUT = -5,  /* blocks out of bounds, overlapping or misaligned */
	DT_ERR_BADSTRUCT = -6,  /* bad token, unterminated name, bad nesting */
	DT_ERR_BADVALUE = -7,   /* property of the wrong length or form */
	DT_ERR_NOSPACE = -8,    /* output buffer too small */
};

struct dt {
	const uint8_t *blob;
	uint32_t totalsize;
	uint32_t off_struct, size_struct;
	uint32_t off_strings, size_strings;
	uint32_t off_rsvmap;
};

const char *dt_strerror(int err);

/* Validate the header (magic, version 16/17, sizes and offsets within
 * min(totalsize, max_size), alignment) and walk the whole structure block once
 * to check tokens and nesting.  Returns DT_OK or a negative dt_err. */
int dt_init(struct dt *d, const void *blob, size_t max_size);
/* (The blocks themselves need not be aligned or disjoint: everything is read
 * with byte loads and checked against its block, and libfdt accepts such
 * blobs too.  A failed dt_init leaves *d empty: every lookup then fails.) */
/* Reads just the header's totalsize (after checking the magic): 0 if not a DTB. */
uint32_t dt_header_size(const void *blob);

int dt_root(const struct dt *d);
int dt_first_child(const struct dt *d, int node);
int dt_next_sibling(const struct dt *d, int node);
int dt_parent(const struct dt *d, int node);
const char *dt_node_name(const struct dt *d, int node);   /* "memory@40000000"; root is "" */

/* "/chosen", "/soc/serial@7e215000"; a component without a unit address
 * matches a node name that has one only if it is unique ("memory" matches
 * "memory@0").  An alias name ("serial0") as the first component is resolved
 * through /aliases. */
int dt_path(const struct dt *d, const char *path);
/* Resolve an alias name via /aliases, or a full path. */
int dt_resolve(const struct dt *d, const char *path_or_alias);

const void *dt_prop(const struct dt *d, int node, const char *name, int *len);
/* String property (checked to be NUL-terminated), or NULL. */
const char *dt_prop_str(const struct dt *d, int node, const char *name);
/* Properties of a node in blob order, named by the offsets of their FDT_PROP
 * tokens (negative when none is left).  Like libfdt, a node's properties are
 * those before its first child. */
int dt_first_prop(const struct dt *d, int node);
int dt_next_prop(const struct dt *d, int prop);
/* Value of the property at offset 'prop'; its name and length through the
 * optional pointers.  NULL if 'prop' is not a property. */
const void *dt_prop_at(const struct dt *d, int prop, const char **name, int *len);
/* One u32 cell property; returns DT_OK or DT_ERR_NOTFOUND/BADVALUE. */
int dt_prop_u32(const struct dt *d, int node, const char *name, uint32_t *out);

/* compatible is a string list: true if any entry equals compat. */
bool dt_is_compatible(const struct dt *d, int node, const char *compat);
/* Next node after 'from' (pre-order; from = -1 starts at the root) whose
 * compatible contains compat, or DT_ERR_NOTFOUND. */
int dt_find_compatible(const struct dt *d, int from, const char *compat);
/* Next node (pre-order) whose device_type property equals type. */
int dt_find_device_type(const struct dt *d, int from, const char *type);

/* #address-cells / #size-cells that apply to the children of 'node'
 * (defaults 2 and 1 when absent, as the spec says). */
uint32_t dt_address_cells(const struct dt *d, int node);
uint32_t dt_size_cells(const struct dt *d, int node);
/* Entry 'index' of node's reg, decoded with the parent's cells (1 or 2 each,
 * size-cells may be 0).  Returns DT_OK, DT_ERR_NOTFOUND past the end, or
 * DT_ERR_BADVALUE. Addresses are NOT translated through ranges. */
int dt_reg(const struct dt *d, int node, int index, uint64_t *addr, uint64_t *size);
/* Same, but the address translated to a CPU physical address through the
 * parents' "ranges" properties (empty ranges = identity). */
int dt_reg_translated(const struct dt *d, int node, int index, uint64_t *addr, uint64_t *size);

/* /chosen stdout-path (or linux,stdout-path): the node it names, options
 * after ':' dropped.  DT_ERR_NOTFOUND if absent or unresolvable. */
int dt_stdout_node(const struct dt *d);

/* Number of /memreserve/ entries and entry i. */
int dt_memreserve_count(const struct dt *d);
int dt_memreserve(const struct dt *d, int i, uint64_t *addr, uint64_t *size);

/* Fill a boot_info from the tree: every /memory node (device_type "memory")
 * into mem[]; /memreserve/ entries, /reserved-memory children with reg, and
 * the DTB itself (dtb_pa, totalsize) into reserved[]; /chosen bootargs into
 * cmdline; linux,initrd-start/-end (32- or 64-bit cells) into initrd_* and
 * reserved[].  Returns DT_OK or a negative dt_err (no memory node: NOTFOUND). */
/* Details: *bi is cleared first.  Memory ranges are trimmed inward to 4 KiB
 * pages and merged so mem[] never overlaps; nodes whose status is not
 * "okay" are skipped.  A range that does not fit in boot_info gives
 * DT_ERR_NOSPACE once the rest is filled in; a reg or /memreserve/ range
 * wrapping past 2^64, a bootargs that is not a string, or a half or
 * malformed initrd pair gives DT_ERR_BADVALUE. */
int dt_fill_boot_info(const struct dt *d, uint64_t dtb_pa, struct boot_info *bi);

#endif

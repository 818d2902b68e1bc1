/* Flattened device tree reader (see dt.h).
 *
 * The blob comes from the boot loader or firmware and is trusted for nothing:
 * every read is checked against the block it belongs to, multi-byte values
 * are assembled from single bytes (the blob may sit at any alignment), and
 * every loop moves strictly forward through a bounded block, so a garbled
 * blob ends in an error code, never a wild read or a hang.
 *
 * Which blobs are accepted follows libfdt's fdt_check_full(), the reference
 * the host tests compare against: a tree with no root node, properties
 * before the root or after a node's children, blocks that are misaligned or
 * overlap are all tolerated, since fdt_check_full() tolerates them and, with
 * byte loads and per-block bounds, they cannot make us read astray.  Tokens
 * are 4-byte aligned within the structure block by construction.  Only
 * versions before 16 (full paths as node names) are refused where libfdt
 * would read them.
 */
#include <dt.h>
#include <bootinfo.h>
#include <string.h>

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE   2u
#define FDT_PROP       3u
#define FDT_NOP        4u
#define FDT_END        9u

/* Header fields, in 32-bit words from the start of the blob. */
enum {
	H_MAGIC, H_TOTALSIZE, H_OFF_STRUCT, H_OFF_STRINGS, H_OFF_RSVMAP,
	H_VERSION, H_LAST_COMP, H_BOOT_CPU, H_SIZE_STRINGS, H_SIZE_STRUCT,
};
#define HDR_V16_SIZE 36u   /* v16 has no size_dt_struct */
#define HDR_V17_SIZE 40u
#define RSV_ENTRY_SIZE 16u
#define PROP_HDR_SIZE 12u  /* token, len, nameoff */

/* One decoded structure-block token. */
struct token {
	uint32_t tag;
	uint32_t next;     /* offset of the token after it */
	uint32_t len;      /* FDT_PROP: value length */
	uint32_t nameoff;  /* FDT_PROP: name's offset in the strings block */
};

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t be64(const uint8_t *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static uint32_t hdr(const uint8_t *blob, int field)
{
	return be32(blob + 4 * field);
}

static uint32_t align4(uint32_t x)
{
	return (x + 3u) & ~3u;
}

static const uint8_t *struct_at(const struct dt *d, uint32_t off)
{
	return d->blob + d->off_struct + off;
}

/* Bytes the rest of the structure block holds from 'off' on (0 past it). */
static uint32_t struct_room(const struct dt *d, uint32_t off)
{
	return off < d->size_struct ? d->size_struct - off : 0;
}

/* Property name at 'nameoff' in the strings block, or NULL when it starts
 * outside the block or is not NUL-terminated inside it. */
static const char *string_at(const struct dt *d, uint32_t nameoff)
{
	const char *s;

	if (nameoff >= d->size_strings)
		return NULL;
	s = (const char *)d->blob + d->off_strings + nameoff;
	if (strnlen(s, d->size_strings - nameoff) == d->size_strings - nameoff)
		return NULL;
	return s;
}

/* Decode the token at structure offset 'off' (a multiple of 4).  A node's
 * name must end inside the block, a property's value must fit in it. */
static int read_token(const struct dt *d, uint32_t off, struct token *t)
{
	uint32_t room = struct_room(d, off);

	if (room < 4)
		return DT_ERR_BADSTRUCT;
	t->tag = be32(struct_at(d, off));
	t->next = off + 4;
	switch (t->tag) {
	case FDT_BEGIN_NODE: {
		size_t n = strnlen((const char *)struct_at(d, off + 4), room - 4);
		if (n == room - 4)
			return DT_ERR_BADSTRUCT;
		t->next = align4(off + 4 + (uint32_t)n + 1);
		return DT_OK;
	}
	case FDT_PROP:
		if (room < PROP_HDR_SIZE)
			return DT_ERR_BADSTRUCT;
		t->len = be32(struct_at(d, off + 4));
		t->nameoff = be32(struct_at(d, off + 8));
		if (t->len > room - PROP_HDR_SIZE)
			return DT_ERR_BADSTRUCT;
		t->next = align4(off + PROP_HDR_SIZE + t->len);
		return DT_OK;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		return DT_OK;
	default:
		return DT_ERR_BADSTRUCT;
	}
}

const char *dt_strerror(int err)
{
	switch (err) {
	case DT_OK: return "ok";
	case DT_ERR_NOTFOUND: return "not found";
	case DT_ERR_MAGIC: return "not a device tree blob";
	case DT_ERR_VERSION: return "unsupported device tree version";
	case DT_ERR_TRUNCATED: return "device tree blob truncated";
	case DT_ERR_BADLAYOUT: return "device tree blocks out of bounds";
	case DT_ERR_BADSTRUCT: return "bad device tree structure";
	case DT_ERR_BADVALUE: return "bad device tree property value";
	case DT_ERR_NOSPACE: return "too many ranges for boot_info";
	default: return "unknown device tree error";
	}
}

uint32_t dt_header_size(const void *blob)
{
	if (!blob || hdr(blob, H_MAGIC) != FDT_MAGIC)
		return 0;
	return hdr(blob, H_TOTALSIZE);
}

/* Versions 16 and 17 (and later ones that say they read as 17).  Older
 * formats store full paths as node names and pad values differently. */
static int check_version(const uint8_t *blob)
{
	uint32_t version = hdr(blob, H_VERSION), last_comp = hdr(blob, H_LAST_COMP);

	if (version < 16 || last_comp > 17 || version < last_comp)
		return DT_ERR_VERSION;
	return DT_OK;
}

/* A block [off, off+size) lies after the header and inside totalsize. */
static bool block_fits(uint32_t hdr_size, uint32_t total, uint32_t off, uint32_t size)
{
	return off >= hdr_size && off <= total && size <= total - off;
}

/* Sizes and offsets from the header, each checked against totalsize.  A v16
 * header has no structure size: the block may run to totalsize, and its
 * FDT_END token marks where it really ends (libfdt reads it the same way,
 * and lets v16 property names run past size_dt_strings up to totalsize). */
static int read_layout(struct dt *d, const uint8_t *blob)
{
	uint32_t version = hdr(blob, H_VERSION);
	uint32_t hdr_size = version >= 17 ? HDR_V17_SIZE : HDR_V16_SIZE;
	uint32_t total = hdr(blob, H_TOTALSIZE);

	if (total < hdr_size || total > INT32_MAX)
		return DT_ERR_BADLAYOUT;
	d->totalsize = total;
	d->off_rsvmap = hdr(blob, H_OFF_RSVMAP);
	d->off_struct = hdr(blob, H_OFF_STRUCT);
	d->off_strings = hdr(blob, H_OFF_STRINGS);
	d->size_strings = hdr(blob, H_SIZE_STRINGS);
	d->size_struct = version >= 17 ? hdr(blob, H_SIZE_STRUCT) : 0;
	if (!block_fits(hdr_size, total, d->off_rsvmap, 0) ||
	    !block_fits(hdr_size, total, d->off_struct, d->size_struct) ||
	    !block_fits(hdr_size, total, d->off_strings, d->size_strings))
		return DT_ERR_BADLAYOUT;
	if (version < 17) {
		d->size_struct = total - d->off_struct;
		d->size_strings = total - d->off_strings;
	}
	return DT_OK;
}

/* Entries of the memory reservation map up to its terminator (size 0, which
 * is all libfdt looks at), or BADLAYOUT when it runs off the blob. */
static int count_memreserve(const struct dt *d)
{
	uint64_t off = d->off_rsvmap;
	int n = 0;

	for (;;) {
		if (off + RSV_ENTRY_SIZE > d->totalsize)
			return DT_ERR_BADLAYOUT;
		if (be64(d->blob + off + 8) == 0)
			return n;
		off += RSV_ENTRY_SIZE;
		n++;
	}
}

/* One pass over the structure block: every token readable, every property
 * name in the strings block, nodes balanced, exactly one root (with an empty
 * name) and nothing but FDT_END after it. */
static int check_structure(const struct dt *d)
{
	uint32_t off = 0, depth = 0;
	bool root_closed = false;
	struct token t;

	for (;; off = t.next) {
		int err = read_token(d, off, &t);
		if (err)
			return err;
		if (root_closed && t.tag != FDT_END)
			return DT_ERR_BADSTRUCT;
		switch (t.tag) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && *struct_at(d, off + 4) != '\0')
				return DT_ERR_BADSTRUCT;
			depth++;
			break;
		case FDT_END_NODE:
			if (depth == 0)
				return DT_ERR_BADSTRUCT;
			root_closed = --depth == 0;
			break;
		case FDT_PROP:
			if (!string_at(d, t.nameoff))
				return DT_ERR_BADSTRUCT;
			break;
		case FDT_END:
			return depth == 0 ? DT_OK : DT_ERR_BADSTRUCT;
		}
	}
}

int dt_init(struct dt *d, const void *blob, size_t max_size)
{
	const uint8_t *b = blob;
	int err;

	/* A failed init leaves an empty tree that every lookup refuses. */
	memset(d, 0, sizeof(*d));
	if (!b)
		return DT_ERR_MAGIC;
	if (max_size < 4)
		return DT_ERR_TRUNCATED;
	if (hdr(b, H_MAGIC) != FDT_MAGIC)
		return DT_ERR_MAGIC;
	if (max_size < HDR_V17_SIZE)
		return DT_ERR_TRUNCATED;
	err = check_version(b);
	if (err)
		return err;
	if (hdr(b, H_TOTALSIZE) > max_size)
		return DT_ERR_TRUNCATED;
	d->blob = b;
	err = read_layout(d, b);
	if (!err)
		err = count_memreserve(d) < 0 ? DT_ERR_BADLAYOUT : DT_OK;
	if (!err)
		err = check_structure(d);
	if (err)
		memset(d, 0, sizeof(*d));
	return err;
}

/* ------------------------------------------------------------------ nodes */

/* Offset of the first token inside 'node' (past its name), or an error when
 * 'node' does not name a FDT_BEGIN_NODE token. */
static int node_body(const struct dt *d, int node)
{
	struct token t;

	if (node < 0)
		return DT_ERR_NOTFOUND;
	if ((node & 3) || read_token(d, (uint32_t)node, &t) || t.tag != FDT_BEGIN_NODE)
		return DT_ERR_BADSTRUCT;
	return (int)t.next;
}

int dt_root(const struct dt *d)
{
	struct token t;

	for (uint32_t off = 0;; off = t.next) {
		if (read_token(d, off, &t))
			return DT_ERR_BADSTRUCT;
		if (t.tag == FDT_BEGIN_NODE)
			return (int)off;
		if (t.tag != FDT_NOP && t.tag != FDT_PROP)
			return DT_ERR_NOTFOUND;  /* a tree without a root node */
	}
}

/* From 'off', skip properties and NOPs: the node that starts there, or
 * NOTFOUND when the enclosing node ends first. */
static int node_from(const struct dt *d, uint32_t off)
{
	struct token t;

	for (;; off = t.next) {
		if (read_token(d, off, &t))
			return DT_ERR_BADSTRUCT;
		if (t.tag == FDT_BEGIN_NODE)
			return (int)off;
		if (t.tag == FDT_END_NODE || t.tag == FDT_END)
			return DT_ERR_NOTFOUND;
	}
}

/* Offset just past the FDT_END_NODE that closes 'node'. */
static int subtree_end(const struct dt *d, int node)
{
	uint32_t depth = 0;
	struct token t;

	for (uint32_t off = (uint32_t)node;; off = t.next) {
		if (read_token(d, off, &t) || t.tag == FDT_END)
			return DT_ERR_BADSTRUCT;
		if (t.tag == FDT_BEGIN_NODE)
			depth++;
		else if (t.tag == FDT_END_NODE && --depth == 0)
			return (int)t.next;
	}
}

int dt_first_child(const struct dt *d, int node)
{
	int body = node_body(d, node);

	return body < 0 ? body : node_from(d, (uint32_t)body);
}

int dt_next_sibling(const struct dt *d, int node)
{
	int end = node_body(d, node);

	if (end >= 0)
		end = subtree_end(d, node);
	return end < 0 ? end : node_from(d, (uint32_t)end);
}

/* Scan from the root up to 'node', counting open nodes.  Returns the depth
 * at 'node' (the root's is 0) and, in *last, the last node opened at depth
 * 'level' on the way; NOTFOUND if the scan passes 'node' without meeting it
 * (an offset inside a property value, say). */
static int scan_to(const struct dt *d, int root, int node, int level, int *last)
{
	int depth = 0;
	struct token t;

	for (uint32_t off = (uint32_t)root; off <= (uint32_t)node; off = t.next) {
		if (read_token(d, off, &t))
			return DT_ERR_BADSTRUCT;
		if (off == (uint32_t)node)
			return depth;
		if (t.tag == FDT_BEGIN_NODE && depth++ == level)
			*last = (int)off;
		else if (t.tag == FDT_END_NODE)
			depth--;
	}
	return DT_ERR_NOTFOUND;
}

/* No parent links in a DTB: one pass to learn the node's depth, a second
 * for the last node opened one level up before it.  No stack, so no limit
 * on depth, and each pass only moves forward. */
int dt_parent(const struct dt *d, int node)
{
	int root = dt_root(d), body = node_body(d, node), depth, parent = DT_ERR_NOTFOUND;

	if (body < 0)
		return body;
	if (root < 0 || node <= root)
		return DT_ERR_NOTFOUND;
	depth = scan_to(d, root, node, -1, &parent);
	if (depth <= 0)
		return depth < 0 ? depth : DT_ERR_NOTFOUND;
	depth = scan_to(d, root, node, depth - 1, &parent);
	return depth < 0 ? depth : parent;
}

const char *dt_node_name(const struct dt *d, int node)
{
	if (node_body(d, node) < 0)
		return NULL;
	return (const char *)struct_at(d, (uint32_t)node + 4);
}

/* ------------------------------------------------------------- properties */

/* From 'off', skip NOPs: the property there, or NOTFOUND once a node token
 * comes (libfdt shows no property listed after a node's first child). */
static int prop_from(const struct dt *d, uint32_t off)
{
	struct token t;

	for (;; off = t.next) {
		if (read_token(d, off, &t))
			return DT_ERR_BADSTRUCT;
		if (t.tag == FDT_PROP)
			return (int)off;
		if (t.tag != FDT_NOP)
			return DT_ERR_NOTFOUND;
	}
}

int dt_first_prop(const struct dt *d, int node)
{
	int body = node_body(d, node);

	return body < 0 ? body : prop_from(d, (uint32_t)body);
}

int dt_next_prop(const struct dt *d, int prop)
{
	struct token t;

	if (prop < 0)
		return DT_ERR_NOTFOUND;
	if ((prop & 3) || read_token(d, (uint32_t)prop, &t) || t.tag != FDT_PROP)
		return DT_ERR_BADSTRUCT;
	return prop_from(d, t.next);
}

const void *dt_prop_at(const struct dt *d, int prop, const char **name, int *len)
{
	struct token t;
	const char *s;

	if (prop < 0 || (prop & 3) || read_token(d, (uint32_t)prop, &t) || t.tag != FDT_PROP)
		return NULL;
	s = string_at(d, t.nameoff);
	if (!s)
		return NULL;
	if (name)
		*name = s;
	if (len)
		*len = (int)t.len;
	return struct_at(d, (uint32_t)prop + PROP_HDR_SIZE);
}

/* Does the NUL-terminated 'name' equal the n bytes at 's'?  Reads at most
 * n + 1 bytes of name, never past its terminator. */
static bool name_equals(const char *name, const char *s, size_t n)
{
	return strnlen(name, n + 1) == n && memcmp(name, s, n) == 0;
}

/* Property of 'node' whose name is the n bytes at 'name'. */
static const void *prop_named(const struct dt *d, int node, const char *name, size_t n,
			      int *len)
{
	for (int p = dt_first_prop(d, node); p >= 0; p = dt_next_prop(d, p)) {
		const char *pname;
		const void *v = dt_prop_at(d, p, &pname, len);
		if (v && name_equals(pname, name, n))
			return v;
	}
	if (len)
		*len = DT_ERR_NOTFOUND;
	return NULL;
}

const void *dt_prop(const struct dt *d, int node, const char *name, int *len)
{
	if (!name) {
		if (len)
			*len = DT_ERR_NOTFOUND;
		return NULL;
	}
	return prop_named(d, node, name, strlen(name), len);
}

/* A value of 'len' bytes that holds a NUL-terminated string. */
static bool is_string(const char *v, int len)
{
	return v && len > 0 && strnlen(v, (size_t)len) < (size_t)len;
}

const char *dt_prop_str(const struct dt *d, int node, const char *name)
{
	int len;
	const char *v = dt_prop(d, node, name, &len);

	return is_string(v, len) ? v : NULL;
}

int dt_prop_u32(const struct dt *d, int node, const char *name, uint32_t *out)
{
	int len;
	const uint8_t *v = dt_prop(d, node, name, &len);

	if (!v)
		return DT_ERR_NOTFOUND;
	if (len != 4)
		return DT_ERR_BADVALUE;
	*out = be32(v);
	return DT_OK;
}

/* A number stored as one or two cells (linux,initrd-start and friends). */
static int prop_u32_or_u64(const struct dt *d, int node, const char *name, uint64_t *out)
{
	int len;
	const uint8_t *v = dt_prop(d, node, name, &len);

	if (!v)
		return DT_ERR_NOTFOUND;
	if (len == 4)
		*out = be32(v);
	else if (len == 8)
		*out = be64(v);
	else
		return DT_ERR_BADVALUE;
	return DT_OK;
}

/* Is 's' one of the NUL-terminated entries of the string list 'v'?  An
 * unterminated last entry is ignored rather than read past. */
static bool stringlist_contains(const char *v, int len, const char *s)
{
	size_t slen = strlen(s);

	for (size_t pos = 0; v && len > 0 && pos < (size_t)len;) {
		size_t n = strnlen(v + pos, (size_t)len - pos);
		if (n == (size_t)len - pos)
			return false;
		if (n == slen && memcmp(v + pos, s, n) == 0)
			return true;
		pos += n + 1;
	}
	return false;
}

bool dt_is_compatible(const struct dt *d, int node, const char *compat)
{
	int len;
	const char *v = dt_prop(d, node, "compatible", &len);

	return compat && stringlist_contains(v, len, compat);
}

/* Next node in pre-order after 'from' (the root when from < 0).  After the
 * root closes only FDT_END may follow (checked by dt_init), so a plain
 * forward scan for FDT_BEGIN_NODE is pre-order. */
static int next_node(const struct dt *d, int from)
{
	struct token t;
	int body;

	if (from < 0)
		return dt_root(d);
	body = node_body(d, from);
	if (body < 0)
		return body;
	for (uint32_t off = (uint32_t)body;; off = t.next) {
		if (read_token(d, off, &t))
			return DT_ERR_BADSTRUCT;
		if (t.tag == FDT_BEGIN_NODE)
			return (int)off;
		if (t.tag == FDT_END)
			return DT_ERR_NOTFOUND;
	}
}

int dt_find_compatible(const struct dt *d, int from, const char *compat)
{
	int node;

	for (node = next_node(d, from); node >= 0; node = next_node(d, node))
		if (dt_is_compatible(d, node, compat))
			return node;
	return node;
}

int dt_find_device_type(const struct dt *d, int from, const char *type)
{
	int node;

	for (node = next_node(d, from); node >= 0; node = next_node(d, node)) {
		const char *t = dt_prop_str(d, node, "device_type");
		if (t && type && strcmp(t, type) == 0)
			return node;
	}
	return node;
}

/* ------------------------------------------------------------ addressing */

uint32_t dt_address_cells(const struct dt *d, int node)
{
	uint32_t v;

	return dt_prop_u32(d, node, "#address-cells", &v) == DT_OK ? v : 2;
}

uint32_t dt_size_cells(const struct dt *d, int node)
{
	uint32_t v;

	return dt_prop_u32(d, node, "#size-cells", &v) == DT_OK ? v : 1;
}

/* A number of 'cells' (1 or 2) 32-bit big-endian cells; 0 cells is 0. */
static uint64_t read_cells(const uint8_t *p, uint32_t cells)
{
	if (cells == 0)
		return 0;
	return cells == 1 ? be32(p) : be64(p);
}

/* Entry 'index' of node's reg, in the address space of 'bus' (its parent). */
static int reg_entry(const struct dt *d, int node, int bus, int index,
		     uint64_t *addr, uint64_t *size)
{
	uint32_t ac = dt_address_cells(d, bus), sc = dt_size_cells(d, bus);
	uint32_t entry = 4 * (ac + sc);
	int len;
	const uint8_t *v;

	if (ac < 1 || ac > 2 || sc > 2)
		return DT_ERR_BADVALUE;
	v = dt_prop(d, node, "reg", &len);
	if (!v)
		return DT_ERR_NOTFOUND;
	if ((uint32_t)len % entry)
		return DT_ERR_BADVALUE;
	if (index < 0 || (uint32_t)index >= (uint32_t)len / entry)
		return DT_ERR_NOTFOUND;
	v += (uint32_t)index * entry;
	*addr = read_cells(v, ac);
	*size = read_cells(v + 4 * ac, sc);
	/* A range must end inside the 64-bit address space. */
	if (*size > UINT64_MAX - *addr)
		return DT_ERR_BADVALUE;
	return DT_OK;
}

int dt_reg(const struct dt *d, int node, int index, uint64_t *addr, uint64_t *size)
{
	int bus = dt_parent(d, node);
	uint64_t a, s;
	int err;

	if (bus < 0)
		return bus;  /* the root has no bus to decode its reg with */
	err = reg_entry(d, node, bus, index, &a, &s);
	if (err)
		return err;
	if (addr)
		*addr = a;
	if (size)
		*size = s;
	return DT_OK;
}

/* Map *addr from the address space of 'bus' into that of its parent 'up'
 * through bus's ranges: (child address, parent address, size) triples.  No
 * ranges means the bus is not memory-mapped; empty ranges is identity. */
static int translate_up(const struct dt *d, int bus, int up, uint64_t *addr)
{
	uint32_t cac = dt_address_cells(d, bus), pac = dt_address_cells(d, up);
	uint32_t sc = dt_size_cells(d, bus);
	uint32_t entry = 4 * (cac + pac + sc);
	int len;
	const uint8_t *v = dt_prop(d, bus, "ranges", &len);

	if (!v)
		return DT_ERR_NOTFOUND;
	if (len == 0)
		return DT_OK;
	if (cac < 1 || cac > 2 || pac < 1 || pac > 2 || sc < 1 || sc > 2 ||
	    (uint32_t)len % entry)
		return DT_ERR_BADVALUE;
	for (uint32_t off = 0; off < (uint32_t)len; off += entry) {
		uint64_t child = read_cells(v + off, cac);
		uint64_t parent = read_cells(v + off + 4 * cac, pac);
		uint64_t span = read_cells(v + off + 4 * (cac + pac), sc);
		if (*addr >= child && *addr - child < span) {
			uint64_t delta = *addr - child;
			if (delta > UINT64_MAX - parent)
				return DT_ERR_BADVALUE;
			*addr = parent + delta;
			return DT_OK;
		}
	}
	return DT_ERR_NOTFOUND;
}

int dt_reg_translated(const struct dt *d, int node, int index, uint64_t *addr, uint64_t *size)
{
	int bus = dt_parent(d, node);
	uint64_t a, s;
	int err;

	if (bus < 0)
		return bus;
	err = reg_entry(d, node, bus, index, &a, &s);
	/* Up the tree until the root, whose space is the CPU's. */
	for (int up = dt_parent(d, bus); !err && up >= 0; bus = up, up = dt_parent(d, bus))
		err = translate_up(d, bus, up, &a);
	if (err)
		return err;
	if (s > UINT64_MAX - a)
		return DT_ERR_BADVALUE;
	if (addr)
		*addr = a;
	if (size)
		*size = s;
	return DT_OK;
}

/* ----------------------------------------------------------------- paths */

static const char *find_char(const char *p, const char *end, char c)
{
	while (p < end && *p != c)
		p++;
	return p;
}

/* Child of 'parent' named by the n bytes at 'comp': an exact name match, or
 * else, if comp has no unit address, the one child whose name is comp@...
 * (ambiguous when several are: NOTFOUND). */
static int child_named(const struct dt *d, int parent, const char *comp, size_t n)
{
	bool comp_has_unit = find_char(comp, comp + n, '@') != comp + n;
	int unit_match = DT_ERR_NOTFOUND, unit_matches = 0, c;

	for (c = dt_first_child(d, parent); c >= 0; c = dt_next_sibling(d, c)) {
		const char *name = dt_node_name(d, c);
		if (name_equals(name, comp, n))
			return c;
		if (!comp_has_unit && strnlen(name, n + 1) == n + 1 && name[n] == '@' &&
		    memcmp(name, comp, n) == 0 && unit_matches++ == 0)
			unit_match = c;
	}
	if (c != DT_ERR_NOTFOUND)
		return c;
	return unit_matches == 1 ? unit_match : DT_ERR_NOTFOUND;
}

/* Follow the '/'-separated components in [p, end) down from 'node'. */
static int walk_components(const struct dt *d, int node, const char *p, const char *end)
{
	while (node >= 0 && p < end) {
		const char *q;
		if (*p == '/') {
			p++;
			continue;
		}
		q = find_char(p, end, '/');
		node = child_named(d, node, p, (size_t)(q - p));
		p = q;
	}
	return node;
}

/* The node an alias (the n bytes at 'name') stands for.  The alias value
 * must be a full path: aliases of aliases would let a blob loop us. */
static int alias_node(const struct dt *d, const char *name, size_t n)
{
	int root = dt_root(d), len;
	int aliases = child_named(d, root, "aliases", 7);
	const char *v;

	if (aliases < 0)
		return aliases;
	v = prop_named(d, aliases, name, n, &len);
	if (!is_string(v, len) || v[0] != '/')
		return DT_ERR_NOTFOUND;
	return walk_components(d, root, v, v + strlen(v));
}

/* Resolve the n bytes at 'path': a full path, or an alias then a path. */
static int lookup_path(const struct dt *d, const char *path, size_t n)
{
	const char *end = path + n, *p = path;
	int node;

	if (n == 0)
		return DT_ERR_NOTFOUND;
	if (*p == '/') {
		node = dt_root(d);
	} else {
		p = find_char(path, end, '/');
		node = alias_node(d, path, (size_t)(p - path));
	}
	return walk_components(d, node, p, end);
}

int dt_path(const struct dt *d, const char *path)
{
	return path ? lookup_path(d, path, strlen(path)) : DT_ERR_NOTFOUND;
}

int dt_resolve(const struct dt *d, const char *path_or_alias)
{
	return dt_path(d, path_or_alias);
}

int dt_stdout_node(const struct dt *d)
{
	static const char *const names[] = { "stdout-path", "linux,stdout-path" };
	int chosen = dt_path(d, "/chosen");

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *s = dt_prop_str(d, chosen, names[i]);
		if (s) {
			/* "serial0:115200n8": the options after ':' are the driver's. */
			int node = lookup_path(d, s, (size_t)(find_char(s, s + strlen(s), ':') - s));
			if (node >= 0)
				return node;
		}
	}
	return DT_ERR_NOTFOUND;
}

/* ------------------------------------------------------- reservation map */

int dt_memreserve_count(const struct dt *d)
{
	if (!d->blob)
		return DT_ERR_NOTFOUND;
	return count_memreserve(d);
}

int dt_memreserve(const struct dt *d, int i, uint64_t *addr, uint64_t *size)
{
	int n = dt_memreserve_count(d);
	const uint8_t *e;

	if (n < 0)
		return n;
	if (i < 0 || i >= n)
		return DT_ERR_NOTFOUND;
	e = d->blob + d->off_rsvmap + (uint64_t)i * RSV_ENTRY_SIZE;
	*addr = be64(e);
	*size = be64(e + 8);
	return DT_OK;
}

/* ------------------------------------------------------------- boot_info */

static int add_usable(struct boot_info *bi, uint64_t base, uint64_t size)
{
	return bootinfo_add_usable(bi, base, size, 0);
}

/* Nodes marked status = "disabled" (or anything but okay) are not there. */
static bool node_enabled(const struct dt *d, int node)
{
	const char *s = dt_prop_str(d, node, "status");

	return !s || strcmp(s, "okay") == 0 || strcmp(s, "ok") == 0;
}

/* Every reg entry of every enabled device_type = "memory" node. */
static int fill_memory(const struct dt *d, struct boot_info *bi, bool *full)
{
	int node = DT_ERR_NOTFOUND;

	while ((node = dt_find_device_type(d, node, "memory")) >= 0) {
		uint64_t base, size;
		int i, err = DT_OK;
		if (!node_enabled(d, node))
			continue;
		for (i = 0; (err = dt_reg(d, node, i, &base, &size)) == DT_OK; i++)
			*full |= add_usable(bi, base, size) != 0;
		if (err != DT_ERR_NOTFOUND)
			return err;
	}
	return node == DT_ERR_NOTFOUND ? DT_OK : node;
}

/* Children of /reserved-memory that have a reg; those with only a size are
 * requests for the OS to allocate something, not reservations. */
static int fill_reserved_memory(const struct dt *d, struct boot_info *bi, bool *full)
{
	int parent = dt_path(d, "/reserved-memory");
	int c;

	if (parent < 0)
		return DT_OK;
	for (c = dt_first_child(d, parent); c >= 0; c = dt_next_sibling(d, c)) {
		uint64_t base, size;
		int i, err = DT_OK;
		if (!node_enabled(d, c))
			continue;
		for (i = 0; (err = dt_reg(d, c, i, &base, &size)) == DT_OK; i++)
			*full |= bootinfo_add_reserved(bi, base, size) != 0;
		if (err != DT_ERR_NOTFOUND)
			return err;
	}
	return c == DT_ERR_NOTFOUND ? DT_OK : c;
}

static int fill_memreserve(const struct dt *d, struct boot_info *bi, bool *full)
{
	int n = dt_memreserve_count(d);

	for (int i = 0; i < n; i++) {
		uint64_t base, size;
		dt_memreserve(d, i, &base, &size);
		if (size > UINT64_MAX - base)
			return DT_ERR_BADVALUE;
		*full |= bootinfo_add_reserved(bi, base, size) != 0;
	}
	return n < 0 ? n : DT_OK;
}

/* /chosen: the command line and the initrd the loader placed. */
static int fill_chosen(const struct dt *d, struct boot_info *bi, bool *full)
{
	int chosen = dt_path(d, "/chosen"), len;
	const char *args = dt_prop(d, chosen, "bootargs", &len);
	uint64_t start, end;
	int e1, e2;

	if (chosen < 0)
		return DT_OK;
	if (args && len > 0) {   /* an empty property is an empty command line */
		size_t n;
		if (!is_string(args, len))
			return DT_ERR_BADVALUE;
		n = strnlen(args, sizeof(bi->cmdline) - 1);
		memcpy(bi->cmdline, args, n);
		bi->cmdline[n] = '\0';
	}
	e1 = prop_u32_or_u64(d, chosen, "linux,initrd-start", &start);
	e2 = prop_u32_or_u64(d, chosen, "linux,initrd-end", &end);
	if (e1 == DT_ERR_NOTFOUND && e2 == DT_ERR_NOTFOUND)
		return DT_OK;
	if (e1 || e2 || end < start)
		return DT_ERR_BADVALUE;
	bi->initrd_base = start;
	bi->initrd_size = end - start;
	*full |= bootinfo_add_reserved(bi, start, end - start) != 0;
	return DT_OK;
}

int dt_fill_boot_info(const struct dt *d, uint64_t dtb_pa, struct boot_info *bi)
{
	bool full = false;
	int err;

	memset(bi, 0, sizeof(*bi));
	if (!d->blob)
		return DT_ERR_BADSTRUCT;
	if (d->totalsize > UINT64_MAX - dtb_pa)
		return DT_ERR_BADVALUE;
	bi->dtb_base = dtb_pa;
	bi->dtb_size = d->totalsize;
	full |= bootinfo_add_reserved(bi, dtb_pa, d->totalsize) != 0;
	err = fill_memory(d, bi, &full);
	if (!err)
		err = fill_memreserve(d, bi, &full);
	if (!err)
		err = fill_reserved_memory(d, bi, &full);
	if (!err)
		err = fill_chosen(d, bi, &full);
	if (err)
		return err;
	if (full)
		return DT_ERR_NOSPACE;
	return bi->n_mem ? DT_OK : DT_ERR_NOTFOUND;
}

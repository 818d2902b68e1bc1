/* Host tests for kernel/boot/dt.c, run under ASan and UBSan.
 *
 *  - Fixtures (the .dtb paths on the command line: .dts compiled by dtc at
 *    build time, and dumps of QEMU's own trees): hand-written expectations,
 *    and libfdt as an oracle over every node, property, path and reg.
 *  - Hand-built blobs for corner cases of the format and every error code.
 *  - Corrupted copies of every fixture (deterministic PRNG): each must fail
 *    dt_init or survive a complete walk calling every lookup, and whatever
 *    libfdt's fdt_check_full() accepts we must accept too.
 *
 * Usage: dt_test [--mutations N] fixture.dtb...
 */
#include <dt.h>
#include <bootinfo.h>
#include <libfdt.h>
#include <check.h>

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

/* --------------------------------------------------------------- helpers */

static uint32_t rd32(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static uint64_t rd64(const void *p)
{
	return (uint64_t)rd32(p) << 32 | rd32((const uint8_t *)p + 4);
}

static void wr32(void *p, uint32_t v)
{
	uint8_t *b = p;
	b[0] = v >> 24;
	b[1] = v >> 16;
	b[2] = v >> 8;
	b[3] = v;
}

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64*: deterministic, so a failure reproduces. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static uint32_t rnd_below(uint32_t n)
{
	return n ? (uint32_t)(rnd() % n) : 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static uint8_t *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc(n > 0 ? (size_t)n : 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*size = (size_t)n;
	return buf;
}

static bool in_blob(const void *p, size_t n, const uint8_t *blob, size_t size)
{
	const uint8_t *b = p;
	return b >= blob && b <= blob + size && n <= (size_t)(blob + size - b);
}

/* ------------------------------------------------------ libfdt as oracle */

/* libfdt 1.6.1 has bugs a corrupted blob can hit:
 *  - fdt_check_full() dereferences NULL on a blob of version < 16
 *    (fdt_get_name() returns NULL for the root there);
 *  - fdt_next_tag() adds a property's length to an int offset, so lengths
 *    of 2^31 and more wrap: 0xfffffff4 lands back on the same token and
 *    loops forever, 0xffffffff makes it read the value as tokens, and it
 *    then calls a blob valid that has a property longer than the block.
 * Such blobs are kept from it (we refuse them: a value longer than the
 * structure block is corrupt whatever libfdt's arithmetic makes of it); a
 * timer guards against any other hang. */
static sigjmp_buf libfdt_hang;
static volatile sig_atomic_t in_libfdt;
static const char *volatile current_blob = "?";

/* SIGALRM: inside libfdt, give up on it; anywhere else dt.c (or this test)
 * made no progress on one blob for many seconds: say which, and fail. */
static void on_alarm(int sig)
{
	static const char msg[] = "\ndt_test: no progress for 30 s on a blob: ";
	(void)sig;
	if (in_libfdt)
		siglongjmp(libfdt_hang, 1);
	if (write(2, msg, sizeof(msg) - 1) < 0 ||
	    write(2, current_blob, strlen(current_blob)) < 0 || write(2, "\n", 1) < 0)
		_exit(3);
	_exit(2);
}

static void watchdog(const char *what)
{
	struct itimerval t = { .it_value = { .tv_sec = 30 } };
	current_blob = what;
	signal(SIGALRM, on_alarm);
	setitimer(ITIMER_REAL, &t, NULL);
}

static bool libfdt_can_judge(const uint8_t *b, size_t len)
{
	if (len >= 24 && rd32(b) == FDT_MAGIC && rd32(b + 20) < 16)
		return false;
	for (size_t i = 0; i + 8 <= len; i++)
		if (rd32(b + i) == FDT_PROP && rd32(b + i + 4) >= 0x7fff0000u)
			return false;
	return true;
}

/* 1: fdt_check_full() accepts, 0: rejects, -1: cannot ask it. */
static int libfdt_verdict(const uint8_t *b, size_t len)
{
	struct itimerval on = { .it_value = { .tv_sec = 2 } };
	volatile int verdict = -1;

	if (!libfdt_can_judge(b, len))
		return -1;
	signal(SIGALRM, on_alarm);
	if (sigsetjmp(libfdt_hang, 1) == 0) {
		setitimer(ITIMER_REAL, &on, NULL);
		in_libfdt = 1;
		verdict = fdt_check_full(b, len) == 0;
	}
	in_libfdt = 0;
	watchdog(current_blob);
	return verdict;
}

/* reg entry decoded from libfdt's view of the tree, independently of dt.c:
 * the parent's #address-cells (1..2, default 2) and #size-cells (0..2,
 * default 1). */
static uint32_t lib_cells(const void *fdt, int node, const char *name, uint32_t dflt)
{
	int len;
	const void *p = fdt_getprop(fdt, node, name, &len);
	return p && len == 4 ? rd32(p) : dflt;
}

static int lib_reg(const void *fdt, int node, int index, uint64_t *a, uint64_t *s)
{
	int parent = fdt_parent_offset(fdt, node), len;
	uint32_t ac, sc, entry;
	const uint8_t *reg;

	if (parent < 0)
		return DT_ERR_NOTFOUND;
	ac = lib_cells(fdt, parent, "#address-cells", 2);
	sc = lib_cells(fdt, parent, "#size-cells", 1);
	if (ac < 1 || ac > 2 || sc > 2)
		return DT_ERR_BADVALUE;
	reg = fdt_getprop(fdt, node, "reg", &len);
	if (!reg)
		return DT_ERR_NOTFOUND;
	entry = 4 * (ac + sc);
	if ((uint32_t)len % entry)
		return DT_ERR_BADVALUE;
	if ((uint32_t)index >= (uint32_t)len / entry)
		return DT_ERR_NOTFOUND;
	reg += index * entry;
	*a = ac == 1 ? rd32(reg) : rd64(reg);
	*s = sc == 0 ? 0 : sc == 1 ? rd32(reg + 4 * ac) : rd64(reg + 4 * ac);
	return *s > UINT64_MAX - *a ? DT_ERR_BADVALUE : DT_OK;
}

static bool lib_enabled(const void *fdt, int node)
{
	int len;
	const char *s = fdt_getprop(fdt, node, "status", &len);
	return !s || (len == 5 && !memcmp(s, "okay", 5)) || (len == 3 && !memcmp(s, "ok", 3));
}

/* ----------------------------------------------------- range list helpers */

struct ranges {
	struct mem_range r[512];
	unsigned n;
};

static void ranges_add(struct ranges *rs, uint64_t base, uint64_t size)
{
	if (size && rs->n < 512)
		rs->r[rs->n++] = (struct mem_range){ base, size };
}

static int cmp_range(const void *a, const void *b)
{
	const struct mem_range *x = a, *y = b;
	if (x->base != y->base)
		return x->base < y->base ? -1 : 1;
	return x->size < y->size ? -1 : x->size > y->size;
}

/* Sorted, and with merge: overlapping or touching ranges joined. */
static void ranges_normalize(struct ranges *rs, bool merge)
{
	unsigned out = 0;

	qsort(rs->r, rs->n, sizeof(rs->r[0]), cmp_range);
	if (!merge)
		return;
	for (unsigned i = 0; i < rs->n; i++) {
		if (out && rs->r[i].base <= rs->r[out - 1].base + rs->r[out - 1].size) {
			uint64_t end = rs->r[i].base + rs->r[i].size;
			uint64_t prev_end = rs->r[out - 1].base + rs->r[out - 1].size;
			if (end > prev_end)
				rs->r[out - 1].size = end - rs->r[out - 1].base;
		} else {
			rs->r[out++] = rs->r[i];
		}
	}
	rs->n = out;
}

static bool ranges_equal(const struct ranges *a, const struct ranges *b)
{
	if (a->n != b->n)
		return false;
	for (unsigned i = 0; i < a->n; i++)
		if (a->r[i].base != b->r[i].base || a->r[i].size != b->r[i].size)
			return false;
	return true;
}

static void ranges_from(struct ranges *rs, const struct mem_range *r, unsigned n)
{
	rs->n = 0;
	for (unsigned i = 0; i < n; i++)
		ranges_add(rs, r[i].base, r[i].size);
}

static void page_trim_add(struct ranges *rs, uint64_t base, uint64_t size)
{
	uint64_t start, end = (base + size) & ~4095ull;
	if (base > UINT64_MAX - 4095)
		return;
	start = (base + 4095) & ~4095ull;
	if (start < end)
		ranges_add(rs, start, end - start);
}

/* Invariants of any boot_info dt_fill_boot_info() produced. */
static void check_boot_info_sane(const struct boot_info *bi)
{
	CHECK(bi->n_mem <= BOOT_MAX_RANGES && bi->n_reserved <= BOOT_MAX_RANGES,
	      "table counts %u %u", bi->n_mem, bi->n_reserved);
	CHECK(memchr(bi->cmdline, 0, sizeof(bi->cmdline)) != NULL, "cmdline unterminated");
	for (unsigned i = 0; i < bi->n_mem && i < BOOT_MAX_RANGES; i++) {
		const struct mem_range *m = &bi->mem[i];
		CHECK(m->size && !(m->base & 4095) && !(m->size & 4095) &&
		      m->size <= UINT64_MAX - m->base, "mem[%u] %#llx+%#llx", i,
		      (unsigned long long)m->base, (unsigned long long)m->size);
		for (unsigned j = 0; j < i; j++) {
			const struct mem_range *o = &bi->mem[j];
			CHECK(m->base + m->size < o->base || o->base + o->size < m->base,
			      "mem[%u] and mem[%u] overlap or touch", i, j);
		}
	}
}

/* -------------------------------------------- the walk over our own view */

struct walk {
	const struct dt *d;
	const uint8_t *blob;
	size_t size;
	unsigned nodes, props;
	char path[1024];
};

/* Is 'node' the first child of 'parent' named 'name'? (then dt_path finds it) */
static bool first_of_name(const struct dt *d, int parent, int node, const char *name)
{
	for (int c = dt_first_child(d, parent); c >= 0 && c < node; c = dt_next_sibling(d, c))
		if (strcmp(dt_node_name(d, c), name) == 0)
			return false;
	return true;
}

static void walk_props(struct walk *w, int node)
{
	int last = -1, p, count = 0;

	for (p = dt_first_prop(w->d, node); p >= 0; p = dt_next_prop(w->d, p)) {
		const char *name = NULL, *s;
		int len = -1, len2 = -1;
		const uint8_t *v = dt_prop_at(w->d, p, &name, &len);
		const uint8_t *v2;
		uint32_t u;

		if (!CHECK(p > last && ++count < 100000, "property offsets must grow (%d after %d)", p, last))
			return;
		last = p;
		w->props++;
		if (!CHECK(v && name, "dt_prop_at(%d) failed", p))
			continue;
		CHECK(in_blob(v, (size_t)len, w->blob, w->size) && len >= 0 &&
		      in_blob(name, strlen(name) + 1, w->blob, w->size), "property out of the blob");
		/* By name: the first property of that name, which may be this one. */
		v2 = dt_prop(w->d, node, name, &len2);
		CHECK(v2 && v2 <= v, "dt_prop(%s) did not find it", name);
		s = dt_prop_str(w->d, node, name);
		if (v2 == v)
			CHECK(!s || (s == (const char *)v && strnlen(s, (size_t)len) < (size_t)len),
			      "dt_prop_str(%s)", name);
		if (dt_prop_u32(w->d, node, name, &u) == DT_OK && v2 == v)
			CHECK(len == 4 && u == rd32(v), "dt_prop_u32(%s)", name);
	}
	CHECK(p == DT_ERR_NOTFOUND, "property list ends with %d", p);
}

static void walk_reg(struct walk *w, int node)
{
	int i, err = DT_OK;

	for (i = 0; i < 100000 && err == DT_OK; i++) {
		uint64_t a = 1, s = 1, ta, ts;
		int terr;
		err = dt_reg(w->d, node, i, &a, &s);
		terr = dt_reg_translated(w->d, node, i, &ta, &ts);
		if (err == DT_OK)
			CHECK(s <= UINT64_MAX - a && (terr != DT_OK || ts == s),
			      "reg %d of node %d", i, node);
		else
			CHECK(terr == err || err == DT_ERR_NOTFOUND || err == DT_ERR_BADVALUE,
			      "reg errors %d %d", err, terr);
	}
	CHECK(err == DT_ERR_NOTFOUND || err == DT_ERR_BADVALUE, "dt_reg ends with %d", err);
	dt_address_cells(w->d, node);
	dt_size_cells(w->d, node);
}

static void walk_node(struct walk *w, int node, int parent, size_t path_len)
{
	const char *name = dt_node_name(w->d, node);
	int c, last = node, len, got;
	const char *compat;

	w->nodes++;
	if (!CHECK(name && in_blob(name, strlen(name) + 1, w->blob, w->size),
		   "node %d has no name", node))
		return;
	got = dt_parent(w->d, node);
	CHECK(got == (parent >= 0 ? parent : DT_ERR_NOTFOUND), "dt_parent(%d) = %d, not %d", node,
	      got, parent);

	/* Our path to this node; look it up when no earlier sibling (at any
	 * level) has the same name and no name holds a '/'. */
	if (parent >= 0 && path_len != (size_t)-1) {
		size_t n = strlen(name);
		if (n && !strchr(name, '/') && path_len + n + 2 < sizeof(w->path) &&
		    first_of_name(w->d, parent, node, name)) {
			w->path[path_len] = '/';
			memcpy(w->path + path_len + 1, name, n + 1);
			path_len += n + 1;
			got = dt_path(w->d, w->path);
			CHECK(got == node, "dt_path(%s) = %d, not %d", w->path, got, node);
		} else {
			path_len = (size_t)-1;
		}
	}

	walk_props(w, node);
	walk_reg(w, node);
	compat = dt_prop(w->d, node, "compatible", &len);
	for (int pos = 0; compat && pos < len;) {
		size_t n = strnlen(compat + pos, (size_t)(len - pos));
		if (n == (size_t)(len - pos))
			break;
		CHECK(dt_is_compatible(w->d, node, compat + pos), "compatible %s", compat + pos);
		pos += (int)n + 1;
	}
	CHECK(!dt_is_compatible(w->d, node, "no-such,device"), "bogus compatible matched");

	for (c = dt_first_child(w->d, node); c >= 0; c = dt_next_sibling(w->d, c)) {
		if (!CHECK(c > last, "child offsets must grow (%d after %d)", c, last))
			return;
		last = c;
		walk_node(w, c, node, path_len);
		if (path_len != (size_t)-1)
			w->path[path_len] = '\0';
	}
	CHECK(c == DT_ERR_NOTFOUND, "child list of %d ends with %d", node, c);
}

/* Pre-order searches: strictly forward, each hit a real match. */
static void walk_searches(const struct dt *d)
{
	static const char *const compats[] = { "simple-bus", "arm,pl011", "ns16550a", "", "virtio,mmio",
					       "arm,psci-0.2", "ringel,deep" };
	int n, last, count;

	for (size_t i = 0; i < sizeof(compats) / sizeof(compats[0]); i++) {
		for (n = dt_find_compatible(d, -1, compats[i]), last = -1, count = 0; n >= 0;
		     n = dt_find_compatible(d, n, compats[i])) {
			if (!CHECK(n > last && ++count < 100000, "find_compatible went back"))
				break;
			CHECK(dt_is_compatible(d, n, compats[i]), "find_compatible hit");
			last = n;
		}
		CHECK(n == DT_ERR_NOTFOUND, "find_compatible ends with %d", n);
	}
	for (n = dt_find_device_type(d, -1, "memory"), last = -1, count = 0; n >= 0;
	     n = dt_find_device_type(d, n, "memory")) {
		const char *t = dt_prop_str(d, n, "device_type");
		if (!CHECK(n > last && ++count < 100000, "find_device_type went back"))
			break;
		CHECK(t && !strcmp(t, "memory"), "find_device_type hit");
		last = n;
	}
	CHECK(n == DT_ERR_NOTFOUND, "find_device_type ends with %d", n);
}

static void walk_misc(const struct dt *d, const uint8_t *blob, size_t size)
{
	static const char *const paths[] = { "/", "/chosen", "/memory", "/aliases", "serial0",
					     "serial0/x", "//chosen//", "/a/b/c", "", "loop", "deep",
					     "/soc/serial", "/cpus/cpu@0", "nothing/at/all" };
	struct boot_info bi;
	int n, err, stdout_node;
	uint64_t a, s;

	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		int p = dt_path(d, paths[i]);
		CHECK(p == dt_resolve(d, paths[i]), "dt_resolve(%s)", paths[i]);
		CHECK(p < 0 || dt_node_name(d, p) != NULL, "dt_path(%s) gave a non-node", paths[i]);
	}
	stdout_node = dt_stdout_node(d);
	CHECK(stdout_node == DT_ERR_NOTFOUND || dt_node_name(d, stdout_node), "stdout node");
	n = dt_memreserve_count(d);
	CHECK(n >= 0, "memreserve count %d", n);
	for (int i = 0; i < n; i++)
		CHECK(dt_memreserve(d, i, &a, &s) == DT_OK, "memreserve %d", i);
	CHECK(dt_memreserve(d, n, &a, &s) == DT_ERR_NOTFOUND && dt_memreserve(d, -1, &a, &s) ==
	      DT_ERR_NOTFOUND, "memreserve past the end");
	err = dt_fill_boot_info(d, 0x40000000, &bi);
	CHECK(err <= 0 && err >= DT_ERR_NOSPACE && err != DT_ERR_MAGIC && err != DT_ERR_VERSION,
	      "fill_boot_info: %d", err);
	check_boot_info_sane(&bi);
	(void)blob;
	(void)size;
}

/* Walk everything a kernel could ask of an initialised tree. */
static unsigned walk_everything(const struct dt *d, const uint8_t *blob, size_t size)
{
	struct walk w = { .d = d, .blob = blob, .size = size };
	int root = dt_root(d);

	if (root >= 0) {
		CHECK(dt_node_name(d, root) && dt_node_name(d, root)[0] == '\0', "root name");
		CHECK(dt_path(d, "/") == root, "dt_path(/)");
		walk_node(&w, root, -1, 0);
	} else {
		CHECK(root == DT_ERR_NOTFOUND, "dt_root: %d", root);
	}
	walk_searches(d);
	walk_misc(d, blob, size);
	return w.nodes;
}

/* A dt that dt_init refused must refuse everything, harmlessly. */
static void check_refuses_all(const struct dt *d)
{
	struct boot_info bi;
	uint64_t a, s;
	uint32_t u;
	int len;

	CHECK(dt_root(d) < 0 && dt_first_child(d, 0) < 0 && dt_next_sibling(d, 0) < 0 &&
	      dt_parent(d, 0) < 0 && !dt_node_name(d, 0) && dt_path(d, "/") < 0 &&
	      !dt_prop(d, 0, "reg", &len) && !dt_prop_str(d, 0, "x") &&
	      dt_prop_u32(d, 0, "x", &u) < 0 && dt_first_prop(d, 0) < 0 &&
	      !dt_prop_at(d, 0, NULL, NULL) && dt_find_compatible(d, -1, "x") < 0 &&
	      dt_reg(d, 0, 0, &a, &s) < 0 && dt_stdout_node(d) < 0 &&
	      dt_memreserve_count(d) < 0 && dt_fill_boot_info(d, 0, &bi) < 0,
	      "a refused tree answered a lookup");
}

/* ----------------------------------------------- comparison with libfdt */

static void compare_props(const struct dt *d, const void *fdt, int node)
{
	int ours = dt_first_prop(d, node), lib = fdt_first_property_offset(fdt, node);

	for (; ours >= 0 && lib >= 0;
	     ours = dt_next_prop(d, ours), lib = fdt_next_property_offset(fdt, lib)) {
		const char *oname = NULL, *lname = NULL;
		int olen = -1, llen = -2, l2 = -3;
		const void *ov = dt_prop_at(d, ours, &oname, &olen);
		const void *lv = fdt_getprop_by_offset(fdt, lib, &lname, &llen);

		if (!CHECK(ours == lib && ov && lv, "property offsets %d vs libfdt %d", ours, lib))
			return;
		CHECK(!strcmp(oname, lname) && olen == llen && ov == lv,
		      "property %s/%d vs libfdt %s/%d", oname, olen, lname, llen);
		CHECK(dt_prop(d, node, oname, &olen) == fdt_getprop(fdt, node, oname, &l2) &&
		      olen == l2, "dt_prop(%s) differs from fdt_getprop", oname);
	}
	CHECK(ours == DT_ERR_NOTFOUND && lib == -FDT_ERR_NOTFOUND,
	      "property lists end differently: %d vs libfdt %d", ours, lib);
	CHECK(!dt_prop(d, node, "no-such-property", NULL), "phantom property");
}

static void compare_reg(const struct dt *d, const void *fdt, int node)
{
	for (int i = 0; i < 64; i++) {
		uint64_t oa = 0, os = 0, la = 0, ls = 0;
		int oerr = dt_reg(d, node, i, &oa, &os), lerr = lib_reg(fdt, node, i, &la, &ls);
		CHECK(oerr == lerr && (oerr || (oa == la && os == ls)),
		      "reg %d of %s: %d %#llx+%#llx vs libfdt %d %#llx+%#llx", i,
		      fdt_get_name(fdt, node, NULL), oerr, (unsigned long long)oa,
		      (unsigned long long)os, lerr, (unsigned long long)la, (unsigned long long)ls);
		if (oerr)
			break;
	}
}

/* Does fdt_path_offset() find 'node' by its full path?  It takes the first
 * child whose name is the component or, for a component without '@', the
 * first "component@..." one; we only ask when that first one is the node. */
static bool libfdt_path_unambiguous(const void *fdt, int node)
{
	for (int n = node, parent; (parent = fdt_parent_offset(fdt, n)) >= 0; n = parent) {
		int len;
		const char *name = fdt_get_name(fdt, n, &len);
		bool unit = strchr(name, '@') != NULL;
		if (!len || strchr(name, '/'))
			return false;
		for (int c = fdt_first_subnode(fdt, parent); c >= 0 && c < n;
		     c = fdt_next_subnode(fdt, c)) {
			const char *cn = fdt_get_name(fdt, c, NULL);
			if (!strcmp(cn, name) ||
			    (!unit && !strncmp(cn, name, (size_t)len) && cn[len] == '@'))
				return false;
		}
	}
	return true;
}

/* 'path' is node's path built from the names (NULL once a name is empty
 * or holds a '/': no path can name such a node; fdt_get_path() is not
 * used as it mangles such names). */
static void compare_node(const struct dt *d, const void *fdt, int node, int depth, char *path)
{
	int oc, lc, len;
	const char *oname = dt_node_name(d, node), *lname = fdt_get_name(fdt, node, &len);
	size_t plen = path ? strlen(path) : 0;

	CHECK(oname && lname && !strcmp(oname, lname), "name of %d", node);
	/* libfdt's parent and path functions take offset 0 for the root, so
	 * they are asked only when it is there. */
	if (!depth)
		CHECK(dt_parent(d, node) == DT_ERR_NOTFOUND, "the root has no parent");
	else if (path)
		CHECK(dt_parent(d, node) == fdt_parent_offset(fdt, node), "parent of %s", oname);
	if (path && depth) {
		if (len > 0 && !strchr(lname, '/') && plen + (size_t)len + 2 < 1024) {
			path[plen] = '/';
			memcpy(path + plen + 1, lname, (size_t)len + 1);
			if (libfdt_path_unambiguous(fdt, node)) {
				int ours = dt_path(d, path), lib = fdt_path_offset(fdt, path);
				CHECK(ours == node && lib == node, "path %s: ours %d libfdt %d", path,
				      ours, lib);
			}
		} else {
			path = NULL;
		}
	}
	compare_props(d, fdt, node);
	compare_reg(d, fdt, node);

	for (oc = dt_first_child(d, node), lc = fdt_first_subnode(fdt, node); oc >= 0 && lc >= 0;
	     oc = dt_next_sibling(d, oc), lc = fdt_next_subnode(fdt, lc)) {
		if (!CHECK(oc == lc, "child of %s: %d vs libfdt %d", oname, oc, lc))
			return;
		compare_node(d, fdt, oc, depth + 1, path);
	}
	CHECK(oc == DT_ERR_NOTFOUND && lc == -FDT_ERR_NOTFOUND, "children of %s end: %d vs %d",
	      oname, oc, lc);
	if (path)
		path[plen] = '\0';
}

/* Are all compatible properties NUL-terminated string lists?  libfdt's
 * fdt_stringlist_contains() compares one byte past the end of the value,
 * so on an unterminated or empty list it can match where we (rightly)
 * do not. */
static bool compatibles_well_formed(const void *fdt)
{
	for (int n = fdt_next_node(fdt, -1, NULL); n >= 0; n = fdt_next_node(fdt, n, NULL)) {
		int len;
		const char *v = fdt_getprop(fdt, n, "compatible", &len);
		if (v && (len <= 0 || v[len - 1] != '\0'))
			return false;
	}
	return true;
}

/* The first 'max' compatible strings of the tree: the same pre-order hits
 * as libfdt. */
static void compare_compatible_search(const struct dt *d, const void *fdt, unsigned max)
{
	unsigned strings = 0;

	if (!compatibles_well_formed(fdt))
		return;

	for (int n = fdt_next_node(fdt, -1, NULL); n >= 0 && strings < max;
	     n = fdt_next_node(fdt, n, NULL)) {
		int count = fdt_stringlist_count(fdt, n, "compatible");
		for (int i = 0; i < count && strings < max; i++, strings++) {
			const char *c = fdt_stringlist_get(fdt, n, "compatible", i, NULL);
			int o, l;
			if (!*c)
				continue;  /* libfdt matches "" one byte past a list's end */
			o = dt_find_compatible(d, -1, c);
			l = fdt_node_offset_by_compatible(fdt, -1, c);
			for (int guard = 0; o >= 0 && l >= 0 && guard < 10000; guard++) {
				if (!CHECK(o == l, "find_compatible(%s): %d vs libfdt %d", c, o, l))
					break;
				o = dt_find_compatible(d, o, c);
				l = fdt_node_offset_by_compatible(fdt, l, c);
			}
			CHECK(o == DT_ERR_NOTFOUND && l == -FDT_ERR_NOTFOUND,
			      "find_compatible(%s) ends %d vs %d", c, o, l);
		}
	}
}

static void compare_memreserve(const struct dt *d, const void *fdt)
{
	int n = fdt_num_mem_rsv(fdt);

	CHECK(dt_memreserve_count(d) == n, "memreserve count %d vs libfdt %d",
	      dt_memreserve_count(d), n);
	for (int i = 0; i < n; i++) {
		uint64_t oa, os, la, ls;
		CHECK(dt_memreserve(d, i, &oa, &os) == 0 && fdt_get_mem_rsv(fdt, i, &la, &ls) == 0 &&
		      oa == la && os == ls, "memreserve %d", i);
	}
}

/* 'thorough' for fixtures; corrupted copies (thousands) try fewer searches. */
static void compare_with_libfdt(const struct dt *d, const void *fdt, bool thorough)
{
	/* Not fdt_path_offset("/"): that assumes the root is at offset 0. */
	int root = fdt_next_node(fdt, -1, NULL);

	CHECK(dt_root(d) == (root >= 0 ? root : DT_ERR_NOTFOUND), "root %d vs libfdt %d",
	      dt_root(d), root);
	if (root >= 0 && dt_root(d) == root) {
		char path[1024] = "";
		compare_node(d, fdt, root, 0, root == 0 ? path : NULL);
	}
	compare_compatible_search(d, fdt, thorough ? 1000 : 6);
	compare_memreserve(d, fdt);
}

/* dt_fill_boot_info() against the same facts read through libfdt. */
static void compare_boot_info(const struct dt *d, const void *fdt, uint64_t pa)
{
	struct boot_info bi;
	struct ranges want_mem = { .n = 0 }, want_rsv = { .n = 0 }, got;
	int err = dt_fill_boot_info(d, pa, &bi), node, len, chosen;
	const char *args;

	for (node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory", 7); node >= 0;
	     node = fdt_node_offset_by_prop_value(fdt, node, "device_type", "memory", 7)) {
		uint64_t a, s;
		if (!lib_enabled(fdt, node))
			continue;
		for (int i = 0; lib_reg(fdt, node, i, &a, &s) == DT_OK; i++)
			page_trim_add(&want_mem, a, s);
	}
	ranges_add(&want_rsv, pa, fdt_totalsize(fdt));
	for (int i = 0; i < fdt_num_mem_rsv(fdt); i++) {
		uint64_t a, s;
		fdt_get_mem_rsv(fdt, i, &a, &s);
		ranges_add(&want_rsv, a, s);
	}
	node = fdt_path_offset(fdt, "/reserved-memory");
	for (int c = node >= 0 ? fdt_first_subnode(fdt, node) : -1; c >= 0;
	     c = fdt_next_subnode(fdt, c)) {
		uint64_t a, s;
		if (!lib_enabled(fdt, c))
			continue;
		for (int i = 0; lib_reg(fdt, c, i, &a, &s) == DT_OK; i++)
			ranges_add(&want_rsv, a, s);
	}
	chosen = fdt_path_offset(fdt, "/chosen");
	if (chosen >= 0) {
		const uint8_t *st = fdt_getprop(fdt, chosen, "linux,initrd-start", &len);
		uint64_t start = st ? (len == 4 ? rd32(st) : rd64(st)) : 0;
		const uint8_t *en = fdt_getprop(fdt, chosen, "linux,initrd-end", &len);
		uint64_t end = en ? (len == 4 ? rd32(en) : rd64(en)) : 0;
		if (st && en) {
			ranges_add(&want_rsv, start, end - start);
			CHECK(bi.initrd_base == start && bi.initrd_size == end - start, "initrd");
		}
	}
	args = chosen >= 0 ? fdt_getprop(fdt, chosen, "bootargs", &len) : NULL;
	CHECK(!strncmp(bi.cmdline, args ? args : "", BOOT_CMDLINE_MAX - 1), "cmdline '%s'",
	      bi.cmdline);

	CHECK(err == (want_mem.n ? DT_OK : DT_ERR_NOTFOUND), "fill_boot_info: %d", err);
	ranges_normalize(&want_mem, true);
	ranges_from(&got, bi.mem, bi.n_mem);
	ranges_normalize(&got, true);
	CHECK(ranges_equal(&got, &want_mem), "memory differs from libfdt's (%u vs %u ranges)",
	      got.n, want_mem.n);
	ranges_normalize(&want_rsv, false);
	ranges_from(&got, bi.reserved, bi.n_reserved);
	ranges_normalize(&got, false);
	CHECK(ranges_equal(&got, &want_rsv), "reserved differs from libfdt's (%u vs %u ranges)",
	      got.n, want_rsv.n);
	CHECK(bi.dtb_base == pa && bi.dtb_size == fdt_totalsize(fdt), "dtb range");
	check_boot_info_sane(&bi);
}

/* stdout-path through libfdt: the part before ':' given to fdt_path_offset. */
static void compare_stdout(const struct dt *d, const void *fdt)
{
	int chosen = fdt_path_offset(fdt, "/chosen"), len, want = DT_ERR_NOTFOUND;
	const char *s = chosen >= 0 ? fdt_getprop(fdt, chosen, "stdout-path", &len) : NULL;

	if (s) {
		const char *colon = strchr(s, ':');
		int n = fdt_path_offset_namelen(fdt, s, colon ? (int)(colon - s) : (int)strlen(s));
		want = n >= 0 ? n : DT_ERR_NOTFOUND;
	}
	if (want >= 0)
		CHECK(dt_stdout_node(d) == want, "stdout node %d vs libfdt %d", dt_stdout_node(d), want);
}

/* --------------------------------------------- expectations per fixture */

static int path_ok(const struct dt *d, const char *path)
{
	int n = dt_path(d, path);
	CHECK(n >= 0, "dt_path(%s) = %d", path, n);
	return n;
}

static void expect_reg(const struct dt *d, const char *path, int i, bool translated,
		       int want_err, uint64_t want_a, uint64_t want_s)
{
	uint64_t a = 0, s = 0;
	int node = dt_path(d, path);
	int err = translated ? dt_reg_translated(d, node, i, &a, &s) : dt_reg(d, node, i, &a, &s);

	CHECK(err == want_err && (err || (a == want_a && s == want_s)),
	      "%s reg[%d]%s: %d %#llx+%#llx, want %d %#llx+%#llx", path, i,
	      translated ? " translated" : "", err, (unsigned long long)a, (unsigned long long)s,
	      want_err, (unsigned long long)want_a, (unsigned long long)want_s);
}

static bool has_range(const struct mem_range *r, unsigned n, uint64_t base, uint64_t size)
{
	for (unsigned i = 0; i < n; i++)
		if (r[i].base == base && r[i].size == size)
			return true;
	return false;
}

static void expect_board(const struct dt *d, bool v16)
{
	struct boot_info bi;
	int uart0 = path_ok(d, "/soc/serial@1000"), len;
	const char *s;
	uint32_t u;

	CHECK(dt_stdout_node(d) == uart0, "stdout-path serial0:115200n8 -> /soc/serial@1000");
	CHECK(dt_path(d, "serial0") == uart0 && dt_resolve(d, "serial0") == uart0, "alias serial0");
	CHECK(dt_path(d, "serial1") == dt_path(d, "/soc/serial@2000"), "alias serial1");
	CHECK(dt_path(d, "i2c0/eeprom@50") == dt_path(d, "/soc/bus@80000/i2c@100/eeprom@50") &&
	      dt_path(d, "i2c0/eeprom") >= 0, "alias with a path after it");
	CHECK(dt_path(d, "loop") == DT_ERR_NOTFOUND, "alias that is not a full path");
	CHECK(dt_path(d, "serial2") == DT_ERR_NOTFOUND, "unknown alias");
	CHECK(dt_path(d, "/soc/serial") == DT_ERR_NOTFOUND, "ambiguous unit-less name");
	CHECK(dt_path(d, "/interrupt-controller") == dt_path(d, "/interrupt-controller@8000000"),
	      "unique unit-less name");
	CHECK(dt_path(d, "/memory") == DT_ERR_NOTFOUND, "three memory nodes: ambiguous");
	CHECK(dt_path(d, "/soc/bus@80000/") == dt_path(d, "//soc//bus@80000"), "extra slashes");
	CHECK(dt_path(d, "/soc/serial@1000/x") == DT_ERR_NOTFOUND, "path past a leaf");

	CHECK(dt_is_compatible(d, dt_root(d), "ringel,board") &&
	      dt_is_compatible(d, dt_root(d), "ringel,board-v2") &&
	      !dt_is_compatible(d, dt_root(d), "ringel,boar"), "root compatible list");
	CHECK(dt_find_compatible(d, -1, "arm,pl011") == uart0 &&
	      dt_find_compatible(d, uart0, "arm,pl011") == dt_path(d, "/soc/serial@2000") &&
	      dt_find_compatible(d, dt_path(d, "/soc/serial@2000"), "arm,pl011") == DT_ERR_NOTFOUND,
	      "find_compatible sequence");
	CHECK(dt_find_compatible(d, -1, "arm,primecell") == uart0, "second compatible entry");
	CHECK(dt_find_device_type(d, -1, "cpu") == dt_path(d, "/cpus/cpu@0"), "device_type cpu");

	s = dt_prop_str(d, path_ok(d, "/psci"), "method");
	CHECK(s && !strcmp(s, "smc"), "psci method");
	CHECK(dt_prop_u32(d, path_ok(d, "/empty-values"), "u32", &u) == DT_OK && u == 0xdeadbeef,
	      "u32 property");
	CHECK(dt_prop_u32(d, dt_path(d, "/empty-values"), "u64", &u) == DT_ERR_BADVALUE &&
	      dt_prop_u32(d, dt_path(d, "/empty-values"), "nope", &u) == DT_ERR_NOTFOUND,
	      "u32 of a u64 / missing");
	CHECK(dt_prop(d, dt_path(d, "/empty-values"), "flag", &len) && len == 0, "empty property");
	CHECK(!dt_prop_str(d, dt_path(d, "/empty-values"), "notstr") &&
	      !dt_prop_str(d, dt_path(d, "/empty-values"), "flag") &&
	      dt_prop_str(d, dt_path(d, "/empty-values"), "strs"), "string checks");
	CHECK(dt_address_cells(d, dt_path(d, "/cpus")) == 1 && dt_size_cells(d, dt_path(d, "/cpus")) == 0 &&
	      dt_address_cells(d, dt_path(d, "/psci")) == 2 && dt_size_cells(d, dt_path(d, "/psci")) == 1,
	      "cells and defaults");

	expect_reg(d, "/cpus/cpu@1", 0, false, DT_OK, 1, 0);
	expect_reg(d, "/cpus/cpu@1", 1, false, DT_ERR_NOTFOUND, 0, 0);
	expect_reg(d, "/cpus/cpu@1", 0, true, DT_ERR_NOTFOUND, 0, 0);   /* /cpus has no ranges */
	expect_reg(d, "/memory@40000000", 1, false, DT_OK, 0x100000800ull, 0x10000000);
	expect_reg(d, "/memory@40000000", 2, false, DT_ERR_NOTFOUND, 0, 0);
	expect_reg(d, "/memory@40000000", -1, false, DT_ERR_NOTFOUND, 0, 0);
	expect_reg(d, "/interrupt-controller@8000000", 1, true, DT_OK, 0x080a0000, 0xf60000);
	expect_reg(d, "/soc/serial@1000", 0, false, DT_OK, 0x1000, 0x1000);
	expect_reg(d, "/soc/serial@1000", 0, true, DT_OK, 0x09001000, 0x1000);
	expect_reg(d, "/soc/bus@80000/i2c@100", 0, false, DT_OK, 0x100000100ull, 0x100);
	expect_reg(d, "/soc/bus@80000/i2c@100", 0, true, DT_OK, 0x09080100, 0x100);
	expect_reg(d, "/soc/bus@80000/timer@200", 1, true, DT_OK, 0x09080300, 0x20);
	expect_reg(d, "/soc/bus@80000/unmapped@2", 0, true, DT_ERR_NOTFOUND, 0, 0);
	expect_reg(d, "/soc/bus@80000/i2c@100/rtc@68", 0, false, DT_OK, 0x68, 0);
	expect_reg(d, "/soc/bus@80000/i2c@100/rtc@68", 0, true, DT_ERR_NOTFOUND, 0, 0);
	expect_reg(d, "/soc/misc/hidden@10", 0, false, DT_OK, 0x10, 4);
	expect_reg(d, "/soc/misc/hidden@10", 0, true, DT_ERR_NOTFOUND, 0, 0);
	expect_reg(d, "/", 0, false, DT_ERR_NOTFOUND, 0, 0);

	CHECK(dt_memreserve_count(d) == 2, "two /memreserve/ entries");
	CHECK(dt_fill_boot_info(d, 0x7f000000, &bi) == DT_OK, "fill_boot_info");
	/* 0x40000000+512M and 0x60000000+256M touch: one range; the bank at
	 * 0x100000800 is trimmed inward to pages; the disabled node is out. */
	CHECK(bi.n_mem == 2 && has_range(bi.mem, bi.n_mem, 0x40000000, 0x30000000) &&
	      has_range(bi.mem, bi.n_mem, 0x100001000ull, 0x10000000 - 0x1000), "memory ranges");
	CHECK(bi.n_reserved == 7 && has_range(bi.reserved, bi.n_reserved, 0x40000000, 0x1000) &&
	      has_range(bi.reserved, bi.n_reserved, 0x48000000, 0x200000) &&
	      has_range(bi.reserved, bi.n_reserved, 0x4e000000, 0x100000) &&
	      has_range(bi.reserved, bi.n_reserved, 0x50000000, 0x400000) &&
	      has_range(bi.reserved, bi.n_reserved, 0x51000000, 0x1000) &&
	      has_range(bi.reserved, bi.n_reserved, 0x7f000000, bi.dtb_size),
	      "reserved ranges (%u)", bi.n_reserved);
	CHECK(!strcmp(bi.cmdline, "console=ttyAMA0 root=/dev/vda rw"), "cmdline");
	CHECK(bi.initrd_base == 0x48000000 && bi.initrd_size == 0x200000, "32-bit initrd");
	CHECK(bi.dtb_base == 0x7f000000 && bi.dtb_size == dt_header_size(d->blob), "dtb range");
	CHECK(v16 == (rd32(d->blob + 20) == 16), "version field");
}

static void expect_small_cells(const struct dt *d)
{
	struct boot_info bi;

	CHECK(dt_stdout_node(d) == dt_path(d, "/uart@10000000"), "stdout-path full path + options");
	expect_reg(d, "/ram@80000000", 1, false, DT_OK, 0x90000000, 0x1000);
	CHECK(dt_fill_boot_info(d, 0x1000, &bi) == DT_OK, "fill_boot_info");
	CHECK(bi.n_mem == 2 && has_range(bi.mem, bi.n_mem, 0x80000000, 0x08000000), "memory");
	CHECK(bi.initrd_base == 0x81000000 && bi.initrd_size == 0x234567, "64-bit initrd");
	CHECK(bi.cmdline[0] == '\0', "empty bootargs");
}

static void expect_paths(const struct dt *d)
{
	struct boot_info bi;
	int deep = path_ok(d, "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p");
	uint32_t id = 0;

	CHECK(dt_path(d, "/node") == DT_ERR_NOTFOUND, "ambiguous node@1/node@2");
	CHECK(dt_prop_u32(d, dt_path(d, "/node@2"), "id", &id) == 0 && id == 2, "node@2");
	CHECK(dt_prop_u32(d, dt_path(d, "/single"), "id", &id) == 0 && id == 16, "unique single@10");
	CHECK(dt_prop_u32(d, dt_path(d, "/exact"), "id", &id) == 0 && id == 100, "exact name wins");
	CHECK(dt_path(d, "deep") == deep && dt_path(d, "deep/leaf") == dt_path(d, "deep/leaf@100"),
	      "alias to a deep node");
	CHECK(dt_path(d, "serial0") == DT_ERR_NOTFOUND && dt_stdout_node(d) == DT_ERR_NOTFOUND,
	      "dangling alias, no /chosen");
	CHECK(dt_find_compatible(d, -1, "ringel,deep") == deep, "find in a deep node");
	expect_reg(d, "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/leaf@100", 0, false, DT_OK, 0x100, 4);
	CHECK(dt_fill_boot_info(d, 0, &bi) == DT_ERR_NOTFOUND, "no memory: NOTFOUND");
}

static void expect_minimal(const struct dt *d)
{
	struct boot_info bi;

	CHECK(dt_root(d) == 0 && dt_first_child(d, 0) == DT_ERR_NOTFOUND &&
	      dt_first_prop(d, 0) == DT_ERR_NOTFOUND && dt_parent(d, 0) == DT_ERR_NOTFOUND &&
	      dt_next_sibling(d, 0) == DT_ERR_NOTFOUND, "an empty root");
	CHECK(dt_fill_boot_info(d, 0, &bi) == DT_ERR_NOTFOUND && bi.n_reserved == 1, "no memory");
}

/* Facts about QEMU's virt machine that the AArch64 port relies on. */
static void expect_qemu(const struct dt *d, const char *name)
{
	struct boot_info bi;
	int uart = dt_path(d, "/pl011@9000000");
	const char *method = dt_prop_str(d, dt_path(d, "/psci"), "method");
	uint64_t want_mem = strstr(name, "128m") ? 128ull << 20 : strstr(name, "2g") ? 2ull << 30 : 4ull << 30;

	CHECK(dt_address_cells(d, dt_root(d)) == 2 && dt_size_cells(d, dt_root(d)) == 2, "root cells 2/2");
	CHECK(uart >= 0 && dt_stdout_node(d) == uart, "stdout-path is /pl011@9000000");
	CHECK(dt_is_compatible(d, uart, "arm,pl011"), "pl011");
	expect_reg(d, "/pl011@9000000", 0, true, DT_OK, 0x09000000, 0x1000);
	CHECK(method && !strcmp(method, strstr(name, "el2") ? "smc" : "hvc"), "psci method %s",
	      method ? method : "(none)");
	CHECK(dt_find_compatible(d, -1, "arm,cortex-a53") >= 0, "cortex-a53 cpu");
	CHECK(dt_fill_boot_info(d, 0x40000000, &bi) == DT_OK, "fill_boot_info");
	CHECK(bi.n_mem == 1 && bi.mem[0].base == 0x40000000 && bi.mem[0].size == want_mem,
	      "memory at 0x40000000");
	if (strstr(name, "initrd")) {
		CHECK(bi.initrd_base == 0x48000000 && bi.initrd_size == 12345, "initrd from QEMU");
		CHECK(!strcmp(bi.cmdline, "console=ttyAMA0 earlycon"), "bootargs from QEMU");
	}
	CHECK(dt_memreserve_count(d) == 0, "no /memreserve/");
}

/* --------------------------------------------------- fixture test group */

static void test_fixture(const char *path, const uint8_t *blob, size_t size)
{
	const char *name = base_name(path);
	struct dt d;
	uint8_t *odd, *big;
	int err = dt_init(&d, blob, size);
	unsigned nodes;
	char note[64];

	check_group("%s: parse, expectations, libfdt oracle", name);
	CHECK(fdt_check_full(blob, size) == 0, "libfdt rejects the fixture");
	if (!CHECK(err == DT_OK, "dt_init: %s", dt_strerror(err))) {
		check_group_end(NULL);
		return;
	}
	CHECK(dt_header_size(blob) == fdt_totalsize(blob), "dt_header_size");
	if (!strcmp(name, "board.dtb") || !strcmp(name, "board-v16.dtb"))
		expect_board(&d, strstr(name, "v16") != NULL);
	else if (!strcmp(name, "small-cells.dtb"))
		expect_small_cells(&d);
	else if (!strcmp(name, "paths.dtb"))
		expect_paths(&d);
	else if (!strcmp(name, "minimal.dtb"))
		expect_minimal(&d);
	else if (!strncmp(name, "qemu-", 5))
		expect_qemu(&d, name);
	else
		CHECK(false, "no expectations for fixture %s", name);

	compare_with_libfdt(&d, blob, true);
	compare_boot_info(&d, blob, 0x48000000);
	compare_stdout(&d, blob);
	nodes = walk_everything(&d, blob, size);
	snprintf(note, sizeof(note), "%u nodes", nodes);

	/* At an odd address: every read must be alignment-safe (UBSan). */
	odd = malloc(size + 1);
	memcpy(odd + 1, blob, size);
	/* (libfdt itself refuses a misaligned blob: FDT_ERR_ALIGNMENT.) */
	CHECK(dt_init(&d, odd + 1, size) == DT_OK, "dt_init at an odd address");
	CHECK(walk_everything(&d, odd + 1, size) == nodes, "same tree at an odd address");
	free(odd);

	/* QEMU hands over its tree with totalsize 1 MiB, mostly free space. */
	big = calloc(1, 1 << 20);
	memcpy(big, blob, size);
	wr32(big + 4, 1 << 20);
	CHECK(dt_init(&d, big, 1 << 20) == DT_OK, "dt_init with 1 MiB totalsize");
	CHECK(dt_init(&d, big, (1 << 20) - 1) == DT_ERR_TRUNCATED, "totalsize past max_size");
	free(big);
	check_group_end(note);
}

/* ------------------------------------------------------------ mutations */

struct mutation_stats {
	unsigned blobs, accepted, lib_accepted, lib_unjudged, looser;
};

/* One corrupted blob, in a heap buffer of exactly its size so ASan sees any
 * read past it. */
static void exercise(struct mutation_stats *st, const uint8_t *src, size_t len, const char *what)
{
	uint8_t *buf = malloc(len ? len : 1);
	unsigned mark;
	struct dt d;
	int err, lib;

	memcpy(buf, src, len);
	mark = check_quiet_begin();
	watchdog(what);
	err = dt_init(&d, buf, len);
	lib = libfdt_verdict(buf, len);
	st->blobs++;
	st->lib_unjudged += lib < 0;
	st->lib_accepted += lib == 1;
	CHECK(lib != 1 || err == DT_OK, "%s: libfdt accepts, dt_init says %s", what, dt_strerror(err));
	if (err == DT_OK) {
		st->accepted++;
		if (lib == 0 && ++st->looser <= 3)
			printf("    note: %s: accepted, fdt_check_full rejects (%s)\n", what,
			       fdt_strerror(fdt_check_full(buf, len)));
		walk_everything(&d, buf, len);
		if (lib == 1)
			compare_with_libfdt(&d, buf, false);
	} else {
		CHECK(err < 0 && err >= DT_ERR_NOSPACE, "%s: dt_init returned %d", what, err);
		check_refuses_all(&d);
	}
	if (!check_quiet_end(mark) && getenv("DT_TEST_SAVE")) {
		/* Keep the blob for a closer look: DT_TEST_SAVE=dir */
		char name[300];
		FILE *f;
		snprintf(name, sizeof(name), "%s/dt-fail-%u.dtb", getenv("DT_TEST_SAVE"), st->blobs);
		f = fopen(name, "wb");
		if (f) {
			fwrite(src, 1, len, f);
			fclose(f);
			printf("    saved %s\n", name);
		}
	}
	free(buf);
}

/* Offsets and tags of every token of a valid blob, via libfdt. */
struct tokens {
	int off[8192];
	uint32_t tag[8192];
	int n;
};

/* size_dt_struct, or for a v16 header (which lacks it) the span up to the
 * strings block, which is where dtc puts it. */
static uint32_t struct_size(const uint8_t *blob)
{
	return rd32(blob + 20) >= 17 ? rd32(blob + 36) : rd32(blob + 12) - rd32(blob + 8);
}

static void list_tokens(const void *fdt, struct tokens *t)
{
	int off = 0, next;
	uint32_t tag;

	t->n = 0;
	do {
		tag = fdt_next_tag(fdt, off, &next);
		if (t->n < 8192) {
			t->off[t->n] = off;
			t->tag[t->n++] = tag;
		}
		off = next;
	} while (tag != FDT_END && next >= 0);
}

static void with_word(struct mutation_stats *st, const uint8_t *blob, size_t size, size_t at,
		      uint32_t v, const char *what)
{
	uint8_t *m = malloc(size);

	memcpy(m, blob, size);
	if (at + 4 <= size)
		wr32(m + at, v);
	exercise(st, m, size, what);
	free(m);
}

static void mutate_header(struct mutation_stats *st, const uint8_t *blob, size_t size)
{
	uint32_t total = rd32(blob + 4);
	const uint32_t extremes[] = { 0, 1, 2, 3, 4, 8, 16, 17, 18, 36, 40, 0x7fffffff, 0x80000000,
				      0xffffffff, 0xfffffffc, 0xfffffff0, total, total - 1, total + 1,
				      total - 4, total / 2 };

	for (int field = 0; field < 10; field++) {
		uint32_t orig = rd32(blob + 4 * field);
		for (size_t i = 0; i < sizeof(extremes) / sizeof(extremes[0]); i++)
			with_word(st, blob, size, 4 * (size_t)field, extremes[i], "header extreme");
		for (int delta = -8; delta <= 8; delta++)
			with_word(st, blob, size, 4 * (size_t)field, orig + (uint32_t)delta, "header +-");
	}
}

static void mutate_truncations(struct mutation_stats *st, const uint8_t *blob, size_t size)
{
	uint8_t *m = malloc(size);

	for (size_t len = 0; len < size; len++) {
		/* As given (totalsize now lies), and with totalsize cut to match. */
		exercise(st, blob, len, "truncated");
		if (len >= 8) {
			memcpy(m, blob, len);
			wr32(m + 4, (uint32_t)len);
			exercise(st, m, len, "truncated, totalsize fixed");
		}
	}
	free(m);
}

/* Token-aware corruptions: property lengths, name offsets, node tokens. */
static void mutate_tokens(struct mutation_stats *st, const uint8_t *blob, size_t size)
{
	static struct tokens t;
	uint32_t off_struct = rd32(blob + 8), size_struct = struct_size(blob);
	uint32_t size_strings = rd32(blob + 32);
	int props = 0, nodes = 0;

	list_tokens(blob, &t);
	for (int i = 0; i < t.n; i++) {
		size_t at = off_struct + (size_t)t.off[i];
		uint32_t room = size_struct - (uint32_t)t.off[i];
		if (t.tag[i] == FDT_PROP && props++ < 150) {
			const uint32_t lens[] = { 0xffffffff, 0xfffffff4, 0xfffffff8, 0xfffffffc,
						  0x80000000, 0x7fffffff, size_struct, room - 12,
						  room - 11, room - 16, room };
			const uint32_t nameoffs[] = { size_strings, size_strings - 1, size_strings + 1,
						      0xffffffff, 0x80000000, rd32(blob + 4) };
			for (size_t k = 0; k < sizeof(lens) / sizeof(lens[0]); k++)
				with_word(st, blob, size, at + 4, lens[k], "property length");
			for (size_t k = 0; k < sizeof(nameoffs) / sizeof(nameoffs[0]); k++)
				with_word(st, blob, size, at + 8, nameoffs[k], "name offset");
		}
		if ((t.tag[i] == FDT_BEGIN_NODE || t.tag[i] == FDT_END_NODE) && nodes++ < 150) {
			/* Unbalanced nesting and lost nodes. */
			with_word(st, blob, size, at, FDT_NOP, "node token -> NOP");
			with_word(st, blob, size, at,
				  t.tag[i] == FDT_BEGIN_NODE ? FDT_END_NODE : FDT_BEGIN_NODE,
				  "node token swapped");
			with_word(st, blob, size, at, FDT_END, "node token -> END");
		}
		if (t.tag[i] == FDT_BEGIN_NODE && nodes < 150) {
			/* Unterminated name: fill the name and padding. */
			uint8_t *m = malloc(size);
			bool hit = false;
			memcpy(m, blob, size);
			for (size_t k = at + 4; k < size; k++) {
				if (!m[k]) {
					m[k] = 'x';
					hit = true;
				}
				if (hit && (k + 1 - off_struct) % 4 == 0)
					break;
			}
			exercise(st, m, size, "node name overrun");
			free(m);
		}
		if (t.tag[i] == FDT_END) {
			with_word(st, blob, size, at, FDT_NOP, "FDT_END -> NOP");
			with_word(st, blob, size, at, 0, "FDT_END -> 0");
			with_word(st, blob, size, at, FDT_END_NODE, "FDT_END -> END_NODE");
			if (rd32(blob + 20) >= 17)
				with_word(st, blob, size, 36, size_struct - 4, "size_struct before FDT_END");
		}
	}
}

static void mutate_random(struct mutation_stats *st, const uint8_t *blob, size_t size,
			  unsigned count)
{
	uint8_t *m = malloc(size);
	uint32_t off_struct = rd32(blob + 8), size_struct = struct_size(blob);

	for (unsigned i = 0; i < count; i++) {
		unsigned kind = rnd_below(6), n = 1 + rnd_below(4);
		memcpy(m, blob, size);
		for (unsigned k = 0; k < n; k++) {
			size_t at = rnd_below((uint32_t)size);
			size_t word = off_struct + 4 * (size_t)rnd_below(size_struct / 4);
			switch (kind) {
			case 0:  /* a random byte anywhere */
				m[at] = (uint8_t)rnd();
				break;
			case 1:  /* one bit anywhere */
				m[at] ^= (uint8_t)(1u << rnd_below(8));
				break;
			case 2:  /* a token-sized word of the structure block: small values */
				if (word + 4 <= size)
					wr32(m + word, rnd_below(12));
				break;
			case 3:  /* a word copied elsewhere in the structure block */
				if (word + 4 <= size) {
					size_t from = off_struct + 4 * (size_t)rnd_below(size_struct / 4);
					if (from + 4 <= size)
						memmove(m + word, blob + from, 4);
				}
				break;
			case 4:  /* a header field */
				wr32(m + 4 * rnd_below(10), (uint32_t)rnd() >> rnd_below(32));
				break;
			default:  /* a random 32-bit word in the structure block */
				if (word + 4 <= size)
					wr32(m + word, (uint32_t)rnd());
				break;
			}
		}
		exercise(st, m, size, "random");
	}
	free(m);
}

static void test_mutations(const char *path, const uint8_t *blob, size_t size, unsigned count)
{
	struct mutation_stats st = { 0 };
	char note[200];

	rng_state = 0x9e3779b97f4a7c15ull;
	for (const char *p = base_name(path); *p; p++)
		rng_state = (rng_state ^ (uint8_t)*p) * 0x100000001b3ull;

	check_group("%s: corrupted copies", base_name(path));
	mutate_header(&st, blob, size);
	mutate_truncations(&st, blob, size);
	mutate_tokens(&st, blob, size);
	mutate_random(&st, blob, size, count);
	snprintf(note, sizeof(note),
		 "%u blobs, %u accepted (libfdt %u, %u kept from libfdt), %u accepted only by us",
		 st.blobs, st.accepted, st.lib_accepted, st.lib_unjudged, st.looser);
	check_group_end(note);
}

/* ----------------------------------------------------- hand-built blobs */

/* A tiny FDT writer for blobs dtc will not produce. */
struct fdtw {
	uint8_t st[1 << 16];
	size_t n;
	char strs[4096];
	size_t ns;
	uint8_t rsv[256];
	size_t nrsv;
};

static void w_u32(struct fdtw *w, uint32_t v)
{
	wr32(w->st + w->n, v);
	w->n += 4;
}

static void w_begin(struct fdtw *w, const char *name)
{
	size_t n = strlen(name) + 1;
	w_u32(w, FDT_BEGIN_NODE);
	memset(w->st + w->n, 0, (n + 3) & ~3u);
	memcpy(w->st + w->n, name, n);
	w->n += (n + 3) & ~3u;
}

static uint32_t w_string(struct fdtw *w, const char *s)
{
	for (size_t i = 0; i < w->ns; i += strlen(w->strs + i) + 1)
		if (!strcmp(w->strs + i, s))
			return (uint32_t)i;
	memcpy(w->strs + w->ns, s, strlen(s) + 1);
	w->ns += strlen(s) + 1;
	return (uint32_t)(w->ns - strlen(s) - 1);
}

static void w_prop(struct fdtw *w, const char *name, const void *v, size_t len)
{
	w_u32(w, FDT_PROP);
	w_u32(w, (uint32_t)len);
	w_u32(w, w_string(w, name));
	memset(w->st + w->n, 0, (len + 3) & ~(size_t)3);
	memcpy(w->st + w->n, v, len);
	w->n += (len + 3) & ~(size_t)3;
}

static void w_cells(struct fdtw *w, const char *name, int n, ...)
{
	uint8_t v[256];
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++)
		wr32(v + 4 * i, va_arg(ap, uint32_t));
	va_end(ap);
	w_prop(w, name, v, 4 * (size_t)n);
}

static void w_str(struct fdtw *w, const char *name, const char *s)
{
	w_prop(w, name, s, strlen(s) + 1);
}

static void w_rsv(struct fdtw *w, uint64_t a, uint64_t s)
{
	wr32(w->rsv + w->nrsv, (uint32_t)(a >> 32));
	wr32(w->rsv + w->nrsv + 4, (uint32_t)a);
	wr32(w->rsv + w->nrsv + 8, (uint32_t)(s >> 32));
	wr32(w->rsv + w->nrsv + 12, (uint32_t)s);
	w->nrsv += 16;
}

/* header | rsvmap + terminator | struct | strings, in a malloc'd buffer. */
static uint8_t *w_finish(struct fdtw *w, size_t *size)
{
	size_t off_rsv = 40, off_struct = off_rsv + w->nrsv + 16;
	size_t off_strings = off_struct + w->n, total = off_strings + w->ns;
	uint8_t *b = calloc(1, total);
	const uint32_t h[10] = { FDT_MAGIC, (uint32_t)total, (uint32_t)off_struct,
				 (uint32_t)off_strings, (uint32_t)off_rsv, 17, 16, 0,
				 (uint32_t)w->ns, (uint32_t)w->n };

	for (int i = 0; i < 10; i++)
		wr32(b + 4 * i, h[i]);
	memcpy(b + off_rsv, w->rsv, w->nrsv);
	memcpy(b + off_struct, w->st, w->n);
	memcpy(b + off_strings, w->strs, w->ns);
	*size = total;
	return b;
}

static struct fdtw *w_new(void)
{
	return calloc(1, sizeof(struct fdtw));
}

/* Build, check both parsers' verdicts, and hand back the tree for more. */
static uint8_t *expect_blob(struct fdtw *w, int want_err, bool libfdt_ok, struct dt *d,
			    size_t *size, const char *what)
{
	uint8_t *b = w_finish(w, size);
	int err = dt_init(d, b, *size);

	CHECK(err == want_err, "%s: dt_init %d (%s), want %d", what, err, dt_strerror(err), want_err);
	CHECK((fdt_check_full(b, *size) == 0) == libfdt_ok, "%s: libfdt verdict", what);
	if (err == DT_OK) {
		walk_everything(d, b, *size);
		if (libfdt_ok)
			compare_with_libfdt(d, b, true);
	}
	free(w);
	return b;
}

static void test_format_corners(void)
{
	struct fdtw *w;
	struct dt d;
	size_t size;
	uint8_t *b;

	check_group("hand-built: format corner cases");

	w = w_new();   /* No root node at all: libfdt accepts it. */
	w_u32(w, FDT_NOP);
	w_u32(w, FDT_END);
	b = expect_blob(w, DT_OK, true, &d, &size, "empty structure");
	CHECK(dt_root(&d) == DT_ERR_NOTFOUND && dt_path(&d, "/") == DT_ERR_NOTFOUND &&
	      dt_find_compatible(&d, -1, "x") == DT_ERR_NOTFOUND, "no root");
	free(b);

	w = w_new();   /* Properties before the root and after a child. */
	w_str(w, "stray", "before root");
	w_begin(w, "");
	w_u32(w, FDT_NOP);
	w_str(w, "a", "1");
	w_u32(w, FDT_NOP);
	w_begin(w, "child");
	w_u32(w, FDT_END_NODE);
	w_str(w, "late", "after child");
	w_begin(w, "second");
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END);
	b = expect_blob(w, DT_OK, true, &d, &size, "properties out of place");
	CHECK(dt_root(&d) == 24 && dt_prop_str(&d, 24, "a") && !dt_prop(&d, 24, "late", NULL) &&
	      dt_path(&d, "/second") >= 0, "late property hidden, as libfdt does");
	free(b);

	w = w_new();   /* Deep nesting: no recursion, no depth limit. */
	w_begin(w, "");
	for (int i = 0; i < 600; i++)
		w_begin(w, i == 599 ? "leaf" : "n");
	w_str(w, "compatible", "deep,leaf");
	for (int i = 0; i < 601; i++)
		w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END);
	b = expect_blob(w, DT_OK, true, &d, &size, "600 levels");
	{
		int leaf = dt_find_compatible(&d, -1, "deep,leaf"), depth = 0;
		for (int n = leaf; n >= 0; n = dt_parent(&d, n))
			depth++;
		CHECK(leaf > 0 && depth == 601 && !strcmp(dt_node_name(&d, leaf), "leaf"), "depth %d",
		      depth);
	}
	free(b);

	w = w_new();   /* Two roots. */
	w_begin(w, "");
	w_u32(w, FDT_END_NODE);
	w_begin(w, "");
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END);
	free(expect_blob(w, DT_ERR_BADSTRUCT, false, &d, &size, "two roots"));

	w = w_new();   /* A named root. */
	w_begin(w, "root");
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END);
	free(expect_blob(w, DT_ERR_BADSTRUCT, false, &d, &size, "named root"));

	w = w_new();   /* NOP after the root: libfdt refuses, so do we. */
	w_begin(w, "");
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_NOP);
	w_u32(w, FDT_END);
	free(expect_blob(w, DT_ERR_BADSTRUCT, false, &d, &size, "NOP after root"));

	w = w_new();   /* Unclosed node. */
	w_begin(w, "");
	w_begin(w, "a");
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END);
	free(expect_blob(w, DT_ERR_BADSTRUCT, false, &d, &size, "unbalanced"));

	w = w_new();   /* Unknown token. */
	w_begin(w, "");
	w_u32(w, 5);
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END);
	free(expect_blob(w, DT_ERR_BADSTRUCT, false, &d, &size, "token 5"));

	w = w_new();   /* No FDT_END. */
	w_begin(w, "");
	w_u32(w, FDT_END_NODE);
	free(expect_blob(w, DT_ERR_BADSTRUCT, false, &d, &size, "no FDT_END"));

	w = w_new();   /* Property name offset past the strings block. */
	w_begin(w, "");
	w_str(w, "x", "y");
	wr32(w->st + 8 + 8, 2);
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END);
	free(expect_blob(w, DT_ERR_BADSTRUCT, false, &d, &size, "name offset past strings"));

	w = w_new();   /* Property name not terminated inside the strings block. */
	w_begin(w, "");
	w_str(w, "x", "y");
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END);
	w->ns = 1;
	free(expect_blob(w, DT_ERR_BADSTRUCT, false, &d, &size, "name not terminated"));

	w = w_new();   /* Property value running past the block. */
	w_begin(w, "");
	w_str(w, "x", "y");
	wr32(w->st + 8 + 4, 100);
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END);
	free(expect_blob(w, DT_ERR_BADSTRUCT, false, &d, &size, "value too long"));

	w = w_new();   /* Node name running to the end of the block. */
	w_u32(w, FDT_BEGIN_NODE);
	w_u32(w, 0x41414141);
	free(expect_blob(w, DT_ERR_BADSTRUCT, false, &d, &size, "name not terminated"));
	check_group_end(NULL);
}

static void test_header_errors(void)
{
	struct fdtw *w = w_new();
	struct dt d;
	size_t size;
	uint8_t *b, *m;

	check_group("hand-built: header checks and error codes");
	w_rsv(w, 0x1000, 0x2000);
	w_begin(w, "");
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END);
	b = w_finish(w, &size);
	free(w);
	m = malloc(size);
#define WITH(field, value, max, want)                                                  \
	do {                                                                           \
		memcpy(m, b, size);                                                    \
		wr32(m + 4 * (field), (value));                                        \
		CHECK(dt_init(&d, m, (max)) == (want), "header field %d = %#x: %s", \
		      (field), (unsigned)(value), dt_strerror(dt_init(&d, m, (max))));  \
		if ((want) != DT_OK)                                                   \
			check_refuses_all(&d);                                          \
	} while (0)
	WITH(0, FDT_MAGIC, size, DT_OK);
	WITH(0, 0xedfe0dd0, size, DT_ERR_MAGIC);
	WITH(5, 15, size, DT_ERR_VERSION);
	WITH(5, 16, size, DT_OK);                 /* read as v16: size_dt_struct unused */
	WITH(6, 18, size, DT_ERR_VERSION);
	WITH(6, 0, size, DT_OK);
	WITH(5, 0x100, size, DT_OK);              /* newer, but readable as 17 */
	WITH(1, (uint32_t)size + 1, size, DT_ERR_TRUNCATED);
	WITH(1, 39, size, DT_ERR_BADLAYOUT);
	WITH(1, 0x80000000, 0xffffffffu, DT_ERR_BADLAYOUT);
	WITH(2, (uint32_t)size + 4, size, DT_ERR_BADLAYOUT);
	WITH(2, 36, size, DT_ERR_BADLAYOUT);      /* inside the header */
	WITH(9, (uint32_t)size, size, DT_ERR_BADLAYOUT);
	WITH(3, (uint32_t)size + 1, size, DT_ERR_BADLAYOUT);
	WITH(8, 0xffffffff, size, DT_ERR_BADLAYOUT);
	WITH(4, (uint32_t)size - 8, size, DT_ERR_BADLAYOUT);  /* rsvmap runs off */
	WITH(4, 41, size, DT_OK);                 /* misaligned map: libfdt reads it too */
	CHECK(dt_init(&d, b, 39) == DT_ERR_TRUNCATED && dt_init(&d, b, 3) == DT_ERR_TRUNCATED &&
	      dt_init(&d, b, 0) == DT_ERR_TRUNCATED, "max_size below the header");
	CHECK(dt_init(&d, NULL, 100) == DT_ERR_MAGIC, "NULL blob");
	wr32(m, 0xd00dfeee);
	CHECK(dt_header_size(b) == size && dt_header_size(NULL) == 0 && dt_header_size(m) == 0,
	      "dt_header_size");
	memcpy(m, b, size);
	CHECK(dt_init(&d, m, size) == DT_OK && dt_memreserve_count(&d) == 1, "memreserve count");
	CHECK(fdt_check_full(m, size) == 0, "libfdt agrees on the base blob");
	for (int e = DT_ERR_NOSPACE - 1; e <= 0; e++)
		CHECK(dt_strerror(e) && *dt_strerror(e), "dt_strerror(%d)", e);
#undef WITH
	free(m);
	free(b);
	check_group_end(NULL);
}

static void test_values(void)
{
	struct fdtw *w;
	struct boot_info bi;
	struct dt d;
	size_t size;
	uint8_t *b;
	uint64_t a, s;
	char longargs[400];

	check_group("hand-built: reg, ranges and boot_info values");

	w = w_new();
	w_begin(w, "");
	w_cells(w, "#address-cells", 1, 2);
	w_cells(w, "#size-cells", 1, 2);
	w_begin(w, "memory@0");
	w_str(w, "device_type", "memory");
	w_cells(w, "reg", 4, 0xffffffff, 0xfffff000, 0, 0x2000);     /* wraps */
	w_u32(w, FDT_END_NODE);
	w_begin(w, "three");
	w_cells(w, "#address-cells", 1, 3);
	w_cells(w, "#size-cells", 1, 0);
	w_begin(w, "dev");
	w_cells(w, "reg", 3, 1, 2, 3);
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END_NODE);
	w_begin(w, "odd");
	w_cells(w, "reg", 3, 1, 2, 3);                               /* 3 cells, entries of 4 */
	w_u32(w, FDT_END_NODE);
	w_begin(w, "bus");
	w_cells(w, "#address-cells", 1, 1);
	w_cells(w, "#size-cells", 1, 1);
	w_cells(w, "ranges", 4, 0x0, 0xffffffff, 0xffffff00, 0x1000);  /* translation wraps */
	w_begin(w, "dev");
	w_cells(w, "reg", 2, 0x800, 0x10);
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END_NODE);
	w_begin(w, "bus0");
	w_cells(w, "#address-cells", 1, 1);
	w_cells(w, "#size-cells", 1, 0);
	w_cells(w, "ranges", 3, 0x0, 0x0, 0x1000);                    /* size-cells 0 ranges */
	w_begin(w, "dev");
	w_cells(w, "reg", 1, 0x10);
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END_NODE);
	w_u32(w, FDT_END);
	b = expect_blob(w, DT_OK, true, &d, &size, "odd values");
	CHECK(dt_reg(&d, dt_path(&d, "/memory@0"), 0, &a, &s) == DT_ERR_BADVALUE, "wrapping reg");
	CHECK(dt_reg(&d, dt_path(&d, "/three/dev"), 0, &a, &s) == DT_ERR_BADVALUE, "3 address cells");
	CHECK(dt_reg(&d, dt_path(&d, "/odd"), 0, &a, &s) == DT_ERR_BADVALUE, "reg length");
	CHECK(dt_reg(&d, dt_path(&d, "/bus/dev"), 0, &a, &s) == DT_OK && a == 0x800 &&
	      dt_reg_translated(&d, dt_path(&d, "/bus/dev"), 0, &a, &s) == DT_ERR_BADVALUE,
	      "translation past 2^64");
	CHECK(dt_reg_translated(&d, dt_path(&d, "/bus0/dev"), 0, &a, &s) == DT_ERR_BADVALUE,
	      "ranges with size-cells 0");
	CHECK(dt_fill_boot_info(&d, 0, &bi) == DT_ERR_BADVALUE, "fill_boot_info: wrapping memory");
	free(b);

	/* boot_info corner cases, one tree each. */
	for (int variant = 0; variant < 9; variant++) {
		static const int want[] = { DT_ERR_BADVALUE, DT_ERR_BADVALUE, DT_ERR_BADVALUE,
					    DT_ERR_BADVALUE, DT_ERR_NOSPACE, DT_OK, DT_ERR_BADVALUE,
					    DT_OK, DT_OK };
		w = w_new();
		if (variant == 3)
			w_rsv(w, 0xfffffffffffff000ull, 0x2000);
		w_begin(w, "");
		w_cells(w, "#address-cells", 1, 1);
		w_cells(w, "#size-cells", 1, 1);
		w_begin(w, "chosen");
		if (variant == 0)
			w_prop(w, "bootargs", "abc", 3);                    /* not terminated */
		if (variant == 1)
			w_cells(w, "linux,initrd-start", 1, 0x1000);         /* no end */
		if (variant == 2) {
			w_cells(w, "linux,initrd-start", 1, 0x2000);
			w_cells(w, "linux,initrd-end", 1, 0x1000);           /* before start */
		}
		if (variant == 5) {
			memset(longargs, 'x', sizeof(longargs) - 1);
			longargs[sizeof(longargs) - 1] = '\0';
			w_str(w, "bootargs", longargs);
		}
		if (variant == 8)
			w_prop(w, "bootargs", "", 0);                        /* empty: "" */
		if (variant == 6) {
			w_cells(w, "linux,initrd-start", 3, 0, 0, 0x1000);   /* 12 bytes */
			w_cells(w, "linux,initrd-end", 1, 0x2000);
		}
		w_u32(w, FDT_END_NODE);
		w_begin(w, "memory");
		w_str(w, "device_type", "memory");
		if (variant == 4) {   /* 70 separate ranges: more than mem[] holds */
			uint8_t reg[70 * 8];
			for (int i = 0; i < 70; i++) {
				wr32(reg + 8 * i, 0x10000000u + 0x100000u * (uint32_t)i);
				wr32(reg + 8 * i + 4, 0x1000);
			}
			w_prop(w, "reg", reg, sizeof(reg));
		} else {
			w_cells(w, "reg", 2, 0x80000000, 0x1000000);
		}
		w_u32(w, FDT_END_NODE);
		if (variant == 7) {   /* reserved-memory: static, dynamic, disabled */
			w_begin(w, "reserved-memory");
			w_cells(w, "#address-cells", 1, 1);
			w_cells(w, "#size-cells", 1, 1);
			w_prop(w, "ranges", "", 0);
			w_begin(w, "a@81000000");
			w_cells(w, "reg", 2, 0x81000000, 0x10000);
			w_u32(w, FDT_END_NODE);
			w_begin(w, "dyn");
			w_cells(w, "size", 1, 0x10000);
			w_u32(w, FDT_END_NODE);
			w_begin(w, "off@82000000");
			w_cells(w, "reg", 2, 0x82000000, 0x10000);
			w_str(w, "status", "disabled");
			w_u32(w, FDT_END_NODE);
			w_u32(w, FDT_END_NODE);
		}
		w_u32(w, FDT_END_NODE);
		w_u32(w, FDT_END);
		b = expect_blob(w, DT_OK, true, &d, &size, "boot_info variant");
		CHECK(dt_fill_boot_info(&d, 0x1000, &bi) == want[variant], "boot_info variant %d: %d",
		      variant, dt_fill_boot_info(&d, 0x1000, &bi));
		if (variant == 4)
			CHECK(bi.n_mem == BOOT_MAX_RANGES, "mem[] filled up");
		if (variant == 5)
			CHECK(strlen(bi.cmdline) == BOOT_CMDLINE_MAX - 1, "cmdline truncated");
		if (variant == 7)
			CHECK(bi.n_reserved == 2 && has_range(bi.reserved, 2, 0x81000000, 0x10000),
			      "only the static, enabled reservation");
		free(b);
	}
	check_group_end(NULL);
}

/* ------------------------------------------------------------------ main */

int main(int argc, char **argv)
{
	unsigned mutations = 600;
	int fixtures = 0;

	for (int i = 1; i < argc; i++) {
		size_t size;
		uint8_t *blob;
		if (!strcmp(argv[i], "--mutations") && i + 1 < argc) {
			mutations = (unsigned)strtoul(argv[++i], NULL, 0);
			continue;
		}
		blob = read_file(argv[i], &size);
		check_group("%s: read", base_name(argv[i]));
		if (!CHECK(blob != NULL, "cannot read %s", argv[i])) {
			check_group_end(NULL);
			continue;
		}
		fixtures++;
		test_fixture(argv[i], blob, size);
		test_mutations(argv[i], blob, size, mutations);
		free(blob);
	}
	check_group("fixtures given");
	CHECK(fixtures >= 5, "only %d fixtures on the command line", fixtures);
	check_group_end(NULL);
	test_format_corners();
	test_header_errors();
	test_values();

	return check_finish();
}

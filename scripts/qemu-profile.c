/* A QEMU TCG plugin that counts the guest instructions executed at each
 * translation block's start address, for scripts/profile.
 *
 *   qemu-system-... -plugin ./qemu-profile.so,out=FILE
 *
 * At exit it writes one line per block start: "<hex address> <instructions>".
 * scripts/profile symbolizes them with the kernel's symbol table.
 *
 * Debian ships QEMU's plugin loader but not its header (qemu-plugin.h), so
 * the few declarations used here are written out below, from the plugin API
 * documentation (version 1, QEMU 7.2; later versions keep these calls).  The
 * counting is an inline add, done by the translated code itself: no call
 * into the plugin per executed block.  A block that an exception leaves
 * early still counts whole, so figures are a close upper bound. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the plugin API, as documented (opaque types, C calling convention) */
typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
typedef struct qemu_info_t qemu_info_t;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 = 0 };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);
void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, qemu_plugin_vcpu_tb_trans_cb_t cb);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, enum qemu_plugin_op op,
					      void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id, qemu_plugin_udata_cb_t cb, void *userdata);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
uint64_t qemu_plugin_tb_vaddr(const struct qemu_plugin_tb *tb);
void qemu_plugin_outs(const char *string);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;

/* ---- one counter per block start address, in an open-addressing table
 * that grows; retranslations of the same block reuse its counter. */
struct site {
	uint64_t vaddr;
	uint64_t insns;   /* incremented by the translated code */
	int used;
};

static struct site **table;   /* pointers: counters must never move */
static size_t cap, count;
static char out_path[4096] = "qemu-profile.out";

static size_t slot(struct site **t, size_t n, uint64_t vaddr)
{
	size_t i = (size_t)((vaddr * 0x9E3779B97F4A7C15ull) >> 20) & (n - 1);
	while (t[i] && t[i]->vaddr != vaddr)
		i = (i + 1) & (n - 1);
	return i;
}

static int grow(void)
{
	size_t ncap = cap ? cap * 2 : 1u << 16;
	struct site **nt = calloc(ncap, sizeof *nt);
	if (!nt)
		return -1;
	for (size_t i = 0; i < cap; i++)
		if (table[i])
			nt[slot(nt, ncap, table[i]->vaddr)] = table[i];
	free(table);
	table = nt;
	cap = ncap;
	return 0;
}

static struct site *site_for(uint64_t vaddr)
{
	if ((count + 1) * 2 > cap && grow() < 0)
		return NULL;
	size_t i = slot(table, cap, vaddr);
	if (!table[i]) {
		table[i] = calloc(1, sizeof **table);
		if (!table[i])
			return NULL;
		table[i]->vaddr = vaddr;
		count++;
	}
	return table[i];
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	(void)id;
	struct site *s = site_for(qemu_plugin_tb_vaddr(tb));
	if (s)
		qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &s->insns,
							 qemu_plugin_tb_n_insns(tb));
}

static void write_counts(qemu_plugin_id_t id, void *unused)
{
	(void)id;
	(void)unused;
	FILE *f = fopen(out_path, "w");
	if (!f) {
		qemu_plugin_outs("qemu-profile: cannot write the output file\n");
		return;
	}
	for (size_t i = 0; i < cap; i++)
		if (table[i] && table[i]->insns)
			fprintf(f, "%llx %llu\n", (unsigned long long)table[i]->vaddr,
				(unsigned long long)table[i]->insns);
	fclose(f);
}

__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++) {
		if (strncmp(argv[i], "out=", 4) == 0)
			snprintf(out_path, sizeof out_path, "%s", argv[i] + 4);
	}
	if (grow() < 0)
		return -1;
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, write_counts, NULL);
	return 0;
}

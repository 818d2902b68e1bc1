/* Just enough ACPI to find the interrupt hardware: the RSDP (GRUB hands us
 * a copy in the Multiboot2 record), the RSDT or XSDT it points to, and in
 * there the MADT ("APIC"), which gives the local APIC's address, the
 * processors (their APIC ids: smp.c starts them), the IOAPIC's address and
 * first GSI, and how ISA IRQs are wired to GSIs (interrupt source
 * overrides: on PCs the PIT's IRQ 0 arrives on GSI 2);
 * and the MCFG, where PCI configuration space is memory-mapped (q35).
 *
 * The tables live in firmware-reserved memory outside the direct map, so
 * each is reached through ioremap.  Without a usable MADT, x86_madt keeps
 * the PC defaults (identity ISA wiring) and found = false. */
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include "x86.h"

struct madt_info x86_madt;
struct mcfg_info x86_mcfg;
struct acpi_s5 x86_acpi_s5;

struct sdt_header {
	char sig[4];
	uint32_t length;
	uint8_t revision, checksum;
	char oem_id[6], oem_table_id[8];
	uint32_t oem_revision, creator_id, creator_revision;
} __attribute__((packed));
_Static_assert(sizeof(struct sdt_header) == 36, "ACPI table header is 36 bytes");

struct rsdp {
	char sig[8];             /* "RSD PTR " */
	uint8_t checksum;        /* over the first 20 bytes */
	char oem_id[6];
	uint8_t revision;        /* 0: ACPI 1.0 (RSDT only); 2+: XSDT fields valid */
	uint32_t rsdt_pa;
	uint32_t length;
	uint64_t xsdt_pa;
	uint8_t ext_checksum;    /* over all 'length' bytes */
	uint8_t reserved[3];
} __attribute__((packed));

/* MADT entry types */
#define MADT_LAPIC          0
#define MADT_IOAPIC         1
#define MADT_ISO            2   /* interrupt source override */
#define MADT_LAPIC_OVERRIDE 5   /* 64-bit local APIC address */
#define MADT_X2APIC         9   /* a processor whose APIC id needs 32 bits */
#define MADT_CPU_ENABLED    1u  /* flags bit 0; bit 1 (online capable) means hot-plug: skipped */

#define MAX_TABLE_SIZE (1u << 20)   /* anything bigger is not a table we read */

static bool checksum_ok(const void *p, size_t n)
{
	uint8_t sum = 0;
	for (size_t i = 0; i < n; i++)
		sum += ((const uint8_t *)p)[i];
	return sum == 0;
}

/* Map a whole table: its header first, to learn the length.  NULL if it
 * cannot be mapped or its length is absurd. */
static const struct sdt_header *map_table(uint64_t pa)
{
	const struct sdt_header *h = ioremap(pa, sizeof *h);
	if (!h || h->length < sizeof *h || h->length > MAX_TABLE_SIZE)
		return NULL;
	if (ALIGN_DOWN(pa, PAGE_SIZE) == ALIGN_DOWN(pa + h->length - 1, PAGE_SIZE))
		return h;   /* already covered by the first mapping */
	return ioremap(pa, h->length);
}

/* A processor entry: usable if enabled, counted once per APIC id (a table
 * listing one twice, or in both kinds of entry, starts it once). */
static void add_cpu(uint32_t apic_id, uint32_t flags)
{
	if (!(flags & MADT_CPU_ENABLED) || apic_id == 0xffffffff)
		return;
	for (unsigned i = 0; i < x86_madt.ncpus; i++)
		if (x86_madt.cpu_apic_ids[i] == apic_id)
			return;
	x86_madt.ncpus_listed++;
	if (x86_madt.ncpus < MADT_MAX_CPUS)
		x86_madt.cpu_apic_ids[x86_madt.ncpus++] = apic_id;
}

static void parse_madt(const struct sdt_header *h)
{
	const uint8_t *p = (const uint8_t *)h;
	uint32_t lapic32;
	memcpy(&lapic32, p + sizeof *h, 4);
	x86_madt.lapic_pa = lapic32;
	bool have_ioapic = false;
	for (uint32_t off = sizeof *h + 8; off + 2 <= h->length;) {
		uint8_t type = p[off], len = p[off + 1];
		if (len < 2 || off + len > h->length)
			break;
		const uint8_t *e = p + off;
		if (type == MADT_IOAPIC && len >= 12) {
			uint32_t addr, gsi_base;
			memcpy(&addr, e + 4, 4);
			memcpy(&gsi_base, e + 8, 4);
			/* The one that serves GSI 0 (the ISA IRQs), else the first. */
			if (!have_ioapic || gsi_base == 0) {
				x86_madt.ioapic_pa = addr;
				x86_madt.ioapic_gsi_base = gsi_base;
				have_ioapic = true;
			}
		} else if (type == MADT_ISO && len >= 10) {
			uint8_t bus = e[2], irq = e[3];
			uint32_t gsi;
			uint16_t flags;
			memcpy(&gsi, e + 4, 4);
			memcpy(&flags, e + 8, 2);
			if (bus == 0 && irq < 16) {
				/* polarity bits 1:0 and trigger bits 3:2: 0 = the
				 * bus default (ISA: active high, edge), 1 = high /
				 * edge, 3 = low / level */
				x86_madt.isa[irq].gsi = gsi;
				x86_madt.isa[irq].active_low = (flags & 3) == 3;
				x86_madt.isa[irq].level = ((flags >> 2) & 3) == 3;
			}
		} else if (type == MADT_LAPIC_OVERRIDE && len >= 12) {
			memcpy(&x86_madt.lapic_pa, e + 4, 8);
		} else if (type == MADT_LAPIC && len >= 8) {
			uint32_t flags;
			memcpy(&flags, e + 4, 4);
			add_cpu(e[3] == 0xff ? 0xffffffff : e[3], flags);   /* 0xff: broadcast, no CPU */
		} else if (type == MADT_X2APIC && len >= 16) {
			uint32_t id, flags;
			memcpy(&id, e + 4, 4);
			memcpy(&flags, e + 8, 4);
			add_cpu(id, flags);
		}
		off += len;
	}
}

/* The table with this signature listed in the RSDT (4-byte entries) or
 * XSDT (8-byte entries), or NULL. */
static const struct sdt_header *find_table(const struct sdt_header *root, unsigned entry_size,
					   const char sig[4])
{
	const uint8_t *p = (const uint8_t *)root;
	for (uint32_t off = sizeof *root; off + entry_size <= root->length; off += entry_size) {
		uint64_t pa = 0;
		memcpy(&pa, p + off, entry_size);
		const struct sdt_header *h = pa ? map_table(pa) : NULL;
		if (h && memcmp(h->sig, sig, 4) == 0)
			return h;
	}
	return NULL;
}

/* The MCFG ("PCI Express memory-mapped configuration"): after the header
 * and 8 reserved bytes, 16-byte entries (base address, segment, first and
 * last bus).  Segment 0's first entry is the one we use. */
static void parse_mcfg(const struct sdt_header *h)
{
	const uint8_t *p = (const uint8_t *)h;
	for (uint32_t off = sizeof *h + 8; off + 16 <= h->length; off += 16) {
		uint64_t base;
		uint16_t segment;
		memcpy(&base, p + off, 8);
		memcpy(&segment, p + off + 8, 2);
		uint8_t first = p[off + 10], last = p[off + 11];
		if (segment != 0 || !base || first > last)
			continue;
		x86_mcfg.base = base;
		x86_mcfg.bus_first = first;
		x86_mcfg.bus_last = last;
		x86_mcfg.found = true;
		return;
	}
}

static const struct sdt_header *acpi_root;
static unsigned acpi_root_entry;

/* The RSDT or XSDT (and its entry size), or why not. */
static const char *find_root(uint64_t rsdp_pa, const struct sdt_header **rootp, unsigned *esize)
{
	if (!rsdp_pa)
		return "the boot loader passed no ACPI RSDP";
	const struct rsdp *r = phys_to_virt(rsdp_pa);
	if (memcmp(r->sig, "RSD PTR ", 8) != 0 || !checksum_ok(r, 20))
		return "bad RSDP";
	const struct sdt_header *root;
	unsigned entry_size;
	if (r->revision >= 2 && r->xsdt_pa && checksum_ok(r, sizeof *r)) {
		root = map_table(r->xsdt_pa);
		entry_size = 8;
	} else {
		root = map_table(r->rsdt_pa);
		entry_size = 4;
	}
	if (!root || !checksum_ok(root, root->length))
		return "unreadable RSDT/XSDT";
	*rootp = root;
	*esize = entry_size;
	return NULL;
}

/* One AML data object for an S-state package element: ZeroOp, OneOp,
 * BytePrefix n.  -1 for anything else. */
static int aml_small_int(const uint8_t *p, const uint8_t *end)
{
	if (p >= end)
		return -1;
	if (p[0] == 0x00 || p[0] == 0x01)
		return p[0];
	if (p[0] == 0x0a && p + 1 < end)
		return p[1];
	return -1;
}

/* The power-off values: FADT's PM1a/PM1b control ports, and the DSDT's
 * \_S5 package (Name(_S5, Package(){SLP_TYPa, SLP_TYPb, ...})) found by
 * scanning the AML bytes for its name, as small kernels do without an
 * interpreter.  Any doubt leaves x86_acpi_s5.found false. */
static void parse_s5(const struct sdt_header *root, unsigned entry_size)
{
	const struct sdt_header *fadt = find_table(root, entry_size, "FACP");
	if (!fadt || fadt->length < 116 || !checksum_ok(fadt, fadt->length))
		return;
	const uint8_t *f = (const uint8_t *)fadt;
	uint32_t dsdt32, pm1a, pm1b;
	memcpy(&dsdt32, f + 40, 4);
	memcpy(&pm1a, f + 64, 4);
	memcpy(&pm1b, f + 68, 4);
	uint64_t dsdt_pa = dsdt32;
	if (fadt->length >= 148) {
		uint64_t x;
		memcpy(&x, f + 140, 8);
		if (x)
			dsdt_pa = x;
	}
	if (!pm1a || pm1a > 0xffff || !dsdt_pa)
		return;
	const struct sdt_header *dsdt = map_table(dsdt_pa);
	if (!dsdt || memcmp(dsdt->sig, "DSDT", 4) != 0)
		return;
	const uint8_t *p = (const uint8_t *)dsdt + sizeof *dsdt, *end = (const uint8_t *)dsdt + dsdt->length;
	for (; p + 4 < end; p++) {
		if (memcmp(p, "_S5_", 4) != 0 || p[4] != 0x12)
			continue;
		const uint8_t *q = p + 5;               /* PkgLength, NumElements, elements */
		if (q >= end)
			return;
		q += 1 + (q[0] >> 6);
		q += 1;
		int a = aml_small_int(q, end);
		if (a < 0)
			return;
		q += q[0] == 0x0a ? 2 : 1;
		int b = aml_small_int(q, end);
		x86_acpi_s5.pm1a_cnt = (uint16_t)pm1a;
		x86_acpi_s5.pm1b_cnt = pm1b <= 0xffff ? (uint16_t)pm1b : 0;
		x86_acpi_s5.slp_typ_a = (uint16_t)(a & 7);
		x86_acpi_s5.slp_typ_b = (uint16_t)(b < 0 ? 0 : b & 7);
		x86_acpi_s5.found = true;
		return;
	}
}

static const char *find_madt(uint64_t rsdp_pa, const struct sdt_header **madt)
{
	*madt = NULL;
	const struct sdt_header *root;
	unsigned entry_size;
	const char *why = find_root(rsdp_pa, &root, &entry_size);
	if (why)
		return why;
	parse_s5(root, entry_size);
	acpi_root = root;
	acpi_root_entry = entry_size;
	const struct sdt_header *h = find_table(root, entry_size, "APIC");
	if (!h)
		return "no MADT";
	if (!checksum_ok(h, h->length) || h->length < sizeof *h + 8)
		return "bad MADT checksum or length";
	*madt = h;
	return NULL;
}

void acpi_init(uint64_t rsdp_pa)
{
	for (unsigned i = 0; i < 16; i++)
		x86_madt.isa[i].gsi = i;
	const struct sdt_header *madt;
	const char *why = find_madt(rsdp_pa, &madt);
	if (why) {
		printk("x86-64: ACPI: %s: no IOAPIC (device interrupts unavailable)\n", why);
		return;
	}
	parse_madt(madt);
	x86_madt.found = true;
	const struct sdt_header *mcfg = find_table(acpi_root, acpi_root_entry, "MCFG");
	if (mcfg && checksum_ok(mcfg, mcfg->length))
		parse_mcfg(mcfg);
}

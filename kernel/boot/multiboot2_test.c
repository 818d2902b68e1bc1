/* Host tests for kernel/boot/multiboot2.c, run under ASan and UBSan.
 *
 * Boot records are built in memory tag by tag, the way GRUB lays them out,
 * then handed to mb2_parse() from a heap buffer of exactly the size it may
 * read, so ASan sees any read past it.  Covered: a BIOS-style record, EFI
 * records (tag 17 winning over tag 6, descriptor_size 48, OVMF-like
 * fragmentation, boot services still running), every error code, real
 * records GRUB made under QEMU (the files on the command line), and
 * thousands of corruptions of all these.
 *
 * Usage: multiboot2_test [RECORD.mb2.txt...]  (captured records, as in testdata/)
 */
#include <multiboot2.h>
#include <bootinfo.h>
#include <check.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ----------------------------------------------------- record builder */

struct rec {
	uint8_t b[1 << 16];
	uint32_t n;
};

static void put32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint8_t *p, uint64_t v)
{
	put32(p, (uint32_t)v);
	put32(p + 4, (uint32_t)(v >> 32));
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static struct rec *rec_new(void)
{
	struct rec *r = calloc(1, sizeof(*r));
	r->n = 8;   /* total_size, reserved */
	return r;
}

/* Append a tag (8-byte aligned, as the spec lays them out); returns its
 * offset.  'size' is the tag's size field, header included. */
static uint32_t tag(struct rec *r, uint32_t type, const void *payload, uint32_t len)
{
	uint32_t off = (r->n + 7) & ~7u;

	memset(r->b + r->n, 0, off - r->n);
	put32(r->b + off, type);
	put32(r->b + off + 4, 8 + len);
	if (len)
		memcpy(r->b + off + 8, payload, len);
	r->n = off + 8 + len;
	return off;
}

static uint32_t tag_str(struct rec *r, uint32_t type, const char *s)
{
	return tag(r, type, s, (uint32_t)strlen(s) + 1);
}

static void tag_module(struct rec *r, uint32_t start, uint32_t end, const char *s)
{
	uint8_t p[256];
	put32(p, start);
	put32(p + 4, end);
	strcpy((char *)p + 8, s);
	tag(r, 3, p, 8 + (uint32_t)strlen(s) + 1);
}

struct mmap_entry {
	uint64_t base, len;
	uint32_t type;
};

static void tag_mmap(struct rec *r, const struct mmap_entry *e, int n, uint32_t entry_size)
{
	uint8_t p[1 << 14];
	put32(p, entry_size);
	put32(p + 4, 0);
	memset(p + 8, 0xee, (size_t)n * entry_size);   /* padding beyond 24 is junk */
	for (int i = 0; i < n; i++) {
		uint8_t *q = p + 8 + (size_t)i * entry_size;
		put64(q, e[i].base);
		put64(q + 8, e[i].len);
		put32(q + 16, e[i].type);
		put32(q + 20, 0);
	}
	tag(r, 6, p, 8 + (uint32_t)n * entry_size);
}

struct efi_desc {
	uint32_t type;
	uint64_t phys, pages;
};

static void tag_efi_mmap(struct rec *r, const struct efi_desc *e, int n, uint32_t desc_size)
{
	static uint8_t p[1 << 15];
	put32(p, desc_size);
	put32(p + 4, 1);
	memset(p + 8, 0xab, (size_t)n * desc_size);
	for (int i = 0; i < n; i++) {
		uint8_t *q = p + 8 + (size_t)i * desc_size;
		put32(q, e[i].type);
		put32(q + 4, 0);
		put64(q + 8, e[i].phys);
		put64(q + 16, 0);            /* VirtualStart */
		put64(q + 24, e[i].pages);
		put64(q + 32, 0xf);          /* Attribute: UC WC WT WB */
	}
	tag(r, 17, p, 8 + (uint32_t)n * desc_size);
}

static void tag_framebuffer(struct rec *r)
{
	uint8_t p[32] = { 0 };
	put64(p, 0xfd000000);
	put32(p + 8, 4096);
	put32(p + 12, 1024);
	put32(p + 16, 768);
	p[20] = 32;
	p[21] = 1;
	/* RGB colour info: red 16/8, green 8/8, blue 0/8 */
	p[24] = 16, p[25] = 8, p[26] = 8, p[27] = 8, p[28] = 0, p[29] = 8;
	tag(r, 8, p, 30);
}

static uint32_t tag_acpi(struct rec *r, uint32_t type)
{
	uint8_t rsdp[36] = "RSD PTR ";
	return tag(r, type, rsdp, type == 14 ? 20 : 36);
}

static void rec_end(struct rec *r)
{
	tag(r, 0, NULL, 0);
	put32(r->b, r->n);
}

/* mb2_parse on a private heap copy of exactly 'max' bytes at the start of
 * the record (or all of it). */
static int parse(const struct rec *r, uint32_t max, uint64_t pa, struct boot_info *bi)
{
	uint8_t *copy = malloc(max ? max : 1);
	int err;

	memcpy(copy, r->b, max);
	err = mb2_parse(MB2_BOOTLOADER_MAGIC, copy, pa, max, bi);
	free(copy);
	return err;
}

static bool has_range(const struct mem_range *t, unsigned n, uint64_t base, uint64_t size)
{
	for (unsigned i = 0; i < n; i++)
		if (t[i].base == base && t[i].size == size)
			return true;
	return false;
}

/* What every successful parse must look like. */
static void check_sane(const struct boot_info *bi)
{
	CHECK(bi->n_mem >= 1 && bi->n_mem <= BOOT_MAX_RANGES && bi->n_reserved <= BOOT_MAX_RANGES,
	      "counts %u %u", bi->n_mem, bi->n_reserved);
	CHECK(memchr(bi->cmdline, 0, sizeof(bi->cmdline)) && memchr(bi->loader, 0, sizeof(bi->loader)),
	      "strings unterminated");
	for (unsigned i = 0; i < bi->n_mem && i < BOOT_MAX_RANGES; i++) {
		const struct mem_range *m = &bi->mem[i];
		CHECK(m->size && m->base >= 4096 && !(m->base & 4095) && !(m->size & 4095) &&
		      m->size <= UINT64_MAX - m->base, "mem[%u] = %#llx+%#llx", i,
		      (unsigned long long)m->base, (unsigned long long)m->size);
		for (unsigned j = 0; j < i; j++) {
			const struct mem_range *o = &bi->mem[j];
			CHECK(m->base + m->size < o->base || o->base + o->size < m->base,
			      "mem[%u] and mem[%u] overlap or touch", i, j);
		}
	}
	CHECK(has_range(bi->reserved, bi->n_reserved, 0, 4096), "page 0 reserved");
}

/* ----------------------------------------------------------- records */

static const struct mmap_entry bios_map[] = {
	{ 0x0, 0x9fc00, 1 },              /* low memory, page 0 and the EBDA tail cut */
	{ 0x9fc00, 0x400, 2 },
	{ 0xf0000, 0x10000, 2 },
	{ 0x100000, 0x7ee0000, 1 },
	{ 0x7fe0000, 0x20000, 3 },        /* ACPI reclaimable: not ours yet */
	{ 0xfffc0000, 0x40000, 2 },
	{ 0x100000000ull, 0x80000000, 1 },
	{ 0x180000000ull, 0x800, 1 },     /* less than a page once aligned: dropped */
};

static struct rec *bios_record(uint32_t *acpi_off)
{
	struct rec *r = rec_new();
	uint32_t meminfo[2] = { 639, 130048 };

	tag_str(r, 1, "root=/dev/sda1 quiet");
	tag_str(r, 2, "GRUB 2.06-13+deb12u1");
	tag_module(r, 0x200000, 0x280123, "/boot/initrd.img");
	tag_module(r, 0x300000, 0x301000, "/boot/extra");
	tag(r, 4, meminfo, sizeof(meminfo));
	tag_mmap(r, bios_map, (int)(sizeof(bios_map) / sizeof(bios_map[0])), 24);
	tag_framebuffer(r);
	*acpi_off = tag_acpi(r, 14);
	rec_end(r);
	return r;
}

static void test_bios(void)
{
	struct boot_info bi;
	uint32_t acpi;
	struct rec *r = bios_record(&acpi);
	uint8_t *odd;
	int err;

	check_group("BIOS record: mmap, cmdline, loader, modules, framebuffer, ACPI");
	err = parse(r, r->n, 0x10000, &bi);
	CHECK(err == MB2_OK, "parse: %s", mb2_strerror(err));
	check_sane(&bi);
	CHECK(bi.n_mem == 3 && has_range(bi.mem, bi.n_mem, 0x1000, 0x9e000) &&
	      has_range(bi.mem, bi.n_mem, 0x100000, 0x7ee0000) &&
	      has_range(bi.mem, bi.n_mem, 0x100000000ull, 0x80000000), "usable RAM (%u ranges)",
	      bi.n_mem);
	CHECK(bootinfo_mem_total(&bi) == 0x9e000 + 0x7ee0000 + 0x80000000ull, "total");
	CHECK(!strcmp(bi.cmdline, "root=/dev/sda1 quiet"), "cmdline %s", bi.cmdline);
	CHECK(!strcmp(bi.loader, "GRUB 2.06-13+deb12u1"), "loader %s", bi.loader);
	CHECK(bi.initrd_base == 0x200000 && bi.initrd_size == 0x80123, "first module is the initrd");
	CHECK(bi.n_reserved == 4 && has_range(bi.reserved, bi.n_reserved, 0x200000, 0x80123) &&
	      has_range(bi.reserved, bi.n_reserved, 0x300000, 0x1000) &&
	      has_range(bi.reserved, bi.n_reserved, 0x10000, r->n), "reserved: modules, record, page 0");
	CHECK(bi.fb.addr == 0xfd000000 && bi.fb.pitch == 4096 && bi.fb.width == 1024 &&
	      bi.fb.height == 768 && bi.fb.bpp == 32 && bi.fb.type == 1, "framebuffer");
	CHECK(bi.acpi_rsdp == 0x10000 + acpi + 8, "RSDP address inside the record");
	CHECK(!bi.efi_booted && !bi.mmap_from_efi && !bi.dtb_size, "not EFI");

	/* Same record at an odd address, with room to spare after it. */
	odd = malloc(r->n + 9);
	memcpy(odd + 1, r->b, r->n);
	{
		struct boot_info bi2;
		CHECK(mb2_parse(MB2_BOOTLOADER_MAGIC, odd + 1, 0x10000, r->n + 8, &bi2) == MB2_OK &&
		      !memcmp(&bi, &bi2, sizeof(bi)), "unaligned record parses the same");
	}
	free(odd);
	free(r);
	check_group_end(NULL);
}

/* An OVMF-like map: many small descriptors of mixed usable types that are
 * contiguous, some firmware ranges between them. */
static int ovmf_map(struct efi_desc *d)
{
	static const uint32_t usable[] = { 7, 4, 3, 2, 1, 7, 4, 4, 3, 7 };
	uint64_t at = 0x100000;
	int n = 0;

	d[n++] = (struct efi_desc){ 3, 0x0, 1 };         /* BS code in page 0 */
	d[n++] = (struct efi_desc){ 7, 0x1000, 0x9f };   /* low memory */
	d[n++] = (struct efi_desc){ 0, 0xa0000, 0x60 };  /* reserved */
	for (int i = 0; i < 150; i++) {
		uint64_t pages = 1 + (uint64_t)(i % 7) * 3;
		d[n++] = (struct efi_desc){ usable[i % 10], at, pages };
		at += pages * 4096;
	}
	d[n++] = (struct efi_desc){ 9, at, 0x10 };         /* ACPI reclaim */
	d[n++] = (struct efi_desc){ 10, at + 0x10000, 0x4 }; /* ACPI NVS */
	d[n++] = (struct efi_desc){ 5, at + 0x14000, 0x20 }; /* runtime code */
	d[n++] = (struct efi_desc){ 6, at + 0x34000, 0x20 }; /* runtime data */
	d[n++] = (struct efi_desc){ 7, at + 0x54000, 0x1000 };
	d[n++] = (struct efi_desc){ 11, 0xffc00000, 0x400 }; /* MMIO (flash) */
	d[n++] = (struct efi_desc){ 7, 0x100000000ull, 0x40000 };
	return n;
}

static struct rec *efi_record(uint32_t desc_size, bool bs_active, int *ndesc, uint64_t *end_low)
{
	static struct efi_desc d[400];
	struct rec *r = rec_new();
	uint64_t at = 0x100000;
	const struct mmap_entry e820[] = { { 0x1000, 0x1000, 1 }, { 0x200000000ull, 0x1000000, 1 } };

	*ndesc = ovmf_map(d);
	for (int i = 0; i < 150; i++)
		at += (1 + (uint64_t)(i % 7) * 3) * 4096;
	*end_low = at;
	tag_str(r, 1, "");
	tag_str(r, 2, "GRUB 2.06");
	tag(r, 12, "\x00\x10\x7f\x3f\x00\x00\x00\x00", 8);   /* EFI 64-bit system table */
	tag_acpi(r, 14);
	tag_acpi(r, 15);
	tag_mmap(r, e820, 2, 24);   /* GRUB's own map: ignored when tag 17 is there */
	if (bs_active)
		tag(r, 18, NULL, 0);
	tag_efi_mmap(r, d, *ndesc, desc_size);
	rec_end(r);
	return r;
}

static void test_efi(void)
{
	struct boot_info bi;
	uint64_t end_low, total;
	int n, err;
	struct rec *r = efi_record(48, false, &n, &end_low);

	check_group("EFI record: tag 17 wins over tag 6, descriptor_size 48, merging");
	err = parse(r, r->n, 0x7f000000, &bi);
	CHECK(err == MB2_OK, "parse: %s", mb2_strerror(err));
	check_sane(&bi);
	CHECK(bi.efi_booted && bi.mmap_from_efi, "EFI flags");
	/* Page 0 (BS code) left out; 0x1000..0xa0000; the 150 contiguous
	 * usable descriptors as one range; the range after the firmware ones;
	 * the one above 4 GiB.  Nothing from tag 6. */
	CHECK(bi.n_mem == 4 && has_range(bi.mem, bi.n_mem, 0x1000, 0x9f000) &&
	      has_range(bi.mem, bi.n_mem, 0x100000, end_low - 0x100000) &&
	      has_range(bi.mem, bi.n_mem, end_low + 0x54000, 0x1000000) &&
	      has_range(bi.mem, bi.n_mem, 0x100000000ull, 0x40000000), "merged EFI map (%u ranges from %d)",
	      bi.n_mem, n);
	CHECK(!has_range(bi.mem, bi.n_mem, 0x200000000ull, 0x1000000), "tag 6 ignored");
	total = bootinfo_mem_total(&bi);
	CHECK(bi.acpi_rsdp > 0x7f000000 && bi.cmdline[0] == '\0', "RSDP, empty cmdline");
	free(r);

	/* The ACPI 2.0 RSDP wins even when it comes first. */
	r = rec_new();
	{
		uint32_t new_off = tag_acpi(r, 15);
		const struct mmap_entry m[] = { { 0x100000, 0x100000, 1 } };
		tag_acpi(r, 14);
		tag_mmap(r, m, 1, 24);
		rec_end(r);
		CHECK(parse(r, r->n, 0x1000, &bi) == MB2_OK && bi.acpi_rsdp == 0x1000 + new_off + 8,
		      "ACPI 2.0 RSDP preferred");
	}
	free(r);

	/* Descriptor size 40 (the bare EFI structure) and 64 read the same. */
	for (uint32_t size = 40; size <= 64; size += 24) {
		struct boot_info bi2;
		r = efi_record(size, false, &n, &end_low);
		CHECK(parse(r, r->n, 0x7f000000, &bi2) == MB2_OK && bi2.n_mem == 4 &&
		      bootinfo_mem_total(&bi2) == total, "descriptor_size %u", size);
		free(r);
	}

	/* Boot services not terminated: their memory is still the firmware's. */
	r = efi_record(48, true, &n, &end_low);
	err = parse(r, r->n, 0x7f000000, &bi);
	CHECK(err == MB2_OK && bi.efi_booted && bootinfo_mem_total(&bi) < total && bi.n_mem > 4,
	      "tag 18: only conventional memory (%s, %u ranges)", mb2_strerror(err), bi.n_mem);
	check_sane(&bi);
	free(r);

	/* More separate ranges than mem[] holds: filled, then NOSPACE. */
	{
		static struct efi_desc d[100];
		const struct mmap_entry none[] = { { 0, 0, 2 } };
		for (int i = 0; i < 100; i++)
			d[i] = (struct efi_desc){ 7, 0x1000000 + 0x10000 * (uint64_t)i, 1 };
		r = rec_new();
		tag_mmap(r, none, 1, 24);
		tag_efi_mmap(r, d, 100, 48);
		rec_end(r);
		CHECK(parse(r, r->n, 0x1000, &bi) == MB2_ERR_NOSPACE && bi.n_mem == BOOT_MAX_RANGES,
		      "100 separate ranges: NOSPACE");
		free(r);
	}
	check_group_end(NULL);
}

/* ------------------------------------------------------------ errors */

static const struct mmap_entry one_ram[] = { { 0x100000, 0x1000000, 1 } };

static struct rec *minimal_record(void)
{
	struct rec *r = rec_new();
	tag_mmap(r, one_ram, 1, 24);
	rec_end(r);
	return r;
}

static void expect_err(struct rec *r, uint32_t max, int want, const char *what)
{
	struct boot_info bi;
	int err = parse(r, max, 0x1000, &bi);

	CHECK(err == want, "%s: %s, want %s", what, mb2_strerror(err), mb2_strerror(want));
	free(r);
}

static void test_errors(void)
{
	struct boot_info bi;
	struct rec *r;

	check_group("error codes");
	r = minimal_record();
	CHECK(mb2_parse(0x2badb002, r->b, 0, r->n, &bi) == MB2_ERR_MAGIC, "Multiboot1 magic");
	CHECK(mb2_parse(MB2_BOOTLOADER_MAGIC, NULL, 0, 4096, &bi) == MB2_ERR_NULL, "NULL record");
	CHECK(mb2_parse(MB2_BOOTLOADER_MAGIC, r->b, 0, r->n, &bi) == MB2_OK && bi.n_mem == 1,
	      "minimal record");
	CHECK(mb2_parse(MB2_BOOTLOADER_MAGIC, r->b, UINT64_MAX - 8, r->n, &bi) == MB2_ERR_SIZE,
	      "record wrapping the address space");
	expect_err(r, 7, MB2_ERR_SIZE, "max_size below the header");

	r = minimal_record();
	put32(r->b, 8);
	expect_err(r, 8, MB2_ERR_SIZE, "total_size 8");
	r = minimal_record();
	put32(r->b, 0);
	expect_err(r, r->n, MB2_ERR_SIZE, "total_size 0");
	r = minimal_record();
	expect_err(r, r->n - 8, MB2_ERR_SIZE, "total_size past max_size");
	r = minimal_record();
	put32(r->b, r->n - 4);
	expect_err(r, r->n, MB2_ERR_SIZE, "total_size not a multiple of 8");

	r = rec_new();   /* a tag whose size runs past the end */
	tag_mmap(r, one_ram, 1, 24);
	put32(r->b + 12, 0x1000);
	rec_end(r);
	expect_err(r, r->n, MB2_ERR_TAG, "tag past the end");
	r = rec_new();
	tag_mmap(r, one_ram, 1, 24);
	put32(r->b + 12, 4);
	rec_end(r);
	expect_err(r, r->n, MB2_ERR_TAG, "tag size 4");
	r = rec_new();
	tag(r, 1, "x", 1);
	put32(r->b + 12, 0);
	rec_end(r);
	expect_err(r, r->n, MB2_ERR_TAG, "tag size 0");

	r = rec_new();   /* no end tag: the map fills the record */
	tag_mmap(r, one_ram, 1, 24);
	r->n = (r->n + 7) & ~7u;
	put32(r->b, r->n);
	expect_err(r, r->n, MB2_ERR_NOEND, "no end tag");
	r = rec_new();   /* end tag cut off by total_size */
	tag_mmap(r, one_ram, 1, 24);
	rec_end(r);
	put32(r->b, r->n - 8);
	expect_err(r, r->n, MB2_ERR_NOEND, "end tag outside total_size");

	r = rec_new();
	tag_str(r, 1, "no map");
	rec_end(r);
	expect_err(r, r->n, MB2_ERR_NOMMAP, "no memory map");
	{
		const struct mmap_entry reserved_only[] = { { 0x0, 0xa0000, 2 }, { 0x100000, 0x800, 1 },
							    { 0x0, 0x1000, 1 } };
		r = rec_new();
		tag_mmap(r, reserved_only, 3, 24);
		rec_end(r);
		expect_err(r, r->n, MB2_ERR_EMPTYMMAP, "no usable RAM (only page 0, a sliver)");
	}
	for (uint32_t es = 0; es < 24; es += 8) {
		r = rec_new();
		tag_mmap(r, one_ram, 1, 24);
		put32(r->b + 16, es);
		rec_end(r);
		expect_err(r, r->n, MB2_ERR_TAG, "mmap entry_size < 24");
	}
	r = rec_new();
	tag_mmap(r, one_ram, 1, 24);
	put32(r->b + 16, 0xfffffff8);
	rec_end(r);
	expect_err(r, r->n, MB2_ERR_EMPTYMMAP, "mmap entry_size larger than the tag");
	{
		const struct mmap_entry odd_size[] = { { 0x100000, 0x100000, 1 }, { 0x300000, 0x100000, 1 } };
		r = rec_new();
		tag_mmap(r, odd_size, 2, 28);
		rec_end(r);
		CHECK(parse(r, r->n, 0x1000, &bi) == MB2_OK && bi.n_mem == 2, "entry_size 28 steps right");
		free(r);
	}
	{
		const struct mmap_entry wrap[] = { { 0xfffffffffffff000ull, 0x2000, 1 } };
		r = rec_new();
		tag_mmap(r, wrap, 1, 24);
		rec_end(r);
		expect_err(r, r->n, MB2_ERR_TAG, "mmap entry wrapping 2^64");
	}
	{
		const struct efi_desc d[] = { { 7, 0x100000, 0x10 } };
		const struct efi_desc wrap[] = { { 7, 0x100000, 1ull << 52 } };
		for (uint32_t ds = 0; ds < 40; ds += 13) {
			r = rec_new();
			tag_efi_mmap(r, d, 1, 48);
			put32(r->b + 16, ds);
			rec_end(r);
			expect_err(r, r->n, MB2_ERR_TAG, "EFI descriptor_size < 40");
		}
		r = rec_new();
		tag_efi_mmap(r, wrap, 1, 48);
		rec_end(r);
		expect_err(r, r->n, MB2_ERR_TAG, "EFI NumberOfPages overflowing");
		r = rec_new();
		tag_efi_mmap(r, d, 1, 48);
		put32(r->b + 12, 12);   /* too small for the descriptor header */
		rec_end(r);
		expect_err(r, r->n, MB2_ERR_TAG, "EFI map tag of 12 bytes");
	}

	r = rec_new();
	tag_module(r, 0x300000, 0x200000, "backwards");
	tag_mmap(r, one_ram, 1, 24);
	rec_end(r);
	expect_err(r, r->n, MB2_ERR_TAG, "module ending before it starts");
	r = rec_new();
	tag(r, 3, "\0\0\0\0", 4);
	tag_mmap(r, one_ram, 1, 24);
	rec_end(r);
	expect_err(r, r->n, MB2_ERR_TAG, "module tag too short");
	r = rec_new();
	tag(r, 8, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
	tag_mmap(r, one_ram, 1, 24);
	rec_end(r);
	expect_err(r, r->n, MB2_ERR_TAG, "framebuffer tag too short");
	r = rec_new();
	tag(r, 14, "RSD PTR ", 8);
	tag_mmap(r, one_ram, 1, 24);
	rec_end(r);
	expect_err(r, r->n, MB2_ERR_TAG, "RSDP tag too short");

	for (int e = MB2_ERR_NOSPACE - 1; e <= 0; e++)
		CHECK(mb2_strerror(e) && *mb2_strerror(e), "mb2_strerror(%d)", e);
	check_group_end(NULL);
}

static void test_strings(void)
{
	struct boot_info bi;
	char longs[400];
	struct rec *r = rec_new();

	check_group("strings: truncation, missing terminators");
	memset(longs, 'a', sizeof(longs) - 1);
	longs[sizeof(longs) - 1] = '\0';
	tag_str(r, 1, longs);
	tag_str(r, 2, longs);
	tag_mmap(r, one_ram, 1, 24);
	rec_end(r);
	CHECK(parse(r, r->n, 0x1000, &bi) == MB2_OK && strlen(bi.cmdline) == BOOT_CMDLINE_MAX - 1 &&
	      strlen(bi.loader) == sizeof(bi.loader) - 1, "long strings truncated");
	free(r);

	r = rec_new();   /* strings without their NUL, the tag ending right after */
	tag(r, 1, "abc", 3);
	tag(r, 2, "GRUB", 4);
	tag(r, 1, "", 0);  /* a second, empty command line: last one wins */
	tag_mmap(r, one_ram, 1, 24);
	rec_end(r);
	CHECK(parse(r, r->n, 0x1000, &bi) == MB2_OK && !strcmp(bi.cmdline, "") &&
	      !strcmp(bi.loader, "GRUB"), "unterminated strings copied safely ('%s' '%s')",
	      bi.cmdline, bi.loader);
	free(r);
	check_group_end(NULL);
}

/* --------------------------------------------------------- corruption */

static uint64_t rng = 0x853c49e6748fea9bull;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return n ? (uint32_t)((rng * 0x2545f4914f6cdd1dull) >> 33) % n : 0;
}

/* A corrupted record: an error code, or a boot_info that passes check_sane. */
static void mutate_one(const uint8_t *src, uint32_t n, uint32_t max, unsigned *ok)
{
	struct boot_info bi;
	uint8_t *copy = malloc(max ? max : 1);
	unsigned mark;
	int err;

	memcpy(copy, src, max < n ? max : n);
	if (max > n)
		memset(copy + n, 0xcc, max - n);
	mark = check_quiet_begin();
	err = mb2_parse(MB2_BOOTLOADER_MAGIC, copy, 0x100000, max, &bi);
	CHECK(err <= 0 && err >= MB2_ERR_NOSPACE, "error code %d", err);
	if (err == MB2_OK) {
		check_sane(&bi);
		(*ok)++;
	}
	check_quiet_end(mark);
	free(copy);
}

static void test_mutations(struct rec **captures, int ncaptures)
{
	static const uint32_t words[] = { 0, 1, 6, 7, 8, 9, 15, 16, 17, 23, 24, 25, 39, 40, 48,
					  0x7fffffff, 0x80000000, 0xfffffff8, 0xffffffff };
	struct rec *recs[3 + 8];
	int nrecs = 3;
	uint32_t acpi;
	int ndesc;
	uint64_t end_low;
	unsigned ok = 0, total = 0;
	char note[96];

	check_group("corrupted records");
	recs[0] = bios_record(&acpi);
	recs[1] = efi_record(48, false, &ndesc, &end_low);
	recs[2] = minimal_record();
	for (int k = 0; k < ncaptures; k++)
		if (captures[k])
			recs[nrecs++] = captures[k];
	for (int k = 0; k < nrecs; k++) {
		const struct rec *r = recs[k];
		uint8_t *m = malloc(r->n);
		/* Every 32-bit field set to boundary values. */
		for (uint32_t at = 0; at + 4 <= r->n && at < 2048; at += 4) {
			for (size_t w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
				memcpy(m, r->b, r->n);
				put32(m + at, words[w]);
				mutate_one(m, r->n, r->n, &ok);
				total++;
			}
		}
		/* Truncated buffers, total_size left as it was and fixed up. */
		for (uint32_t len = 0; len < r->n; len += 1 + len / 64) {
			memcpy(m, r->b, r->n);
			mutate_one(m, r->n, len, &ok);
			if (len >= 4) {
				put32(m, len & ~7u);
				mutate_one(m, r->n, len, &ok);
				total++;
			}
			total++;
		}
		/* Random bytes, bits and tag sizes. */
		for (int i = 0; i < 2000; i++) {
			memcpy(m, r->b, r->n);
			for (uint32_t j = 0, flips = 1 + rnd(4); j < flips; j++) {
				uint32_t at = rnd(r->n);
				switch (rnd(3)) {
				case 0:
					m[at] = (uint8_t)rnd(256);
					break;
				case 1:
					m[at] ^= (uint8_t)(1u << rnd(8));
					break;
				default:
					put32(m + (at & ~3u), get32(m + (at & ~3u)) + rnd(17) - 8);
					break;
				}
			}
			mutate_one(m, r->n, r->n + rnd(2) * 64, &ok);
			total++;
		}
		free(m);
	}
	for (int k = 0; k < 3; k++)
		free(recs[k]);
	snprintf(note, sizeof(note), "%u records, %u parsed", total, ok);
	check_group_end(note);
}

/* ------------------------------------------------- records from GRUB */

/* A record captured by testdata/mb2-capture/capture.sh: a line
 * "ringel-mb2-capture magic=M addr=A", the record in hex, "end". */
static struct rec *load_capture(const char *path, uint32_t *magic, uint64_t *addr)
{
	FILE *f = fopen(path, "r");
	struct rec *r;
	char line[512];
	unsigned long long a = 0;
	unsigned m = 0;

	if (!f)
		return NULL;
	r = rec_new();
	r->n = 0;
	if (!fgets(line, sizeof(line), f) ||
	    sscanf(line, "ringel-mb2-capture magic=%x addr=%llx", &m, &a) != 2) {
		fclose(f);
		free(r);
		return NULL;
	}
	while (fgets(line, sizeof(line), f) && strncmp(line, "end", 3)) {
		for (char *p = line; p[0] && p[1] && p[0] != '\n' && r->n < sizeof(r->b); p += 2) {
			unsigned byte;
			if (sscanf(p, "%2x", &byte) != 1)
				break;
			r->b[r->n++] = (uint8_t)byte;
		}
	}
	fclose(f);
	*magic = m;
	*addr = a;
	return r;
}

/* Offset of the first tag of 'type' in a record, 0 if none. */
static uint32_t find_tag(const struct rec *r, uint32_t type)
{
	for (uint32_t off = 8; off + 8 <= r->n;) {
		uint32_t t = get32(r->b + off), size = get32(r->b + off + 4);
		if (t == type)
			return off;
		if (t == 0 || size < 8)
			return 0;
		off += (size + 7) & ~7u;
	}
	return 0;
}

static uint64_t get64(const uint8_t *p)
{
	return get32(p) | (uint64_t)get32(p + 4) << 32;
}

/* Usable RAM straight from the record's tag 17 (or tag 6), trimmed to pages
 * without page 0, merged: what mb2_parse() must have found. */
static uint64_t expected_total(const struct rec *r)
{
	static struct mem_range got[512];
	uint32_t off = find_tag(r, 17), n = 0;
	uint64_t total = 0, last_end = 0;

	if (off) {
		uint32_t size = get32(r->b + off + 4), ds = get32(r->b + off + 8);
		for (uint32_t e = off + 16; e + ds <= off + size && n < 512; e += ds) {
			uint32_t type = get32(r->b + e);
			if (type == 1 || type == 2 || type == 3 || type == 4 || type == 7)
				got[n++] = (struct mem_range){ get64(r->b + e + 8), get64(r->b + e + 24) * 4096 };
		}
	} else if ((off = find_tag(r, 6))) {
		uint32_t size = get32(r->b + off + 4), es = get32(r->b + off + 8);
		for (uint32_t e = off + 16; e + es <= off + size && n < 512; e += es)
			if (get32(r->b + e + 16) == 1)
				got[n++] = (struct mem_range){ get64(r->b + e), get64(r->b + e + 8) };
	}
	/* Sum of the union of the page-trimmed ranges above page 0. */
	for (uint32_t i = 0; i < n; i++) {
		uint64_t start = (got[i].base + 4095) & ~4095ull, end = (got[i].base + got[i].size) & ~4095ull;
		got[i] = (struct mem_range){ start < 4096 ? 4096 : start, end };
	}
	for (uint32_t i = 1; i < n; i++)   /* insertion sort by start */
		for (uint32_t j = i; j > 0 && got[j].base < got[j - 1].base; j--) {
			struct mem_range t = got[j];
			got[j] = got[j - 1];
			got[j - 1] = t;
		}
	for (uint32_t i = 0; i < n; i++) {
		uint64_t start = got[i].base > last_end ? got[i].base : last_end, end = got[i].size;
		if (end > start) {
			total += end - start;
			last_end = end;
		}
	}
	return total;
}

static void test_capture(const char *path, struct rec **keep)
{
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	bool efi = strstr(name, "efi") != NULL;
	struct boot_info bi;
	uint32_t magic = 0, acpi;
	uint64_t addr = 0;
	struct rec *r = load_capture(path, &magic, &addr);
	char title[160];
	int err;

	snprintf(title, sizeof(title), "%s: a record from GRUB", name);
	check_group("%s", title);
	if (!CHECK(r && r->n >= 16 && get32(r->b) == r->n, "cannot load %s", path)) {
		check_group_end(NULL);
		free(r);
		return;
	}
	err = parse(r, r->n, addr, &bi);
	CHECK(magic == MB2_BOOTLOADER_MAGIC && err == MB2_OK, "parse: %s", mb2_strerror(err));
	check_sane(&bi);
	CHECK(!strcmp(bi.cmdline, "console=ttyS0 root=/dev/ram0"), "cmdline '%s'", bi.cmdline);
	CHECK(!strncmp(bi.loader, "GRUB", 4), "loader '%s'", bi.loader);
	CHECK(bi.initrd_size == 12345 && bi.initrd_base && !(bi.initrd_base & 4095),
	      "initrd %#llx+%llu", (unsigned long long)bi.initrd_base,
	      (unsigned long long)bi.initrd_size);
	CHECK(has_range(bi.reserved, bi.n_reserved, addr, r->n) &&
	      has_range(bi.reserved, bi.n_reserved, bi.initrd_base, 12345), "record and initrd reserved");
	acpi = find_tag(r, 15) ? find_tag(r, 15) : find_tag(r, 14);
	CHECK(acpi && bi.acpi_rsdp == addr + acpi + 8 && !memcmp(r->b + acpi + 8, "RSD PTR ", 8),
	      "RSDP copy");
	CHECK(bi.efi_booted == efi && bi.mmap_from_efi == efi, "EFI flags");
	CHECK(bootinfo_mem_total(&bi) == expected_total(r), "usable RAM %llu, want %llu",
	      (unsigned long long)bootinfo_mem_total(&bi), (unsigned long long)expected_total(r));
	CHECK(bootinfo_mem_total(&bi) > (400ull << 20) && bootinfo_mem_total(&bi) < (512ull << 20),
	      "most of QEMU's 512 MiB");
	if (!efi)
		CHECK(bi.fb.addr && bi.fb.width == 1024 && bi.fb.height == 768 && bi.fb.bpp == 32 &&
		      bi.fb.type == 1 && bi.fb.pitch >= 4096, "framebuffer");
	check_group_end(NULL);
	*keep = r;
}

int main(int argc, char **argv)
{
	struct rec *captures[8] = { 0 };
	int ncaptures = 0;

	test_bios();
	test_efi();
	test_errors();
	test_strings();
	for (int i = 1; i < argc && ncaptures < 8; i++)
		test_capture(argv[i], &captures[ncaptures++]);
	test_mutations(captures, ncaptures);
	for (int i = 0; i < ncaptures; i++)
		free(captures[i]);
	return check_finish();
}

/* MBR and GPT partition tables (see partition.h).
 *
 * Nothing on the disk is trusted: every entry is checked against the disk's
 * size and the other entries, the chain of extended boot records is walked
 * with a bound and a check that each link points forward inside the
 * extended partition (so a loop ends), GPT headers and entry arrays are
 * CRC-checked and a bad primary header sends us to the backup in the last
 * sector, as the UEFI specification says.  A table that fails is refused
 * whole with a message: registering half of a garbled table would invite
 * writes to the wrong place.
 *
 * Numbering is Linux's, so /dev/vda5 is the same partition on both: an
 * MBR's four slots are 1-4 (an empty slot leaves a gap), logical
 * partitions 5 on in chain order; a GPT entry's number is its index + 1. */
#include "partition.h"
#include <crc32.h>
#include <kernel.h>
#include <string.h>

#define SECTOR 512u
#define MAX_LOGICAL 64            /* extended boot records followed */
#define GPT_MAX_ARRAY (1u << 20)  /* bytes of GPT entries read at most */

static uint16_t le16(const uint8_t *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t le32(const uint8_t *p) { return (uint32_t)le16(p) | (uint32_t)le16(p + 2) << 16; }
static uint64_t le64(const uint8_t *p) { return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32; }

struct scan {
	part_read_fn read;
	void *ctx;
	uint64_t nsectors;
	struct part_table *t;
	char *why;
	size_t whylen;
	uint8_t buf[SECTOR];
};

static int refuse(struct scan *s, const char *fmt, ...) printf_like(2, 3);
static int refuse(struct scan *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->why, s->whylen, fmt, ap);
	va_end(ap);
	return -1;
}

static int read_sector(struct scan *s, uint64_t lba)
{
	if (lba >= s->nsectors)
		return refuse(s, "sector %lu lies beyond the disk's end (%lu sectors)",
			      (unsigned long)lba, (unsigned long)s->nsectors);
	if (s->read(s->ctx, lba, s->buf, 1))
		return refuse(s, "cannot read sector %lu", (unsigned long)lba);
	return 0;
}

/* Record a data partition after checking it lies on the disk and overlaps
 * no other. */
static int add(struct scan *s, unsigned number, uint64_t first, uint64_t n)
{
	struct part_table *t = s->t;
	if (first == 0 || first >= s->nsectors || n > s->nsectors - first)
		return refuse(s, "partition %u (sectors %lu+%lu) does not fit on the disk (%lu sectors)",
			      number, (unsigned long)first, (unsigned long)n, (unsigned long)s->nsectors);
	for (unsigned i = 0; i < t->n; i++) {
		const struct part_entry *o = &t->e[i];
		if (first < o->first + o->nsectors && o->first < first + n)
			return refuse(s, "partitions %u and %u overlap", o->number, number);
	}
	if (t->n == PART_MAX)
		return refuse(s, "more than %u partitions", PART_MAX);
	t->e[t->n++] = (struct part_entry){ number, first, n };
	return 0;
}

/* ================================================================ MBR */
#define MBR_TABLE 446
#define MBR_SIG 510
#define TYPE_GPT_PROTECTIVE 0xee

static bool is_extended(uint8_t type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

struct mbr_entry {
	uint8_t status, type;
	uint32_t first, n;
};

static struct mbr_entry mbr_entry(const uint8_t *sec, int slot)
{
	const uint8_t *p = sec + MBR_TABLE + 16 * slot;
	return (struct mbr_entry){ p[0], p[4], le32(p + 8), le32(p + 12) };
}

static bool has_signature(const uint8_t *sec)
{
	return sec[MBR_SIG] == 0x55 && sec[MBR_SIG + 1] == 0xaa;
}

/* The logical partitions: a chain of extended boot records, each holding
 * one logical partition (relative to itself) and a link to the next
 * (relative to the extended partition's start). */
static int walk_extended(struct scan *s, uint64_t ext_first, uint64_t ext_n)
{
	uint64_t ebr = ext_first;
	unsigned number = 5;
	for (int hops = 0;; hops++) {
		if (hops == MAX_LOGICAL)
			return refuse(s, "more than %d extended boot records (a loop?)", MAX_LOGICAL);
		if (read_sector(s, ebr))
			return -1;
		if (!has_signature(s->buf))
			return refuse(s, "extended boot record at sector %lu has no 0x55aa signature",
				      (unsigned long)ebr);
		struct mbr_entry data = mbr_entry(s->buf, 0), link = mbr_entry(s->buf, 1);
		if (data.type && data.n) {
			uint64_t first = ebr + data.first;
			if (first < ebr + 1 || first + data.n > ext_first + ext_n)
				return refuse(s, "logical partition %u lies outside its extended partition",
					      number);
			if (add(s, number, first, data.n))
				return -1;
			number++;
		}
		if (!is_extended(link.type) || link.n == 0)
			return 0;
		uint64_t next = ext_first + link.first;
		/* Forward only: a link back to itself or an earlier record is a loop. */
		if (next <= ebr || link.first >= ext_n)
			return refuse(s, "extended boot record at sector %lu links to sector %lu: %s",
				      (unsigned long)ebr, (unsigned long)next,
				      next <= ebr ? "backwards (a loop)" : "outside the extended partition");
		ebr = next;
	}
}

static int parse_mbr(struct scan *s, const uint8_t *mbr)
{
	struct mbr_entry e[4];
	for (int i = 0; i < 4; i++)
		e[i] = mbr_entry(mbr, i);
	int extended = -1;
	for (int i = 0; i < 4; i++) {
		if (!e[i].type || !e[i].n)
			continue;
		if (is_extended(e[i].type)) {
			if (extended >= 0)
				return refuse(s, "two extended partitions (%d and %d)", extended + 1, i + 1);
			extended = i;
			if (e[i].first == 0 || e[i].first >= s->nsectors || e[i].n > s->nsectors - e[i].first)
				return refuse(s, "extended partition %d does not fit on the disk", i + 1);
			continue;
		}
		if (add(s, (unsigned)i + 1, e[i].first, e[i].n))
			return -1;
	}
	if (extended >= 0) {
		/* The container must not overlap a primary. */
		for (unsigned k = 0; k < s->t->n; k++) {
			const struct part_entry *o = &s->t->e[k];
			if (e[extended].first < o->first + o->nsectors &&
			    o->first < (uint64_t)e[extended].first + e[extended].n)
				return refuse(s, "partitions %u and %d overlap", o->number, extended + 1);
		}
		if (walk_extended(s, e[extended].first, e[extended].n))
			return -1;
	}
	s->t->kind = "mbr";
	return 0;
}

/* ================================================================ GPT */
#define GPT_HDR_MIN 92

struct gpt_hdr {
	uint64_t my_lba, alt_lba, first_usable, last_usable, array_lba;
	uint32_t nentries, entry_size, array_crc;
};

/* Check the header in s->buf read from lba; fill h.  0 or -1 (why set). */
static int gpt_header(struct scan *s, uint64_t lba, struct gpt_hdr *h)
{
	const uint8_t *b = s->buf;
	if (memcmp(b, "EFI PART", 8) != 0)
		return refuse(s, "no GPT header signature at sector %lu", (unsigned long)lba);
	uint32_t size = le32(b + 12);
	if (size < GPT_HDR_MIN || size > SECTOR)
		return refuse(s, "GPT header at sector %lu has size %u", (unsigned long)lba, size);
	uint8_t copy[SECTOR];
	memcpy(copy, b, size);
	memset(copy + 16, 0, 4);
	if (crc32_update(0, copy, size) != le32(b + 16))
		return refuse(s, "GPT header at sector %lu has a bad CRC", (unsigned long)lba);
	h->my_lba = le64(b + 24);
	h->alt_lba = le64(b + 32);
	h->first_usable = le64(b + 40);
	h->last_usable = le64(b + 48);
	h->array_lba = le64(b + 72);
	h->nentries = le32(b + 80);
	h->entry_size = le32(b + 84);
	h->array_crc = le32(b + 88);
	if (h->my_lba != lba)
		return refuse(s, "GPT header at sector %lu says it is at %lu", (unsigned long)lba,
			      (unsigned long)h->my_lba);
	if (h->first_usable > h->last_usable || h->last_usable >= s->nsectors)
		return refuse(s, "GPT usable sectors %lu-%lu do not fit on the disk (%lu sectors)",
			      (unsigned long)h->first_usable, (unsigned long)h->last_usable,
			      (unsigned long)s->nsectors);
	if (h->entry_size < 128 || h->entry_size > SECTOR || SECTOR % h->entry_size)
		return refuse(s, "GPT entry size %u not supported", h->entry_size);
	uint64_t bytes = (uint64_t)h->nentries * h->entry_size;
	if (bytes > GPT_MAX_ARRAY)
		return refuse(s, "GPT lists %u entries (more than %u bytes)", h->nentries, GPT_MAX_ARRAY);
	uint64_t array_sectors = (bytes + SECTOR - 1) / SECTOR;
	if (h->array_lba < 2 || h->array_lba >= s->nsectors || array_sectors > s->nsectors - h->array_lba)
		return refuse(s, "GPT entry array at sector %lu does not fit on the disk",
			      (unsigned long)h->array_lba);
	return 0;
}

/* Read the entry array (checking its CRC first, then the entries). */
static int gpt_entries(struct scan *s, const struct gpt_hdr *h)
{
	uint32_t per = SECTOR / h->entry_size;
	uint32_t crc = 0;
	uint64_t bytes = (uint64_t)h->nentries * h->entry_size;
	for (uint64_t off = 0; off < bytes; off += SECTOR) {
		if (read_sector(s, h->array_lba + off / SECTOR))
			return -1;
		crc = crc32_update(crc, s->buf, (size_t)MIN(bytes - off, (uint64_t)SECTOR));
	}
	if (crc != h->array_crc)
		return refuse(s, "GPT entry array has a bad CRC");
	static const uint8_t unused[16];
	for (uint32_t i = 0; i < h->nentries; i++) {
		if (i % per == 0 && read_sector(s, h->array_lba + i / per))
			return -1;
		const uint8_t *p = s->buf + (i % per) * h->entry_size;
		if (memcmp(p, unused, 16) == 0)
			continue;
		uint64_t first = le64(p + 32), last = le64(p + 40);
		if (first > last || first < h->first_usable || last > h->last_usable)
			return refuse(s, "GPT partition %u (sectors %lu-%lu) lies outside the usable %lu-%lu",
				      i + 1, (unsigned long)first, (unsigned long)last,
				      (unsigned long)h->first_usable, (unsigned long)h->last_usable);
		if (add(s, i + 1, first, last - first + 1))
			return -1;
	}
	return 0;
}

static int try_gpt(struct scan *s, uint64_t lba)
{
	struct gpt_hdr h;
	s->t->n = 0;
	if (read_sector(s, lba) || gpt_header(s, lba, &h) || gpt_entries(s, &h))
		return -1;
	s->t->kind = "gpt";
	return 0;
}

static int parse_gpt(struct scan *s)
{
	if (try_gpt(s, 1) == 0)
		return 0;
	char first_why[PART_WHY_MAX];
	snprintf(first_why, sizeof first_why, "%s", s->why);
	if (try_gpt(s, s->nsectors - 1) == 0) {
		snprintf(s->t->note, sizeof s->t->note, "primary GPT refused (%s); using the backup",
			 first_why);
		return 0;
	}
	char second_why[PART_WHY_MAX];
	snprintf(second_why, sizeof second_why, "%s", s->why);
	return refuse(s, "%s; backup: %s", first_why, second_why);
}

/* ================================================================ either */
int partition_parse(part_read_fn read, void *ctx, uint64_t nsectors, struct part_table *t,
		    char *why, size_t whylen)
{
	struct scan *s = &(struct scan){ read, ctx, nsectors, t, why, whylen, { 0 } };
	t->kind = "none";
	t->n = 0;
	t->note[0] = '\0';
	if (whylen)
		why[0] = '\0';
	if (nsectors < 2)
		return 0;
	if (read_sector(s, 0))
		return -1;
	if (!has_signature(s->buf))
		return 0;
	uint8_t mbr[SECTOR];
	memcpy(mbr, s->buf, SECTOR);
	/* A boot sector without a table (a FAT file system on the whole
	 * disk) has boot code where the entries would be: a status byte that
	 * is neither 0 nor 0x80 says so, as Linux decides. */
	bool protective = false;
	for (int i = 0; i < 4; i++) {
		struct mbr_entry e = mbr_entry(mbr, i);
		if (e.status != 0 && e.status != 0x80)
			return 0;
		if (e.type == TYPE_GPT_PROTECTIVE)
			protective = true;
	}
	if (protective) {
		int r = parse_gpt(s);
		if (r)
			t->n = 0;
		return r;
	}
	int r = parse_mbr(s, mbr);
	if (r)
		t->n = 0;
	return r;
}

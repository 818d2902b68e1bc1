/* Multiboot2 boot information parser (see multiboot2.h).
 *
 * The record is GRUB's, but it is checked like anything else from outside:
 * each tag must lie inside total_size (itself inside the caller's buffer)
 * and be big enough for the fields read from it; entry sizes inside a tag
 * must be sane so that loops over them always move forward.  Fields are read
 * with byte loads (little-endian by the spec), whatever the alignment.
 */
#include <multiboot2.h>
#include <bootinfo.h>
#include <string.h>

enum {
	TAG_END = 0,
	TAG_CMDLINE = 1,
	TAG_LOADER = 2,
	TAG_MODULE = 3,
	TAG_MMAP = 6,
	TAG_FRAMEBUFFER = 8,
	TAG_EFI32_SYSTAB = 11,
	TAG_EFI64_SYSTAB = 12,
	TAG_ACPI_OLD = 14,
	TAG_ACPI_NEW = 15,
	TAG_EFI_MMAP = 17,
	TAG_EFI_BS = 18,
	TAG_EFI32_IMAGE = 19,
	TAG_EFI64_IMAGE = 20,
};

#define INFO_HDR_SIZE 8u     /* total_size, reserved */
#define TAG_HDR_SIZE 8u      /* type, size */
#define MODULE_MIN 16u       /* header, mod_start, mod_end */
#define MAP_HDR_SIZE 16u     /* header, entry size, entry version */
#define MMAP_ENTRY_MIN 24u   /* base, length, type, reserved */
#define EFI_DESC_MIN 40u     /* Type, pad, PhysicalStart, VirtualStart, NumberOfPages, Attribute */
#define FB_MIN 30u           /* up to framebuffer_type */
#define FB_RGB_MIN 38u       /* and the six bytes of an RGB framebuffer's colour info */
#define RSDP_V1_SIZE 20u
#define MMAP_AVAILABLE 1u
#define MB2_PAGE 4096u

/* EFI memory types the OS may use once boot services are gone. */
enum {
	EFI_LOADER_CODE = 1,
	EFI_LOADER_DATA = 2,
	EFI_BOOT_SERVICES_CODE = 3,
	EFI_BOOT_SERVICES_DATA = 4,
	EFI_CONVENTIONAL = 7,
};

/* What the walk over the tags remembers for after it. */
struct scan {
	const uint8_t *rec;
	uint32_t mmap, efi_mmap;   /* tag offsets, 0 = absent */
	uint32_t acpi_old, acpi_new;
	int modules;
	int efi_bs_active;         /* tag 18: firmware still owns boot-services memory */
	int full;                  /* a range did not fit in boot_info */
};

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

const char *mb2_strerror(int err)
{
	switch (err) {
	case MB2_OK: return "ok";
	case MB2_ERR_MAGIC: return "not booted by a Multiboot2 loader";
	case MB2_ERR_NULL: return "no Multiboot2 boot record";
	case MB2_ERR_SIZE: return "bad Multiboot2 record size";
	case MB2_ERR_TAG: return "malformed Multiboot2 tag";
	case MB2_ERR_NOEND: return "Multiboot2 record has no end tag";
	case MB2_ERR_NOMMAP: return "no memory map from the boot loader";
	case MB2_ERR_EMPTYMMAP: return "memory map lists no usable RAM";
	case MB2_ERR_NOSPACE: return "too many ranges for boot_info";
	default: return "unknown Multiboot2 error";
	}
}

/* Copy the string in the n bytes at 'src' (terminated or not) into dst,
 * truncated to fit and always NUL-terminated. */
static void copy_string(char *dst, size_t dst_size, const uint8_t *src, size_t n)
{
	size_t len = strnlen((const char *)src, n < dst_size - 1 ? n : dst_size - 1);

	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* Usable RAM, page 0 left out: real-mode structures live there and a null
 * physical address is too useful as "none". */
static void add_usable(struct scan *s, struct boot_info *bi, uint64_t base, uint64_t size)
{
	s->full |= bootinfo_add_usable(bi, base, size, MB2_PAGE) != 0;
}

static void add_reserved(struct scan *s, struct boot_info *bi, uint64_t base, uint64_t size)
{
	s->full |= bootinfo_add_reserved(bi, base, size) != 0;
}

/* Tag 3: a module the loader placed in memory; the first is the initrd. */
static int take_module(struct scan *s, struct boot_info *bi, const uint8_t *tag, uint32_t size)
{
	uint32_t start, end;

	if (size < MODULE_MIN)
		return MB2_ERR_TAG;
	start = le32(tag + 8);
	end = le32(tag + 12);
	if (end < start)
		return MB2_ERR_TAG;
	if (s->modules++ == 0) {
		bi->initrd_base = start;
		bi->initrd_size = end - start;
	}
	add_reserved(s, bi, start, end - start);
	return MB2_OK;
}

/* Tag 8: the common part, and for a direct-colour (RGB) framebuffer where
 * each colour's bits lie in a pixel (GRUB's color_info after the u16 at
 * 30).  An indexed-colour palette is not read: the console needs RGB. */
static int take_framebuffer(struct boot_info *bi, const uint8_t *tag, uint32_t size)
{
	if (size < FB_MIN)
		return MB2_ERR_TAG;
	bi->fb.addr = le64(tag + 8);
	bi->fb.pitch = le32(tag + 16);
	bi->fb.width = le32(tag + 20);
	bi->fb.height = le32(tag + 24);
	bi->fb.bpp = tag[28];
	bi->fb.type = tag[29];
	if (bi->fb.type == 1 && size >= FB_RGB_MIN)
		memcpy(bi->fb.rgb, tag + 32, sizeof bi->fb.rgb);
	return MB2_OK;
}

/* Tags 6 and 17 have the same head: entry (descriptor) size and version.
 * Entries smaller than what we read from them would also stall the loop. */
static int check_map(const uint8_t *tag, uint32_t size, uint32_t min_entry)
{
	if (size < MAP_HDR_SIZE || le32(tag + 8) < min_entry)
		return MB2_ERR_TAG;
	return MB2_OK;
}

/* Remember the tag at 'off' for after the walk; a second one of a kind is
 * ignored (the first is what the spec's readers use). */
static void remember(uint32_t *slot, uint32_t off)
{
	if (!*slot)
		*slot = off;
}

/* One tag: the fields that can be taken on the spot, the rest noted. */
static int take_tag(struct scan *s, struct boot_info *bi, uint32_t off, uint32_t type,
		    uint32_t size)
{
	const uint8_t *tag = s->rec + off;

	switch (type) {
	case TAG_CMDLINE:
		copy_string(bi->cmdline, sizeof(bi->cmdline), tag + 8, size - 8);
		return MB2_OK;
	case TAG_LOADER:
		copy_string(bi->loader, sizeof(bi->loader), tag + 8, size - 8);
		return MB2_OK;
	case TAG_MODULE:
		return take_module(s, bi, tag, size);
	case TAG_FRAMEBUFFER:
		return take_framebuffer(bi, tag, size);
	case TAG_MMAP:
		remember(&s->mmap, off);
		return check_map(tag, size, MMAP_ENTRY_MIN);
	case TAG_EFI_MMAP:
		bi->efi_booted = 1;
		remember(&s->efi_mmap, off);
		return check_map(tag, size, EFI_DESC_MIN);
	case TAG_ACPI_OLD:
	case TAG_ACPI_NEW:
		if (size < TAG_HDR_SIZE + RSDP_V1_SIZE)
			return MB2_ERR_TAG;
		remember(type == TAG_ACPI_NEW ? &s->acpi_new : &s->acpi_old, off);
		return MB2_OK;
	case TAG_EFI_BS:
		s->efi_bs_active = 1;
		bi->efi_booted = 1;
		return MB2_OK;
	case TAG_EFI32_SYSTAB:
	case TAG_EFI64_SYSTAB:
	case TAG_EFI32_IMAGE:
	case TAG_EFI64_IMAGE:
		bi->efi_booted = 1;
		return MB2_OK;
	default:
		return MB2_OK;  /* basic meminfo, ELF sections, ... : not ours */
	}
}

/* Walk the tags from the header to the end tag, each inside total_size. */
static int walk_tags(struct scan *s, struct boot_info *bi, uint32_t total)
{
	uint32_t off = INFO_HDR_SIZE;

	while (off <= total - TAG_HDR_SIZE) {
		uint32_t type = le32(s->rec + off), size = le32(s->rec + off + 4);
		int err;
		if (size < TAG_HDR_SIZE || size > total - off)
			return MB2_ERR_TAG;
		if (type == TAG_END)
			return MB2_OK;
		err = take_tag(s, bi, off, type, size);
		if (err)
			return err;
		/* Tags start 8-byte aligned; total is a multiple of 8 and size
		 * at most total - off, so this neither wraps nor stalls. */
		off += (size + 7) & ~7u;
	}
	return MB2_ERR_NOEND;
}

/* A [base, base+len) range from a map must not wrap around 2^64. */
static int range_ok(uint64_t base, uint64_t len)
{
	return len <= UINT64_MAX - base;
}

/* Tag 6: type 1 entries are RAM for us. */
static int take_mmap(struct scan *s, struct boot_info *bi)
{
	const uint8_t *tag = s->rec + s->mmap;
	uint32_t size = le32(tag + 4), entry = le32(tag + 8);

	for (uint32_t off = MAP_HDR_SIZE; entry <= size - off; off += entry) {
		const uint8_t *e = tag + off;
		uint64_t base = le64(e), len = le64(e + 8);
		if (le32(e + 16) != MMAP_AVAILABLE)
			continue;
		if (!range_ok(base, len))
			return MB2_ERR_TAG;
		add_usable(s, bi, base, len);
	}
	return MB2_OK;
}

/* Which EFI memory is ours: conventional memory, and what the loader and
 * boot services used, unless boot services are still running (tag 18),
 * in which case their memory is still the firmware's. */
static int efi_usable(uint32_t type, int bs_active)
{
	switch (type) {
	case EFI_CONVENTIONAL:
		return 1;
	case EFI_LOADER_CODE:
	case EFI_LOADER_DATA:
	case EFI_BOOT_SERVICES_CODE:
	case EFI_BOOT_SERVICES_DATA:
		return !bs_active;
	default:
		return 0;
	}
}

/* Tag 17: the firmware's own map, descriptors descriptor_size apart (which
 * may be more than the 40 bytes we read: firmware adds fields). */
static int take_efi_mmap(struct scan *s, struct boot_info *bi)
{
	const uint8_t *tag = s->rec + s->efi_mmap;
	uint32_t size = le32(tag + 4), desc = le32(tag + 8);

	for (uint32_t off = MAP_HDR_SIZE; desc <= size - off; off += desc) {
		const uint8_t *e = tag + off;
		uint64_t base = le64(e + 8), pages = le64(e + 24);
		if (!efi_usable(le32(e), s->efi_bs_active))
			continue;
		if (pages > UINT64_MAX / MB2_PAGE || !range_ok(base, pages * MB2_PAGE))
			return MB2_ERR_TAG;
		add_usable(s, bi, base, pages * MB2_PAGE);
	}
	bi->mmap_from_efi = 1;
	return MB2_OK;
}

/* Usable RAM from the EFI map if there is one (it is the firmware's truth;
 * GRUB's tag 6 is derived from it), else from tag 6. */
static int take_memory(struct scan *s, struct boot_info *bi)
{
	int err;

	if (s->efi_mmap)
		err = take_efi_mmap(s, bi);
	else if (s->mmap)
		err = take_mmap(s, bi);
	else
		return MB2_ERR_NOMMAP;
	if (err)
		return err;
	if (bi->n_mem == 0)
		return MB2_ERR_EMPTYMMAP;
	/* Page 0 is never handed out (see add_usable); say so explicitly. */
	add_reserved(s, bi, 0, MB2_PAGE);
	return MB2_OK;
}

/* The RSDP copy lives inside the record: its physical address is the
 * record's plus its offset (the newer ACPI 2.0+ one preferred). */
static void take_acpi(const struct scan *s, struct boot_info *bi, uint64_t info_pa)
{
	uint32_t off = s->acpi_new ? s->acpi_new : s->acpi_old;

	if (off)
		bi->acpi_rsdp = info_pa + off + TAG_HDR_SIZE;
}

int mb2_parse(uint32_t magic, const void *info, uint64_t info_pa, size_t max_size,
	      struct boot_info *bi)
{
	struct scan s = { .rec = info };
	uint32_t total;
	int err;

	memset(bi, 0, sizeof(*bi));
	if (magic != MB2_BOOTLOADER_MAGIC)
		return MB2_ERR_MAGIC;
	if (!info)
		return MB2_ERR_NULL;
	if (max_size < INFO_HDR_SIZE)
		return MB2_ERR_SIZE;
	total = le32(s.rec);
	/* The header plus at least an end tag, all inside what we may read, and
	 * a multiple of 8 since every tag starts 8-byte aligned. */
	if (total < INFO_HDR_SIZE + TAG_HDR_SIZE || total > max_size || total % 8 ||
	    !range_ok(info_pa, total))
		return MB2_ERR_SIZE;
	err = walk_tags(&s, bi, total);
	if (!err)
		err = take_memory(&s, bi);
	if (err)
		return err;
	take_acpi(&s, bi, info_pa);
	add_reserved(&s, bi, info_pa, total);
	return s.full ? MB2_ERR_NOSPACE : MB2_OK;
}

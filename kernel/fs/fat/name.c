/* Names on FAT.  A file has an 8.3 short name (upper case, OEM characters)
 * and, when its real name does not fit that form exactly, a VFAT long name
 * of up to 255 UCS-2 characters in slots before the short entry, each
 * carrying a checksum of the short name so a stale long name (left by a
 * tool that knows no long names) is recognised and ignored.
 *
 * Names are compared without regard to case, as Windows and Linux's vfat
 * do, and kept as written.  Short names for long ones follow the
 * specification's basis-name rules and get a "~N" tail made unique in the
 * directory by the caller. */
#include "fat.h"
#include <kernel.h>
#include <uapi.h>
#include <string.h>

/* Characters a long name may not hold (besides controls). */
static bool lfn_forbidden(uint16_t c)
{
	return c < 0x20 || c == '"' || c == '*' || c == '/' || c == ':' || c == '<' || c == '>' ||
	       c == '?' || c == '\\' || c == '|' || c == 0x7f;
}

int fat_name_to_ucs(const char *name, size_t len, uint16_t *ucs)
{
	/* Linux's vfat drops trailing dots: "a." is "a". */
	while (len > 0 && name[len - 1] == '.')
		len--;
	if (len == 0)
		return -EINVAL;
	size_t n = 0;
	for (size_t i = 0; i < len;) {
		uint8_t c = (uint8_t)name[i];
		uint32_t cp;
		size_t k;
		if (c < 0x80) {
			cp = c;
			k = 1;
		} else if ((c & 0xe0) == 0xc0) {
			cp = c & 0x1f;
			k = 2;
		} else if ((c & 0xf0) == 0xe0) {
			cp = c & 0x0f;
			k = 3;
		} else {
			return -EINVAL;     /* outside the BMP or not UTF-8 */
		}
		if (i + k > len)
			return -EINVAL;
		for (size_t j = 1; j < k; j++) {
			uint8_t d = (uint8_t)name[i + j];
			if ((d & 0xc0) != 0x80)
				return -EINVAL;
			cp = cp << 6 | (d & 0x3f);
		}
		if ((k == 2 && cp < 0x80) || (k == 3 && (cp < 0x800 || (cp >= 0xd800 && cp < 0xe000))))
			return -EINVAL;
		if (lfn_forbidden((uint16_t)cp))
			return -EINVAL;
		if (n == FAT_NAME_MAX)
			return -ENAMETOOLONG;
		ucs[n++] = (uint16_t)cp;
		i += k;
	}
	return (int)n;
}

size_t fat_ucs_to_utf8(const uint16_t *ucs, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		uint16_t c = ucs[i];
		if (c < 0x80) {
			out[o++] = (char)c;
		} else if (c < 0x800) {
			out[o++] = (char)(0xc0 | c >> 6);
			out[o++] = (char)(0x80 | (c & 0x3f));
		} else {
			out[o++] = (char)(0xe0 | c >> 12);
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
			out[o++] = (char)(0x80 | (c & 0x3f));
		}
	}
	out[o] = 0;
	return o;
}

static uint16_t upper(uint16_t c)
{
	if (c >= 'a' && c <= 'z')
		return (uint16_t)(c - 32);
	/* Latin-1 letters; the rest of Unicode compares as is. */
	if (c >= 0xe0 && c <= 0xfe && c != 0xf7)
		return (uint16_t)(c - 32);
	return c;
}

bool fat_ucs_eq_nocase(const uint16_t *a, size_t an, const uint16_t *b, size_t bn)
{
	if (an != bn)
		return false;
	for (size_t i = 0; i < an; i++)
		if (upper(a[i]) != upper(b[i]))
			return false;
	return true;
}

/* May c stand in a short name as is? (ASCII only: other OEM code pages
 * are not assumed.) */
static bool short_ok(uint16_t c)
{
	if (c >= 'A' && c <= 'Z')
		return true;
	if (c >= '0' && c <= '9')
		return true;
	return c < 0x80 && strchr("$%'-_@~`!(){}^#&", (char)c) && c != 0;
}

bool fat_exact_short(const uint16_t *ucs, size_t n, uint8_t out[11])
{
	memset(out, ' ', 11);
	size_t i = 0, o = 0;
	for (; i < n && ucs[i] != '.'; i++) {
		if (o == 8 || !short_ok(ucs[i]))
			return false;
		out[o++] = (uint8_t)ucs[i];
	}
	if (o == 0)
		return false;
	if (i == n)
		return true;
	i++;                        /* the dot */
	if (i == n)
		return false;
	for (o = 8; i < n; i++) {
		if (o == 11 || !short_ok(ucs[i]))
			return false;
		out[o++] = (uint8_t)ucs[i];
	}
	return true;
}

void fat_short_basis(const uint16_t *ucs, size_t n, uint8_t out[11])
{
	memset(out, ' ', 11);
	/* The extension starts after the last dot (when it is not the first
	 * character of the name: ".profile" has none). */
	size_t dot = n;
	for (size_t i = n; i-- > 1;) {
		if (ucs[i] == '.') {
			dot = i;
			break;
		}
	}
	size_t o = 0;
	for (size_t i = 0; i < dot && o < 8; i++) {
		uint16_t c = upper(ucs[i]);
		if (c == ' ' || c == '.')
			continue;
		out[o++] = short_ok(c) ? (uint8_t)c : '_';
	}
	if (o == 0)
		out[o++] = '_';
	o = 8;
	for (size_t i = dot + 1; i < n && o < 11; i++) {
		uint16_t c = upper(ucs[i]);
		if (c == ' ' || c == '.')
			continue;
		out[o++] = short_ok(c) ? (uint8_t)c : '_';
	}
	/* A first byte of 0xe5 would read as deleted: the spec stores 0x05. */
	if (out[0] == FAT_DELETED)
		out[0] = 0x05;
}

void fat_short_tail(uint8_t name[11], unsigned n)
{
	char tail[9];
	int tl = snprintf(tail, sizeof tail, "~%u", n);
	size_t base = 8;
	while (base > 0 && name[base - 1] == ' ')
		base--;
	size_t at = MIN(base, 8 - (size_t)tl);
	memcpy(name + at, tail, (size_t)tl);
	for (size_t i = at + (size_t)tl; i < 8; i++)
		name[i] = ' ';
}

uint8_t fat_short_csum(const uint8_t name[11])
{
	uint8_t s = 0;
	for (int i = 0; i < 11; i++)
		s = (uint8_t)(((s & 1) << 7) + (s >> 1) + name[i]);
	return s;
}

/* A byte of a short name as shown: damaged names must still make a name
 * the VFS can hold (no '/', no NUL, no controls). */
static char shown(uint8_t c)
{
	return c < 0x20 || c >= 0x7f || c == '/' || c == '\\' ? '_' : (char)c;
}

size_t fat_short_display(const struct fat_dirent *e, char *out)
{
	size_t o = 0;
	for (int i = 0; i < 8 && e->name[i] != ' '; i++) {
		uint8_t c = e->name[i];
		if ((e->ntres & FAT_CASE_LOWER_BASE) && c >= 'A' && c <= 'Z')
			c = (uint8_t)(c + 32);
		out[o++] = shown(c);
	}
	if (e->name[8] != ' ') {
		out[o++] = '.';
		for (int i = 8; i < 11 && e->name[i] != ' '; i++) {
			uint8_t c = e->name[i];
			if ((e->ntres & FAT_CASE_LOWER_EXT) && c >= 'A' && c <= 'Z')
				c = (uint8_t)(c + 32);
			out[o++] = shown(c);
		}
	}
	out[o] = 0;
	return o;
}

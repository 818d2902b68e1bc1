/* cpio "newc" archives (see <cpio.h>).
 *
 * Each entry: a 110-byte ASCII header ("070701" and thirteen 8-digit hex
 * numbers), the NUL-terminated name padded so the data starts on a 4-byte
 * boundary, the data padded to 4 bytes.  The entry named "TRAILER!!!" ends
 * the archive.  Every length is checked against the archive's end before it
 * is used; anything that does not fit is reported, never read. */
#include <cpio.h>
#include <kernel.h>
#include <string.h>
#include <uapi/stat.h>

enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR, F_DEVMINOR,
       F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK, NFIELDS };

static const char trailer[] = "TRAILER!!!";

void cpio_init(struct cpio_iter *it, const void *data, size_t size)
{
	it->base = data;
	it->size = size;
	it->off = 0;
	it->err[0] = 0;
}

static int fail(struct cpio_iter *it, size_t at, const char *what)
{
	snprintf(it->err, sizeof it->err, "%s at offset %lu", what, (unsigned long)at);
	return CPIO_ERROR;
}

/* Eight hex digits, nothing else. */
static int hex8(const uint8_t *p, uint32_t *out)
{
	uint32_t v = 0;
	for (int i = 0; i < 8; i++) {
		uint8_t c = p[i];
		unsigned d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -1;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static size_t align4(size_t x)
{
	return (x + 3) & ~(size_t)3;
}

int cpio_next(struct cpio_iter *it, struct cpio_entry *e)
{
	size_t off = it->off;
	if (off > it->size || it->size - off < CPIO_HEADER_SIZE) {
		if (off >= it->size)
			return fail(it, off, "archive ends without a TRAILER!!! entry");
		return fail(it, off, "truncated entry header");
	}
	const uint8_t *h = it->base + off;
	bool crc;
	if (memcmp(h, "070701", 6) == 0) {
		crc = false;
	} else if (memcmp(h, "070702", 6) == 0) {
		crc = true;
	} else if (h[0] == 0x1f && h[1] == 0x8b) {
		return fail(it, off, "gzip data (only an uncompressed newc cpio is supported)");
	} else if (memcmp(h, "070707", 6) == 0) {
		return fail(it, off, "old ASCII cpio (use -H newc)");
	} else {
		return fail(it, off, "bad magic (not a newc cpio archive)");
	}
	uint32_t f[NFIELDS];
	for (int i = 0; i < NFIELDS; i++)
		if (hex8(h + 6 + 8 * i, &f[i]) < 0)
			return fail(it, off, "bad hex digit in entry header");

	size_t namesize = f[F_NAMESIZE];
	size_t name_off = off + CPIO_HEADER_SIZE;
	if (namesize == 0)
		return fail(it, off, "entry with an empty name");
	if (namesize > it->size - name_off)
		return fail(it, off, "entry name runs past the end");
	const char *name = (const char *)it->base + name_off;
	if (name[namesize - 1] != 0)
		return fail(it, off, "entry name not NUL-terminated");
	size_t namelen = strnlen(name, namesize);
	if (namelen != namesize - 1)
		return fail(it, off, "NUL inside an entry name");

	size_t data_off = align4(name_off + namesize);
	size_t filesize = f[F_FILESIZE];
	if (data_off > it->size) {
		/* Only the padding of an empty last entry may be missing. */
		if (filesize != 0)
			return fail(it, off, "entry data runs past the end");
		data_off = it->size;
	}
	if (filesize > it->size - data_off)
		return fail(it, off, "entry data runs past the end");
	if (crc && (f[F_MODE] & S_IFMT) == S_IFREG) {   /* only regular files carry one */
		uint32_t sum = 0;
		for (size_t i = 0; i < filesize; i++)
			sum += it->base[data_off + i];
		if (sum != f[F_CHECK])
			return fail(it, off, "checksum mismatch");
	}

	e->name = name;
	e->namelen = namelen;
	e->ino = f[F_INO];
	e->mode = f[F_MODE];
	e->uid = f[F_UID];
	e->gid = f[F_GID];
	e->nlink = f[F_NLINK];
	e->mtime = f[F_MTIME];
	e->devmajor = f[F_DEVMAJOR];
	e->devminor = f[F_DEVMINOR];
	e->rdevmajor = f[F_RDEVMAJOR];
	e->rdevminor = f[F_RDEVMINOR];
	e->data = it->base + data_off;
	e->size = filesize;
	e->offset = off;

	size_t next = data_off + filesize;
	it->off = next >= it->size ? it->size : align4(next);
	if (it->off > it->size)
		it->off = it->size;
	if (namelen == sizeof trailer - 1 && memcmp(name, trailer, namelen) == 0)
		return CPIO_END;
	return CPIO_ENTRY;
}

/* After a TRAILER!!!: skip the zero padding; true if another archive
 * follows (initramfs images may be several archives end to end). */
bool cpio_next_archive(struct cpio_iter *it)
{
	while (it->off < it->size && it->base[it->off] == 0)
		it->off++;
	return it->off < it->size;
}

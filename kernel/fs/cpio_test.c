/* Host tests of the newc cpio reader (kernel/fs/cpio.c) against archives made
 * by the real cpio tool: a tree of directories, files of many sizes and
 * modes, symlinks, hard links and long names is archived with
 * `cpio -o -H newc` (and -H crc), parsed, and every entry compared with
 * lstat() and the file's bytes on the host.  Then thousands of truncated
 * and corrupted variants are parsed under ASan/UBSan: the reader must
 * report an error or stop, never read outside the buffer.
 *
 * Usage: cpio_test [PATH-TO-CPIO] */
#define _GNU_SOURCE
#include <cpio.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

static const char *cpio_tool = "cpio";
static char tree[256];

static void put_file(const char *rel, size_t size, unsigned mode, unsigned seed)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", tree, rel);
	FILE *f = fopen(p, "wb");
	if (!f) {
		perror(p);
		exit(2);
	}
	srand(seed);
	for (size_t i = 0; i < size; i++)
		fputc(rand() & 0xff, f);
	fclose(f);
	chmod(p, mode);
}

static void put_dir(const char *rel, unsigned mode)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", tree, rel);
	if (mkdir(p, mode) < 0) {
		perror(p);
		exit(2);
	}
	chmod(p, mode);
}

static void put_symlink(const char *target, const char *rel)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", tree, rel);
	if (symlink(target, p) < 0) {
		perror(p);
		exit(2);
	}
}

static void put_link(const char *old, const char *rel)
{
	char a[512], b[512];
	snprintf(a, sizeof a, "%s/%s", tree, old);
	snprintf(b, sizeof b, "%s/%s", tree, rel);
	if (link(a, b) < 0) {
		perror(b);
		exit(2);
	}
}

static void make_tree(void)
{
	put_dir("bin", 0755);
	put_dir("etc", 0755);
	put_dir("empty", 0700);
	put_dir("deep", 0755);
	put_dir("deep/a", 0755);
	put_dir("deep/a/b", 0750);
	put_dir("deep/a/b/c", 0711);
	static const size_t sizes[] = { 0, 1, 2, 3, 4, 5, 7, 8, 111, 112, 113, 511, 512, 4095, 4096, 4097,
					10000, 65537, 300001 };
	for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		char n[64];
		snprintf(n, sizeof n, "bin/f%zu", sizes[i]);
		put_file(n, sizes[i], i % 3 == 0 ? 0755 : i % 3 == 1 ? 0644 : 0600, (unsigned)i + 1);
	}
	put_file("etc/suid", 10, 04755, 99);
	put_file("deep/a/b/c/leaf", 77, 0444, 98);
	put_symlink("/bin/f1", "abs-link");
	put_symlink("bin/f4096", "rel-link");
	put_symlink("does/not/exist", "dangling");
	put_symlink("deep/a/b/c", "deep-dir-link");
	put_file("hard1", 1234, 0644, 7);
	put_link("hard1", "hard2");
	put_link("hard1", "deep/hard3");
	char longname[200];
	memset(longname, 'n', sizeof longname - 1);
	longname[sizeof longname - 1] = 0;
	put_file(longname, 33, 0644, 5);
	/* names whose header+name length hits every alignment */
	put_file("x", 1, 0644, 11);
	put_file("xy", 2, 0644, 12);
	put_file("xyz", 3, 0644, 13);
	put_file("xyzw", 4, 0644, 14);
}

/* A small tree for the corruption runs (every offset of it is tried). */
static void make_small_tree(void)
{
	put_dir("d", 0755);
	put_file("d/a", 0, 0644, 1);
	put_file("d/b", 5, 0755, 2);
	put_file("d/c", 300, 0600, 3);
	put_symlink("d/b", "s");
	put_file("h", 9, 0644, 4);
	put_link("h", "d/h2");
}

static uint8_t *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *b = malloc(n ? (size_t)n : 1);
	if (fread(b, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(b);
		return NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return b;
}

static uint8_t *make_archive(const char *format, size_t *len)
{
	char cmd[1024], out[300];
	snprintf(out, sizeof out, "%s.%s.cpio", tree, format);
	snprintf(cmd, sizeof cmd, "cd '%s' && find . | LC_ALL=C sort | '%s' -o -H %s > '%s' 2>/dev/null",
		 tree, cpio_tool, format, out);
	if (system(cmd) != 0) {
		fprintf(stderr, "cannot run: %s\n", cmd);
		exit(2);
	}
	uint8_t *b = read_all(out, len);
	unlink(out);
	return b;
}

/* Compare every entry with the host file it came from. */
static void check_archive(const uint8_t *buf, size_t len, const char *format)
{
	struct cpio_iter it;
	struct cpio_entry e;
	cpio_init(&it, buf, len);
	int n = 0, r;
	int seen_hard = 0;
	uint32_t hard_ino = 0;
	while ((r = cpio_next(&it, &e)) == CPIO_ENTRY) {
		n++;
		char p[600];
		snprintf(p, sizeof p, "%s/%s", tree, e.name);
		struct stat st;
		CHECK(lstat(p, &st) == 0, "%s: entry %s exists on the host", format, e.name);
		CHECK(strlen(e.name) == e.namelen, "namelen of %s", e.name);
		CHECK(e.mode == st.st_mode, "%s: mode of %s: %o vs %o", format, e.name, e.mode, st.st_mode);
		CHECK(e.nlink == st.st_nlink, "%s: nlink of %s", format, e.name);
		CHECK(e.mtime == (uint32_t)st.st_mtime, "%s: mtime of %s", format, e.name);
		CHECK(e.uid == st.st_uid && e.gid == st.st_gid, "owner of %s", e.name);
		CHECK(e.devmajor == major(st.st_dev) && e.devminor == minor(st.st_dev), "dev of %s", e.name);
		if (S_ISREG(st.st_mode)) {
			size_t fl;
			uint8_t *data = read_all(p, &fl);
			CHECK(data != NULL, "read %s", p);
			if (st.st_nlink > 1) {
				/* GNU cpio stores the data once, with the last link. */
				if (!seen_hard)
					hard_ino = e.ino;
				CHECK(e.ino == hard_ino, "hard links share ino");
				seen_hard++;
				CHECK(e.size == 0 || e.size == fl, "hard link size");
				if (e.size)
					CHECK(memcmp(e.data, data, fl) == 0, "hard link data");
			} else {
				CHECK(e.size == fl, "%s: size of %s: %zu vs %zu", format, e.name, e.size, fl);
				if (e.size == fl)
					CHECK(memcmp(e.data, data, fl) == 0, "%s: data of %s", format, e.name);
			}
			free(data);
		} else if (S_ISLNK(st.st_mode)) {
			char t[512];
			ssize_t tl = readlink(p, t, sizeof t);
			CHECK(tl >= 0 && (size_t)tl == e.size && memcmp(t, e.data, e.size) == 0,
			      "symlink %s target", e.name);
		} else {
			CHECK(e.size == 0, "no data for %s", e.name);
		}
		CHECK((const uint8_t *)e.data >= buf && (const uint8_t *)e.data + e.size <= buf + len,
		      "data inside the archive");
	}
	CHECK(r == CPIO_END, "%s: archive ends with the trailer (r=%d: %s)", format, r, it.err);
	CHECK(n == 41, "%s: %d entries", format, n);
	CHECK(seen_hard == 3, "three hard links seen");
	CHECK(!cpio_next_archive(&it), "only padding after the trailer");
}

/* Parse a (possibly broken) archive copied into a buffer of exactly its
 * length, so ASan catches any read past it.  Returns entries seen, or
 * -(entries+1) on an error. */
static int parse_exact(const uint8_t *src, size_t len, int *end)
{
	uint8_t *b = malloc(len ? len : 1);
	memcpy(b, src, len);
	struct cpio_iter it;
	struct cpio_entry e;
	cpio_init(&it, b, len);
	int n = 0, r;
	for (;;) {
		r = cpio_next(&it, &e);
		if (r != CPIO_ENTRY)
			break;
		n++;
		/* touch every byte the entry claims */
		volatile uint8_t sink = 0;
		for (size_t i = 0; i < e.size; i++)
			sink ^= ((const uint8_t *)e.data)[i];
		for (size_t i = 0; i <= e.namelen; i++)
			sink ^= (uint8_t)e.name[i];
		(void)sink;
		if (n > 100000)
			break;
	}
	if (r == CPIO_ERROR)
		CHECK(it.err[0] != 0, "an error has a message");
	*end = r;
	free(b);
	return n;
}

static void mutations(const uint8_t *good, size_t len)
{
	int end, full;
	full = parse_exact(good, len, &end);
	CHECK(end == CPIO_END, "intact archive parses");

	/* Every truncation before the trailer's header must end in an error. */
	size_t trailer_at = 0;
	{
		struct cpio_iter it;
		struct cpio_entry e;
		cpio_init(&it, good, len);
		while (cpio_next(&it, &e) == CPIO_ENTRY)
			;
		trailer_at = e.offset;
	}
	int bad_trunc = 0;
	for (size_t cut = 0; cut < len; cut++) {
		int n = parse_exact(good, cut, &end);
		if (cut < trailer_at + CPIO_HEADER_SIZE + 11)
			bad_trunc += end != CPIO_ERROR;
		CHECK(n <= full, "truncation gives no extra entries");
	}
	CHECK(bad_trunc == 0, "%d truncations were not reported", bad_trunc);

	/* Random corruption: byte flips, hex digits replaced, fields set to
	 * extreme values. */
	uint8_t *m = malloc(len);
	srand(12345);
	int errors = 0, ends = 0;
	const int rounds = 20000;
	for (int round = 0; round < rounds; round++) {
		memcpy(m, good, len);
		int k = 1 + rand() % 4;
		for (int j = 0; j < k; j++) {
			size_t at;
			/* mostly hit headers: pick an entry start then a field */
			if (rand() % 4) {
				struct cpio_iter it;
				struct cpio_entry e;
				cpio_init(&it, good, len);
				int skip = rand() % 8, i = 0;
				e.offset = 0;
				while (i++ <= skip && cpio_next(&it, &e) == CPIO_ENTRY)
					;
				at = e.offset + (size_t)(rand() % CPIO_HEADER_SIZE);
			} else {
				at = (size_t)rand() % len;
			}
			if (at >= len)
				continue;
			switch (rand() % 5) {
			case 0: m[at] ^= (uint8_t)(1u << (rand() % 8)); break;
			case 1: m[at] = "0123456789abcdefFgG \xff"[rand() % 21]; break;
			case 2: if (at + 8 <= len) memcpy(m + at, "ffffffff", 8); break;
			case 3: if (at + 8 <= len) memcpy(m + at, "7ffffff0", 8); break;
			default: m[at] = 0; break;
			}
		}
		size_t mlen = rand() % 8 ? len : (size_t)rand() % len;
		parse_exact(m, mlen, &end);
		errors += end == CPIO_ERROR;
		ends += end == CPIO_END;
	}
	CHECK(errors + ends == rounds, "every mutation ends in an error or the trailer");
	CHECK(errors > rounds / 3, "most header corruption is detected (%d of %d)", errors, rounds);
	free(m);
	printf("cpio: %zu truncations and %d corruptions parsed (%d errors reported)\n",
	       len, rounds, errors);
}

static void handmade(void)
{
	/* A minimal hand-built archive: one file and the trailer. */
	char a[512];
	memset(a, 0, sizeof a);
	int n = snprintf(a, sizeof a, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%s",
			 1, 0100644, 0, 0, 1, 0, 5, 0, 0, 0, 0, 4, 0, "abc");
	size_t off = (size_t)n + 1;        /* NUL of the name */
	off = (off + 3) & ~3ul;
	memcpy(a + off, "hello", 5);
	off = (off + 5 + 3) & ~3ul;
	n = snprintf(a + off, sizeof a - off, "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%s",
		     0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 11, 0, "TRAILER!!!");
	size_t len = off + (size_t)n + 1;
	struct cpio_iter it;
	struct cpio_entry e;
	cpio_init(&it, a, len);
	CHECK(cpio_next(&it, &e) == CPIO_ENTRY, "first entry");
	CHECK(e.namelen == 3 && strcmp(e.name, "abc") == 0, "name");
	CHECK(e.size == 5 && memcmp(e.data, "hello", 5) == 0, "data");
	CHECK(e.mode == 0100644, "mode");
	CHECK(cpio_next(&it, &e) == CPIO_END, "trailer (its padding may be missing at the end)");

	/* Specific malformations with their messages. */
	struct { const char *what; size_t at; const char *set; const char *msg; } cases[] = {
		{ "magic", 0, "07070X", "bad magic" },
		{ "gzip", 0, "\x1f\x8b", "gzip" },
		{ "old format", 0, "070707", "old ASCII" },
		{ "hex", 6, "g", "bad hex" },
		{ "namesize 0", 6 + 8 * 11, "00000000", "empty name" },
		{ "namesize huge", 6 + 8 * 11, "7fffffff", "name runs past" },
		{ "name not NUL-terminated", 6 + 8 * 11, "00000003", "not NUL-terminated" },
		{ "filesize huge", 6 + 8 * 6, "fffffff0", "data runs past" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char b[512];
		memcpy(b, a, len);
		memcpy(b + cases[i].at, cases[i].set, strlen(cases[i].set));
		cpio_init(&it, b, len);
		int r = cpio_next(&it, &e);
		CHECK(r == CPIO_ERROR && strstr(it.err, cases[i].msg), "%s: r=%d err=%s", cases[i].what, r,
		      it.err);
	}
	/* Interior NUL in the name. */
	{
		char b[512];
		memcpy(b, a, len);
		b[CPIO_HEADER_SIZE + 1] = 0;
		cpio_init(&it, b, len);
		CHECK(cpio_next(&it, &e) == CPIO_ERROR && strstr(it.err, "NUL inside"), "interior NUL");
	}
	/* No trailer. */
	cpio_init(&it, a, off);
	CHECK(cpio_next(&it, &e) == CPIO_ENTRY, "entry before the cut");
	CHECK(cpio_next(&it, &e) == CPIO_ERROR && strstr(it.err, "without a TRAILER"), "missing trailer: %s",
	      it.err);
	/* Empty archive. */
	cpio_init(&it, a, 0);
	CHECK(cpio_next(&it, &e) == CPIO_ERROR, "empty input");
	/* Two archives end to end with zero padding between. */
	{
		char b[1100];
		memset(b, 0, sizeof b);
		memcpy(b, a, len);
		memcpy(b + 512, a, len);
		cpio_init(&it, b, 512 + len);
		int entries = 0, archives = 0;
		for (;;) {
			int r = cpio_next(&it, &e);
			if (r == CPIO_ENTRY) {
				entries++;
				continue;
			}
			if (r == CPIO_END) {
				archives++;
				if (cpio_next_archive(&it))
					continue;
			}
			break;
		}
		CHECK(entries == 2 && archives == 2, "concatenated archives: %d entries %d archives", entries,
		      archives);
	}
}

int main(int argc, char **argv)
{
	if (argc > 1)
		cpio_tool = argv[1];
	handmade();
	snprintf(tree, sizeof tree, "/tmp/ringel-cpio-XXXXXX");
	if (!mkdtemp(tree)) {
		perror("mkdtemp");
		return 2;
	}
	make_tree();
	size_t len, clen;
	uint8_t *newc = make_archive("newc", &len);
	uint8_t *crc = make_archive("crc", &clen);
	CHECK(newc && len > 0 && crc && clen > 0, "archives made");
	if (newc && crc) {
		check_archive(newc, len, "newc");
		check_archive(crc, clen, "crc");
		/* a checksum that does not match */
		uint8_t *bad = malloc(clen);
		memcpy(bad, crc, clen);
		struct cpio_iter it;
		struct cpio_entry e;
		cpio_init(&it, bad, clen);
		int r;
		while ((r = cpio_next(&it, &e)) == CPIO_ENTRY && (e.size == 0 || (e.mode & S_IFMT) != S_IFREG))
			;
		CHECK(r == CPIO_ENTRY, "a file with data");
		((uint8_t *)e.data)[0] ^= 1;
		cpio_init(&it, bad, clen);
		while ((r = cpio_next(&it, &e)) == CPIO_ENTRY)
			;
		CHECK(r == CPIO_ERROR && strstr(it.err, "checksum"), "crc mismatch detected: %s", it.err);
		free(bad);
	}
	free(newc);
	free(crc);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tree);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tree);

	/* Corruption runs on a small archive, both formats. */
	snprintf(tree, sizeof tree, "/tmp/ringel-cpio-XXXXXX");
	if (!mkdtemp(tree)) {
		perror("mkdtemp");
		return 2;
	}
	make_small_tree();
	newc = make_archive("newc", &len);
	crc = make_archive("crc", &clen);
	CHECK(newc && crc, "small archives made");
	if (newc && crc) {
		mutations(newc, len);
		mutations(crc, clen);
	}
	free(newc);
	free(crc);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tree);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tree);
	return check_finish();
}

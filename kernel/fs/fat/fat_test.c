/* Host tests of the FAT file system (kernel/fs/fat/) and the block cache,
 * through the VFS and the system-call handlers, on images mkfs.vfat makes:
 *
 *  - oracle: seeded random sequences of create/write at offsets/append/
 *    truncate/rename/unlink/mkdir/rmdir with short and long names, done on
 *    a FAT image mounted at /m and in a directory on the host's Linux; each
 *    call's result must match, and both trees are compared in full (names,
 *    types, sizes, bytes) every few hundred steps and at the end;
 *  - then the image is synced and unmounted, and the outside tools judge
 *    it: `fsck.fat -n` must find nothing, `mdir`/`mcopy` (mtools) must list
 *    the same names and read back the same bytes;
 *  - remount: the tree read back by a fresh mount is the same;
 *  - FAT12, FAT16, FAT32 and several cluster sizes;
 *  - damaged images: a bad BPB is refused, a truncated image is mounted
 *    read-only, a cluster loop, an out-of-range link and a directory loop
 *    give EIO on that file only;
 *  - the block cache: a cap in pages holds, clean blocks are evicted, dirty
 *    ones written back before eviction, sync writes everything.
 *
 * Usage: fat_test [SEQUENCE-STEPS] */
#define _GNU_SOURCE
#include "../fs_stubs_test.h"
#include "fat_hostdev_test.h"
#include <check.h>
#include <fat.h>
#include <bcache.h>
#include <proc.h>
#include <syscalls_gen.h>
#include "fat_hostops_test.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char tmpdir[256];
static unsigned steps = 3000;

/* ================================================================ helpers */
static uint64_t rng_state;
static uint32_t rnd(void)
{
	rng_state = rng_state * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(rng_state >> 33);
}

static uint32_t rndn(uint32_t n)
{
	return n ? rnd() % n : 0;
}

static struct hostdev dev;
static int mount_count;
static char mprefix[32];

/* Mount the image through mount(2): a block node /dev/fatdisk whose
 * device number finds dev, on a fresh directory /mN. */
static long do_mount(const char *img, bool ro)
{
	if (hostdev_open(&dev, img, false) < 0)
		return -1;
	dev.d.rdev = MKDEV(254, 0);
	hostdev_registered = &dev;
	vfs_mknodat(NULL, "/dev/fatdisk", S_IFBLK | 0600, dev.d.rdev);
	snprintf(mprefix, sizeof mprefix, "/m%d", ++mount_count);
	CHECK(sys_mkdirat(AT_FDCWD, fst_ustr(mprefix), 0755) == 0, "mkdir %s", mprefix);
	long r = sys_mount(fst_ustr("/dev/fatdisk"), fst_ustr(mprefix), fst_ustr("vfat"), ro ? MS_RDONLY : 0, 0);
	if (r)
		hostdev_close(&dev);
	return r;
}

static long do_unmount(void)
{
	long r = sys_umount2(fst_ustr(mprefix), 0);
	if (!r)
		hostdev_close(&dev);
	return r;
}

static char *mp(const char *rel)
{
	static char bufs[4][600];
	static int i;
	char *b = bufs[i++ & 3];
	snprintf(b, sizeof bufs[0], "%s/%s", mprefix, rel);
	return b;
}

static char *hp(const char *rel)
{
	static char bufs[4][600];
	static int i;
	char *b = bufs[i++ & 3];
	snprintf(b, sizeof bufs[0], "%s/h/%s", tmpdir, rel);
	return b;
}

/* ================================================================ the two sides */
static long r_res(long r) { return r < 0 ? r : 0; }

static long r_write_at(const char *p, const void *data, size_t n, long off, bool append, bool creat)
{
	int fl = O_WRONLY | (append ? O_APPEND : 0) | (creat ? O_CREAT : 0);
	long fd = sys_openat(AT_FDCWD, fst_ustr(p), fl, 0644);
	if (fd < 0)
		return fd;
	uintptr_t u = fst_ualloc(n);
	memcpy((void *)u, data, n);
	long r = append ? sys_write((int)fd, u, n) : sys_pwrite64((int)fd, u, n, off);
	sys_close((int)fd);
	return r;
}

static long r_trunc(const char *p, long size)
{
	long fd = sys_openat(AT_FDCWD, fst_ustr(p), O_WRONLY, 0);
	if (fd < 0)
		return fd;
	long r = sys_ftruncate((int)fd, size);
	sys_close((int)fd);
	return r;
}

/* Read a whole file through the Ringel side; its length or -errno. */
static long r_readfile(const char *p, char *buf, size_t max)
{
	long fd = sys_openat(AT_FDCWD, fst_ustr(p), O_RDONLY, 0);
	if (fd < 0)
		return fd;
	size_t got = 0;
	uintptr_t u = fst_ualloc(65536);
	for (;;) {
		long r = sys_read((int)fd, u, (max - got < 65536 ? max - got : 65536));
		if (r < 0) {
			sys_close((int)fd);
			return r;
		}
		if (r == 0)
			break;
		memcpy(buf + got, (void *)u, (size_t)r);
		got += (size_t)r;
		if (got == max)
			break;
	}
	sys_close((int)fd);
	return (long)got;
}

/* A Ringel directory's names, sorted, directories marked with '/'. */
static long r_list(const char *p, struct listing *l)
{
	l->n = 0;
	long fd = sys_openat(AT_FDCWD, fst_ustr(p), O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return fd;
	uintptr_t u = fst_ualloc(4096);
	for (;;) {
		long r = sys_getdents64((int)fd, u, 4096);
		if (r < 0) {
			sys_close((int)fd);
			return r;
		}
		if (r == 0)
			break;
		for (long at = 0; at < r;) {
			struct linux_dirent64 *d = (void *)(u + (uintptr_t)at);
			if (strcmp(d->d_name, ".") && strcmp(d->d_name, "..") && l->n < 512) {
				size_t len = strlen(d->d_name);
				char *s = malloc(len + 2);
				memcpy(s, d->d_name, len);
				s[len] = d->d_type == DT_DIR ? '/' : 0;
				s[len + 1] = 0;
				l->names[l->n++] = s;
			}
			at += d->d_reclen;
		}
	}
	sys_close((int)fd);
	listing_sort(l);
	return 0;
}

#define MAXFILE (3u << 20)
static char *bufa, *bufb;

/* Compare the trees under rel on both sides; counts files compared. */
static bool compare_tree(const char *rel, int depth, unsigned *files)
{
	struct listing a, b;
	long ra = r_list(mp(rel), &a), rb = hs_list(hp(rel), &b);
	bool ok = CHECK(ra == 0 && rb == 0, "list %s: %ld %ld", rel, ra, rb);
	if (ok && !CHECK(a.n == b.n, "%s: %d entries here, %d on Linux", rel, a.n, b.n)) {
		for (int i = 0; i < a.n; i++)
			fprintf(stderr, "      ringel: %s\n", a.names[i]);
		for (int i = 0; i < b.n; i++)
			fprintf(stderr, "      linux:  %s\n", b.names[i]);
		ok = false;
	}
	for (int i = 0; ok && i < a.n; i++) {
		if (!CHECK(!strcmp(a.names[i], b.names[i]), "%s: %s vs %s", rel, a.names[i], b.names[i])) {
			ok = false;
			break;
		}
		char sub[600];
		size_t len = strlen(a.names[i]);
		bool dir = a.names[i][len - 1] == '/';
		snprintf(sub, sizeof sub, "%s%s%.*s", rel, *rel ? "/" : "", (int)(len - dir), a.names[i]);
		if (dir) {
			if (depth < 8)
				ok = compare_tree(sub, depth + 1, files) && ok;
			continue;
		}
		long la = r_readfile(mp(sub), bufa, MAXFILE), lb = hs_readfile(hp(sub), bufb, MAXFILE);
		ok = CHECK(la == lb, "%s: %ld bytes here, %ld on Linux", sub, la, lb) && ok;
		if (ok && la > 0)
			ok = CHECK(!memcmp(bufa, bufb, (size_t)la), "%s: bytes differ", sub);
		struct linux_stat *st = (void *)fst_ualloc(sizeof *st);
		ok = CHECK(sys_stat(fst_ustr(mp(sub)), (uintptr_t)st) == 0 && st->st_size == lb,
			   "%s: stat size", sub) && ok;
		(*files)++;
	}
	listing_free(&a);
	listing_free(&b);
	return ok;
}

/* ================================================================ random sequences */
static const char *const name_pool[] = {
	"a", "b.txt", "readme", "data.bin", "x1",
	"a long file name.text", "another long name with spaces",
	"mixed.tar.gz", "verylongfilenamethatneedsmanylfnslots_0123456789_abcdefghij.dat",
	"dir", "sub dir", "z", "q.c", "notes.md", "file+with,odd;chars=(1)",
	"abcdefghijk", "abcdefghijl", "abcdefgh.ijk", "abcdefgh.ijkl", "ümlaut-ö.txt",
};
#define NPOOL (sizeof name_pool / sizeof name_pool[0])

static void random_path(char *out, size_t max)
{
	int depth = (int)rndn(3);
	size_t at = 0;
	out[0] = 0;
	for (int i = 0; i <= depth; i++)
		at += (size_t)snprintf(out + at, max - at, "%s%s", i ? "/" : "", name_pool[rndn(NPOOL)]);
}

static void fill_data(char *buf, size_t n)
{
	uint32_t x = rnd();
	for (size_t i = 0; i < n; i++) {
		x = x * 1103515245u + 12345u;
		buf[i] = (char)(x >> 16);
	}
}

static unsigned done_ops[10];

static bool one_step(unsigned step)
{
	char p[600], q[600];
	random_path(p, sizeof p);
	unsigned op = rndn(100);
	long rr, hr;
	const char *what;
	if (op < 30) {                  /* write at an offset / create */
		size_t n = rndn(20) == 0 ? 100000 + rndn(200000) : rndn(9000);
		long off = rndn(4) == 0 ? (long)rndn(70000) : 0;
		bool append = rndn(3) == 0, creat = rndn(4) != 0;
		fill_data(bufa, n);
		rr = r_write_at(mp(p), bufa, n, off, append, creat);
		hr = hs_write_at(hp(p), bufa, n, off, append, creat);
		what = append ? "append" : "write";
		done_ops[0]++;
	} else if (op < 40) {
		long size = rndn(2) ? (long)rndn(20000) : (long)rndn(200000);
		rr = r_trunc(mp(p), size);
		hr = hs_trunc(hp(p), size);
		what = "truncate";
		done_ops[1]++;
	} else if (op < 55) {
		rr = r_res(sys_mkdirat(AT_FDCWD, fst_ustr(mp(p)), 0755));
		hr = hs_mkdir(hp(p));
		what = "mkdir";
		done_ops[2]++;
	} else if (op < 65) {
		rr = r_res(sys_unlinkat(AT_FDCWD, fst_ustr(mp(p)), 0));
		hr = hs_unlink(hp(p));
		what = "unlink";
		done_ops[3]++;
	} else if (op < 72) {
		rr = r_res(sys_unlinkat(AT_FDCWD, fst_ustr(mp(p)), AT_REMOVEDIR));
		hr = hs_rmdir(hp(p));
		what = "rmdir";
		done_ops[4]++;
	} else if (op < 85) {
		random_path(q, sizeof q);
		rr = r_res(sys_renameat(AT_FDCWD, fst_ustr(mp(p)), AT_FDCWD, fst_ustr(mp(q))));
		hr = hs_rename(hp(p), hp(q));
		what = "rename";
		done_ops[5]++;
	} else {                        /* read back one file */
		long la = r_readfile(mp(p), bufa, MAXFILE), lb = hs_readfile(hp(p), bufb, MAXFILE);
		/* reading a directory: both fail (EISDIR) */
		if (la >= 0 && lb >= 0)
			return CHECK(la == lb && !memcmp(bufa, bufb, (size_t)la), "step %u: read %s", step, p);
		return CHECK((la < 0) == (lb < 0), "step %u: read %s: %ld vs %ld", step, p, la, lb);
	}
	return CHECK(rr == hr, "step %u: %s %s%s%s: %ld here, %ld on Linux", step, what, p,
		     op >= 72 && op < 85 ? " -> " : "", op >= 72 && op < 85 ? q : "", rr, hr);
}

/* mtools and fsck.fat on the image, against the host tree. */
static bool outside_tools(const char *img, const char *rel, int depth)
{
	char cmd[2048], out[8192], list[16384];
	bool ok = true;
	struct listing b;
	hs_list(hp(rel), &b);
	/* mdir -b lists full paths, one per line; compare names only. */
	snprintf(cmd, sizeof cmd, "MTOOLS_SKIP_CHECK=1 mdir -b -i '%s' '::/%s' 2>&1", img, rel);
	int st = hs_run_out(cmd, list, sizeof list);
	ok = CHECK(st == 0 || b.n == 0, "mdir %s: status %d: %s", rel, st, list) && ok;
	for (int i = 0; ok && i < b.n; i++) {
		size_t len = strlen(b.names[i]);
		bool dir = b.names[i][len - 1] == '/';
		char want[600];
		snprintf(want, sizeof want, "/%s%s%.*s%s\n", rel, *rel ? "/" : "", (int)(len - dir), b.names[i],
			 dir ? "/" : "");
		ok = CHECK(strstr(list, want) != NULL, "mdir %s does not list %s:\n%s", rel, want, list) && ok;
		char sub[600];
		snprintf(sub, sizeof sub, "%s%s%.*s", rel, *rel ? "/" : "", (int)(len - dir), b.names[i]);
		if (dir) {
			if (depth < 8)
				ok = outside_tools(img, sub, depth + 1) && ok;
			continue;
		}
		char tmp[300];
		snprintf(tmp, sizeof tmp, "%s/mcopy.out", tmpdir);
		snprintf(cmd, sizeof cmd, "MTOOLS_SKIP_CHECK=1 mcopy -n -o -i '%s' '::/%s' '%s' 2>&1", img, sub, tmp);
		st = hs_run_out(cmd, out, sizeof out);
		ok = CHECK(st == 0, "mcopy %s: %s", sub, out) && ok;
		long la = hs_readfile(tmp, bufa, MAXFILE), lb = hs_readfile(hp(sub), bufb, MAXFILE);
		ok = CHECK(la == lb && (la <= 0 || !memcmp(bufa, bufb, (size_t)la)),
			   "mcopy %s: %ld bytes, %ld on Linux, or different", sub, la, lb) && ok;
		hs_remove(tmp);
	}
	listing_free(&b);
	return ok;
}

static bool fsck_clean(const char *img)
{
	char cmd[600], out[8192];
	snprintf(cmd, sizeof cmd, "fsck.fat -n '%s' 2>&1", img);
	int st = hs_run_out(cmd, out, sizeof out);
	return CHECK(st == 0, "fsck.fat -n %s: status %d:\n%s", img, st, out);
}

static void oracle_run(const char *mkfs_args, const char *label, unsigned seed)
{
	check_group("oracle %s seed %u", label, seed);
	char img[300], cmd[700];
	snprintf(img, sizeof img, "%s/%s.img", tmpdir, label);
	hs_remove(img);
	/* IMG in the arguments stands for the image's name. */
	const char *at = strstr(mkfs_args, "IMG");
	snprintf(cmd, sizeof cmd, "mkfs.vfat %.*s'%s'%s >/dev/null", (int)(at - mkfs_args), mkfs_args, img, at + 3);
	if (!CHECK(hs_run(cmd) == 0, "%s", cmd))
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s/h' && mkdir '%s/h'", tmpdir, tmpdir);
	hs_run(cmd);
	if (!CHECK(do_mount(img, false) == 0, "mount %s", img))
		return;
	rng_state = seed;
	memset(done_ops, 0, sizeof done_ops);
	unsigned files = 0;
	for (unsigned i = 0; i < steps; i++) {
		if (!one_step(i) && check_failures() > 20)
			break;
		if (i % 500 == 499 && !compare_tree("", 0, &files))
			break;
	}
	compare_tree("", 0, &files);
	CHECK(do_unmount() == 0, "unmount");
	fsck_clean(img);
	outside_tools(img, "", 0);
	/* A fresh mount reads the same tree. */
	if (CHECK(do_mount(img, false) == 0, "remount")) {
		compare_tree("", 0, &files);
		CHECK(do_unmount() == 0, "unmount again");
	}
	char note[200];
	snprintf(note, sizeof note, "%u steps: %u writes, %u truncates, %u mkdirs, %u unlinks, %u rmdirs, "
		 "%u renames; %u file comparisons", steps, done_ops[0], done_ops[1], done_ops[2], done_ops[3],
		 done_ops[4], done_ops[5], files);
	check_group_end(note);
	if (check_failures() == 0)
		hs_remove(img);
	else
		fprintf(stderr, "    the image is kept: %s\n", img);
}

/* ================================================================ mount(2) and friends */
static long r_open(const char *p, int flags) { return sys_openat(AT_FDCWD, fst_ustr(p), flags, 0644); }

static void mount_calls(void)
{
	check_group("mount, umount2, sync, read-only, busy");
	char img[300], cmd[700];
	snprintf(img, sizeof img, "%s/calls.img", tmpdir);
	snprintf(cmd, sizeof cmd, "mkfs.vfat -F 32 -C '%s' 40000 >/dev/null", img);
	if (!CHECK(hs_run(cmd) == 0, "%s", cmd))
		return;
	CHECK(do_mount(img, false) == 0, "mount");
	/* Refusals. */
	CHECK(sys_mount(fst_ustr("/dev/fatdisk"), fst_ustr("/tmp"), fst_ustr("nosuchfs"), 0, 0) == -ENODEV, "ENODEV");
	CHECK(sys_mount(fst_ustr("/dev/fatdisk"), fst_ustr("/tmp"), fst_ustr("vfat"), 0, 0) == -EBUSY,
	      "the same disk twice: EBUSY");
	CHECK(sys_mount(fst_ustr("/tmp"), fst_ustr("/tmp"), fst_ustr("vfat"), 0, 0) == -ENOTBLK, "ENOTBLK");
	CHECK(sys_mount(fst_ustr("/dev/fatdisk"), fst_ustr("/nowhere"), fst_ustr("vfat"), 0, 0) == -ENOENT, "ENOENT");
	CHECK(sys_umount2(fst_ustr("/tmp"), 0) == -EINVAL, "umount of a plain directory: EINVAL");
	CHECK(sys_umount2(fst_ustr(mprefix), 0x100) == -EINVAL, "unknown umount2 flag: EINVAL");
	/* Busy while a file is open or a cwd is inside. */
	long fd = r_open(mp("f"), O_CREAT | O_WRONLY);
	CHECK(fd >= 0, "create");
	uintptr_t u = fst_ualloc(100000);
	memset((void *)u, 'x', 100000);
	CHECK(sys_write((int)fd, u, 100000) == 100000, "write");
	long w0 = hostdev_writes;
	CHECK(sys_fsync((int)fd) == 0 && hostdev_writes > w0 && bcache_dirty_pages() == 0, "fsync writes");
	CHECK(sys_write((int)fd, u, 10) == 10 && bcache_dirty_pages() > 0, "dirty again");
	CHECK(sys_syncfs((int)fd) == 0 && bcache_dirty_pages() == 0, "syncfs writes");
	CHECK(sys_umount2(fst_ustr(mprefix), 0) == -EBUSY, "open file: EBUSY");
	sys_close((int)fd);
	CHECK(sys_chdir(fst_ustr(mprefix)) == 0, "chdir");
	CHECK(sys_umount2(fst_ustr(mprefix), 0) == -EBUSY, "cwd inside: EBUSY");
	CHECK(sys_chdir(fst_ustr("/")) == 0, "chdir /");
	CHECK(sys_mkdirat(AT_FDCWD, fst_ustr(mp("inner")), 0755) == 0, "mkdir inner");
	CHECK(sys_mount(fst_ustr("none"), fst_ustr(mp("inner")), fst_ustr("tmpfs"), 0, fst_ustr("size=64k")) == 0,
	      "tmpfs inside");
	CHECK(sys_umount2(fst_ustr(mprefix), 0) == -EBUSY, "a mount inside: EBUSY");
	struct linux_statfs *st = (void *)fst_ualloc(sizeof *st);
	CHECK(sys_statfs(fst_ustr(mp("inner")), (uintptr_t)st) == 0 && st->f_type == TMPFS_MAGIC &&
	      st->f_blocks == 16, "tmpfs size=64k: 16 pages (%ld)", (long)st->f_blocks);
	CHECK(r_write_at(mp("inner/big"), (void *)u, 100000, 0, false, true) == -ENOSPC ||
	      r_write_at(mp("inner/big"), (void *)u, 100000, 0, false, true) < 100000, "tmpfs full");
	CHECK(sys_umount2(fst_ustr(mp("inner")), 0) == 0, "umount tmpfs");
	CHECK(sys_statfs(fst_ustr(mprefix), (uintptr_t)st) == 0 && st->f_type == MSDOS_SUPER_MAGIC &&
	      st->f_bfree < st->f_blocks && st->f_namelen == 255, "vfat statfs");
	CHECK(sys_sync() == 0, "sync");
	CHECK(do_unmount() == 0, "umount");
	fsck_clean(img);
	/* Read-only. */
	CHECK(do_mount(img, true) == 0, "mount ro");
	CHECK(r_open(mp("f"), O_WRONLY) == -EROFS, "open for writing: EROFS");
	CHECK(r_open(mp("g"), O_WRONLY | O_CREAT) == -EROFS, "create: EROFS");
	CHECK(sys_mkdirat(AT_FDCWD, fst_ustr(mp("d")), 0755) == -EROFS, "mkdir: EROFS");
	CHECK(sys_unlinkat(AT_FDCWD, fst_ustr(mp("f")), 0) == -EROFS, "unlink: EROFS");
	CHECK(sys_rename(fst_ustr(mp("f")), fst_ustr(mp("g"))) == -EROFS, "rename: EROFS");
	fd = r_open(mp("f"), O_RDONLY);
	CHECK(fd >= 0, "open for reading");
	uintptr_t rb = fst_ualloc(200000);
	CHECK(sys_read((int)fd, rb, 200000) == 100010 && !memcmp((void *)rb, (void *)u, 100000), "read back");
	sys_close((int)fd);
	CHECK(sys_statfs(fst_ustr(mprefix), (uintptr_t)st) == 0 && (st->f_flags & ST_RDONLY), "ST_RDONLY");
	CHECK(do_unmount() == 0, "umount ro");
	check_group_end(NULL);
}

/* The block cache alone: its cap, eviction and write-back, on a file. */
static void cache_limits(void)
{
	check_group("block cache: cap, eviction, write-back");
	char img[300], cmd[700];
	snprintf(img, sizeof img, "%s/cache.img", tmpdir);
	snprintf(cmd, sizeof cmd, "truncate -s 1M '%s'", img);
	hs_run(cmd);
	struct hostdev h;
	if (!CHECK(hostdev_open(&h, img, false) == 0, "open"))
		return;
	bcache_set_limit(8);
	char blk[BCACHE_BLOCK];
	for (int i = 0; i < 40; i++) {
		memset(blk, 'a' + i % 26, sizeof blk);
		CHECK(bcache_write(&h.d, (uint64_t)i * BCACHE_BLOCK, blk, sizeof blk) == 0, "write %d", i);
	}
	CHECK(bcache_pages() <= 8, "at most 8 pages held (%zu)", bcache_pages());
	CHECK(hostdev_writes >= 32, "the evicted dirty blocks were written (%ld)", hostdev_writes);
	long r0 = hostdev_reads;
	CHECK(bcache_read(&h.d, 39 * BCACHE_BLOCK, blk, 10) == 0 && blk[0] == 'a' + 39 % 26 && hostdev_reads == r0,
	      "a recent block is read from memory");
	CHECK(bcache_read(&h.d, 0, blk, 10) == 0 && blk[0] == 'a' && hostdev_reads == r0 + 1,
	      "an evicted block is read from the disk");
	CHECK(bcache_sync(&h.d) == 0 && bcache_dirty_pages() == 0, "sync");
	CHECK(bcache_read(&h.d, 1024 * 1024 - 10, blk, 10) == 0, "the last bytes");
	CHECK(bcache_read(&h.d, 1024 * 1024 - 10, blk, 11) == -EIO, "past the end: EIO");
	CHECK(bcache_reclaim(100) > 0 && bcache_pages() == 0, "reclaim frees clean blocks");
	bcache_drop(&h.d);
	bcache_set_limit(0);
	hostdev_close(&h);
	char back[40];
	CHECK(hs_readfile(img, bufa, MAXFILE) == 1024 * 1024, "image");
	for (int i = 0; i < 40; i++)
		back[i] = bufa[(size_t)i * BCACHE_BLOCK + 100];
	bool all = true;
	for (int i = 0; i < 40; i++)
		all &= back[i] == 'a' + i % 26;
	CHECK(all, "every block reached the file");
	check_group_end(NULL);
}

/* ================================================================ damaged images */
/* A FAT12 image in memory with BIG.BIN (5 clusters), OK.TXT and D/E,
 * patched by each case and mounted through mount(2). */
static uint8_t *base_img, *img;
static size_t img_len;
static struct hostdev memdev;
static unsigned bps, rsvd, nfats, fatsz, root_ent, spc;

static unsigned le16at(const uint8_t *p) { return (unsigned)(p[0] | p[1] << 8); }

static void fat12_set(unsigned clu, unsigned val)
{
	for (unsigned f = 0; f < nfats; f++) {
		uint8_t *e = img + (rsvd + f * fatsz) * bps + clu + clu / 2;
		unsigned v = le16at(e);
		v = (clu & 1) ? (v & 0x000f) | (val << 4) : (v & 0xf000) | (val & 0xfff);
		e[0] = (uint8_t)v;
		e[1] = (uint8_t)(v >> 8);
	}
}

/* The 32-byte entry with this 8.3 name in the directory at off. */
static uint8_t *entry_at(size_t off, unsigned slots, const char *name11)
{
	for (unsigned i = 0; i < slots; i++)
		if (!memcmp(img + off + i * 32, name11, 11))
			return img + off + i * 32;
	return NULL;
}

static size_t root_off(void) { return (rsvd + nfats * fatsz) * bps; }
static size_t data_off(void) { return root_off() + root_ent * 32; }
static size_t clu_off(unsigned c) { return data_off() + (c - 2) * spc * bps; }

static long mount_mem(size_t len)
{
	hostdev_mem(&memdev, img, len);
	memdev.d.rdev = MKDEV(254, 0);
	hostdev_registered = &memdev;
	snprintf(mprefix, sizeof mprefix, "/m%d", ++mount_count);
	sys_mkdirat(AT_FDCWD, fst_ustr(mprefix), 0755);
	return sys_mount(fst_ustr("/dev/fatdisk"), fst_ustr(mprefix), fst_ustr("vfat"), 0, 0);
}

static long read_len(const char *rel)
{
	return r_readfile(mp(rel), bufa, MAXFILE);
}

static void damaged(void)
{
	check_group("damaged images: refused, read-only or EIO");
	char path[300], cmd[1200];
	snprintf(path, sizeof path, "%s/dmg.img", tmpdir);
	hs_remove(path);
	snprintf(cmd, sizeof cmd,
		 "mkfs.vfat -F 12 -s 1 -C '%s' 1024 >/dev/null && head -c 5000 /dev/urandom > '%s/big' && "
		 "echo hello > '%s/ok' && export MTOOLS_SKIP_CHECK=1 && mcopy -i '%s' '%s/big' ::BIG.BIN && "
		 "mcopy -i '%s' '%s/ok' ::OK.TXT && mmd -i '%s' ::D && mmd -i '%s' ::D/E",
		 path, tmpdir, tmpdir, path, tmpdir, path, tmpdir, path, path);
	if (!CHECK(hs_run(cmd) == 0, "%s", cmd))
		return;
	img_len = (size_t)hs_readfile(path, bufb, MAXFILE);
	base_img = malloc(img_len);
	img = malloc(img_len);
	memcpy(base_img, bufb, img_len);
	bps = le16at(base_img + 11), spc = base_img[13], rsvd = le16at(base_img + 14), nfats = base_img[16];
	root_ent = le16at(base_img + 17), fatsz = le16at(base_img + 22);

	/* The untouched image mounts and reads. */
	memcpy(img, base_img, img_len);
	CHECK(mount_mem(img_len) == 0, "intact image mounts");
	CHECK(read_len("BIG.BIN") == 5000 && read_len("ok.txt") == 6, "and reads");
	CHECK(sys_umount2(fst_ustr(mprefix), 0) == 0, "umount");

	/* Boot sectors that do not add up: refused. */
	static const struct { unsigned off, size, val; const char *what; } bpb[] = {
		{ 510, 1, 0, "no signature" }, { 11, 2, 500, "bytes per sector 500" },
		{ 13, 1, 3, "3 sectors per cluster" }, { 14, 2, 0, "no reserved sectors" },
		{ 16, 1, 0, "no FATs" }, { 22, 2, 0, "FAT size 0" }, { 22, 2, 1, "a FAT too small" },
		{ 19, 2, 20, "fewer sectors than the metadata" }, { 17, 2, 0, "FAT12 without a root directory" },
	};
	for (size_t i = 0; i < sizeof bpb / sizeof bpb[0]; i++) {
		memcpy(img, base_img, img_len);
		img[bpb[i].off] = (uint8_t)bpb[i].val;
		if (bpb[i].size == 2)
			img[bpb[i].off + 1] = (uint8_t)(bpb[i].val >> 8);
		long r = mount_mem(img_len);
		CHECK(r == -EINVAL, "%s: mount gives %ld, not EINVAL", bpb[i].what, r);
		if (!r)
			sys_umount2(fst_ustr(mprefix), 0);
	}

	/* Truncated: the data area is cut short: read-only, EIO past the end. */
	memcpy(img, base_img, img_len);
	uint8_t *big = entry_at(root_off(), root_ent, "BIG     BIN");
	unsigned big_clu = le16at(big + 26);
	size_t cut = clu_off(big_clu) + 512;      /* keeps BIG.BIN's first cluster only */
	if (CHECK(mount_mem(cut) == 0, "truncated image mounts")) {
		CHECK(read_len("BIG.BIN") == -EIO || read_len("BIG.BIN") < 5000, "its cut file: EIO");
		CHECK(read_len("OK.TXT") == 6 || clu_off(le16at(entry_at(root_off(), root_ent, "OK      TXT") + 26)) >= cut,
		      "a file before the cut reads");
		CHECK(r_open(mp("new"), O_CREAT | O_WRONLY) == -EROFS, "read-only: EROFS");
		CHECK(sys_umount2(fst_ustr(mprefix), 0) == 0, "umount");
	}
	CHECK(mount_mem(root_off()) == -EINVAL, "cut before the data area: refused");

	/* A cluster loop: the file's third cluster links back to its first. */
	memcpy(img, base_img, img_len);
	fat12_set(big_clu + 2, big_clu);
	CHECK(mount_mem(img_len) == 0, "loop: mounts");
	CHECK(read_len("BIG.BIN") == -EIO, "loop: EIO, no hang");
	CHECK(read_len("OK.TXT") == 6, "loop: the other file reads");
	CHECK(r_trunc(mp("BIG.BIN"), 0) == -EIO, "loop: truncate gives EIO");
	CHECK(sys_unlinkat(AT_FDCWD, fst_ustr(mp("BIG.BIN")), 0) == 0, "loop: unlink works");
	CHECK(r_write_at(mp("NEW.TXT"), "x", 1, 0, false, true) == 1, "loop: new files still work");
	CHECK(sys_umount2(fst_ustr(mprefix), 0) == 0, "umount");

	/* Out of range and free links in the middle of a chain. */
	static const unsigned bad_links[] = { 0xff0, 0, 1, 0xff7 };
	for (size_t i = 0; i < sizeof bad_links / sizeof bad_links[0]; i++) {
		memcpy(img, base_img, img_len);
		fat12_set(big_clu + 1, bad_links[i]);
		CHECK(mount_mem(img_len) == 0, "link %#x: mounts", bad_links[i]);
		CHECK(read_len("BIG.BIN") == -EIO, "link %#x: EIO", bad_links[i]);
		CHECK(sys_umount2(fst_ustr(mprefix), 0) == 0, "umount");
	}

	/* A file larger than its chain; one starting outside the disk. */
	memcpy(img, base_img, img_len);
	big = entry_at(root_off(), root_ent, "BIG     BIN");
	big[28 + 1] = 0x40;                          /* size += 16 KiB */
	CHECK(mount_mem(img_len) == 0 && read_len("BIG.BIN") == -EIO, "size past the chain: EIO");
	sys_umount2(fst_ustr(mprefix), 0);
	memcpy(img, base_img, img_len);
	big = entry_at(root_off(), root_ent, "BIG     BIN");
	big[26] = 0xff, big[27] = 0x0f;
	CHECK(mount_mem(img_len) == 0 && read_len("BIG.BIN") == -EIO, "first cluster out of range: EIO");
	sys_umount2(fst_ustr(mprefix), 0);

	/* A directory loop: D/E's cluster is D's own. */
	memcpy(img, base_img, img_len);
	uint8_t *d = entry_at(root_off(), root_ent, "D          ");
	unsigned d_clu = le16at(d + 26);
	uint8_t *e = entry_at(clu_off(d_clu), spc * bps / 32, "E          ");
	e[26] = (uint8_t)d_clu, e[27] = (uint8_t)(d_clu >> 8);
	CHECK(mount_mem(img_len) == 0, "directory loop: mounts");
	struct listing l;
	CHECK(r_list(mp("D"), &l) == 0 && l.n == 1, "D lists");
	listing_free(&l);
	CHECK(r_list(mp("D/E"), &l) == -EIO, "D/E: EIO");
	CHECK(r_list(mp("D/E/E/E"), &l) == -EIO, "D/E/E/E: EIO, no endless descent");
	CHECK(sys_umount2(fst_ustr(mprefix), 0) == 0, "umount");

	free(base_img);
	free(img);
	hs_remove(path);
	check_group_end(NULL);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		steps = (unsigned)atoi(argv[1]);
	snprintf(tmpdir, sizeof tmpdir, "%s/fat_test.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!hs_mkdtemp(tmpdir)) {
		fprintf(stderr, "cannot make %s\n", tmpdir);
		return 2;
	}
	bufa = malloc(MAXFILE);
	bufb = malloc(MAXFILE);
	fst_boot();
	cache_limits();
	mount_calls();
	damaged();
	oracle_run("-F 12 -s 8 -C IMG 16000", "fat12-s8", 1);
	oracle_run("-F 16 -s 4 -C IMG 32768", "fat16-s4", 2);
	oracle_run("-F 16 -S 2048 -s 1 -C IMG 32768", "fat16-2k", 3);
	oracle_run("-F 32 -s 1 -C IMG 40000", "fat32-s1", 4);
	oracle_run("-F 32 -s 2 -C IMG 70000", "fat32-s2", 5);
	oracle_run("-F 32 -s 8 -C IMG 280000", "fat32-s8", 6);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (check_failures() == 0)
		hs_run(cmd);
	free(bufa);
	free(bufb);
	return check_finish();
}

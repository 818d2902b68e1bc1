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
static struct vnode *mroot;
static int mount_count;

/* Mount the image at /m (made fresh for each mount: the VFS here has no
 * unmount, so every mount gets its own directory /mN and /m is a symlink
 * to it... simpler: paths carry the prefix). */
static char mprefix[32];

static int do_mount(const char *img, bool ro)
{
	if (hostdev_open(&dev, img, false) < 0)
		return -1;
	bool is_ro;
	int err = fat_mount(&dev.d, ro, &mroot, &is_ro);
	if (err)
		return err;
	snprintf(mprefix, sizeof mprefix, "/m%d", ++mount_count);
	CHECK(sys_mkdirat(AT_FDCWD, fst_ustr(mprefix), 0755) == 0, "mkdir %s", mprefix);
	CHECK(vfs_mount(mprefix, mroot) == 0, "vfs_mount");
	vnode_put(mroot);       /* the mount point holds it now */
	return 0;
}

/* Detach from the VFS by hand (no umount in the VFS yet) and unmount. */
static int do_unmount(void)
{
	struct vnode *mp;
	int err = vfs_lookup(NULL, mprefix, 0, &mp);   /* the covered dir, not followed into */
	if (err)
		return err;
	/* vfs_lookup crosses into the mounted root: step back. */
	struct vnode *root = mp->covered ? mp : mp->mounted;
	struct vnode *covered = root->covered;
	vnode_put(mp);
	covered->mounted = NULL;
	root->covered = NULL;
	vnode_put(covered);
	err = fat_unmount(root);
	hostdev_close(&dev);
	return err;
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

/* Host tests of the VFS, tmpfs, descriptor tables, pipes, the initramfs
 * and the file system calls, driven through the sys_* handlers with user
 * buffers in a pretend user address space (fs_stubs_test.c).
 *
 *  - oracle: random sequences of mkdir/open/unlink/rmdir/rename/link/
 *    symlink/readlink/stat/access/truncate/pwrite/readdir/chdir run here and
 *    on the host's Linux in a temporary directory (fs_hostops_test.c); every
 *    result and errno must match, and the two trees are compared in full
 *    every few steps;
 *  - descriptors: dup/dup2/dup3/fcntl/cloexec/fork sharing/EMFILE;
 *  - pipes: EOF, EPIPE+SIGPIPE, O_NONBLOCK, PIPE_BUF atomicity, blocking
 *    with wakeups;
 *  - bad pointers: NULL, kernel-half, unmapped and past-the-end buffers give
 *    EFAULT and change nothing;
 *  - the initramfs: an archive made by the cpio tool unpacked and compared
 *    with the tree it came from; corrupted archives stop cleanly;
 *  - memory: every page and heap block comes back, also when allocations
 *    fail at every possible point of a sequence.
 *
 * Usage: fs_test [PATH-TO-CPIO] [SEQUENCES] */
#define _GNU_SOURCE
#include "fs_stubs_test.h"
#include "fs_hostops_test.h"
#include <check.h>
#include <proc.h>
#include <tty.h>
#include <arch.h>
#include <syscalls_gen.h>
#include <uaccess.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>

#define R_OK 4
#define W_OK 2
#define X_OK 1

static const char *cpio_tool = "cpio";

/* ================================================================ Ringel side */
static long r_mkdir(const char *p, int mode) { return sys_mkdirat(AT_FDCWD, fst_ustr(p), mode); }
static long r_rmdir(const char *p) { return sys_rmdir(fst_ustr(p)); }
static long r_unlink(const char *p) { return sys_unlinkat(AT_FDCWD, fst_ustr(p), 0); }
static long r_rename(const char *a, const char *b) { return sys_rename(fst_ustr(a), fst_ustr(b)); }
static long r_link(const char *a, const char *b) { return sys_link(fst_ustr(a), fst_ustr(b)); }
static long r_symlink(const char *t, const char *p) { return sys_symlink(fst_ustr(t), fst_ustr(p)); }
static long r_access(const char *p, int mode) { return sys_access(fst_ustr(p), mode); }
static long r_chdir(const char *p) { return sys_chdir(fst_ustr(p)); }

static long r_readlink(const char *p, char *buf, size_t n)
{
	uintptr_t u = fst_ualloc(n);
	long r = sys_readlink(fst_ustr(p), u, n);
	if (r > 0)
		memcpy(buf, (void *)u, (size_t)r);
	return r;
}

static void from_stat(const struct linux_stat *s, struct hop_stat *st)
{
	st->mode = s->st_mode;
	st->nlink = s->st_nlink;
	st->size = s->st_size;
	st->ino = s->st_ino;
}

static long r_stat(const char *p, bool follow, struct hop_stat *st)
{
	uintptr_t u = fst_ualloc(sizeof(struct linux_stat));
	long r = follow ? sys_stat(fst_ustr(p), u) : sys_lstat(fst_ustr(p), u);
	if (r == 0)
		from_stat((struct linux_stat *)u, st);
	return r;
}

static int oflags(int f)
{
	int o = (f & HOF_ACC) == 1 ? O_WRONLY : (f & HOF_ACC) == 2 ? O_RDWR : O_RDONLY;
	if (f & HOF_CREAT) o |= O_CREAT;
	if (f & HOF_EXCL) o |= O_EXCL;
	if (f & HOF_TRUNC) o |= O_TRUNC;
	if (f & HOF_DIRECTORY) o |= O_DIRECTORY;
	if (f & HOF_NOFOLLOW) o |= O_NOFOLLOW;
	if (f & HOF_APPEND) o |= O_APPEND;
	return o;
}

static long r_open_write(const char *p, int flags, int mode, const void *data, size_t n, struct hop_stat *st)
{
	long fd = sys_openat(AT_FDCWD, fst_ustr(p), oflags(flags), mode);
	if (fd < 0)
		return fd;
	long r = 0;
	if (n && (flags & HOF_ACC)) {
		uintptr_t u = fst_ualloc(n);
		memcpy((void *)u, data, n);
		r = sys_write((int)fd, u, n);
	}
	uintptr_t us = fst_ualloc(sizeof(struct linux_stat));
	CHECK(sys_fstat((int)fd, us) == 0, "fstat");
	from_stat((struct linux_stat *)us, st);
	st->flags = (int)sys_fcntl((int)fd, F_GETFL, 0);
	CHECK(sys_close((int)fd) == 0, "close");
	return r;
}

static long r_truncate(const char *p, long size)
{
	long fd = sys_open(fst_ustr(p), O_WRONLY, 0);
	if (fd < 0)
		return fd;
	long r = sys_ftruncate((int)fd, size);
	sys_close((int)fd);
	return r;
}

static long r_pwrite(const char *p, const void *data, size_t n, long off)
{
	long fd = sys_open(fst_ustr(p), O_RDWR, 0);
	if (fd < 0)
		return fd;
	uintptr_t u = fst_ualloc(n);
	memcpy((void *)u, data, n);
	long r = sys_pwrite64((int)fd, u, n, off);
	sys_close((int)fd);
	return r;
}

static long r_readfile(const char *p, char *buf, size_t max)
{
	long fd = sys_open(fst_ustr(p), O_RDONLY, 0);
	if (fd < 0)
		return fd;
	size_t got = 0;
	uintptr_t u = fst_ualloc(777);
	for (;;) {
		size_t want = max - got > 777 ? 777 : max - got;
		long r = sys_read((int)fd, u, want);
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

static int cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* getdents64 with a small buffer so listing takes several calls. */
static long r_listdir(const char *p, char *out, size_t max)
{
	long fd = sys_openat(AT_FDCWD, fst_ustr(p), O_RDONLY | O_DIRECTORY, 0);
	if (fd < 0)
		return fd;
	char *names[256];
	int n = 0;
	size_t bufsz = 64 + (size_t)(rand() % 200);
	uintptr_t u = fst_ualloc(bufsz);
	for (;;) {
		long r = sys_getdents64((int)fd, u, bufsz);
		if (r == -EINVAL) {             /* one name did not fit: a bigger buffer */
			bufsz = 4096;
			u = fst_ualloc(bufsz);
			continue;
		}
		CHECK(r >= 0, "getdents64 %ld", r);
		if (r <= 0)
			break;
		for (long off = 0; off < r;) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(u + (size_t)off);
			off += d->d_reclen;
			if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
				continue;
			char t = d->d_type == DT_DIR ? 'd' : d->d_type == DT_REG ? 'f' : d->d_type == DT_LNK ? 'l' : '?';
			if (n < 256 && asprintf(&names[n], "%s/%c", d->d_name, t) >= 0)
				n++;
		}
	}
	sys_close((int)fd);
	qsort(names, (size_t)n, sizeof names[0], cmpstr);
	out[0] = 0;
	size_t len = 0;
	for (int i = 0; i < n; i++) {
		len += (size_t)snprintf(out + len, len < max ? max - len : 0, "%s ", names[i]);
		free(names[i]);
	}
	return n;
}

static long r_getcwd(char *buf, size_t n)
{
	uintptr_t u = fst_ualloc(n);
	long r = sys_getcwd(u, n);
	if (r > 0)
		memcpy(buf, (void *)u, (size_t)r);
	return r;
}

/* Remove everything under path (a directory), with the system calls. */
static void r_rm_rf(const char *path)
{
	char list[8192], *save;
	if (r_listdir(path, list, sizeof list) < 0)
		return;
	for (char *tok = strtok_r(list, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *slash = strrchr(tok, '/');
		char type = slash[1];
		*slash = 0;
		char sub[600];
		snprintf(sub, sizeof sub, "%s/%s", path, tok);
		if (type == 'd') {
			r_rm_rf(sub);
			CHECK(r_rmdir(sub) == 0, "rmdir %s", sub);
		} else {
			CHECK(r_unlink(sub) == 0, "unlink %s", sub);
		}
	}
}

/* ================================================================ the oracle */
static const char *names[] = { "a", "b", "c", "d", "s", "t" };
static const char *targets[] = { "a", "b", "c/d", "s", "t", "a/b", "nowhere", "d/", ".", "s/a", "t/t", "b/../a" };

static void gen_path(char *p, size_t n)
{
	int comps = 1 + rand() % 3, depth = 0;
	size_t len = 0;
	p[0] = 0;
	for (int i = 0; i < comps; i++) {
		const char *c;
		int r = rand() % 100;
		if (r < 6)
			c = ".";
		else if (r < 14 && depth > 0)
			c = "..", depth--;
		else
			c = names[rand() % 6], depth++;
		len += (size_t)snprintf(p + len, n - len, "%s%s", i ? (rand() % 20 ? "/" : "//") : "", c);
	}
	if (rand() % 10 == 0)
		snprintf(p + len, n - len, "/");
}

static char rbuf[70000], hbuf[70000];

static void compare_trees(const char *path, int depth, int seq, int step);

static void compare_entry(const char *p, char type, int depth, int seq, int step)
{
	struct hop_stat rs = { 0 }, hs = { 0 };
	long r = r_stat(p, false, &rs), h = hop_stat(p, false, &hs);
	CHECK(r == h, "seq %d step %d: lstat %s: %ld vs %ld", seq, step, p, r, h);
	if (r || h)
		return;
	CHECK(rs.mode == hs.mode, "seq %d step %d: mode of %s: %o vs %o", seq, step, p, rs.mode, hs.mode);
	CHECK(rs.nlink == hs.nlink, "seq %d step %d: nlink of %s: %lu vs %lu", seq, step, p, rs.nlink, hs.nlink);
	if (type != 'd')
		CHECK(rs.size == hs.size, "seq %d step %d: size of %s: %lld vs %lld", seq, step, p, rs.size, hs.size);
	if (type == 'f') {
		long a = r_readfile(p, rbuf, sizeof rbuf), b = hop_readfile(p, hbuf, sizeof hbuf);
		CHECK(a == b && (a < 0 || memcmp(rbuf, hbuf, (size_t)a) == 0), "seq %d step %d: contents of %s", seq,
		      step, p);
	} else if (type == 'l') {
		char x[300], y[300];
		long a = r_readlink(p, x, sizeof x), b = hop_readlink(p, y, sizeof y);
		CHECK(a == b && (a < 0 || memcmp(x, y, (size_t)a) == 0), "seq %d step %d: target of %s", seq, step, p);
	} else if (type == 'd' && depth < 8) {
		compare_trees(p, depth + 1, seq, step);
	}
}

static void compare_trees(const char *path, int depth, int seq, int step)
{
	char a[4096], b[4096];
	long r = r_listdir(path, a, sizeof a), h = hop_listdir(path, b, sizeof b);
	CHECK(r == h && strcmp(a, b) == 0, "seq %d step %d: listing of %s:\n  ringel: %s\n  linux:  %s", seq, step,
	      path, a, b);
	if (r != h || strcmp(a, b) != 0)
		return;
	char *save;
	for (char *tok = strtok_r(a, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *slash = strrchr(tok, '/');
		char type = slash[1];
		*slash = 0;
		char sub[600];
		snprintf(sub, sizeof sub, "%s/%s", path, tok);
		compare_entry(sub, type, depth, seq, step);
	}
}

static int mismatches;

#define SAME(what, rv, hv) do { \
	long _r = (rv), _h = (hv); \
	if (_r != _h) mismatches++; \
	CHECK(_r == _h, "seq %d step %d: %s: ringel %ld, linux %ld", seq, step, what, _r, _h); \
} while (0)

static void oracle_sequence(int seq, int steps)
{
	char p[128], q[128], what[400];
	static char data[9000];
	srand((unsigned)seq * 7919u + 1);
	for (int step = 0; step < steps; step++) {
		gen_path(p, sizeof p);
		gen_path(q, sizeof q);
		int op = rand() % 16;
		switch (op) {
		case 0:
			snprintf(what, sizeof what, "mkdir %s", p);
			SAME(what, r_mkdir(p, 0755), hop_mkdir(p, 0755));
			break;
		case 1:
		case 2: {
			int flags = rand() % 3;
			if (rand() % 2) flags |= HOF_CREAT;
			if (rand() % 4 == 0) flags |= HOF_EXCL;
			if (rand() % 4 == 0) flags |= HOF_TRUNC;
			if (!(flags & HOF_CREAT) && rand() % 6 == 0) flags |= HOF_DIRECTORY;
			if (rand() % 6 == 0) flags |= HOF_NOFOLLOW;
			if (rand() % 4 == 0) flags |= HOF_APPEND;
			size_t n = (size_t)(rand() % 3 ? rand() % 300 : rand() % 9000);
			for (size_t i = 0; i < n; i++)
				data[i] = (char)rand();
			struct hop_stat rs = { 0 }, hs = { 0 };
			snprintf(what, sizeof what, "open %s flags %#x + write %zu", p, flags, n);
			long r = r_open_write(p, flags, 0644, data, n, &rs);
			long h = hop_open_write(p, flags, 0644, data, n, &hs);
			SAME(what, r, h);
			if (r >= 0 && h >= 0) {
				CHECK(rs.mode == hs.mode && rs.size == hs.size && rs.nlink == hs.nlink,
				      "seq %d step %d: %s: fstat mode %o/%o size %lld/%lld", seq, step, what, rs.mode,
				      hs.mode, rs.size, hs.size);
				CHECK((rs.flags & ~O_LARGEFILE) == (hs.flags & ~O_LARGEFILE),
				      "seq %d step %d: F_GETFL %#x vs %#x", seq, step, rs.flags, hs.flags);
			}
			break;
		}
		case 3:
			snprintf(what, sizeof what, "unlink %s", p);
			SAME(what, r_unlink(p), hop_unlink(p));
			break;
		case 4:
			snprintf(what, sizeof what, "rmdir %s", p);
			SAME(what, r_rmdir(p), hop_rmdir(p));
			break;
		case 5:
		case 6:
			snprintf(what, sizeof what, "rename %s %s", p, q);
			SAME(what, r_rename(p, q), hop_rename(p, q));
			break;
		case 7:
			snprintf(what, sizeof what, "link %s %s", p, q);
			SAME(what, r_link(p, q), hop_link(p, q));
			break;
		case 8: {
			const char *t = targets[rand() % (int)(sizeof targets / sizeof targets[0])];
			snprintf(what, sizeof what, "symlink %s %s", t, p);
			SAME(what, r_symlink(t, p), hop_symlink(t, p));
			break;
		}
		case 9: {
			char x[300], y[300];
			size_t n = rand() % 4 ? sizeof x : 1 + (size_t)(rand() % 4);
			snprintf(what, sizeof what, "readlink %s (%zu)", p, n);
			long r = r_readlink(p, x, n), h = hop_readlink(p, y, n);
			SAME(what, r, h);
			if (r > 0 && r == h)
				CHECK(memcmp(x, y, (size_t)r) == 0, "seq %d step %d: %s: contents", seq, step, what);
			break;
		}
		case 10:
		case 11: {
			struct hop_stat rs = { 0 }, hs = { 0 };
			bool follow = rand() % 2;
			snprintf(what, sizeof what, "%s %s", follow ? "stat" : "lstat", p);
			long r = r_stat(p, follow, &rs), h = hop_stat(p, follow, &hs);
			SAME(what, r, h);
			if (!r && !h) {
				CHECK(rs.mode == hs.mode && rs.nlink == hs.nlink, "seq %d step %d: %s: mode %o/%o nlink %lu/%lu",
				      seq, step, what, rs.mode, hs.mode, rs.nlink, hs.nlink);
				if ((rs.mode & S_IFMT) != S_IFDIR)
					CHECK(rs.size == hs.size, "seq %d step %d: %s: size", seq, step, what);
			}
			break;
		}
		case 12: {
			int mode = rand() % 8;
			snprintf(what, sizeof what, "access %s %d", p, mode);
			SAME(what, r_access(p, mode), hop_access(p, mode));
			break;
		}
		case 13: {
			long size = rand() % 3 ? rand() % 9000 : rand() % 300000;
			snprintf(what, sizeof what, "truncate %s %ld", p, size);
			SAME(what, r_truncate(p, size), hop_truncate(p, size));
			break;
		}
		case 14: {
			size_t n = 1 + (size_t)(rand() % 5000);
			long off = rand() % 3 ? rand() % 10000 : rand() % 400000;
			for (size_t i = 0; i < n; i++)
				data[i] = (char)rand();
			snprintf(what, sizeof what, "pwrite %s %zu at %ld", p, n, off);
			SAME(what, r_pwrite(p, data, n, off), hop_pwrite(p, data, n, off));
			break;
		}
		case 15: {
			char a[4096], b[4096];
			snprintf(what, sizeof what, "listdir %s", p);
			long r = r_listdir(p, a, sizeof a), h = hop_listdir(p, b, sizeof b);
			SAME(what, r, h);
			if (r >= 0 && r == h)
				CHECK(strcmp(a, b) == 0, "seq %d step %d: %s:\n  %s\n  %s", seq, step, what, a, b);
			break;
		}
		}
		if (step % 25 == 24 || step == steps - 1)
			compare_trees(".", 0, seq, step);
		if (mismatches > 20)
			return;
	}
}

static void test_oracle(int sequences)
{
	if (hop_setup() != 0) {
		CHECK(0, "cannot make a temporary directory for the oracle");
		return;
	}
	CHECK(r_mkdir("/t", 0755) == 0 && r_mkdir("/t/u", 0755) == 0, "work directory");
	for (int seq = 0; seq < sequences && mismatches <= 20; seq++) {
		CHECK(r_chdir("/t/u") == 0, "chdir");
		CHECK(hop_reset() == 0, "host reset");
		oracle_sequence(seq, 300);
		/* chdir into a subdirectory and compare getcwd and relative lookups */
		char p[128];
		for (int i = 0; i < 20; i++) {
			gen_path(p, sizeof p);
			long r = r_chdir(p), h = hop_chdir(p);
			CHECK(r == h, "seq %d: chdir %s: %ld vs %ld", seq, p, r, h);
			char a[600], b[600];
			long ra = r_getcwd(a, sizeof a), hb = hop_getcwd(b, sizeof b);
			CHECK(ra == hb && strcmp(a, b) == 0, "seq %d: getcwd after chdir %s: %s vs %s", seq, p, a, b);
			if (r != h)
				break;
		}
		CHECK(r_chdir("/t/u") == 0, "chdir back");
		r_rm_rf("/t/u");
	}
	hop_teardown();
	printf("oracle: %d sequences of 300 operations compared with Linux, %d mismatches\n", sequences, mismatches);
}

/* ================================================================ targeted tests */
static long open_(const char *p, int flags)
{
	return sys_openat(AT_FDCWD, fst_ustr(p), flags, 0644);
}

static long write_str(int fd, const char *s)
{
	return sys_write(fd, fst_ustr(s), strlen(s));
}

static void test_paths(void)
{
	/* ENAMETOOLONG: a component over NAME_MAX, a path over PATH_MAX */
	char longname[300];
	memset(longname, 'x', 256);
	longname[256] = 0;
	CHECK(r_mkdir(longname, 0755) == -ENAMETOOLONG, "256-byte name");
	longname[255] = 0;
	CHECK(r_mkdir(longname, 0755) == 0 && r_rmdir(longname) == 0, "255-byte name");
	static char huge[5000];
	memset(huge, 'a', sizeof huge - 1);
	for (int i = 1; i < 4999; i += 2)
		huge[i] = '/';
	CHECK(r_access(huge, 0) == -ENAMETOOLONG, "path longer than PATH_MAX");
	huge[4095] = 0;                 /* 4095 bytes + NUL: allowed length */
	CHECK(r_access(huge, 0) == -ENOENT, "4095-byte path is looked up");
	/* symlink loops */
	CHECK(r_symlink("loop1", "/tmp/loop2") == 0 && r_symlink("loop2", "/tmp/loop1") == 0, "loop links");
	CHECK(r_access("/tmp/loop1", 0) == -ELOOP, "ELOOP");
	struct hop_stat st;
	CHECK(r_stat("/tmp/loop1", false, &st) == 0, "lstat of a looping link works");
	/* a chain of 40 links resolves, 41 does not */
	char a[32], b[32];
	CHECK(r_mkdir("/tmp/chain", 0755) == 0, "chain dir");
	long chain_fd = open_("/tmp/chain/l0", O_CREAT | O_WRONLY);
	for (int i = 1; i <= 41; i++) {
		snprintf(a, sizeof a, "l%d", i - 1);
		snprintf(b, sizeof b, "/tmp/chain/l%d", i);
		CHECK(r_symlink(a, b) == 0, "chain link %d", i);
	}
	CHECK(r_access("/tmp/chain/l40", 0) == 0, "40 links are followed");
	CHECK(r_access("/tmp/chain/l41", 0) == -ELOOP, "the 41st is one too many");
	CHECK(sys_close((int)chain_fd) == 0, "close the chain file");
	/* root and .. */
	CHECK(r_chdir("/..") == 0, "/.. is /");
	char cwd[64];
	CHECK(r_getcwd(cwd, sizeof cwd) == 2 && strcmp(cwd, "/") == 0, "getcwd /");
	CHECK(r_getcwd(cwd, 1) == -ERANGE, "getcwd ERANGE");
	CHECK(r_rmdir("/") == -EBUSY, "rmdir /");
	CHECK(r_unlink("/") == -EISDIR, "unlink /");
	CHECK(r_mkdir("/", 0755) == -EEXIST, "mkdir /");
	CHECK(r_rename("/", "/x") == -EBUSY, "rename /");
	CHECK(sys_openat(AT_FDCWD, fst_ustr(""), O_RDONLY, 0) == -ENOENT, "empty path");
	/* a removed cwd */
	CHECK(r_mkdir("/tmp/gone", 0755) == 0 && r_chdir("/tmp/gone") == 0 && r_rmdir("/tmp/gone") == 0, "rm cwd");
	CHECK(r_getcwd(cwd, sizeof cwd) == -ENOENT, "getcwd of a removed directory");
	CHECK(open_("new", O_CREAT | O_WRONLY) == -ENOENT, "no new names in a removed directory");
	CHECK(r_chdir("..") == 0 && r_getcwd(cwd, sizeof cwd) > 0 && strcmp(cwd, "/tmp") == 0, ".. still works");
	CHECK(r_chdir("/") == 0, "back to /");
	/* *at with a directory descriptor; ENOTDIR for a file descriptor */
	long dfd = sys_openat(AT_FDCWD, fst_ustr("/tmp"), O_RDONLY | O_DIRECTORY, 0);
	CHECK(dfd >= 0, "open /tmp");
	long fd = sys_openat((int)dfd, fst_ustr("at-file"), O_CREAT | O_RDWR, 0600);
	CHECK(fd >= 0, "openat relative to a dirfd");
	CHECK(r_access("/tmp/at-file", 0) == 0, "made in /tmp");
	CHECK(sys_openat((int)fd, fst_ustr("x"), O_RDONLY, 0) == -ENOTDIR, "dirfd that is a file");
	CHECK(sys_openat((int)fd, fst_ustr("/tmp/at-file"), O_RDONLY, 0) >= 0, "absolute path ignores dirfd");
	CHECK(sys_openat(200, fst_ustr("x"), O_RDONLY, 0) == -EBADF, "bad dirfd");
	uintptr_t ust = fst_ualloc(sizeof(struct linux_stat));
	CHECK(sys_newfstatat((int)fd, fst_ustr(""), ust, AT_EMPTY_PATH) == 0 &&
	      (((struct linux_stat *)ust)->st_mode & S_IFMT) == S_IFREG, "AT_EMPTY_PATH");
	CHECK(sys_newfstatat((int)fd, fst_ustr(""), ust, 0) == -ENOENT, "empty path without AT_EMPTY_PATH");
	CHECK(sys_newfstatat(AT_FDCWD, fst_ustr("/"), ust, 0x8000) == -EINVAL, "bad newfstatat flags");
	CHECK(sys_unlinkat((int)dfd, fst_ustr("at-file"), 0) == 0, "unlinkat with a dirfd");
	CHECK(sys_mkdirat((int)dfd, fst_ustr("atdir"), 0700) == 0 &&
	      sys_unlinkat((int)dfd, fst_ustr("atdir"), 0) == -EISDIR &&
	      sys_unlinkat((int)dfd, fst_ustr("atdir"), AT_REMOVEDIR) == 0, "unlinkat AT_REMOVEDIR");
	CHECK(sys_unlinkat((int)dfd, fst_ustr("x"), 0x1) == -EINVAL, "bad unlinkat flags");
	/* fchdir */
	CHECK(sys_fchdir((int)dfd) == 0 && r_getcwd(cwd, sizeof cwd) > 0 && strcmp(cwd, "/tmp") == 0, "fchdir");
	CHECK(sys_fchdir((int)fd) == -ENOTDIR, "fchdir to a file");
	CHECK(r_chdir("/") == 0, "back to /");
	/* the open file outlives its name */
	CHECK(write_str((int)fd, "still here") == 10, "write");
	CHECK(sys_fstat((int)fd, ust) == 0 && ((struct linux_stat *)ust)->st_nlink == 0, "nlink 0 after unlink");
	uintptr_t ub = fst_ualloc(32);
	CHECK(sys_pread64((int)fd, ub, 32, 0) == 10 && memcmp((void *)ub, "still here", 10) == 0, "data lives");
	/* umask */
	CHECK(sys_umask(077) == 022, "umask returns the old mask");
	long f2 = open_("/tmp/masked", O_CREAT | O_WRONLY);
	CHECK(sys_fstat((int)f2, ust) == 0 && (((struct linux_stat *)ust)->st_mode & 0777) == 0600, "umask applied");
	sys_umask(022);
	sys_close((int)f2);
	sys_close((int)fd);
	sys_close((int)dfd);
	for (int i = 3; i < FDTABLE_SIZE; i++)
		sys_close(i);
	/* the devices */
	long nfd = open_("/dev/null", O_RDWR);
	CHECK(nfd >= 0 && write_str((int)nfd, "abc") == 3 && sys_read((int)nfd, ub, 32) == 0, "/dev/null");
	CHECK(sys_fstat((int)nfd, ust) == 0 && (((struct linux_stat *)ust)->st_mode & S_IFMT) == S_IFCHR &&
	      ((struct linux_stat *)ust)->st_rdev == ((1 << 8) | 3), "/dev/null is char 1,3");
	CHECK(sys_ioctl((int)nfd, TCGETS, fst_ualloc(64)) == -ENOTTY, "ioctl on /dev/null: ENOTTY");
	long zfd = open_("/dev/zero", O_RDONLY);
	memset((void *)ub, 1, 32);
	CHECK(zfd >= 0 && sys_read((int)zfd, ub, 32) == 32 && ((char *)ub)[31] == 0, "/dev/zero");
	long ffd = open_("/dev/full", O_WRONLY);
	CHECK(write_str((int)ffd, "x") == -ENOSPC, "/dev/full");
	CHECK(open_("/dev/console", O_RDWR) >= 0, "/dev/console opens");
	CHECK(open_("/dev/tty", O_RDWR) >= 0, "/dev/tty opens");
	CHECK(r_stat("/tmp", true, &st) == 0 && (st.mode & 07777) == 01777, "/tmp is sticky and world-writable");
	for (int i = 3; i < FDTABLE_SIZE; i++)
		sys_close(i);
	CHECK(r_unlink("/tmp/masked") == 0, "cleanup");
	r_rm_rf("/tmp");
}

static void test_fds(void)
{
	long fd = open_("/tmp/fds", O_CREAT | O_RDWR | O_TRUNC);
	CHECK(fd == 3, "lowest free descriptor: %ld", fd);
	CHECK(write_str((int)fd, "0123456789") == 10, "write");
	long d = sys_dup((int)fd);
	CHECK(d == 4, "dup");
	CHECK(sys_lseek((int)d, 2, SEEK_SET) == 2, "lseek through the dup");
	CHECK(sys_lseek((int)fd, 0, SEEK_CUR) == 2, "offset shared by dup");
	CHECK(sys_dup2((int)fd, 10) == 10 && sys_lseek(10, 1, SEEK_CUR) == 3, "dup2");
	CHECK(sys_dup2((int)fd, (int)fd) == fd, "dup2 to itself");
	CHECK(sys_dup2(99, 5) == -EBADF, "dup2 of a closed fd");
	CHECK(sys_dup2((int)fd, FDTABLE_SIZE) == -EBADF, "dup2 out of range");
	CHECK(sys_dup3((int)fd, (int)fd, 0) == -EINVAL, "dup3 to itself");
	CHECK(sys_dup3((int)fd, 11, 1) == -EINVAL, "dup3 bad flags");
	CHECK(sys_dup3((int)fd, 11, O_CLOEXEC) == 11 && sys_fcntl(11, F_GETFD, 0) == FD_CLOEXEC, "dup3 cloexec");
	CHECK(sys_fcntl((int)fd, F_GETFD, 0) == 0, "cloexec is per descriptor");
	CHECK(sys_fcntl((int)fd, F_DUPFD, 20) == 20, "F_DUPFD");
	CHECK(sys_fcntl((int)fd, F_DUPFD_CLOEXEC, 20) == 21 && sys_fcntl(21, F_GETFD, 0) == 1, "F_DUPFD_CLOEXEC");
	CHECK(sys_fcntl((int)fd, F_DUPFD, FDTABLE_SIZE) == -EINVAL, "F_DUPFD limit");
	CHECK(sys_fcntl((int)fd, F_SETFD, FD_CLOEXEC) == 0 && sys_fcntl((int)fd, F_GETFD, 0) == 1, "F_SETFD");
	CHECK(sys_fcntl((int)fd, F_SETFD, 0) == 0, "F_SETFD 0");
	long fl = sys_fcntl((int)fd, F_GETFL, 0);
	CHECK((fl & O_ACCMODE) == O_RDWR && !(fl & O_APPEND), "F_GETFL %#lx", fl);
	CHECK(sys_fcntl((int)fd, F_SETFL, O_APPEND | O_RDONLY | O_NONBLOCK) == 0, "F_SETFL");
	fl = sys_fcntl((int)d, F_GETFL, 0);
	CHECK((fl & O_APPEND) && (fl & O_NONBLOCK) && (fl & O_ACCMODE) == O_RDWR, "status flags shared, access mode kept");
	CHECK(write_str((int)fd, "X") == 1 && sys_lseek((int)fd, 0, SEEK_CUR) == 11, "O_APPEND writes at the end");
	CHECK(sys_fcntl((int)fd, 99, 0) == -EINVAL, "unknown fcntl");
	CHECK(sys_fcntl(77, F_GETFD, 0) == -EBADF, "fcntl on a closed fd");
	/* fork: a copy of the table sharing the open files; exec closes cloexec */
	struct fdtable *child = fdtable_copy(current->files);
	CHECK(child && child->fd[3] == current->files->fd[3] && child->fd[3]->refs >= 2, "fork shares files");
	fdtable_close_on_exec(child);
	CHECK(child->fd[11] == NULL && child->fd[21] == NULL && child->fd[3] != NULL, "exec closed the cloexec fds");
	fdtable_put(child);
	/* lseek */
	CHECK(sys_lseek((int)fd, -1, SEEK_SET) == -EINVAL, "negative offset");
	CHECK(sys_lseek((int)fd, 0, 7) == -EINVAL, "bad whence");
	CHECK(sys_lseek((int)fd, 5, SEEK_END) == 16, "SEEK_END");
	CHECK(sys_lseek((int)fd, 3, SEEK_DATA) == 3 && sys_lseek((int)fd, 3, SEEK_HOLE) == 11, "SEEK_DATA/HOLE");
	CHECK(sys_lseek((int)fd, 11, SEEK_DATA) == -ENXIO, "SEEK_DATA at the end");
	CHECK(sys_lseek((int)fd, 0x7fffffffffffffffL, SEEK_SET) > 0 &&
	      sys_lseek((int)fd, 10, SEEK_CUR) == -EINVAL, "offset overflow");
	/* read and write checks */
	long ro = open_("/tmp/fds", O_RDONLY);
	uintptr_t ub = fst_ualloc(64);
	CHECK(sys_write((int)ro, ub, 1) == -EBADF, "write to a read-only fd");
	long wo = open_("/tmp/fds", O_WRONLY);
	CHECK(sys_read((int)wo, ub, 1) == -EBADF, "read from a write-only fd");
	CHECK(sys_ftruncate((int)ro, 0) == -EINVAL, "ftruncate read-only");
	CHECK(sys_ftruncate((int)wo, -1) == -EINVAL, "ftruncate negative");
	CHECK(sys_ftruncate(99, 0) == -EBADF, "ftruncate bad fd");
	long dir = open_("/tmp", O_RDONLY);
	CHECK(sys_read((int)dir, ub, 10) == -EISDIR, "read a directory");
	CHECK(open_("/tmp", O_WRONLY) == -EISDIR, "open a directory for writing");
	CHECK(sys_getdents64((int)ro, ub, 64) == -ENOTDIR, "getdents on a file");
	CHECK(sys_getdents64((int)dir, ub, 8) == -EINVAL, "getdents buffer too small");
	CHECK(sys_pread64((int)ro, ub, 4, -1) == -EINVAL, "pread negative offset");
	CHECK(sys_pread64((int)ro, ub, 4, 2) == 4 && memcmp((void *)ub, "2345", 4) == 0 &&
	      sys_lseek((int)ro, 0, SEEK_CUR) == 0, "pread leaves the offset");
	CHECK(sys_close(99) == -EBADF && sys_close(-1) == -EBADF, "close EBADF");
	/* readv / writev */
	struct linux_iovec *iov = (struct linux_iovec *)fst_ualloc(3 * sizeof *iov);
	uintptr_t b1 = fst_ualloc(3), b2 = fst_ualloc(4);
	iov[0] = (struct linux_iovec){ b1, 3 };
	iov[1] = (struct linux_iovec){ 0, 0 };
	iov[2] = (struct linux_iovec){ b2, 4 };
	CHECK(sys_readv((int)ro, (uintptr_t)iov, 3) == 7 && memcmp((void *)b1, "012", 3) == 0 &&
	      memcmp((void *)b2, "3456", 4) == 0, "readv");
	CHECK(sys_readv((int)ro, (uintptr_t)iov, -1) == -EINVAL && sys_readv((int)ro, (uintptr_t)iov, 1025) == -EINVAL,
	      "readv iovcnt");
	memcpy((void *)b1, "abc", 3);
	memcpy((void *)b2, "defg", 4);
	CHECK(sys_writev((int)wo, (uintptr_t)iov, 3) == 7, "writev");
	CHECK(sys_pread64((int)ro, ub, 7, 0) == 7 && memcmp((void *)ub, "abcdefg", 7) == 0, "writev data");
	/* EMFILE */
	int opened = 0;
	long last = 0;
	while ((last = sys_dup((int)ro)) >= 0)
		opened++;
	CHECK(last == -EMFILE, "EMFILE after %d dups", opened);
	CHECK(sys_pipe2(fst_ualloc(8), 0) == -EMFILE, "pipe2 with a full table");
	for (int i = 0; i < FDTABLE_SIZE; i++)
		sys_close(i);
	CHECK(r_unlink("/tmp/fds") == 0, "cleanup");
}

static int feed_pipe_fd = -1;
static int hook_calls;

/* A sleeping reader: the writer side puts data in. */
static int hook_write_pipe(const void *chan, uint64_t deadline)
{
	(void)chan;
	(void)deadline;
	if (hook_calls++ > 3)
		return -EINTR;
	sys_write(feed_pipe_fd, fst_ustr("late"), 4);
	return 0;
}

/* A sleeping writer: the reader side drains 1000 bytes. */
static int hook_drain_pipe(const void *chan, uint64_t deadline)
{
	(void)chan;
	(void)deadline;
	if (hook_calls++ > 20)
		return -EINTR;
	sys_read(feed_pipe_fd, fst_ualloc(1000), 1000);
	return 0;
}

static void test_pipes(void)
{
	uintptr_t ufds = fst_ualloc(8);
	CHECK(sys_pipe2(ufds, 0) == 0, "pipe2");
	int *fds = (int *)ufds;
	int r = fds[0], w = fds[1];
	CHECK(r == 0 && w == 1, "pipe fds %d %d", r, w);
	uintptr_t ub = fst_ualloc(8192);
	CHECK(write_str(w, "hello") == 5, "write");
	CHECK(sys_read(r, ub, 3) == 3 && memcmp((void *)ub, "hel", 3) == 0, "partial read");
	uintptr_t un = fst_ualloc(4);
	CHECK(sys_ioctl(r, FIONREAD, un) == 0 && *(int *)un == 2, "FIONREAD");
	CHECK(sys_read(r, ub, 100) == 2, "rest");
	uintptr_t ust = fst_ualloc(sizeof(struct linux_stat));
	CHECK(sys_fstat(r, ust) == 0 && (((struct linux_stat *)ust)->st_mode & S_IFMT) == S_IFIFO, "S_IFIFO");
	CHECK(sys_lseek(r, 0, SEEK_SET) == -ESPIPE, "lseek ESPIPE");
	CHECK(sys_pread64(r, ub, 1, 0) == -ESPIPE, "pread ESPIPE");
	CHECK(sys_write(r, ub, 1) == -EBADF && sys_read(w, ub, 1) == -EBADF, "ends are one-way");
	/* empty pipe, blocking read: the sleep is interrupted */
	fst_sleep_hook = NULL;
	CHECK(sys_read(r, ub, 10) == -EINTR, "blocked read interrupted");
	/* woken by a writer */
	feed_pipe_fd = w;
	hook_calls = 0;
	fst_sleep_hook = hook_write_pipe;
	CHECK(sys_read(r, ub, 10) == 4 && memcmp((void *)ub, "late", 4) == 0, "read woken by a write");
	fst_sleep_hook = NULL;
	/* nonblocking */
	CHECK(sys_fcntl(r, F_SETFL, O_NONBLOCK) == 0 && sys_read(r, ub, 10) == -EAGAIN, "O_NONBLOCK read");
	memset((void *)ub, 'x', 8192);
	CHECK(sys_write(w, ub, 4000) == 4000, "fill to 4000");
	CHECK(sys_fcntl(w, F_SETFL, O_NONBLOCK) == 0, "nonblocking writer");
	CHECK(sys_write(w, ub, 200) == -EAGAIN, "200 bytes do not fit in 96: atomic, EAGAIN");
	CHECK(sys_write(w, ub, 5000) == 96, "a big nonblocking write fills what fits");
	CHECK(sys_write(w, ub, 1) == -EAGAIN, "full");
	/* a blocking atomic write waits for room */
	sys_fcntl(w, F_SETFL, 0);
	sys_fcntl(r, F_SETFL, 0);
	feed_pipe_fd = r;
	hook_calls = 0;
	fst_sleep_hook = hook_drain_pipe;
	CHECK(sys_write(w, ub, 4096) == 4096, "PIPE_BUF write waits and goes in whole");
	fst_sleep_hook = NULL;
	/* poll */
	struct { int32_t fd; int16_t events, revents; } *pf = (void *)fst_ualloc(16);
	pf[0].fd = r;
	pf[0].events = POLLIN;
	pf[1].fd = w;
	pf[1].events = POLLOUT;
	uintptr_t uts = fst_ualloc(16);
	memset((void *)uts, 0, 16);
	CHECK(sys_ppoll((uintptr_t)pf, 2, uts, 0, 8) == 1 && pf[0].revents == POLLIN && pf[1].revents == 0,
	      "poll: readable, not writable (%d %d)", pf[0].revents, pf[1].revents);
	/* EOF and EPIPE */
	sys_read(r, ub, 8192);
	sys_read(r, ub, 8192);
	CHECK(sys_close(w) == 0, "close the writer");
	CHECK(sys_read(r, ub, 10) == 0, "EOF");
	CHECK(sys_ppoll((uintptr_t)pf, 1, uts, 0, 8) == 1 && (pf[0].revents & POLLHUP), "POLLHUP");
	CHECK(sys_pipe2(ufds, O_CLOEXEC | O_NONBLOCK) == 0, "pipe2 flags");
	int r2 = fds[0], w2 = fds[1];
	CHECK(sys_fcntl(r2, F_GETFD, 0) == 1 && (sys_fcntl(w2, F_GETFL, 0) & O_NONBLOCK), "cloexec, nonblock");
	CHECK(sys_pipe2(ufds, 0x1) == -EINVAL, "bad pipe2 flags");
	fst_reset_signals();
	CHECK(sys_close(r2) == 0 && write_str(w2, "x") == -EPIPE && fst_last_sig == SIGPIPE, "EPIPE and SIGPIPE");
	fst_reset_signals();
	for (int i = 0; i < FDTABLE_SIZE; i++)
		sys_close(i);
}

/* Bad user pointers: EFAULT, and no state changes. */
static void test_efault(void)
{
	const uintptr_t bad[] = { 0, 1, 0xffff800000000000UL, 0xffffffff80000000UL, 0x800000000000UL, fst_hole,
				  fst_hole + 100, fst_arena_end() - 4 };
	long fd = open_("/tmp/ef", O_CREAT | O_RDWR);
	CHECK(write_str((int)fd, "abcdef") == 6, "write");
	uintptr_t ufds = fst_ualloc(8);
	sys_pipe2(ufds, 0);
	int pr = ((int *)ufds)[0], pw = ((int *)ufds)[1];
	write_str(pw, "pipedata");
	memset((void *)(fst_arena_end() - 4), 'x', 4);     /* a string that runs off the end */
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uintptr_t b = bad[i];
		CHECK(sys_open(b, O_RDONLY, 0) == -EFAULT, "open path %#lx", b);
		CHECK(sys_openat(AT_FDCWD, b, O_CREAT | O_RDWR, 0644) == -EFAULT, "openat %#lx", b);
		CHECK(sys_mkdir(b, 0755) == -EFAULT && sys_rmdir(b) == -EFAULT && sys_unlink(b) == -EFAULT, "mkdir.. %#lx", b);
		CHECK(sys_chdir(b) == -EFAULT && sys_access(b, 0) == -EFAULT, "chdir/access %#lx", b);
		CHECK(sys_rename(b, fst_ustr("/tmp/ef")) == -EFAULT && sys_rename(fst_ustr("/tmp/ef"), b) == -EFAULT,
		      "rename %#lx", b);
		CHECK(sys_link(fst_ustr("/tmp/ef"), b) == -EFAULT && sys_symlink(b, fst_ustr("/tmp/sl")) == -EFAULT &&
		      sys_symlink(fst_ustr("x"), b) == -EFAULT, "link/symlink %#lx", b);
		CHECK(sys_stat(b, fst_ualloc(200)) == -EFAULT && sys_stat(fst_ustr("/tmp/ef"), b) == -EFAULT &&
		      sys_fstat((int)fd, b) == -EFAULT && sys_newfstatat(AT_FDCWD, fst_ustr("/"), b, 0) == -EFAULT,
		      "stat %#lx", b);
		CHECK(sys_readlink(b, fst_ualloc(10), 10) == -EFAULT, "readlink path %#lx", b);
		/* (a read at the end of the file touches no buffer: 0, as on Linux) */
		CHECK(sys_read((int)fd, b, 16) == (user_range_ok(b, 16) ? 0 : -EFAULT), "read at EOF %#lx", b);
		CHECK(sys_pread64((int)fd, b, 16, 0) == -EFAULT, "pread %#lx", b);
		CHECK(sys_write((int)fd, b, 16) == -EFAULT && sys_pwrite64((int)fd, b, 16, 0) == -EFAULT, "write %#lx", b);
		CHECK(sys_read(pr, b, 16) == -EFAULT && sys_write(pw, b, 16) == -EFAULT, "pipe read/write %#lx", b);
		CHECK(sys_readv((int)fd, b, 1) == -EFAULT && sys_writev((int)fd, b, 1) == -EFAULT, "readv iov %#lx", b);
		struct linux_iovec *iov = (void *)fst_ualloc(16);
		iov->iov_base = b;
		iov->iov_len = 16;
		sys_lseek((int)fd, 0, SEEK_SET);
		CHECK(sys_readv((int)fd, (uintptr_t)iov, 1) == -EFAULT && sys_writev((int)fd, (uintptr_t)iov, 1) == -EFAULT,
		      "readv buffer %#lx", b);
		CHECK(sys_lseek((int)fd, 0, SEEK_CUR) == 0, "no offset change");
		sys_lseek((int)fd, 6, SEEK_SET);
		CHECK(sys_getdents64((int)open_("/", O_RDONLY), b, 4096) == -EFAULT, "getdents %#lx", b);
		r_chdir("/tmp");        /* "/tmp" + NUL: 5 bytes, more than the arena's last 4 */
		CHECK(sys_getcwd(b, 100) == -EFAULT, "getcwd %#lx", b);
		r_chdir("/");
		CHECK(sys_pipe2(b, 0) == -EFAULT && sys_pipe(b) == -EFAULT, "pipe %#lx", b);
		CHECK(sys_ppoll(b, 1, 0, 0, 8) == -EFAULT, "ppoll fds %#lx", b);
		CHECK(sys_ioctl((int)open_("/dev/console", O_RDWR), TCGETS, b) == -EFAULT, "TCGETS %#lx", b);
	}
	/* nothing changed: the file, the pipe, the descriptor table */
	uintptr_t ub = fst_ualloc(64);
	CHECK(sys_pread64((int)fd, ub, 64, 0) == 6 && memcmp((void *)ub, "abcdef", 6) == 0, "file unchanged");
	CHECK(sys_lseek((int)fd, 0, SEEK_CUR) == 6, "offset unchanged");
	CHECK(sys_read(pr, ub, 64) == 8 && memcmp((void *)ub, "pipedata", 8) == 0, "pipe data kept");
	CHECK(r_access("/tmp/sl", 0) == -ENOENT, "no symlink made");
	for (int i = 0; i < FDTABLE_SIZE; i++)
		sys_close(i);
	/* after closing everything the lowest fd is 0 again: no fd leaked by the failed pipe2s */
	long n = open_("/tmp/ef", O_RDONLY);
	CHECK(n == 0, "no descriptors leaked (%ld)", n);
	sys_close((int)n);
	/* a partial fault in readv: what was read before the bad segment counts */
	fd = open_("/tmp/ef", O_RDONLY);
	struct linux_iovec *iov = (void *)fst_ualloc(32);
	iov[0] = (struct linux_iovec){ ub, 2 };
	iov[1] = (struct linux_iovec){ fst_hole, 2 };
	CHECK(sys_readv((int)fd, (uintptr_t)iov, 2) == 2, "readv stops at the unmapped segment, as on Linux");
	CHECK(sys_lseek((int)fd, 0, SEEK_CUR) == 2, "and the offset moved by what was read");
	iov[1] = (struct linux_iovec){ 0xffff800000000000UL, 2 };
	CHECK(sys_readv((int)fd, (uintptr_t)iov, 2) == -EFAULT, "a kernel-half segment fails the whole call");
	CHECK(sys_lseek((int)fd, 0, SEEK_CUR) == 2, "before anything is read");
	sys_close((int)fd);
	CHECK(r_unlink("/tmp/ef") == 0, "cleanup");
}

/* ================================================================ the initramfs */
struct names {
	char n[64][NAME_MAX + 1];
	int count;
};

static int collect(void *c, const char *name, size_t len, uint64_t ino, unsigned dtype, uint64_t next)
{
	struct names *ns = c;
	(void)ino;
	(void)dtype;
	(void)next;
	if ((len == 1 && name[0] == '.') || (len == 2 && name[0] == '.' && name[1] == '.'))
		return 0;
	if (ns->count == 64)
		return 1;
	memcpy(ns->n[ns->count], name, len);
	ns->n[ns->count++][len] = 0;
	return 0;
}

/* Empty directory dir (a VFS-level rm -r). */
static void rm_tree(struct vnode *dir)
{
	struct names *ns = malloc(sizeof *ns);
	for (;;) {
		ns->count = 0;
		uint64_t pos = 0;
		dir->ops->readdir(dir, &pos, collect, ns);
		if (!ns->count)
			break;
		for (int i = 0; i < ns->count; i++) {
			struct vnode *v;
			if (vfs_lookup(dir, ns->n[i], 0, &v) == 0) {
				bool isdir = V_ISDIR(v);
				if (isdir)
					rm_tree(v);
				vnode_put(v);
				CHECK(vfs_unlinkat(dir, ns->n[i], isdir) == 0, "remove %s", ns->n[i]);
			}
		}
	}
	free(ns);
}

/* Free a whole scratch file system. */
static void free_fs(struct vnode *root)
{
	rm_tree(root);
	root->nlink = 0;
	vnode_put(root);
}

static void put_host_file(const char *dir, const char *rel, const char *content, int mode)
{
	char p[600];
	snprintf(p, sizeof p, "%s/%s", dir, rel);
	FILE *f = fopen(p, "w");
	if (f) {
		fputs(content, f);
		fclose(f);
	}
	char cmd[700];
	snprintf(cmd, sizeof cmd, "chmod %o '%s'", mode, p);
	if (system(cmd) != 0)
		fprintf(stderr, "chmod failed\n");
}

static uint8_t *read_host(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	uint8_t *b = malloc((size_t)n + 1);
	*len = fread(b, 1, (size_t)n, f);
	fclose(f);
	return b;
}

static void test_initramfs(void)
{
	char dir[] = "/tmp/ringel-initramfs-XXXXXX";
	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp");
		return;
	}
	char cmd[1200];
	snprintf(cmd, sizeof cmd,
		 "cd '%s' && mkdir -p bin etc/deep/er && ln -s bin/init init && ln -s /etc/motd etc/link && "
		 "head -c 70000 /dev/urandom > bin/big", dir);
	CHECK(system(cmd) == 0, "make the tree");
	put_host_file(dir, "bin/init", "#!init\n", 0755);
	put_host_file(dir, "etc/motd", "Welcome\n", 0644);
	put_host_file(dir, "etc/deep/er/x", "deep", 0600);
	put_host_file(dir, "etc/h1", "hard", 0644);
	snprintf(cmd, sizeof cmd, "cd '%s' && ln etc/h1 etc/h2 && chmod 0750 etc/deep", dir);
	CHECK(system(cmd) == 0, "hard link");
	char arc[300];
	snprintf(arc, sizeof arc, "%s.cpio", dir);
	snprintf(cmd, sizeof cmd, "cd '%s' && find . | LC_ALL=C sort | '%s' -o -H newc > '%s' 2>/dev/null", dir,
		 cpio_tool, arc);
	CHECK(system(cmd) == 0, "cpio");
	size_t len;
	uint8_t *a = read_host(arc, &len);
	CHECK(a != NULL, "archive");
	if (!a)
		return;
	struct vnode *root = tmpfs_new(0755);
	long n = initramfs_unpack(root, a, len);
	CHECK(n == 12, "entries made: %ld", n);
	/* look through the unpacked tree with the VFS */
	struct vnode *v;
	CHECK(vfs_lookup(root, "/init", LOOKUP_FOLLOW, &v) == 0 && V_ISREG(v) && (v->mode & 07777) == 0755 &&
	      v->size == 7, "/init -> bin/init");
	vnode_put(v);
	CHECK(vfs_lookup(root, "/etc/deep", 0, &v) == 0 && V_ISDIR(v) && (v->mode & 07777) == 0750, "dir mode");
	vnode_put(v);
	char buf[100];
	CHECK(vfs_readlinkat(root, "/etc/link", buf, sizeof buf) == 9 && memcmp(buf, "/etc/motd", 9) == 0, "symlink");
	struct vnode *h1 = NULL, *h2 = NULL;
	CHECK(vfs_lookup(root, "/etc/h1", 0, &h1) == 0 && vfs_lookup(root, "/etc/h2", 0, &h2) == 0 && h1 == h2 &&
	      h1->nlink == 2 && h1->size == 4, "hard links are one file");
	vnode_put(h1);
	vnode_put(h2);
	struct file *f;
	CHECK(vfs_openat(root, "/bin/big", O_RDONLY, 0, &f) == 0, "open big");
	char hostp[300];
	snprintf(hostp, sizeof hostp, "%s/bin/big", dir);
	size_t bl;
	uint8_t *big = read_host(hostp, &bl);
	uint8_t *mine = malloc(bl + 10);
	CHECK(file_read_at(f, mine, bl + 10, 0) == (long)bl && memcmp(big, mine, bl) == 0, "70000 bytes intact");
	CHECK(file_size(f) == bl && !file_is_executable(f), "size, not executable");
	file_put(f);
	free(big);
	free(mine);
	/* corrupt copies: the unpacking stops with a message, nothing crashes,
	 * and everything is freed with the file system */
	long pages0 = fst_pages_live;
	srand(99);
	for (int i = 0; i < 120; i++) {
		size_t cut = (size_t)rand() % len;
		uint8_t *c = malloc(cut ? cut : 1);
		memcpy(c, a, cut);
		if (cut > 10 && rand() % 2)
			c[rand() % cut] ^= (uint8_t)(1 + rand() % 255);
		struct vnode *r2 = tmpfs_new(0755);
		long m = initramfs_unpack(r2, c, cut);
		CHECK(m <= 12, "a damaged archive makes no more entries");
		free(c);
		free_fs(r2);
	}
	CHECK(fst_pages_live == pages0, "scratch file systems freed");
	free(a);
	free_fs(root);
	snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s'", dir, arc);
	if (system(cmd) != 0)
		fprintf(stderr, "cleanup failed\n");
}

/* ================================================================ memory */
static void test_no_leaks(void)
{
	long k0 = fst_kmalloc_live, p0 = fst_pages_live;
	/* a busy sequence: files of many sizes, holes, truncation, renames over
	 * files, an unlinked open file, pipes */
	CHECK(r_mkdir("/tmp/m", 0755) == 0, "mkdir");
	static char data[300000];
	for (int i = 0; i < 20; i++) {
		char p[64];
		snprintf(p, sizeof p, "/tmp/m/f%d", i);
		long fd = open_(p, O_CREAT | O_RDWR);
		size_t n = (size_t)(i * 15013) % sizeof data;
		uintptr_t u = fst_ualloc(n + 1);
		memcpy((void *)u, data, n);
		CHECK(sys_pwrite64((int)fd, u, n, (long)i * 100003) == (long)n, "pwrite");
		if (i % 3 == 0)
			CHECK(sys_ftruncate((int)fd, i * 1000) == 0, "truncate");
		sys_close((int)fd);
	}
	CHECK(r_rename("/tmp/m/f1", "/tmp/m/f2") == 0, "rename over a file");
	long keep = open_("/tmp/m/f4", O_RDONLY);
	CHECK(r_link("/tmp/m/f4", "/tmp/m/f4b") == 0 && r_symlink("f5", "/tmp/m/s5") == 0, "link, symlink");
	uintptr_t ufds = fst_ualloc(8);
	sys_pipe2(ufds, 0);
	write_str(((int *)ufds)[1], "leftover");
	r_rm_rf("/tmp/m");
	CHECK(r_rmdir("/tmp/m") == 0, "rmdir");
	CHECK(fst_pages_live > p0, "the open unlinked file keeps its pages");
	sys_close((int)keep);
	sys_close(((int *)ufds)[0]);
	sys_close(((int *)ufds)[1]);
	CHECK(fst_pages_live == p0, "pages back: %ld -> %ld", p0, fst_pages_live);
	CHECK(fst_kmalloc_live == k0, "heap back: %ld -> %ld", k0, fst_kmalloc_live);

	/* The same kind of work with the n-th allocation failing, for every n:
	 * each call fails cleanly or works, and nothing leaks. */
	int failures_seen = 0;
	for (long n = 1; n < 400; n++) {
		long k1 = fst_kmalloc_live, p1 = fst_pages_live;
		fst_fail_countdown = n;
		r_mkdir("/tmp/x", 0755);
		long fd = open_("/tmp/x/f", O_CREAT | O_RDWR);
		if (fd >= 0) {
			uintptr_t u = fst_ualloc(20000);
			sys_pwrite64((int)fd, u, 20000, 5000000);
			sys_ftruncate((int)fd, 3);
			sys_close((int)fd);
		}
		r_symlink("f", "/tmp/x/s");
		r_link("/tmp/x/f", "/tmp/x/g");
		r_rename("/tmp/x/g", "/tmp/x/h");
		uintptr_t uf = fst_ualloc(8);
		if (sys_pipe2(uf, 0) == 0) {
			write_str(((int *)uf)[1], "x");
			sys_close(((int *)uf)[0]);
			sys_close(((int *)uf)[1]);
		}
		if (fst_fail_countdown == 0)
			failures_seen++;
		fst_fail_countdown = -1;
		r_rm_rf("/tmp/x");
		r_rmdir("/tmp/x");
		CHECK(fst_pages_live == p1 && fst_kmalloc_live == k1, "no leak with allocation %ld failing", n);
	}
	CHECK(failures_seen > 20, "allocation failures were injected (%d)", failures_seen);
}

int main(int argc, char **argv)
{
	if (argc > 1)
		cpio_tool = argv[1];
	int sequences = argc > 2 ? atoi(argv[2]) : 200;
	fst_boot();
	test_paths();
	test_fds();
	test_pipes();
	test_efault();
	test_no_leaks();
	test_initramfs();
	test_oracle(sequences);
	return check_finish();
}

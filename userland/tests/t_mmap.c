/* utests: file mappings (private copy-on-write, shared, past the end of
 * the file, truncated, after close, across fork), mremap, madvise, msync,
 * mincore; named pipes (mkfifo, mknod) and file owners (chown family).
 * Files live in /tmp (tmpfs on Ringel); the same tests run on Linux. */
#include "utests.h"
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define PG 4096UL

/* The byte at offset i of a pattern file. */
static unsigned char pat(unsigned long i)
{
	return (unsigned char)(i * 7 + i / PG + 1);
}

/* A file of size bytes of the pattern, open O_RDWR; its path in path. */
static int make_file(const char *path, unsigned long size)
{
	unlink(path);
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	CHECK_OK(fd);
	static unsigned char buf[PG];
	for (unsigned long off = 0; off < size; off += PG) {
		unsigned long n = size - off < PG ? size - off : PG;
		for (unsigned long i = 0; i < n; i++)
			buf[i] = pat(off + i);
		CHECK(pwrite(fd, buf, n, (off_t)off) == (long)n, "pwrite: %s", errname(errno));
	}
	return fd;
}

/* Copy the file at from to a new executable file at to. */
static void copy_file(const char *from, const char *to)
{
	int in = open(from, O_RDONLY);
	CHECK(in >= 0, "open %s: %s", from, errname(errno));
	unlink(to);
	int out = open(to, O_CREAT | O_WRONLY | O_TRUNC, 0755);
	CHECK(out >= 0, "open %s: %s", to, errname(errno));
	static char buf[16384];
	long n;
	while ((n = read(in, buf, sizeof buf)) > 0)
		CHECK(write(out, buf, (size_t)n) == n, "copy to %s: %s", to, errname(errno));
	close(in);
	close(out);
}

static void check_pattern(const volatile unsigned char *m, unsigned long from, unsigned long n,
			  const char *what)
{
	for (unsigned long i = 0; i < n; i++)
		if (m[i] != pat(from + i))
			fail("%s: byte %lu is %#x, want %#x", what, from + i, m[i], pat(from + i));
}

UTEST(mmap_file_private)
{
	const char *path = "/tmp/utests-mmap-priv";
	unsigned long size = 3 * PG + 100;
	int fd = make_file(path, size);
	volatile unsigned char *m = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(m != MAP_FAILED, "mmap: %s", errname(errno));
	check_pattern(m, 0, size, "private mapping");
	for (unsigned long i = size; i < 4 * PG; i++)
		CHECK(m[i] == 0, "byte %lu past the end of the file is %#x, not 0", i, m[i]);
	/* copy-on-write: the file does not change */
	m[10] = 0xee;
	m[PG + 5] = 0xdd;
	unsigned char c;
	CHECK(pread(fd, &c, 1, 10) == 1 && c == pat(10), "a private write reached the file");
	/* a write to the file shows in pages not yet copied (as on Linux) */
	unsigned char w = 0x42;
	CHECK(pwrite(fd, &w, 1, 2 * PG + 1) == 1, "pwrite");
	CHECK(m[2 * PG + 1] == 0x42, "a page not yet copied does not show the file's new byte");
	CHECK(pwrite(fd, &w, 1, 11) == 1, "pwrite");
	CHECK(m[11] == pat(11), "a copied page changed with the file");
	/* fork: each side's private writes stay its own */
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		m[20] = 0x11;
		_exit(m[10] == 0xee && m[PG + 5] == 0xdd ? 0 : 1);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "child: %s", status_str(st));
	CHECK(m[20] == pat(20), "the child's private write reached the parent");
	/* the mapping outlives the descriptor */
	close(fd);
	CHECK(m[3 * PG] == pat(3 * PG), "after close");
	/* read-only private mapping of a read-only descriptor, at an offset */
	fd = open(path, O_RDONLY);
	CHECK_OK(fd);
	volatile unsigned char *r = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 3 * PG);
	CHECK(r != MAP_FAILED, "mmap at an offset: %s", errname(errno));
	check_pattern(r, 3 * PG, 100, "mapping at offset 3 pages");
	/* private and writable is allowed on a read-only descriptor */
	volatile unsigned char *pw = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(pw != MAP_FAILED, "private writable mapping of an O_RDONLY file: %s", errname(errno));
	pw[0] = 1;
	CHECK_OK(mprotect((void *)r, PG, PROT_READ | PROT_WRITE));
	r[0] = 3;
	CHECK(pread(fd, &c, 1, 3 * PG) == 1 && c == pat(3 * PG), "mprotect'ed private write reached the file");
	close(fd);
	CHECK_OK(munmap((void *)m, 4 * PG));
	CHECK_OK(munmap((void *)r, PG));
	CHECK_OK(munmap((void *)pw, PG));
	unlink(path);
}

UTEST(mmap_file_shared)
{
	const char *path = "/tmp/utests-mmap-shared";
	unsigned long size = 2 * PG + 10;
	int fd = make_file(path, size);
	volatile unsigned char *m = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED, "mmap shared: %s", errname(errno));
	volatile unsigned char *m2 = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, PG);
	CHECK(m2 != MAP_FAILED, "second mapping: %s", errname(errno));
	check_pattern(m, 0, size, "shared mapping");
	/* mapping -> read(), other mapping */
	m[PG + 3] = 0xab;
	CHECK(m2[3] == 0xab, "the other mapping does not see the write");
	CHECK_OK(msync((void *)m, 3 * PG, MS_SYNC));
	unsigned char c = 0;
	CHECK(pread(fd, &c, 1, PG + 3) == 1 && c == 0xab, "read() does not see the mapping's write (%#x)", c);
	/* write() -> mapping */
	unsigned char w = 0x5c;
	CHECK(pwrite(fd, &w, 1, 7) == 1, "pwrite");
	CHECK(m[7] == 0x5c, "the mapping does not see write()");
	/* fork: shared stays shared both ways */
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		m[100] = 0x77;
		_exit(m[PG + 3] == 0xab ? 0 : 1);
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "child: %s", status_str(st));
	CHECK(m[100] == 0x77, "the child's shared write is not in the parent");
	/* after close of the descriptor and munmap, the data is in the file */
	close(fd);
	m[200] = 0x99;
	CHECK_OK(munmap((void *)m, 3 * PG));
	CHECK_OK(munmap((void *)m2, PG));
	fd = open(path, O_RDONLY);
	CHECK_OK(fd);
	unsigned char buf[256];
	CHECK(pread(fd, buf, sizeof buf, 0) == sizeof buf, "pread");
	CHECK(buf[100] == 0x77 && buf[200] == 0x99 && buf[7] == 0x5c, "file lost mapped writes: %#x %#x %#x",
	      buf[100], buf[200], buf[7]);
	struct stat sb;
	CHECK_OK(fstat(fd, &sb));
	CHECK(sb.st_size == (off_t)size, "size changed to %ld", (long)sb.st_size);
	close(fd);
	unlink(path);
}

static void touch_past_file(void *arg)
{
	const char *path = arg;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		_exit(2);
	volatile unsigned char *m = mmap(NULL, 3 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED)
		_exit(3);
	if (m[PG + 50] != 0)   /* the last page's tail is zeros */
		_exit(4);
	reached();
	(void)m[2 * PG];       /* a whole page past the end: SIGBUS */
}

struct trunc_arg {
	const char *path;
	bool shared;
};

static void touch_truncated(void *arg)
{
	const struct trunc_arg *t = arg;
	int fd = open(t->path, O_RDWR);
	if (fd < 0)
		_exit(2);
	volatile unsigned char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE,
					 t->shared ? MAP_SHARED : MAP_PRIVATE, fd, 0);
	if (m == MAP_FAILED)
		_exit(3);
	m[PG] = 1;             /* the page is there, then the file shrinks under it */
	if (ftruncate(fd, 100) < 0)
		_exit(4);
	if (t->shared && m[200] != 0)
		_exit(5);      /* the rest of the last page reads as zeros */
	reached();
	m[PG] = 2;
}

UTEST(mmap_file_sigbus)
{
	const char *path = "/tmp/utests-mmap-bus";
	close(make_file(path, PG + 10));
	expect_death("touch a page past the end of the file", touch_past_file, (void *)path, SIGBUS);
	struct trunc_arg t = { path, true };
	close(make_file(path, 2 * PG));
	expect_death("shared mapping of a truncated file", touch_truncated, &t, SIGBUS);
	t.shared = false;
	close(make_file(path, 2 * PG));
	expect_death("private mapping of a truncated file", touch_truncated, &t, SIGBUS);
	unlink(path);
}

UTEST(mmap_file_errors)
{
	const char *path = "/tmp/utests-mmap-err";
	close(make_file(path, PG));
	int rd = open(path, O_RDONLY), wr = open(path, O_WRONLY), ap = open(path, O_RDWR | O_APPEND);
	CHECK(rd >= 0 && wr >= 0 && ap >= 0, "open");
	int dir = open("/tmp", O_RDONLY);
	CHECK_OK(dir);
	int p[2];
	CHECK_OK(pipe(p));
	CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 999, 0) == MAP_FAILED && errno == EBADF, "bad fd");
	CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, -1, 0) == MAP_FAILED && errno == EBADF, "fd -1");
	CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, dir, 0) == MAP_FAILED && errno == ENODEV,
	      "directory: %s", errname(errno));
	CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, p[0], 0) == MAP_FAILED && errno == ENODEV,
	      "pipe: %s", errname(errno));
	CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, rd, 100) == MAP_FAILED && errno == EINVAL,
	      "unaligned offset: %s", errname(errno));
	CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, wr, 0) == MAP_FAILED && errno == EACCES,
	      "write-only descriptor: %s", errname(errno));
	CHECK(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, rd, 0) == MAP_FAILED && errno == EACCES,
	      "shared writable on O_RDONLY: %s", errname(errno));
	/* O_APPEND does not stop a shared writable mapping (only an
	 * append-only inode would, on Linux) */
	void *am = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ap, 0);
	CHECK(am != MAP_FAILED, "shared writable on O_APPEND: %s", errname(errno));
	CHECK_OK(munmap(am, PG));
	void *m = mmap(NULL, PG, PROT_READ, MAP_SHARED, rd, 0);
	CHECK(m != MAP_FAILED, "shared read-only: %s", errname(errno));
	CHECK_ERR(mprotect(m, PG, PROT_READ | PROT_WRITE), EACCES);
	CHECK_OK(mprotect(m, PG, PROT_NONE));
	CHECK_OK(mprotect(m, PG, PROT_READ));
	CHECK_OK(munmap(m, PG));
	/* /dev/zero maps as anonymous memory */
	int z = open("/dev/zero", O_RDWR);
	CHECK_OK(z);
	volatile char *zm = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, z, 0);
	CHECK(zm != MAP_FAILED, "/dev/zero: %s", errname(errno));
	CHECK(zm[0] == 0 && zm[PG + 7] == 0, "/dev/zero mapping not zero");
	zm[5] = 1;
	CHECK(zm[5] == 1, "/dev/zero mapping not writable");
	CHECK_OK(munmap((void *)zm, 2 * PG));
	close(z);
	/* a mapping may start past the end: only touching it is wrong */
	m = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, rd, 16 * PG);
	CHECK(m != MAP_FAILED, "mapping past the end: %s", errname(errno));
	CHECK_OK(munmap(m, PG));
	close(rd);
	close(wr);
	close(ap);
	close(dir);
	close(p[0]);
	close(p[1]);
	unlink(path);
}

/* A shared mapping commits nothing: a sparse file far bigger than this
 * machine maps (on Ringel a private writable one is refused). */
UTEST(mmap_file_commit)
{
	const char *path = "/tmp/utests-mmap-big";
	unlink(path);
	int fd = open(path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	CHECK_OK(fd);
	unsigned long size = 8UL << 30;
	CHECK_OK(ftruncate(fd, (off_t)size));
	volatile unsigned char *m = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED, "shared mapping of 8 GiB: %s", errname(errno));
	CHECK(m[5 * PG] == 0 && m[size - 1] == 0, "a hole is not zero");
	m[size / 2] = 9;
	unsigned char c = 0;
	CHECK(pread(fd, &c, 1, (off_t)(size / 2)) == 1 && c == 9, "write through the big mapping");
	CHECK_OK(munmap((void *)m, size));
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	if (!on_linux)
		CHECK(p == MAP_FAILED && errno == ENOMEM, "private writable 8 GiB was not refused");
	else if (p != MAP_FAILED)
		munmap(p, size);
	close(fd);
	unlink(path);
}

UTEST(mremap)
{
	/* 4 pages with free space after them */
	char *m = mmap(NULL, 16 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED, "mmap");
	CHECK_OK(munmap(m + 4 * PG, 12 * PG));
	for (int i = 0; i < 4; i++)
		m[i * PG] = (char)(i + 1);
	/* bad input */
	CHECK(mremap(m + 1, PG, PG, 0) == MAP_FAILED && errno == EINVAL, "unaligned");
	/* qemu-user (7.2) passes a new length of 0 on unchecked */
	CHECK(exec_wrapper || (mremap(m, PG, 0, 0) == MAP_FAILED && errno == EINVAL), "new length 0");
	CHECK(mremap(m, PG, PG, 0x80) == MAP_FAILED && errno == EINVAL, "bad flags");
	CHECK(mremap(m, PG, 2 * PG, MREMAP_FIXED, m + 8 * PG) == MAP_FAILED && errno == EINVAL,
	      "MREMAP_FIXED without MAYMOVE");
	CHECK(mremap(m, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, m + PG) == MAP_FAILED &&
	      errno == EINVAL, "overlapping MREMAP_FIXED");
	/* shrink */
	CHECK(mremap(m, 4 * PG, 3 * PG, 0) == m, "shrink: %s", errname(errno));
	CHECK(mincore(m + 3 * PG, PG, (unsigned char[1]){0}) == -1 && errno == ENOMEM,
	      "the cut page is still mapped");
	/* grow in place (the page after is free again) */
	CHECK(mremap(m, 3 * PG, 4 * PG, 0) == m, "grow in place: %s", errname(errno));
	CHECK(m[3 * PG] == 0 && m[2 * PG] == 3, "grown part not zero or old part lost");
	/* blocked: ENOMEM without MAYMOVE, moved with it */
	char *block = mmap(m + 4 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(block == m + 4 * PG, "blocker: %s", errname(errno));
	CHECK(mremap(m, 4 * PG, 8 * PG, 0) == MAP_FAILED && errno == ENOMEM, "grow into a mapping");
	char *n = mremap(m, 4 * PG, 8 * PG, MREMAP_MAYMOVE);
	CHECK(n != MAP_FAILED && n != m, "MAYMOVE: %s", errname(errno));
	CHECK(n[0] == 1 && n[PG] == 2 && n[2 * PG] == 3 && n[7 * PG] == 0, "moved contents");
	n[7 * PG] = 8;
	CHECK(mincore(m, PG, (unsigned char[1]){0}) == -1 && errno == ENOMEM, "old range still mapped");
	/* MREMAP_FIXED replaces what is at the target */
	char *t = mmap(NULL, 16 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(t != MAP_FAILED, "target");
	t[0] = 42;
	CHECK(mremap(n, 8 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, t + 4 * PG) == t + 4 * PG,
	      "MREMAP_FIXED: %s", errname(errno));
	CHECK(t[4 * PG] == 1 && t[5 * PG] == 2 && t[0] == 42 && t[6 * PG] == 0, "FIXED contents");
	/* DONTUNMAP: Linux 5.7 takes it for private anonymous memory; Ringel refuses */
	void *d = mremap(t, PG, PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP);
	CHECK(d != MAP_FAILED || errno == EINVAL, "DONTUNMAP: %s", errname(errno));
	/* not mapped */
	CHECK_OK(munmap(t, 16 * PG));
	CHECK(mremap(t, PG, 2 * PG, MREMAP_MAYMOVE) == MAP_FAILED && errno == EFAULT,
	      "unmapped: %s", errname(errno));
	CHECK_OK(munmap(block, PG));
	if (d != MAP_FAILED)
		munmap(d, PG);
}

UTEST(mremap_file)
{
	const char *path = "/tmp/utests-mremap";
	int fd = make_file(path, 4 * PG);
	unsigned char *m = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(m != MAP_FAILED, "mmap");
	unsigned char *n = mremap(m, PG, 4 * PG, MREMAP_MAYMOVE);
	CHECK(n != MAP_FAILED, "mremap: %s", errname(errno));
	check_pattern(n, 0, 4 * PG, "grown file mapping");
	n[3 * PG] = 0;
	unsigned char c = 1;
	CHECK(pread(fd, &c, 1, 3 * PG) == 1 && c == 0, "write through the moved shared mapping");
	CHECK_OK(munmap(n, 4 * PG));
	/* private, moved: still copy-on-write of the same file offsets */
	m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 2 * PG);
	CHECK(m != MAP_FAILED, "mmap private");
	m[0] = 0x33;
	n = mremap(m, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, m + 64 * PG);
	CHECK(n == m + 64 * PG, "move: %s", errname(errno));
	CHECK(n[0] == 0x33, "the copied page did not move");
	check_pattern(n + PG + 1, 3 * PG + 1, PG - 1, "the untouched page after the move");
	CHECK_OK(munmap(n, 2 * PG));
	close(fd);
	unlink(path);
}

UTEST(madvise)
{
	char *m = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED, "mmap");
	memset(m, 0x5a, 4 * PG);
	CHECK_ERR(madvise(m + 1, PG, MADV_DONTNEED), EINVAL);
	if (!exec_wrapper) {   /* qemu-user (7.2) answers 0 to any advice */
		CHECK_ERR(madvise(m, PG, 12345), EINVAL);
		CHECK_ERR(madvise(m, PG, -1), EINVAL);
	}
	int advice[] = { MADV_NORMAL, MADV_RANDOM, MADV_SEQUENTIAL, MADV_WILLNEED };
	for (unsigned i = 0; i < sizeof advice / sizeof advice[0]; i++)
		CHECK(madvise(m, 4 * PG, advice[i]) == 0, "advice %d: %s", advice[i], errname(errno));
	CHECK(m[0] == 0x5a, "a hint changed the contents");
	CHECK_OK(madvise(m + PG, 2 * PG, MADV_DONTNEED));
	CHECK(m[0] == 0x5a && m[PG] == 0 && m[2 * PG + 100] == 0 && m[3 * PG] == 0x5a,
	      "DONTNEED: %#x %#x %#x %#x", m[0], m[PG], m[2 * PG + 100], m[3 * PG]);
	CHECK_OK(madvise(m, PG, MADV_FREE));
	m[0] = 1;
	CHECK(m[0] == 1, "after MADV_FREE");
	CHECK_OK(munmap(m + 3 * PG, PG));
	if (!exec_wrapper)
		CHECK_ERR(madvise(m, 4 * PG, MADV_DONTNEED), ENOMEM);
	CHECK_OK(munmap(m, 3 * PG));
	/* files: private pages read back from the file, shared ones stay */
	const char *path = "/tmp/utests-madvise";
	int fd = make_file(path, 2 * PG);
	unsigned char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	unsigned char *s = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED && s != MAP_FAILED, "mmap");
	p[5] = 0;
	s[PG + 5] = 0;
	CHECK_OK(madvise(p, 2 * PG, MADV_DONTNEED));
	CHECK_OK(madvise(s, 2 * PG, MADV_DONTNEED));
	CHECK(p[5] == pat(5), "private page not read back from the file");
	CHECK(s[PG + 5] == 0 && p[PG + 5] == 0, "shared write lost");
	CHECK_OK(munmap(p, 2 * PG));
	CHECK_OK(munmap(s, 2 * PG));
	close(fd);
	unlink(path);
}

UTEST(msync_mincore)
{
	char *m = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED, "mmap");
	m[0] = 1;
	m[2 * PG] = 1;
	unsigned char vec[3] = { 9, 9, 9 };
	CHECK_OK(mincore(m, 3 * PG, vec));
	CHECK((vec[0] & 1) && !(vec[1] & 1) && (vec[2] & 1), "mincore: %d %d %d", vec[0], vec[1], vec[2]);
	CHECK_ERR(mincore(m + 1, PG, vec), EINVAL);
	CHECK_ERR(mincore(m, PG, (unsigned char *)8), EFAULT);
	CHECK_OK(msync(m, 3 * PG, MS_ASYNC));
	CHECK_OK(msync(m, 3 * PG, MS_SYNC));
	CHECK_OK(msync(m, 3 * PG, MS_INVALIDATE));
	CHECK_ERR(msync(m, PG, MS_SYNC | MS_ASYNC), EINVAL);
	CHECK_ERR(msync(m, PG, 0x100), EINVAL);
	CHECK_ERR(msync(m + 1, PG, MS_SYNC), EINVAL);
	CHECK_OK(munmap(m + PG, PG));
	CHECK_ERR(msync(m, 3 * PG, MS_SYNC), ENOMEM);
	CHECK_ERR(mincore(m, 3 * PG, vec), ENOMEM);
	CHECK_OK(munmap(m, 3 * PG));
}

UTEST(mkfifo)
{
	const char *path = "/tmp/utests-fifo";
	unlink(path);
	CHECK_OK(mkfifo(path, 0600));
	struct stat sb;
	CHECK_OK(stat(path, &sb));
	CHECK(S_ISFIFO(sb.st_mode) && (sb.st_mode & 0777) == 0600, "mode %o", sb.st_mode);
	CHECK_ERR(mkfifo(path, 0600), EEXIST);
	/* no reader: a non-blocking writer is refused, a non-blocking reader is not */
	CHECK_ERR(open(path, O_WRONLY | O_NONBLOCK), ENXIO);
	int r = open(path, O_RDONLY | O_NONBLOCK);
	CHECK_OK(r);
	char buf[16];
	CHECK(read(r, buf, sizeof buf) == 0, "read with no writer is not end of file");
	close(r);
	/* a blocking open waits for the other side */
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		int w = open(path, O_WRONLY);
		if (w < 0 || write(w, "hello", 5) != 5)
			_exit(1);
		_exit(0);
	}
	r = open(path, O_RDONLY);
	CHECK_OK(r);
	long n = 0, k;
	while (n < 5 && (k = read(r, buf + n, sizeof buf - (size_t)n)) > 0)
		n += k;
	CHECK(n == 5 && memcmp(buf, "hello", 5) == 0, "read %ld bytes", n);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0, "writer: %s",
	      status_str(st));
	CHECK(read(r, buf, sizeof buf) == 0, "no end of file after the writer left");
	close(r);
	/* O_RDWR never waits; the data goes with the last close */
	int rw = open(path, O_RDWR);
	CHECK_OK(rw);
	CHECK(write(rw, "x", 1) == 1, "write");
	close(rw);
	r = open(path, O_RDONLY | O_NONBLOCK);
	CHECK_OK(r);
	CHECK(read(r, buf, 1) == 0, "data outlived the last close");
	close(r);
	CHECK_OK(unlink(path));
}

UTEST(mknod)
{
	const char *path = "/tmp/utests-node";
	unlink(path);
	CHECK_OK(mknod(path, S_IFIFO | 0644, 0));
	unlink(path);
	CHECK_OK(mknod(path, 0644, 0));   /* type 0: a regular file */
	struct stat sb;
	CHECK_OK(stat(path, &sb));
	CHECK(S_ISREG(sb.st_mode) && sb.st_size == 0, "mode %o", sb.st_mode);
	unlink(path);
	CHECK_ERR(mknod(path, S_IFDIR | 0755, 0), EPERM);
	CHECK_ERR(mknod(path, 0170000 | 0644, 0), EINVAL);
	CHECK_ERR(mknod("/no/such/dir/x", S_IFIFO | 0644, 0), ENOENT);
	CHECK_ERR(mknod((const char *)8, S_IFIFO | 0644, 0), EFAULT);
	if (geteuid() == 0) {
		/* root makes device nodes: /dev/null's number */
		CHECK_OK(mknod(path, S_IFCHR | 0666, (1 << 8) | 3));
		CHECK_OK(stat(path, &sb));
		CHECK(S_ISCHR(sb.st_mode) && sb.st_rdev == ((1 << 8) | 3), "rdev %#lx", (long)sb.st_rdev);
		if (!on_linux) {   /* the host's /tmp may be mounted nodev */
			int fd = open(path, O_WRONLY);
			CHECK_OK(fd);
			CHECK(write(fd, "x", 1) == 1, "write to the new null device");
			close(fd);
		}
		unlink(path);
	} else {
		CHECK_ERR(mknod(path, S_IFCHR | 0666, (1 << 8) | 3), EPERM);
	}
}

UTEST(chown)
{
	const char *path = "/tmp/utests-chown", *link = "/tmp/utests-chown-l";
	unlink(path);
	unlink(link);
	int fd = open(path, O_CREAT | O_RDWR, 0755);
	CHECK_OK(fd);
	CHECK_OK(symlink(path, link));
	CHECK_OK(chown(path, getuid(), getgid()));
	CHECK_OK(chown(path, (uid_t)-1, (gid_t)-1));
	CHECK_ERR(chown("/tmp/utests-no-such", 0, 0), ENOENT);
	CHECK_ERR(chown((const char *)8, 0, 0), EFAULT);
	CHECK_ERR(fchown(999, 0, 0), EBADF);
	CHECK_ERR(fchownat(AT_FDCWD, path, 0, 0, 0x4), EINVAL);
	struct stat sb;
	if (geteuid() != 0) {
		CHECK_ERR(chown(path, getuid() + 1, (gid_t)-1), EPERM);
		skip("the rest needs root");
	}
	CHECK_OK(chmod(path, 06755));
	CHECK_OK(chown(path, 1234, 5678));
	CHECK_OK(stat(path, &sb));
	CHECK(sb.st_uid == 1234 && sb.st_gid == 5678, "owner %u:%u", sb.st_uid, sb.st_gid);
	CHECK((sb.st_mode & 07777) == 0755, "set-id bits kept by chown: %o", sb.st_mode & 07777);
	CHECK_OK(fchown(fd, 42, (gid_t)-1));
	CHECK_OK(fstat(fd, &sb));
	CHECK(sb.st_uid == 42 && sb.st_gid == 5678, "fchown: %u:%u", sb.st_uid, sb.st_gid);
	/* lchown changes the link, chown through it the file */
	CHECK_OK(lchown(link, 7, 8));
	CHECK_OK(lstat(link, &sb));
	CHECK(sb.st_uid == 7 && sb.st_gid == 8, "lchown: %u:%u", sb.st_uid, sb.st_gid);
	CHECK_OK(stat(path, &sb));
	CHECK(sb.st_uid == 42, "lchown changed the target");
	CHECK_OK(fchownat(AT_FDCWD, link, 0, 0, 0));
	CHECK_OK(stat(path, &sb));
	CHECK(sb.st_uid == 0 && sb.st_gid == 0, "fchownat through the link: %u:%u", sb.st_uid, sb.st_gid);
	close(fd);
	unlink(link);
	unlink(path);
}

/* ---- FAT: mappings through the file system's read and write (run by
 * boot.*.fat-mmap, which attaches a mkfs.vfat disk as /dev/vda). */
#include <sys/mount.h>

static const char *fat_dir = "/tmp/fatmm";

static void fat_touch_truncated(void *arg)
{
	struct trunc_arg t = { arg, true };
	touch_truncated(&t);
}

UTEST_T(fat_mmap, 150)
{
	if (on_linux)
		skip("needs the disk boot.*.fat-mmap attaches");
	if (access("/dev/vda", F_OK) != 0)
		skip("no /dev/vda (boot.*.fat-mmap attaches a FAT disk)");
	mkdir(fat_dir, 0755);
	CHECK(mount("/dev/vda", fat_dir, "vfat", 0, NULL) == 0, "mount: %s", errname(errno));
	const char *path = "/tmp/fatmm/map.bin";
	unsigned long size = 3 * PG + 100;
	int fd = make_file(path, size);
	/* private: read at the first touch, zeros after the end, copy-on-write */
	volatile unsigned char *p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED, "mmap private: %s", errname(errno));
	check_pattern(p, 0, size, "private FAT mapping");
	CHECK(p[size] == 0 && p[4 * PG - 1] == 0, "past the end is not zero");
	p[1] = 0;
	unsigned char c = 0;
	CHECK(pread(fd, &c, 1, 1) == 1 && c == pat(1), "a private write reached the FAT file");
	/* shared: written back by msync, munmap, fsync and exit */
	volatile unsigned char *s = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	volatile unsigned char *s2 = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 2 * PG);
	CHECK(s != MAP_FAILED && s2 != MAP_FAILED, "mmap shared: %s", errname(errno));
	check_pattern(s, 0, size, "shared FAT mapping");
	s[10] = 0xa1;
	CHECK(s2[0] == pat(2 * PG), "second mapping");
	s[2 * PG] = 0xa2;
	CHECK(s2[0] == 0xa2, "the other shared mapping does not see the write");
	/* read() and write() agree with the mappings, as on Linux */
	CHECK(pread(fd, &c, 1, 10) == 1 && c == 0xa1, "read() does not see the mapping's write (%#x)", c);
	unsigned char w = 0xb1;
	CHECK(pwrite(fd, &w, 1, 2 * PG + 9) == 1, "pwrite");
	CHECK(s2[9] == 0xb1 && s[2 * PG + 9] == 0xb1, "the mappings do not see write()");
	CHECK_OK(msync((void *)s, 4 * PG, MS_SYNC));
	CHECK(pread(fd, &c, 1, 10) == 1 && c == 0xa1, "msync did not write back (%#x)", c);
	CHECK(pread(fd, &c, 1, 2 * PG) == 1 && c == 0xa2, "msync did not write the other page");
	s[11] = 0xa3;             /* clean again after the writeback: dirty again */
	CHECK_OK(fsync(fd));
	CHECK(pread(fd, &c, 1, 11) == 1 && c == 0xa3, "fsync did not write back (%#x)", c);
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		s[12] = 0xa4;
		_exit(0);         /* exit writes back */
	}
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st), "child: %s", status_str(st));
	CHECK(s[12] == 0xa4, "the child's shared write is not in the parent's mapping");
	CHECK(pread(fd, &c, 1, 12) == 1 && c == 0xa4, "exit did not write back (%#x)", c);
	s2[1] = 0xa5;
	CHECK_OK(munmap((void *)s2, PG));
	CHECK(pread(fd, &c, 1, 2 * PG + 1) == 1 && c == 0xa5, "munmap did not write back (%#x)", c);
	close(fd);
	s[13] = 0xa6;             /* after close of the descriptor */
	CHECK_OK(munmap((void *)s, 4 * PG));
	CHECK_OK(munmap((void *)p, 4 * PG));
	struct stat sb;
	CHECK_OK(stat(path, &sb));
	CHECK(sb.st_size == (off_t)size, "writeback changed the size to %ld", (long)sb.st_size);
	/* errors, owners, nodes FAT cannot have */
	fd = open(path, O_RDONLY);
	CHECK_OK(fd);
	CHECK(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED && errno == EACCES,
	      "shared writable on O_RDONLY");
	close(fd);
	CHECK_OK(chown(path, 0, 0));
	CHECK_OK(chown(path, (uid_t)-1, (gid_t)-1));
	CHECK_ERR(chown(path, 1000, (gid_t)-1), EPERM);
	CHECK_ERR(chown(path, (uid_t)-1, 1000), EPERM);
	CHECK_ERR(mkfifo("/tmp/fatmm/fifo", 0600), EPERM);
	/* truncated under a shared mapping */
	close(make_file("/tmp/fatmm/trunc.bin", 2 * PG));
	expect_death("shared FAT mapping of a truncated file", fat_touch_truncated,
		     (void *)"/tmp/fatmm/trunc.bin", SIGBUS);
	/* a program on FAT runs from pages read at its faults, and is busy */
	copy_file(path_of("/bin/echo"), "/tmp/fatmm/echo");
	char out[64];
	char *argv[] = { "echo", "from", "fat", NULL };
	st = run_capture("/tmp/fatmm/echo", argv, (char *[]){ NULL }, out, sizeof out);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0 && !strcmp(out, "from fat\n"),
	      "echo from FAT: %s, '%s'", status_str(st), out);
	unlink("/tmp/fatmm/echo");
	/* on the disk: unmount, mount again, read */
	CHECK_OK(umount2(fat_dir, 0));
	CHECK(mount("/dev/vda", fat_dir, "vfat", 0, NULL) == 0, "mount again: %s", errname(errno));
	fd = open(path, O_RDONLY);
	CHECK_OK(fd);
	unsigned char buf[16];
	CHECK(pread(fd, buf, sizeof buf, 0) == sizeof buf, "pread");
	CHECK(buf[10] == 0xa1 && buf[11] == 0xa3 && buf[12] == 0xa4 && buf[13] == 0xa6 && buf[1] == pat(1),
	      "after remount: %#x %#x %#x %#x %#x", buf[10], buf[11], buf[12], buf[13], buf[1]);
	close(fd);
	unlink(path);
	unlink("/tmp/fatmm/trunc.bin");
	CHECK_OK(umount2(fat_dir, 0));
}

/* A running program's file cannot be written or truncated (its pages are
 * the program, mapped from the file): ETXTBSY, as on Linux.  Reading,
 * mapping privately, unlinking are fine; after the program ends, writing
 * is too. */
UTEST(exec_text_busy)
{
	if (exec_wrapper)
		skip("under qemu-user the running binary is qemu");
	const char *path = "/tmp/utests-busy";
	copy_file(path_of("/bin/sleep"), path);
	int p[2];
	CHECK_OK(pipe(p));
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		close(p[0]);
		fcntl(p[1], F_SETFD, FD_CLOEXEC);   /* the parent sees EOF once exec is done */
		char *argv[] = { "sleep", "10", NULL };
		execve(path, argv, (char *[]){ NULL });
		_exit(127);
	}
	close(p[1]);
	char c;
	CHECK(read(p[0], &c, 1) == 0, "exec");
	close(p[0]);
	CHECK_ERR(open(path, O_WRONLY), ETXTBSY);
	CHECK_ERR(open(path, O_RDWR), ETXTBSY);
	CHECK_ERR(open(path, O_RDONLY | O_TRUNC), ETXTBSY);
	CHECK_ERR(truncate(path, 0), ETXTBSY);
	int fd = open(path, O_RDONLY);
	CHECK_OK(fd);
	void *m = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(m != MAP_FAILED, "private mapping of a running program: %s", errname(errno));
	munmap(m, PG);
	close(fd);
	kill(pid, SIGKILL);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st), "sleep: %s", status_str(st));
	fd = open(path, O_WRONLY);
	CHECK(fd >= 0, "write after the program ended: %s", errname(errno));
	close(fd);
	CHECK_OK(unlink(path));
}

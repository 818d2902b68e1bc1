/* utests: what Debian's busybox needed of the kernel beyond the common
 * calls (found by boot.*.busybox, scripts/bbcompare.py): fallocate, x86-64's
 * creat, /proc/PID/maps naming the program's file mappings with their
 * offsets, and /proc/PID/exe of a program run through a symbolic link.
 * Run on Linux too (the suite's oracle run). */
#include "utests.h"
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define FALLOC_PATH "/tmp/utest-fallocate"

static long fallocate_raw(int fd, int mode, long off, long len)
{
	return syscall(SYS_fallocate, fd, mode, off, len);
}

static long size_of(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 ? (long)st.st_size : -1;
}

/* Mode 0 extends the file over the range (zeros), never shrinks it;
 * FALLOC_FL_KEEP_SIZE (1) leaves the size; bad ranges, modes and
 * descriptors fail as on Linux. */
UTEST(fallocate_size)
{
	int fd = open(FALLOC_PATH, O_CREAT | O_RDWR | O_TRUNC, 0644);
	CHECK_OK(fd);
	CHECK_OK(write(fd, "ab", 2));
	CHECK_OK(fallocate_raw(fd, 0, 0, 8192));
	CHECK(size_of(fd) == 8192, "size %ld after fallocate 0..8192", size_of(fd));
	char buf[16];
	CHECK(pread(fd, buf, sizeof buf, 4000) == (ssize_t)sizeof buf, "pread");
	for (size_t i = 0; i < sizeof buf; i++)
		CHECK(buf[i] == 0, "byte %zu of the new range is %d", 4000 + i, buf[i]);
	CHECK(pread(fd, buf, 2, 0) == 2 && buf[0] == 'a' && buf[1] == 'b', "the old bytes stay");
	CHECK_OK(fallocate_raw(fd, 0, 10, 100));
	CHECK(size_of(fd) == 8192, "a range inside the file changed the size to %ld", size_of(fd));
	CHECK_OK(fallocate_raw(fd, 1, 8192, 4096));
	CHECK(size_of(fd) == 8192, "FALLOC_FL_KEEP_SIZE changed the size to %ld", size_of(fd));
	CHECK_ERR(fallocate_raw(fd, 0, 0, 0), EINVAL);
	CHECK_ERR(fallocate_raw(fd, 0, -1, 10), EINVAL);
	CHECK_ERR(fallocate_raw(fd, 0x100, 0, 10), EOPNOTSUPP);
	CHECK_ERR(fallocate_raw(-1, 0, 0, 10), EBADF);
	close(fd);
	fd = open(FALLOC_PATH, O_RDONLY);
	CHECK_OK(fd);
	CHECK_ERR(fallocate_raw(fd, 0, 0, 10), EBADF);
	close(fd);
	int p[2];
	CHECK_OK(pipe(p));
	CHECK_ERR(fallocate_raw(p[1], 0, 0, 10), ESPIPE);
	close(p[0]);
	close(p[1]);
	CHECK_OK(unlink(FALLOC_PATH));
}

/* creat(2) (x86-64 only; AArch64 has no such number): open for writing,
 * created or truncated; a bad path pointer is EFAULT. */
UTEST(creat_call)
{
#ifdef SYS_creat
	const char *path = "/tmp/utest-creat";
	int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	CHECK_OK(fd);
	CHECK_OK(write(fd, "hello", 5));
	close(fd);
	fd = (int)syscall(SYS_creat, path, 0600);
	CHECK_OK(fd);
	CHECK(size_of(fd) == 0, "creat left %ld bytes", size_of(fd));
	char c;
	CHECK_ERR(read(fd, &c, 1), EBADF);
	CHECK(write(fd, "x", 1) == 1, "creat's descriptor is not writable");
	close(fd);
	CHECK_ERR(syscall(SYS_creat, (char *)8, 0600), EFAULT);
	CHECK_OK(unlink(path));
#else
	note("no creat on this architecture");
#endif
}

/* The program's own file mappings in /proc/self/maps: named by the path
 * /proc/self/exe gives, with the file's inode and a page-aligned offset;
 * the code is one of them. */
UTEST(proc_maps_program_file)
{
	if (exec_wrapper)
		skip("qemu-user writes /proc/self/maps itself");
	char exe[256];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	CHECK(n > 0, "readlink /proc/self/exe: %s", errname(errno));
	exe[n] = 0;
	struct stat st;
	CHECK_OK(stat(exe, &st));
	FILE *f = fopen("/proc/self/maps", "r");
	CHECK(f, "/proc/self/maps: %s", errname(errno));
	char line[512];
	int named = 0, code = 0;
	uintptr_t here = (uintptr_t)&size_of;
	while (fgets(line, sizeof line, f)) {
		unsigned long lo, hi, off, ino;
		unsigned maj, min;
		char perms[8], name[256] = "";
		int k = sscanf(line, "%lx-%lx %7s %lx %x:%x %lu %255s", &lo, &hi, perms, &off, &maj, &min, &ino,
			       name);
		CHECK(k >= 7, "a maps line that is not Linux's format: %s", line);
		if (k < 8 || strcmp(name, exe))
			continue;
		named++;
		CHECK(ino == (unsigned long)st.st_ino, "inode %lu, the file's is %lu: %s", ino,
		      (unsigned long)st.st_ino, line);
		CHECK(off % 4096 == 0, "offset %#lx not page aligned: %s", off, line);
		CHECK(strlen(line) > 73 && line[72] == ' ' && line[73] == '/', "the name is not at column 73: %s",
		      line);
		if (lo <= here && here < hi)
			code = perms[2] == 'x';
	}
	fclose(f);
	CHECK(named >= 2, "%d mappings named %s", named, exe);
	CHECK(code, "the code at %#lx is not an executable mapping of %s", (unsigned long)here, exe);
}

/* A program run through a symbolic link has the linked file as its
 * /proc/self/exe, not the link (busybox's applets, ash re-running itself
 * as /proc/self/exe, need the real file). */
UTEST(exe_through_symlink)
{
	const char *bb = path_of("/opt/debian/busybox");
	if (access(bb, X_OK) != 0) {
		note("no /opt/debian/busybox (scripts/setup fetches Debian's busybox-static)");
		return;
	}
	if (exec_wrapper)
		skip("qemu-user answers /proc/self/exe itself");
	char real[256];
	CHECK(realpath(bb, real), "realpath %s: %s", bb, errname(errno));
	const char *dir = "/tmp/utest-exe-link";
	char link[256];
	snprintf(link, sizeof link, "%s/readlink", dir);
	mkdir(dir, 0755);
	unlink(link);
	CHECK_OK(symlink(real, link));
	char out[300];
	char *argv[] = { "readlink", "/proc/self/exe", NULL };
	char *envp[] = { NULL };
	int st = run_capture(link, argv, envp, out, sizeof out);
	char want[300];
	snprintf(want, sizeof want, "%s\n", real);
	CHECK(WIFEXITED(st) && WEXITSTATUS(st) == 0 && !strcmp(out, want), "%s: %s, printed '%s', want '%s'",
	      link, status_str(st), out, want);
	/* and through /proc/self/exe itself: a shell re-running its program */
	char script[400];
	snprintf(script, sizeof script, "exec -a readlink /proc/self/exe /proc/self/exe");
	char *argv2[] = { "sh", "-c", script, NULL };
	st = run_capture(link, argv2, envp, out, sizeof out);
	CHECK(WIFEXITED(st) && !strcmp(out, want), "exec of /proc/self/exe: %s, printed '%s', want '%s'",
	      status_str(st), out, want);
	unlink(link);
	rmdir(dir);
}

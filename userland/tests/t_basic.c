/* utests: system-call basics. */
#include "utests.h"
#include <fcntl.h>
#include <time.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <sys/syscall.h>
#include <sys/utsname.h>

UTEST(ids)
{
	int pid = getpid();
	CHECK(pid > 0, "getpid %d", pid);
	CHECK(pid != runner_pid, "a test child has its own pid");
	CHECK(getppid() == runner_pid, "getppid %d, want the runner %d", getppid(), runner_pid);
	CHECK(gettid() == pid, "gettid %d != getpid %d (one thread)", gettid(), pid);
	CHECK(getuid() == geteuid() && getgid() == getegid(), "one user: real and effective ids agree");
	CHECK(syscall(SYS_getpid) == pid, "syscall(SYS_getpid)");
}

UTEST(uname)
{
	struct utsname u;
	memset(&u, 0x5a, sizeof(u));
	CHECK_OK(uname(&u));
	const char *f[] = { u.sysname, u.nodename, u.release, u.version, u.machine };
	for (int i = 0; i < 5; i++)
		CHECK(memchr(f[i], 0, 65) != NULL, "field %d not NUL-terminated", i);
	CHECK(u.sysname[0], "empty sysname");
	CHECK(!strcmp(u.machine, arch_machine), "machine '%s', want '%s'", u.machine, arch_machine);
}

UTEST(enosys)
{
	CHECK_ERR(syscall(9999), ENOSYS);
	CHECK_ERR(syscall(-1), ENOSYS);
	CHECK_ERR(syscall(100000000), ENOSYS);
	CHECK(getpid() > 0, "still alive");
}

UTEST(clock)
{
	struct timespec a, b;
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &a));
	CHECK(a.tv_nsec >= 0 && a.tv_nsec < 1000000000, "tv_nsec %ld out of range", a.tv_nsec);
	for (int i = 0; i < 1000; i++) {
		CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &b));
		CHECK(b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec),
		      "monotonic clock went back");
		a = b;
	}
	struct timespec req = { 0, 50 * 1000000 };
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &a));
	CHECK_OK(nanosleep(&req, NULL));
	CHECK_OK(clock_gettime(CLOCK_MONOTONIC, &b));
	long ms = (b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000;
	CHECK(ms >= 50 && ms < 2000, "nanosleep(50 ms) took %ld ms", ms);
	CHECK_OK(clock_gettime(CLOCK_REALTIME, &a));
	CHECK_ERR(clock_gettime(12345, &a), EINVAL);
	struct timespec bad = { 0, 1000000000 };
	CHECK_ERR(nanosleep(&bad, NULL), EINVAL);
}

UTEST(getrandom)
{
	unsigned char a[32], b[32], zero[32] = { 0 };
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	CHECK(getrandom(a, sizeof(a), 0) == 32, "getrandom a");
	CHECK(getrandom(b, sizeof(b), 0) == 32, "getrandom b");
	CHECK(memcmp(a, zero, 32) && memcmp(b, zero, 32), "all zero");
	CHECK(memcmp(a, b, 32), "two calls gave the same bytes");
	CHECK(getrandom(a, 0, 0) == 0, "zero length");
}

extern char _start[];

UTEST(auxv)
{
	CHECK(getauxval(AT_PAGESZ) == 4096, "AT_PAGESZ %lu", getauxval(AT_PAGESZ));
	CHECK(getauxval(AT_ENTRY) == (unsigned long)_start, "AT_ENTRY %#lx, _start %p",
	      getauxval(AT_ENTRY), (void *)_start);
	CHECK(getauxval(AT_PHDR) != 0 && getauxval(AT_PHNUM) != 0, "AT_PHDR/AT_PHNUM");
	CHECK(getauxval(AT_PHENT) == 56, "AT_PHENT %lu", getauxval(AT_PHENT));
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	CHECK(rnd != NULL, "AT_RANDOM missing");
	unsigned char zero[16] = { 0 };
	CHECK(memcmp(rnd, zero, 16) != 0, "AT_RANDOM bytes all zero");
	CHECK(getauxval(AT_UID) == getuid(), "AT_UID");
}

UTEST(files)
{
	/* The console and the special files (on Linux too). */
	int fd = open("/dev/null", O_RDWR);
	CHECK(fd >= 0, "open /dev/null: %s", errname(errno));
	CHECK(write(fd, "x", 1) == 1, "write /dev/null");
	char c;
	CHECK(read(fd, &c, 1) == 0, "read /dev/null is end of file");
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	CHECK(fd >= 0, "open /dev/zero: %s", errname(errno));
	char buf[64];
	memset(buf, 1, sizeof(buf));
	CHECK(read(fd, buf, sizeof(buf)) == 64 && buf[0] == 0 && buf[63] == 0, "read /dev/zero");
	close(fd);
	CHECK_ERR(close(fd), EBADF);
	CHECK_ERR(open("/no/such/file", O_RDONLY), ENOENT);
	CHECK_ERR(write(-1, "x", 1), EBADF);
	/* pipes and dup */
	int p[2];
	CHECK_OK(pipe(p));
	CHECK(write(p[1], "hello", 5) == 5, "pipe write");
	int d = dup(p[0]);
	CHECK(d >= 0, "dup");
	CHECK(read(d, buf, sizeof(buf)) == 5 && !memcmp(buf, "hello", 5), "read through dup");
	CHECK(dup2(p[1], 50) == 50, "dup2");
	CHECK(dup2(50, 50) == 50, "dup2 onto itself");
	CHECK(write(50, "ab", 2) == 2 && read(p[0], buf, 2) == 2 && buf[1] == 'b', "write through dup2");
	close(50);
	close(p[1]);
	CHECK(read(p[0], buf, 1) == 0, "end of file when every writer is closed");
	close(p[0]);
	close(d);
	/* directories */
	char cwd[256];
	CHECK(getcwd(cwd, sizeof(cwd)) == cwd, "getcwd: %s", errname(errno));
	CHECK_OK(chdir("/"));
	CHECK(getcwd(cwd, sizeof(cwd)) && !strcmp(cwd, "/"), "getcwd after chdir / is '%s'", cwd);
	CHECK_ERR(chdir("/no/such/dir"), ENOENT);
}

/* utests: brk, mmap, munmap, mprotect, and the protections of the image. */
#include "utests.h"
#include <signal.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#define PG 4096UL

UTEST(brk)
{
	char *b0 = sbrk(0);
	CHECK(b0 != (char *)-1 && b0 != NULL, "sbrk(0)");
	char *p = sbrk(64 * 1024);
	CHECK(p == b0, "sbrk returned %p, want the old break %p", (void *)p, (void *)b0);
	for (unsigned i = 0; i < 64 * 1024; i++)
		CHECK(p[i] == 0, "new heap byte %u is %d, not zero", i, p[i]);
	memset(p, 0xab, 64 * 1024);
	CHECK(sbrk(0) == b0 + 64 * 1024, "break moved by 64 KiB");
	CHECK(sbrk(-32 * 1024) != (char *)-1, "shrink");
	CHECK(sbrk(0) == b0 + 32 * 1024, "break after shrinking");
	CHECK(p[100] == (char)0xab, "kept part keeps its contents");
	/* Grow again: the released part comes back zeroed. */
	CHECK(sbrk(32 * 1024) != (char *)-1, "grow again");
	CHECK(p[40 * 1024] == 0, "re-grown heap not zeroed");
	/* A break below the start or in the kernel half is refused. */
	CHECK(brk((void *)0x1000) == -1, "brk to 0x1000 accepted");
	CHECK(brk((void *)0xffff800000000000UL) == -1, "brk into the kernel half accepted");
	CHECK(sbrk(0) == b0 + 64 * 1024, "a refused brk moved the break");
}

UTEST(mmap_anon)
{
	size_t len = 256 * PG;
	unsigned char *m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m != MAP_FAILED, "mmap: %s", errname(errno));
	CHECK(((uintptr_t)m & (PG - 1)) == 0, "unaligned mapping %p", (void *)m);
	CHECK((uintptr_t)m + len <= arch_user_top, "mapping outside the user half");
	for (size_t i = 0; i < len; i += 512)
		CHECK(m[i] == 0, "fresh page not zero at %zu", i);
	for (size_t i = 0; i < len; i++)
		m[i] = (unsigned char)(i * 7);
	for (size_t i = 0; i < len; i++)
		CHECK(m[i] == (unsigned char)(i * 7), "readback at %zu", i);
	/* Unmap a hole in the middle; the rest stays. */
	CHECK_OK(munmap(m + 16 * PG, 16 * PG));
	CHECK(m[15 * PG] == (unsigned char)(15 * PG * 7) && m[32 * PG] == (unsigned char)(32 * PG * 7),
	      "neighbours of the hole");
	/* MAP_FIXED into the hole: zero again. */
	void *f = mmap(m + 16 * PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(f == m + 16 * PG, "MAP_FIXED: %p", f);
	CHECK(m[16 * PG] == 0, "MAP_FIXED page not zero");
	CHECK_OK(munmap(m, len));
	/* Bad arguments. */
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL,
	      "length 0");
	CHECK(mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED && errno == EINVAL,
	      "neither shared nor private");
	CHECK(mmap((void *)(PG + 1), PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) ==
		      MAP_FAILED && errno == EINVAL, "unaligned MAP_FIXED");
	CHECK_ERR(munmap((void *)(PG + 1), PG), EINVAL);
	CHECK_ERR(munmap(m, 0), EINVAL);
	CHECK_ERR(mprotect((void *)(PG + 1), PG, PROT_READ), EINVAL);
}

UTEST(mmap_shared)
{
	volatile int *s = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(s != MAP_FAILED, "mmap shared: %s", errname(errno));
	volatile int *pv = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(pv != MAP_FAILED, "mmap private");
	s[0] = 1;
	pv[0] = 1;
	int pid = fork();
	CHECK(pid >= 0, "fork");
	if (pid == 0) {
		s[0] = 0x1234;
		s[1000] = 0x5678;
		pv[0] = 99;
		/* and see the parent's write */
		long end = now_ms() + 5000;
		while (s[1] != 0x4321 && now_ms() < end)
			sleep_ms(1);
		_exit(s[1] == 0x4321 ? 0 : 1);
	}
	long end = now_ms() + 5000;
	while (s[0] != 0x1234 && now_ms() < end)
		sleep_ms(1);
	CHECK(s[0] == 0x1234 && s[1000] == 0x5678, "parent does not see the child's shared write");
	s[1] = 0x4321;
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	      "child does not see the parent's shared write: %s", status_str(st));
	CHECK(pv[0] == 1, "private mapping shared after fork");
	CHECK(s[0] == 0x1234, "shared page lost its contents when the child exited");
	CHECK_OK(munmap((void *)s, PG));
	CHECK_OK(munmap((void *)pv, PG));
}

static void touch_unmapped(void *arg)
{
	(void)arg;
	volatile char *m = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		_exit(2);
	m[0] = 1;
	m[PG] = 1;
	munmap((void *)(m + PG), PG);
	m[2 * PG] = 1;   /* the neighbour is still there */
	reached();
	m[PG] = 2;
}

static void write_readonly(void *arg)
{
	(void)arg;
	volatile char *m = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		_exit(2);
	m[0] = 5;
	m[PG] = 6;
	if (mprotect((void *)m, PG, PROT_READ) < 0)
		_exit(3);
	if (m[0] != 5)
		_exit(4);
	m[PG] = 7;       /* the second page is still writable */
	reached();
	m[0] = 6;
}

static void read_none(void *arg)
{
	(void)arg;
	volatile char *m = mmap(NULL, PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		_exit(2);
	reached();
	(void)m[0];
}

static void write_text(void *arg)
{
	(void)arg;
	volatile unsigned char *p = (volatile unsigned char *)(uintptr_t)write_text;
	unsigned char c = p[0];   /* text is readable */
	reached();
	p[0] = c;
}

static void write_rodata(void *arg)
{
	static const char ro[64] = "read-only";
	volatile char *p = (volatile char *)(uintptr_t)ro;
	(void)arg;
	if (p[0] != 'r')
		_exit(2);
	reached();
	p[0] = 'R';
}

static unsigned char data_code[64] __attribute__((aligned(16)));

static void exec_data(void *arg)
{
	(void)arg;
	/* Whatever the bytes: the page is not executable. */
	memset(data_code, 0, sizeof(data_code));
	void (*fn)(void) = (void (*)(void))(uintptr_t)data_code;
	reached();
	fn();
}

static void exec_stack(void *arg)
{
	(void)arg;
	unsigned char code[64];
	memset(code, 0, sizeof(code));
	void (*volatile fn)(void) = (void (*)(void))(uintptr_t)code;
	reached();
	fn();
}

static void exec_mmap_noexec(void *arg)
{
	(void)arg;
	void *m = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		_exit(2);
	void (*fn)(void) = (void (*)(void))m;
	reached();
	fn();
}

static volatile int depth_limit = 1 << 30;

static int recurse(int n)
{
	volatile char pad[2048];
	pad[0] = (char)n;
	if (n == 0)
		reached();
	if (n > depth_limit)
		return 0;
	return recurse(n + 1) + pad[0];
}

static void overflow_stack(void *arg)
{
	(void)arg;
	recurse(0);
}

UTEST(protections)
{
	expect_death("touch an unmapped page", touch_unmapped, NULL, SIGSEGV);
	expect_death("write after mprotect(PROT_READ)", write_readonly, NULL, SIGSEGV);
	expect_death("read PROT_NONE", read_none, NULL, SIGSEGV);
	expect_death("write own text", write_text, NULL, SIGSEGV);
	expect_death("write .rodata", write_rodata, NULL, SIGSEGV);
	expect_death("execute .data", exec_data, NULL, SIGSEGV);
	expect_death("execute the stack", exec_stack, NULL, SIGSEGV);
	expect_death("execute a PROT_READ|PROT_WRITE mapping", exec_mmap_noexec, NULL, SIGSEGV);
	expect_death("stack overflow into the guard", overflow_stack, NULL, SIGSEGV);
}

UTEST(mmap_nomem)
{
	/* More than any machine running this has. */
	size_t huge = 1UL << 46;
	void *m = mmap(NULL, huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m == MAP_FAILED && errno == ENOMEM, "mmap 64 TiB: %s",
	      m == MAP_FAILED ? errname(errno) : "succeeded");
	m = mmap(NULL, arch_user_top, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK(m == MAP_FAILED && errno == ENOMEM, "mmap the whole user half: %s",
	      m == MAP_FAILED ? errname(errno) : "succeeded");
	m = mmap(NULL, -PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(m == MAP_FAILED && errno == ENOMEM, "mmap 2^64 - 4096: %s",
	      m == MAP_FAILED ? errname(errno) : "succeeded");
	/* MAP_FIXED over the kernel half or past the user top */
	m = mmap((void *)(arch_user_top - PG), 2 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(m == MAP_FAILED, "MAP_FIXED across the user top succeeded");
	m = mmap((void *)0xffff800000000000UL, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(m == MAP_FAILED, "MAP_FIXED in the kernel half succeeded");
	CHECK(brk((void *)(arch_user_top - PG)) == -1, "brk to the top of the user half accepted");
}

/* Range checks cost what is mapped, not what is asked for: a 64 TiB
 * MAP_FIXED_NOREPLACE, munmap or mprotect runs in time proportional to the
 * regions (and page tables) there.  Page by page, one such call is 2^34
 * steps with interrupts off: the test would time out on its first call. */
UTEST(huge_ranges)
{
	if (on_linux && exec_wrapper)
		skip("qemu-user keeps guest page flags page by page: 64 TiB is its own stall");
	const size_t huge = 1UL << 46;          /* 64 TiB */
	const int rounds = on_linux ? 100 : 2000;   /* Linux frees page tables: slower per round */
	char *at = (char *)(1UL << 44);         /* 16 TiB: user space on both arches */
	void *m = mmap(at, huge, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (m == MAP_FAILED && on_linux && errno == ENOMEM)
		skip("this Linux (or qemu-user) has no room for 64 TiB at 16 TiB");
	CHECK(m == at, "mmap 64 TiB MAP_FIXED_NOREPLACE: %s", m == MAP_FAILED ? errname(errno) : "moved");
	CHECK_OK(munmap(m, huge));
	for (int i = 0; i < rounds; i++) {
		m = mmap(at, huge, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
		CHECK(m == at, "mmap #%d: %s", i, m == MAP_FAILED ? errname(errno) : "moved");
		/* a few pages read (the zero page) and a change of protection */
		CHECK(at[0] == 0 && at[huge / 2] == 0 && at[huge - 1] == 0, "fresh pages read zero");
		CHECK_OK(mprotect(at, huge, PROT_NONE));
		CHECK_OK(mprotect(at, huge, PROT_READ));
		CHECK_OK(munmap(at, huge));
		/* unmapped: munmap succeeds, mprotect says ENOMEM */
		CHECK_OK(munmap(at, huge));
		CHECK_ERR(mprotect(at, huge, PROT_READ), ENOMEM);
	}
	/* one page in the middle of the range: refused, and left alone */
	char *mid = at + huge / 2;
	char *one = mmap(mid, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(one == mid, "one page at 48 TiB: %s", one == MAP_FAILED ? errname(errno) : "moved");
	one[0] = 42;
	for (int i = 0; i < rounds; i++)
		CHECK_ERR(mmap(at, huge, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
			  EEXIST);
	CHECK(one[0] == 42, "the page in the way changed");
	/* a 64 TiB munmap around it takes just that page */
	CHECK_OK(munmap(at, huge));
	m = mmap(at, huge, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	CHECK(m == at, "after the munmap: %s", m == MAP_FAILED ? errname(errno) : "moved");
	CHECK(at[huge / 2] == 0, "the page in the middle came back zero");
	CHECK_OK(munmap(at, huge));
}

/* Reading untouched read-only memory maps one zero page, however often:
 * more mappings of it than a page's use count can hold, and it is still
 * zero and still not ours to write. */
UTEST_T(zero_page_many, 60)
{
	const size_t len = 640UL << 20;   /* 163840 pages: more than 2^16 */
	volatile char *m = mmap(NULL, len, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	CHECK(m != MAP_FAILED, "mmap: %s", errname(errno));
	long sum = 0;
	for (size_t i = 0; i < len; i += PG)
		sum += m[i];
	CHECK(sum == 0, "read-only anonymous memory is not zero");
	/* a child shares all of it, and a write after mprotect copies */
	int pid = fork();
	CHECK(pid >= 0, "fork: %s", errname(errno));
	if (pid == 0)
		_exit(m[len - PG] == 0 ? 0 : 1);
	int st;
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0, "child: %s",
	      status_str(st));
	CHECK_OK(mprotect((void *)m, 2 * PG, PROT_READ | PROT_WRITE));
	m[0] = 1;
	CHECK(m[0] == 1 && m[PG] == 0 && m[len - PG] == 0, "a write reached another page");
	CHECK_OK(munmap((void *)m, len));
}

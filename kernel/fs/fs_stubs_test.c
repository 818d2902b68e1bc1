/* The kernel around the file system code, for its host tests (fs_test,
 * tty_test): a current process, a user address space, sleeping and
 * signals, the heap and the page allocator, the clock and the console.
 *
 * User memory is an arena the tests allocate from (fst_ualloc); one page
 * of it is a hole (fst_hole) whose access faults, so "unmapped" pointers
 * can be tested besides NULL, kernel-half and out-of-range ones.  The
 * copy routines check every byte's page like the real ones. */
#define _GNU_SOURCE
#include "fs_stubs_test.h"
#include <proc.h>
#include <uaccess.h>
#include <console.h>
#include <random.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static struct proc the_proc;
static struct cpu the_cpu = { .self = &the_cpu, .online = true, .curr = &the_proc };
struct cpu *host_this_cpu = &the_cpu;
struct proc *init_proc;

/* No resource limits in the host tests. */
uint64_t rlimit_cur(int resource)
{
	(void)resource;
	return RLIM_INFINITY;
}

int rlimit_fsize(uint64_t pos, size_t *len)
{
	(void)pos;
	(void)len;
	return 0;
}

/* One CPU: the kernel lock only counts. */
void kernel_lock(void)
{
	current->lock_depth++;
}

void kernel_unlock(void)
{
	current->lock_depth--;
}

/* Nothing else runs: a preemption point has no one to let in. */
void cond_resched(void)
{
}

/* ---------------------------------------------------------------- user memory */
#define ARENA_SIZE (8u << 20)
static uint8_t *arena;
static size_t arena_used;
uintptr_t fst_hole;

static void arena_init(void)
{
	if (arena)
		return;
	arena = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (arena == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	fst_hole = (uintptr_t)arena + ARENA_SIZE - 2 * 4096;   /* a page before the last */
	mprotect((void *)fst_hole, 4096, PROT_NONE);
	arena_used = 4096;                                      /* the first page stays unused */
}

uintptr_t fst_ualloc(size_t n)
{
	arena_init();
	size_t at = (arena_used + 15) & ~(size_t)15;
	if (at + n > ARENA_SIZE - 3 * 4096) {
		arena_used = 4096;          /* wrap: tests only need short-lived buffers */
		at = 4096;
	}
	arena_used = at + n;
	return (uintptr_t)arena + at;
}

uintptr_t fst_ustr(const char *s)
{
	uintptr_t u = fst_ualloc(strlen(s) + 1);
	memcpy((void *)u, s, strlen(s) + 1);
	return u;
}

uintptr_t fst_arena_end(void)
{
	arena_init();
	return (uintptr_t)arena + ARENA_SIZE;
}

bool user_range_ok(uintptr_t a, size_t n)
{
	arena_init();
	uintptr_t lo = (uintptr_t)arena, hi = lo + ARENA_SIZE;
	return a >= lo && a < hi && n <= hi - a;
}

static bool range_mapped(uintptr_t a, size_t n)
{
	if (!user_range_ok(a, n))
		return false;
	return n == 0 || a + n <= fst_hole || a >= fst_hole + 4096;
}

int fst_copies;     /* copy_*_user calls, for tests that count */

int copy_from_user(void *dst, uintptr_t src, size_t n)
{
	fst_copies++;
	if (n == 0)
		return 0;
	if (!range_mapped(src, n))
		return -EFAULT;
	memcpy(dst, (const void *)src, n);
	return 0;
}

int copy_to_user(uintptr_t dst, const void *src, size_t n)
{
	fst_copies++;
	if (n == 0)
		return 0;
	if (!range_mapped(dst, n))
		return -EFAULT;
	memcpy((void *)dst, src, n);
	return 0;
}

int clear_user(uintptr_t dst, size_t n)
{
	if (n == 0)
		return 0;
	if (!range_mapped(dst, n))
		return -EFAULT;
	memset((void *)dst, 0, n);
	return 0;
}

long strncpy_from_user(char *dst, uintptr_t src, size_t max)
{
	for (size_t i = 0; i < max; i++) {
		if (!range_mapped(src + i, 1))
			return -EFAULT;
		dst[i] = *(const char *)(src + i);
		if (!dst[i])
			return (long)i;
	}
	return -ENAMETOOLONG;
}

/* ---------------------------------------------------------------- heap and pages */
long fst_kmalloc_live, fst_pages_live;
long fst_fail_countdown = -1;     /* >0: the n-th allocation from now fails */

static bool inject_failure(void)
{
	if (fst_fail_countdown > 0 && --fst_fail_countdown == 0)
		return true;
	return false;
}

void *kmalloc(size_t n)
{
	if (inject_failure())
		return NULL;
	void *p = malloc(n ? n : 1);
	if (p)
		fst_kmalloc_live++;
	return p;
}

void *kzalloc(size_t n)
{
	void *p = kmalloc(n);
	if (p)
		memset(p, 0, n);
	return p;
}

void kfree(void *p)
{
	if (p)
		fst_kmalloc_live--;
	free(p);
}

uint64_t pmm_alloc_page(void)
{
	if (inject_failure())
		return 0;
	void *p = aligned_alloc(4096, 4096);
	if (p)
		fst_pages_live++;
	return (uint64_t)(uintptr_t)p;
}

void pmm_free_page(uint64_t pa)
{
	fst_pages_live--;
	free((void *)(uintptr_t)pa);
}

/* Nothing maps pages on the host: each has one user. */
void pmm_page_unref(uint64_t pa)
{
	pmm_free_page(pa);
}

/* The host test runs everything as root. */
long sys_geteuid(void)
{
	return 0;
}

long sys_getegid(void)
{
	return 0;
}

/* No mappings on the host: nothing for truncate or fsync to tell mm. */
void vm_file_truncate(struct vnode *v, uint64_t size)
{
	(void)v;
	(void)size;
}

int vm_file_sync(struct vnode *v)
{
	(void)v;
	return 0;
}

void vm_file_written(struct vnode *v, uint64_t off, size_t n)
{
	(void)v;
	(void)off;
	(void)n;
}

bool vm_file_mapped_writable(const struct vnode *v)
{
	(void)v;
	return false;
}

bool vm_file_busy(const struct vnode *v)
{
	(void)v;
	return false;
}

/* A pretend machine for tmpfs's default limit (half of it) and the commit
 * accounting it charges: large enough that the tests never reach either. */
size_t pmm_total_count(void)
{
	return 1UL << 24;
}

int vm_commit_pages(size_t pages)
{
	(void)pages;
	return 0;
}

void vm_uncommit_pages(size_t pages)
{
	(void)pages;
}

/* ---------------------------------------------------------------- time, console, random */
uint64_t fst_clock;

uint64_t arch_clock_ns(void)
{
	return fst_clock;
}

char fst_out[65536];
size_t fst_out_len;

void console_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n && fst_out_len < sizeof fst_out - 1; i++)
		fst_out[fst_out_len++] = s[i];
	fst_out[fst_out_len] = 0;
}

void fst_out_reset(void)
{
	fst_out_len = 0;
	fst_out[0] = 0;
}

void random_fill(void *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		((uint8_t *)buf)[i] = (uint8_t)rand();
}

/* ---------------------------------------------------------------- sleeping and signals */
int (*fst_sleep_hook)(const void *chan, uint64_t deadline);
int fst_sleeps, fst_wakeups;

static int do_sleep(const void *chan, uint64_t deadline)
{
	fst_sleeps++;
	if (fst_sleeps > 100000) {
		fprintf(stderr, "a sleep loop that never ends\n");
		abort();
	}
	if (current->sig_pending & ~current->sig_blocked)
		return -EINTR;
	if (fst_sleep_hook)
		return fst_sleep_hook(chan, deadline);
	return -EINTR;      /* nobody will wake us: behave as if interrupted */
}

int sleep_on(const void *chan, bool interruptible)
{
	(void)interruptible;
	return do_sleep(chan, 0);
}

int sleep_until(const void *chan, uint64_t deadline, bool interruptible)
{
	(void)interruptible;
	return do_sleep(chan, deadline);
}

void wakeup(const void *chan)
{
	(void)chan;
	fst_wakeups++;
}

int fst_last_sig, fst_last_sig_pgrp, fst_sig_count;

void signal_send(struct proc *p, int sig)
{
	fst_last_sig = sig;
	fst_sig_count++;
	p->sig_pending |= 1ULL << (sig - 1);
}

int signal_send_pgrp(int pgid, int sig)
{
	fst_last_sig = sig;
	fst_last_sig_pgrp = pgid;
	fst_sig_count++;
	return 0;
}

bool signal_pending(const struct proc *p)
{
	return (p->sig_pending & ~p->sig_blocked) != 0;
}

/* No stopping on the host: as if the signal needed user mode. */
int signal_sleep_interrupted(void)
{
	return -EINTR;
}

void fst_reset_signals(void)
{
	fst_last_sig = fst_last_sig_pgrp = fst_sig_count = 0;
	current->sig_pending = 0;
}

/* ---------------------------------------------------------------- set-up */
void fst_boot(void)
{
	arena_init();
	static struct fs_struct fs = { 1, NULL, 022 };
	static struct sighand sh = { 1, { { 0 } } };
	current->pid = current->tgid = 1;
	current->leader = current;
	current->fs = &fs;
	current->sighand = &sh;
	vfs_init(NULL);
	current->files = fdtable_new();
	current->fs->cwd = vnode_get(vfs_root());
}

/* umask lives with the process calls (kernel/proc/sys_proc.c); the same here. */
long sys_umask(int mask)
{
	unsigned old = current->fs->umask;
	current->fs->umask = (unsigned)mask & 0777;
	return old;
}

/* ---------------------------------------------------------------- block devices */
/* No disks here (kernel/block has its own host test). */
int blkdev_open(struct vnode *v, int flags, struct file **out)
{
	(void)v, (void)flags, (void)out;
	return -ENXIO;
}

uint64_t blkdev_file_size(struct file *f)
{
	(void)f;
	return 0;
}

/* ---------------------------------------------------------------- the process table */
/* One process: umount's busy check looks at its cwd and descriptors. */
struct proc *proc_iter(struct proc *after)
{
	return after ? NULL : current;
}

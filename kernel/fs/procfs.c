/* procfs: /proc, files the kernel writes from its own structures when they
 * are read (see <vfs.h> for the vnode interface).
 *
 *   /proc/meminfo     the page allocator's counts (MemFree exact, in KiB)
 *   /proc/uptime      seconds since boot, and seconds idle
 *   /proc/idletime    nanoseconds idle since boot (Ringel's own: benchmarks
 *                     subtract the time spent waiting for a device)
 *   /proc/kmaps       the kernel half: direct map, image sections, kernel
 *                     stacks, ioremap mappings, the heap, with the
 *                     permissions the page tables give them
 *   /proc/privilege   the privilege level on each side of this read()
 *   /proc/self        a symlink to the caller's /proc/PID
 *   /proc/mounts      the mounted file systems (for df, mount)
 *   /proc/partitions  the block devices (disks and partitions), as Linux
 *   /proc/loadavg     the load averages (kernel/proc/loadavg.c)
 *   /proc/stat        CPU ticks (user, system, idle), context switches,
 *                     boot time, processes created: what top reads
 *   /proc/PID/        maps, status, stat, cmdline, comm of each process, and exe:
 *                     a symlink to its program file (busybox re-runs itself
 *                     through /proc/self/exe); cwd, a symlink to its
 *                     current directory; fd/, one link per open descriptor,
 *                     whose text is what the file was opened by, or
 *                     "pipe:[N]", "socket:[N]" as on Linux, and which opens
 *                     the file itself (a "magic" link: an unlinked file or
 *                     a pipe opens again); task/, one directory per
 *                     thread, each the thread's own /proc/TID (which works
 *                     too but is not listed, as on Linux)
 *
 * A file's text is generated on every read, whole, and the requested bytes
 * copied out of it (files are small; a reader with a buffer of a page sees
 * one consistent snapshot).  The root and its fixed files are static
 * vnodes.  A /proc/PID node is allocated on lookup; the VFS frees nothing
 * that still has a name (nlink), so procfs frees its unreferenced per-process
 * nodes itself, at its next lookup or readdir. */
#include <vfs.h>
#include <proc.h>
#include <vm.h>
#include <mm.h>
#include <pmm.h>
#include <kmem.h>
#include <kernel.h>
#include <uapi.h>
#include <arch.h>
#include <string.h>
#include <blkdev.h>
#include <bcache.h>

#define PROCFS_DEV 0xfe            /* st_dev: tmpfs numbers its instances from 1 */
#define PID_POS 64                 /* root readdir positions from here: PID_POS + a process id */

/* What a node shows. */
enum kind {
	K_ROOT, K_MEMINFO, K_UPTIME, K_KMAPS, K_PRIVILEGE, K_SELF, K_MOUNTS,   /* in the root */
	K_PARTITIONS, K_IDLETIME, K_LOADAVG, K_SYSSTAT, K_CPUINFO,
	K_SYS, K_SYSKERNEL, K_PIDMAX,                       /* /proc/sys, /proc/sys/kernel */
	K_PIDDIR, K_MAPS, K_STATUS, K_STAT, K_CMDLINE, K_COMM, K_EXE, K_TASK, /* in /proc/PID */
	K_CWD, K_FD, K_FDLINK,
	K_COUNT
};

struct pbuf;
struct entry {
	const char *name;
	enum kind kind;
	unsigned mode;
	int (*show)(struct pbuf *b, struct proc *p);   /* regular files */
};

struct pnode {
	struct vnode v;
	enum kind kind;
	int pid;                    /* per-process nodes */
	int fd;                     /* K_FDLINK: the descriptor */
	struct pnode *next;         /* on the list of per-process nodes */
};

static const struct vnode_ops procfs_ops;
static struct pnode root_nodes[K_PIDDIR];   /* the root and its fixed entries */
static struct pnode *pid_nodes;             /* allocated per-process nodes */

/* ================================================================ text buffers */
struct pbuf {
	char *buf;
	size_t len, cap;
	bool oom;
};

static void pb_printf(struct pbuf *b, const char *fmt, ...) printf_like(2, 3);
static void pb_printf(struct pbuf *b, const char *fmt, ...)
{
	for (;;) {
		if (b->oom)
			return;
		va_list ap;
		va_start(ap, fmt);
		size_t room = b->cap - b->len;
		int n = vsnprintf(b->buf ? b->buf + b->len : NULL, b->buf ? room : 0, fmt, ap);
		va_end(ap);
		if (n < 0)
			return;
		if (b->buf && (size_t)n < room) {
			b->len += (size_t)n;
			return;
		}
		/* grow (the first buffer is one heap page) and print again */
		size_t cap = b->cap ? b->cap * 2 : PAGE_SIZE - 16;
		while (cap < b->len + (size_t)n + 1)
			cap *= 2;
		char *nb = kmalloc(cap);
		if (!nb) {
			b->oom = true;
			return;
		}
		if (b->buf)
			memcpy(nb, b->buf, b->len);
		kfree(b->buf);
		b->buf = nb;
		b->cap = cap;
	}
}

static void pb_bytes(struct pbuf *b, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		pb_printf(b, "%c", s[i]);
}

/* ================================================================ the system */
static int show_meminfo(struct pbuf *b, struct proc *unused)
{
	(void)unused;
	/* Every number is read before the text buffer is allocated, so MemFree
	 * is the allocator's count at the time of the read() itself. */
	size_t total = pmm_total_count(), free = pmm_free_count();
	size_t heap = kheap_pages_in_use(), tmpfs = tmpfs_pages_in_use();
	size_t commit_avail = vm_commit_available();
	size_t buffers = bcache_pages(), dirty = bcache_dirty_pages();
	size_t resident = 0, kstacks = 0, tables = 0;
	for_each_proc(p) {
		kstacks += KSTACK_SIZE / PAGE_SIZE;
		if (p->vm && p->leader == p) {
			resident += p->vm->resident;   /* an address space once, not per thread */
			tables += p->vm->pt_pages;
		}
	}
	const size_t k = PAGE_SIZE / 1024;
	pb_printf(b, "MemTotal:       %8zu kB\n", total * k);
	pb_printf(b, "MemFree:        %8zu kB\n", free * k);
	pb_printf(b, "MemAvailable:   %8zu kB\n", MIN(free, commit_avail) * k);
	pb_printf(b, "Buffers:        %8zu kB\n", buffers * k);
	pb_printf(b, "Cached:         %8zu kB\n", (size_t)0);
	pb_printf(b, "Dirty:          %8zu kB\n", dirty * k);
	pb_printf(b, "Shmem:          %8zu kB\n", tmpfs * k);
	/* (nothing the kernel holds can be reclaimed; free and procps read it) */
	pb_printf(b, "SReclaimable:   %8zu kB\n", (size_t)0);
	pb_printf(b, "KHeap:          %8zu kB\n", heap * k);
	pb_printf(b, "KernelStack:    %8zu kB\n", kstacks * k);
	pb_printf(b, "UserResident:   %8zu kB\n", resident * k);
	pb_printf(b, "PageTables:     %8zu kB\n", tables * k);
	/* mm/kmem.c: what heap, stacks and page tables may hold, and hold */
	pb_printf(b, "KernelBudget:   %8zu kB\n", kmem_budget() * k);
	pb_printf(b, "KernelCharged:  %8zu kB\n", kmem_charged() * k);
	pb_printf(b, "PageTableBudget:%8zu kB\n", kmem_pt_budget() * k);
	pb_printf(b, "PageTableCharged:%7zu kB\n", kmem_pt_charged() * k);
	pb_printf(b, "PageTableLimit: %8zu kB\n", kmem_pt_limit() * k);
	pb_printf(b, "CommitAvail:    %8zu kB\n", commit_avail * k);
	pb_printf(b, "SwapTotal:      %8zu kB\n", (size_t)0);
	pb_printf(b, "SwapFree:       %8zu kB\n", (size_t)0);
	return 0;
}

/* The mounted file systems, in Linux's /proc/mounts format (the table in
 * kernel/fs/mount.c). */
static int show_mounts(struct pbuf *b, struct proc *unused)
{
	(void)unused;
	size_t n = mounts_text(NULL, 0);
	char *t = kmalloc(n + 1);
	if (!t)
		return -ENOMEM;
	mounts_text(t, n + 1);
	pb_bytes(b, t, n);
	kfree(t);
	return 0;
}

static int show_partitions(struct pbuf *b, struct proc *unused)
{
	(void)unused;
	size_t n = blkdev_partitions_text(NULL, 0);
	char *text = kmalloc(n + 1);
	if (!text)
		return -ENOMEM;
	blkdev_partitions_text(text, n + 1);
	pb_printf(b, "%s", text);
	kfree(text);
	return 0;
}

static int show_idletime(struct pbuf *b, struct proc *unused)
{
	(void)unused;
	pb_printf(b, "%lu\n", (unsigned long)sched_idle_ns());
	return 0;
}

static int show_uptime(struct pbuf *b, struct proc *unused)
{
	(void)unused;
	uint64_t cs = arch_clock_ns() / 10000000u;   /* hundredths */
	uint64_t idle = sched_idle_ns() / 10000000u;
	/* The second field is Linux's idle time: the CPU waiting for an
	 * interrupt. */
	pb_printf(b, "%lu.%02lu %lu.%02lu\n", (unsigned long)(cs / 100), (unsigned long)(cs % 100),
		  (unsigned long)(idle / 100), (unsigned long)(idle % 100));
	return 0;
}

/* Linux's /proc/loadavg: the three averages, running/all processes, the
 * last pid handed out. */
static int show_loadavg(struct pbuf *b, struct proc *unused)
{
	(void)unused;
	unsigned long avg[3];
	loadavg_get(avg);
	for (int k = 0; k < 3; k++) {
		unsigned long hundredths = (avg[k] * 100 + (1ul << (LOADAVG_FSHIFT - 1))) >> LOADAVG_FSHIFT;
		pb_printf(b, "%lu.%02lu ", hundredths / 100, hundredths % 100);
	}
	int total, running = proc_count_active(&total);
	pb_printf(b, "%d/%d %d\n", running, total, proc_last_pid());
	return 0;
}

/* Linux's /proc/stat, for top and vmstat: the CPU's ticks (user, nice,
 * system, idle, iowait, irq, softirq, steal, guest, guest_nice) in all and
 * for each CPU, context switches, the boot time, processes created. */
static int show_stat_sys(struct pbuf *b, struct proc *unused)
{
	(void)unused;
	unsigned long user = 0, sys = 0, idle = 0;
	for (unsigned i = 0; i < ncpus; i++) {
		user += cpus[i].user_ticks;
		sys += cpus[i].sys_ticks;
		idle += cpus[i].idle_ticks;
	}
	pb_printf(b, "cpu  %lu 0 %lu %lu 0 0 0 0 0 0\n", user, sys, idle);
	for (unsigned i = 0; i < ncpus; i++)
		pb_printf(b, "cpu%u %lu 0 %lu %lu 0 0 0 0 0 0\n", i, (unsigned long)cpus[i].user_ticks,
			  (unsigned long)cpus[i].sys_ticks, (unsigned long)cpus[i].idle_ticks);
	int total, running = proc_count_active(&total);
	/* btime 0: the wall clock starts at 1970 at boot (no RTC is read) */
	pb_printf(b, "intr 0\nctxt %lu\nbtime 0\nprocesses %lu\nprocs_running %d\nprocs_blocked 0\n",
		  (unsigned long)sched_switches(), (unsigned long)proc_forks(), running);
	return 0;
}

/* One paragraph per CPU online, as Linux's: "processor : N" first (what
 * programs count), then the CPU as the arch describes it. */
static int show_cpuinfo(struct pbuf *b, struct proc *unused)
{
	(void)unused;
	char desc[160];
	arch_describe_cpu(desc, sizeof desc);
	for (unsigned i = 0; i < ncpus; i++)
		if (cpus[i].online)
			pb_printf(b, "processor\t: %u\nmodel name\t: %s\narchitecture\t: %s\n\n", i, desc,
				  arch_name());
	return 0;
}

static int show_privilege(struct pbuf *b, struct proc *p)
{
	pb_printf(b, "arch:   %s\n", arch_name());
	pb_printf(b, "kernel: %s\n", arch_privilege_name());
	if (p && p->uregs)
		pb_printf(b, "caller: %s\n", arch_regs_privilege_name(p->uregs));
	pb_printf(b, "# kernel: the level this read() runs at inside the kernel\n"
		     "# caller: the level saved in the caller's trap frame, where the\n"
		     "#         system call returns to\n");
	return 0;
}

/* ---------------------------------------------------------------- /proc/kmaps */
static void perms(char out[5], unsigned f)
{
	out[0] = f & VM_READ ? 'r' : '-';
	out[1] = f & VM_WRITE ? 'w' : '-';
	out[2] = f & VM_EXEC ? 'x' : '-';
	out[3] = f & VM_USER ? 'u' : 'k';   /* user-accessible, or kernel only */
	out[4] = 0;
}

static void kline(struct pbuf *b, uintptr_t start, uintptr_t end, unsigned f, const char *kind,
		  const char *detail)
{
	char pm[5];
	perms(pm, f);
	pb_printf(b, "%016lx-%016lx %s %-9s %s\n", (unsigned long)start, (unsigned long)end, pm, kind,
		  detail);
}

/* The image section [start, end) page by page, one line per run of equal
 * permissions, as the kernel page tables have them. */
static void image_section(struct pbuf *b, const char *name, char *start, char *end)
{
	uintptr_t a = ALIGN_DOWN((uintptr_t)start, PAGE_SIZE);
	uintptr_t e = ALIGN_UP((uintptr_t)end, PAGE_SIZE);
	while (a < e) {
		unsigned f = 0;
		bool mapped = pt_lookup(kmap_root(), a, NULL, &f) == 0;
		uintptr_t run = a + PAGE_SIZE;
		unsigned g;
		while (run < e && (pt_lookup(kmap_root(), run, NULL, &g) == 0) == mapped && (!mapped || g == f))
			run += PAGE_SIZE;
		char detail[48];
		snprintf(detail, sizeof detail, "phys %#lx%s", (unsigned long)kimg_to_phys((void *)a),
			 mapped ? "" : " (not mapped)");
		kline(b, a, run, mapped ? f : 0, name, detail);
		a = run;
	}
}

/* The ioremap area page by page (pt_for_each_leaf walks the lower half
 * only), one line per run of pages mapping contiguous device memory. */
static void ioremap_mappings(struct pbuf *b)
{
	uintptr_t end = kmap_ioremap_end();
	for (uintptr_t a = IOREMAP_BASE; a < end; ) {
		uint64_t pa, pa2;
		unsigned f, g;
		if (pt_lookup(kmap_root(), a, &pa, &f) < 0) {
			a += PAGE_SIZE;
			continue;
		}
		uintptr_t run = a + PAGE_SIZE;
		while (run < end && pt_lookup(kmap_root(), run, &pa2, &g) == 0 && g == f &&
		       pa2 == pa + (run - a))
			run += PAGE_SIZE;
		char detail[48];
		snprintf(detail, sizeof detail, "phys %#lx%s", (unsigned long)pa,
			 f & VM_DEVICE ? " uncached" : "");
		kline(b, a, run, f, "ioremap", detail);
		a = run;
	}
}

static int show_kmaps(struct pbuf *b, struct proc *unused)
{
	(void)unused;
	pb_printf(b, "arch:        %s\n", arch_name());
	pb_printf(b, "user:        %016lx-%016lx\n", (unsigned long)USER_BASE, (unsigned long)USER_TOP);
	pb_printf(b, "kernel_half: %016lx\n", (unsigned long)KERNEL_HALF_BASE);
	pb_printf(b, "heap:        %zu pages, %zu bytes in use (kmalloc, inside the direct map)\n",
		  kheap_pages_in_use(), kheap_bytes_in_use());
	pb_printf(b, "tmpfs:       %zu pages (file data, inside the direct map)\n", tmpfs_pages_in_use());

	const struct kmap_range *d;
	unsigned n = kmap_direct_ranges(&d);
	for (unsigned i = 0; i < n; i++) {
		unsigned f = 0;
		pt_lookup(kmap_root(), DIRECT_MAP_BASE + d[i].start, NULL, &f);
		char detail[48];
		snprintf(detail, sizeof detail, "phys %#lx-%#lx", (unsigned long)d[i].start,
			 (unsigned long)d[i].end);
		kline(b, DIRECT_MAP_BASE + d[i].start, DIRECT_MAP_BASE + d[i].end, f, "directmap", detail);
	}

	for (struct proc *p = proc_find_from(1); p; p = proc_find_from(p->pid + 1)) {
		if (!p->kstack)
			continue;
		unsigned f = 0;
		pt_lookup(kmap_root(), p->kstack, NULL, &f);
		char detail[64];
		snprintf(detail, sizeof detail, "pid %d %s (guard page below)", p->pid, p->name);
		kline(b, p->kstack, p->kstack + KSTACK_SIZE, f, "kstack", detail);
	}

	ioremap_mappings(b);

	image_section(b, "text", _text_start, _text_end);
	image_section(b, "rodata", _rodata_start, _rodata_end);
	image_section(b, "data", _data_start, _data_end);
	image_section(b, "bss", _bss_start, _kernel_end);
	return 0;
}

/* ================================================================ processes */
static char state_letter(const struct proc *p)
{
	switch (p->state) {
	case P_RUNNABLE:
	case P_RUNNING: return 'R';
	case P_SLEEPING: return p->interruptible ? 'S' : 'D';
	case P_STOPPED: return 'T';
	case P_ZOMBIE: return 'Z';
	case P_DEAD: return 'X';
	default: return '?';
	}
}

static const char *state_name(const struct proc *p)
{
	switch (state_letter(p)) {
	case 'R': return "R (running)";
	case 'S': return "S (sleeping)";
	case 'D': return "D (disk sleep)";
	case 'T': return "T (stopped)";
	case 'Z': return "Z (zombie)";
	default: return "? (new)";
	}
}

/* A region's name in maps: Linux's bracketed names for the special ones. */
static const char *region_label(const struct vm_region *r)
{
	if (r->flags & VMR_HEAP)
		return "[heap]";
	if (r->flags & VMR_STACK)
		return "[stack]";
	if (r->flags & VMR_GUARD)
		return "[guard]";
	if (r->flags & VMR_SIGPAGE)
		return "[sigpage]";
	return r->name;
}

/* The program file of p, held (NULL if it has none or it has gone): file
 * mappings of it are named by p->exe in maps. */
static struct vnode *exe_vnode(struct proc *p)
{
	struct file *f;
	if (!p->exe || vfs_open_kernel(p->exe, O_RDONLY, &f) < 0)
		return NULL;
	struct vnode *v = vnode_get(f->v);
	file_put(f);
	return v;
}

/* One line per region, as Linux prints them: range, permissions, the
 * file offset, the file's device (major:minor) and inode, then its path
 * or the region's label.  File mappings of the program are named by its
 * path; other files' mappings show offset, device and inode but no path
 * (an open file does not keep its name yet). */
static int show_maps(struct pbuf *b, struct proc *p)
{
	if (!p->vm)
		return 0;
	struct vnode *exe = exe_vnode(p);
	for (struct vm_region *r = p->vm->regions; r; r = r->next) {
		struct vnode *v = r->file ? vmf_vnode(r->file) : NULL;
		const char *name = v ? (v == exe ? p->exe : "") : region_label(r);
		size_t at = b->len;
		pb_printf(b, "%08lx-%08lx %c%c%c%c %08lx %02x:%02x %lu ",
			  (unsigned long)r->start, (unsigned long)r->end, r->prot & VM_READ ? 'r' : '-',
			  r->prot & VM_WRITE ? 'w' : '-', r->prot & VM_EXEC ? 'x' : '-',
			  r->flags & VMR_SHARED ? 's' : 'p', v ? (unsigned long)(r->pgoff * PAGE_SIZE) : 0ul,
			  v ? (unsigned)(v->dev >> 8) & 0xfff : 0, v ? (unsigned)v->dev & 0xff : 0,
			  v ? (unsigned long)v->ino : 0ul);
		/* Linux pads to column 73 before the name */
		int len = (int)(b->len - at);
		pb_printf(b, "%*s%s\n", name[0] && len < 73 ? 73 - len : 0, "", name);
	}
	if (exe)
		vnode_put(exe);
	return 0;
}

struct vm_sizes {
	size_t size, exe, data, stack;   /* bytes */
};

static struct vm_sizes vm_sizes(struct vmspace *vm)
{
	struct vm_sizes s = { 0, 0, 0, 0 };
	for (struct vm_region *r = vm ? vm->regions : NULL; r; r = r->next) {
		size_t len = r->end - r->start;
		if (r->flags & VMR_GUARD)
			continue;
		s.size += len;
		if (r->flags & VMR_STACK)
			s.stack += len;
		else if (r->prot & VM_EXEC)
			s.exe += len;
		else if ((r->prot & VM_WRITE) && !(r->flags & VMR_SHARED))
			s.data += len;
	}
	return s;
}

static uint64_t sig_mask(struct proc *p, uint64_t handler_is_ign)
{
	uint64_t m = 0;
	for (int s = 1; s < NSIG; s++) {
		uint64_t h = p->sighand ? p->sighand->act[s].handler : SIG_DFL;
		if (handler_is_ign ? h == SIG_IGN : (h != SIG_IGN && h != SIG_DFL))
			m |= 1ULL << (s - 1);
	}
	return m;
}

static int show_status(struct pbuf *b, struct proc *p)
{
	int ppid = p->parent ? p->parent->pid : 0;
	struct vm_sizes s = vm_sizes(p->vm);
	pb_printf(b, "Name:\t%s\nState:\t%s\nTgid:\t%d\nPid:\t%d\nPPid:\t%d\nPGid:\t%d\nSid:\t%d\n",
		  p->name, state_name(p), p->tgid, p->pid, ppid, p->pgid, p->sid);
	pb_printf(b, "Uid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nUmask:\t%04o\n",
		  p->fs ? p->fs->umask : 0);
	if (p->vm) {
		pb_printf(b, "VmSize:\t%8zu kB\nVmRSS:\t%8zu kB\nVmData:\t%8zu kB\nVmStk:\t%8zu kB\n"
			     "VmExe:\t%8zu kB\n",
			  s.size / 1024, p->vm->resident * (PAGE_SIZE / 1024), s.data / 1024,
			  s.stack / 1024, s.exe / 1024);
	}
	pb_printf(b, "Threads:\t%d\nSigQ:\t0/0\nSigPnd:\t%016lx\nShdPnd:\t%016lx\n"
		     "SigBlk:\t%016lx\nSigIgn:\t%016lx\nSigCgt:\t%016lx\n",
		  p->leader->nthreads, (unsigned long)p->sig_pending,
		  (unsigned long)p->leader->shared_pending, (unsigned long)p->sig_blocked,
		  (unsigned long)sig_mask(p, 1), (unsigned long)sig_mask(p, 0));
	pb_printf(b, "Kthread:\t%d\n", p->vm ? 0 : 1);
	return 0;
}

/* Linux's /proc/PID/stat, all 52 fields (proc(5)); those Ringel does not
 * keep are 0.  Times are in ticks of 1/HZ s, which is what sysconf
 * (_SC_CLK_TCK) says. */
static int show_stat(struct pbuf *b, struct proc *p)
{
	int ppid = p->parent ? p->parent->pid : 0;
	struct vm_sizes s = vm_sizes(p->vm);
	uint64_t start_ticks = p->start_ns / (1000000000u / HZ);
	/* 1-24: pid comm state ppid pgrp session tty_nr tpgid flags minflt
	 * cminflt majflt cmajflt utime stime cutime cstime priority nice
	 * num_threads itrealvalue starttime vsize rss */
	pb_printf(b, "%d (%s) %c %d %d %d 0 -1 0 0 0 0 0 %lu %lu %lu %lu %d %d %d 0 %lu %zu %zu ",
		  p->pid, p->name, state_letter(p), ppid, p->pgid, p->sid,
		  (unsigned long)p->user_ticks, (unsigned long)p->sys_ticks,
		  (unsigned long)p->cuser_ticks, (unsigned long)p->csys_ticks, 20 + p->nice, p->nice,
		  p->leader->nthreads,
		  (unsigned long)start_ticks,
		  s.size, p->vm ? p->vm->resident : 0);
	/* 25-37: rsslim startcode endcode startstack kstkesp kstkeip signal
	 * blocked sigignore sigcatch wchan nswap cnswap */
	pb_printf(b, "%lu 0 0 0 0 0 %lu %lu %lu %lu 0 0 0 ", (unsigned long)-1,
		  (unsigned long)(p->sig_pending & 0x7fffffff), (unsigned long)(p->sig_blocked & 0x7fffffff),
		  (unsigned long)(sig_mask(p, 1) & 0x7fffffff), (unsigned long)(sig_mask(p, 0) & 0x7fffffff));
	/* 38-52: exit_signal processor rt_priority policy blkio_ticks
	 * guest_time cguest_time start_data end_data start_brk arg_start
	 * arg_end env_start env_end exit_code */
	pb_printf(b, "%d 0 0 0 0 0 0 0 0 0 %lu %lu 0 0 %d\n", SIGCHLD, (unsigned long)p->arg_start,
		  (unsigned long)p->arg_end, p->state == P_ZOMBIE ? p->exit_status : 0);
	return 0;
}

/* The name ps shows (the program's, or what PR_SET_NAME set), cut to
 * Linux's 15 bytes. */
static int show_comm(struct pbuf *b, struct proc *p)
{
	pb_printf(b, "%.15s\n", p->name);
	return 0;
}

/* The argv strings, read from the process's own stack through the direct
 * map (the pages need not belong to the caller). */
static int show_cmdline(struct pbuf *b, struct proc *p)
{
	if (!p->vm)
		return 0;
	for (uintptr_t a = p->arg_start; a < p->arg_end; ) {
		uint64_t pa;
		if (pt_lookup(p->vm->root, a, &pa, NULL) < 0)
			break;   /* unmapped since (munmap of the stack top) */
		size_t n = MIN(p->arg_end - a, PAGE_SIZE - (a & (PAGE_SIZE - 1)));
		pb_bytes(b, phys_to_virt(pa), n);
		a += n;
	}
	return 0;
}

/* ================================================================ the tree */
static const struct entry root_entries[] = {
	{ "meminfo", K_MEMINFO, S_IFREG | 0444, show_meminfo },
	{ "uptime", K_UPTIME, S_IFREG | 0444, show_uptime },
	{ "kmaps", K_KMAPS, S_IFREG | 0444, show_kmaps },
	{ "privilege", K_PRIVILEGE, S_IFREG | 0444, show_privilege },
	{ "self", K_SELF, S_IFLNK | 0777, NULL },
	{ "mounts", K_MOUNTS, S_IFREG | 0444, show_mounts },
	{ "partitions", K_PARTITIONS, S_IFREG | 0444, show_partitions },
	{ "idletime", K_IDLETIME, S_IFREG | 0444, show_idletime },
	{ "loadavg", K_LOADAVG, S_IFREG | 0444, show_loadavg },
	{ "stat", K_SYSSTAT, S_IFREG | 0444, show_stat_sys },
	{ "cpuinfo", K_CPUINFO, S_IFREG | 0444, show_cpuinfo },
	{ "sys", K_SYS, S_IFDIR | 0555, NULL },
};

/* The sysctl files Ringel has: read-only. */
static int show_pid_max(struct pbuf *b, struct proc *unused)
{
	(void)unused;
	pb_printf(b, "%d\n", PID_MAX);
	return 0;
}

static const struct entry sys_entries[] = {
	{ "kernel", K_SYSKERNEL, S_IFDIR | 0555, NULL },
};

static const struct entry sys_kernel_entries[] = {
	{ "pid_max", K_PIDMAX, S_IFREG | 0444, show_pid_max },
};

static const struct entry pid_entries[] = {
	{ "maps", K_MAPS, S_IFREG | 0444, show_maps },
	{ "status", K_STATUS, S_IFREG | 0444, show_status },
	{ "stat", K_STAT, S_IFREG | 0444, show_stat },
	{ "cmdline", K_CMDLINE, S_IFREG | 0444, show_cmdline },
	{ "comm", K_COMM, S_IFREG | 0444, show_comm },
	{ "exe", K_EXE, S_IFLNK | 0777, NULL },
	{ "task", K_TASK, S_IFDIR | 0555, NULL },
	{ "cwd", K_CWD, S_IFLNK | 0777, NULL },
	{ "fd", K_FD, S_IFDIR | 0500, NULL },
};

/* The fixed entries of a directory (a process's directory: pid_entries). */
static const struct entry *dir_entries(enum kind dir, size_t *n)
{
	switch (dir) {
	case K_ROOT: *n = ARRAY_SIZE(root_entries); return root_entries;
	case K_SYS: *n = ARRAY_SIZE(sys_entries); return sys_entries;
	case K_SYSKERNEL: *n = ARRAY_SIZE(sys_kernel_entries); return sys_kernel_entries;
	case K_PIDDIR: *n = ARRAY_SIZE(pid_entries); return pid_entries;
	default: *n = 0; return NULL;
	}
}

static const enum kind fixed_dirs[] = { K_ROOT, K_SYS, K_SYSKERNEL, K_PIDDIR };

static const struct entry *entry_of(enum kind k)
{
	for (size_t d = 0; d < ARRAY_SIZE(fixed_dirs); d++) {
		size_t n;
		const struct entry *e = dir_entries(fixed_dirs[d], &n);
		for (size_t i = 0; i < n; i++)
			if (e[i].kind == k)
				return &e[i];
	}
	return NULL;
}

/* The directories that belong to no process: the root and /proc/sys. */
static bool fixed_dir(enum kind k)
{
	return k == K_ROOT || k == K_SYS || k == K_SYSKERNEL;
}

static struct pnode *P(struct vnode *v)
{
	return (struct pnode *)v;
}

/* A process that /proc lists: alive or a zombie, not a slot being set up. */
static struct proc *visible(int pid)
{
	struct proc *p = proc_find(pid);
	return p && p->state != P_EMBRYO ? p : NULL;
}

static uint64_t ino_of(enum kind k, int pid)
{
	return pid ? ((uint64_t)pid << 8) | k : (uint64_t)k + 1;
}

/* A descriptor's link: the fd above the pid's bits. */
static uint64_t fd_ino(int pid, int fd)
{
	return ((uint64_t)(fd + 1) << 40) | ino_of(K_FDLINK, pid);
}

static void node_init(struct pnode *n, enum kind k, int pid, unsigned mode, uint64_t time_ns)
{
	n->kind = k;
	n->pid = pid;
	n->v.mode = mode;
	n->v.nlink = MODE_ISDIR(mode) ? 2 : 1;
	n->v.ino = ino_of(k, pid);
	n->v.dev = PROCFS_DEV;
	n->v.ops = &procfs_ops;
	n->v.atime_ns = n->v.mtime_ns = n->v.ctime_ns = time_ns;
}

/* Free the per-process nodes nobody refers to any more. */
static void collect(void)
{
	for (struct pnode **pp = &pid_nodes; *pp; ) {
		struct pnode *n = *pp;
		if (n->v.refs == 0) {
			*pp = n->next;
			kfree(n);
		} else {
			pp = &n->next;
		}
	}
}

static int pid_node_fd(enum kind k, struct proc *p, int fd, struct vnode **out)
{
	for (struct pnode *n = pid_nodes; n; n = n->next) {
		if (n->kind == k && n->pid == p->pid && n->fd == fd) {
			*out = vnode_get(&n->v);
			return 0;
		}
	}
	struct pnode *n = kzalloc(sizeof *n);
	if (!n)
		return -ENOMEM;
	unsigned mode = k == K_PIDDIR ? S_IFDIR | 0555 : k == K_FDLINK ? S_IFLNK | 0700 : entry_of(k)->mode;
	node_init(n, k, p->pid, mode, p->start_ns);
	if (k == K_FDLINK) {
		n->fd = fd;
		n->v.ino = fd_ino(p->pid, fd);
	}
	n->next = pid_nodes;
	pid_nodes = n;
	*out = vnode_get(&n->v);
	return 0;
}

static int pid_node(enum kind k, struct proc *p, struct vnode **out)
{
	return pid_node_fd(k, p, 0, out);
}

/* The open file at fd of p's table (a new reference), or NULL. */
static struct file *proc_file(struct proc *p, int fd)
{
	return p && p->files ? fd_get(p->files, fd) : NULL;
}

static bool name_is(const char *name, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(name, s, len) == 0;
}

/* "123" -> 123; -1 if not a decimal pid. */
static int parse_pid(const char *name, size_t len)
{
	if (len == 0 || len > 9 || name[0] == '0')
		return -1;
	int pid = 0;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		pid = pid * 10 + (name[i] - '0');
	}
	return pid;
}

static int procfs_lookup(struct vnode *dir, const char *name, size_t len, struct vnode **out)
{
	struct pnode *d = P(dir);
	collect();
	if (name_is(name, len, ".")) {
		*out = vnode_get(dir);
		return 0;
	}
	if (name_is(name, len, "..")) {
		*out = vnode_get(&root_nodes[d->kind == K_SYSKERNEL ? K_SYS : K_ROOT].v);
		return 0;
	}
	if (d->kind == K_SYS || d->kind == K_SYSKERNEL) {
		size_t n;
		const struct entry *e = dir_entries(d->kind, &n);
		for (size_t i = 0; i < n; i++) {
			if (name_is(name, len, e[i].name)) {
				*out = vnode_get(&root_nodes[e[i].kind].v);
				return 0;
			}
		}
		return -ENOENT;
	}
	if (d->kind == K_ROOT) {
		for (size_t i = 0; i < ARRAY_SIZE(root_entries); i++) {
			if (name_is(name, len, root_entries[i].name)) {
				*out = vnode_get(&root_nodes[root_entries[i].kind].v);
				return 0;
			}
		}
		int pid = parse_pid(name, len);
		struct proc *p = pid > 0 ? visible(pid) : NULL;
		return p ? pid_node(K_PIDDIR, p, out) : -ENOENT;
	}
	struct proc *p = visible(d->pid);
	if (!p)
		return -ENOENT;
	if (d->kind == K_TASK) {
		/* /proc/PID/task/TID: the thread's own directory */
		int tid = parse_pid(name, len);
		struct proc *t = tid > 0 ? visible(tid) : NULL;
		return t && t->tgid == p->tgid && t->state != P_ZOMBIE ? pid_node(K_PIDDIR, t, out)
									 : -ENOENT;
	}
	if (d->kind == K_FD) {
		/* /proc/PID/fd/N: descriptor N, while it is open */
		int fd = len == 1 && name[0] == '0' ? 0 : parse_pid(name, len);
		struct file *f = fd >= 0 ? proc_file(p, fd) : NULL;
		if (!f)
			return -ENOENT;
		file_put(f);
		return pid_node_fd(K_FDLINK, p, fd, out);
	}
	for (size_t i = 0; i < ARRAY_SIZE(pid_entries); i++)
		if (name_is(name, len, pid_entries[i].name))
			return pid_node(pid_entries[i].kind, p, out);
	return -ENOENT;
}

static unsigned dtype_of(unsigned mode)
{
	return MODE_ISDIR(mode) ? DT_DIR : (mode & S_IFMT) == S_IFLNK ? DT_LNK : DT_REG;
}

/* /proc/PID/task: the live threads of p's process, in id order; the
 * position is PID_POS + the id to go on from. */
static int readdir_tasks(struct proc *p, uint64_t *pos, filldir_fn fill, void *ctx)
{
	if (*pos < PID_POS)
		*pos = PID_POS;
	for (struct proc *t; *pos - PID_POS < PID_MAX && (t = proc_find_from((int)(*pos - PID_POS)));
	     *pos = PID_POS + (uint64_t)t->pid + 1) {
		if (t->state == P_EMBRYO || t->state == P_DEAD || t->state == P_ZOMBIE ||
		    t->leader != p->leader)
			continue;
		char name[12];
		int len = snprintf(name, sizeof name, "%d", t->pid);
		if (fill(ctx, name, (size_t)len, ino_of(K_PIDDIR, t->pid), DT_DIR,
			 PID_POS + (uint64_t)t->pid + 1))
			return 0;
	}
	return 0;
}

/* /proc/PID/fd: p's open descriptors, by number. */
static int readdir_fds(struct proc *p, uint64_t *pos, filldir_fn fill, void *ctx)
{
	for (; p && p->files && *pos - 2 < FDTABLE_SIZE; (*pos)++) {
		int fd = (int)(*pos - 2);
		if (!p->files->fd[fd])
			continue;
		char name[12];
		int len = snprintf(name, sizeof name, "%d", fd);
		if (fill(ctx, name, (size_t)len, fd_ino(p->pid, fd), DT_LNK, *pos + 1))
			return 0;
	}
	return 0;
}

static int procfs_readdir(struct vnode *dir, uint64_t *pos, filldir_fn fill, void *ctx)
{
	struct pnode *d = P(dir);
	collect();
	if (*pos == 0) {
		if (fill(ctx, ".", 1, dir->ino, DT_DIR, 1))
			return 0;
		*pos = 1;
	}
	if (*pos == 1) {
		if (fill(ctx, "..", 2, root_nodes[d->kind == K_SYSKERNEL ? K_SYS : K_ROOT].v.ino, DT_DIR, 2))
			return 0;
		*pos = 2;
	}
	if (!fixed_dir(d->kind) && !visible(d->pid))
		return -ENOENT;
	if (d->kind == K_TASK)
		return readdir_tasks(visible(d->pid), pos, fill, ctx);
	if (d->kind == K_FD)
		return readdir_fds(visible(d->pid), pos, fill, ctx);
	size_t nents;
	const struct entry *ents = dir_entries(d->kind, &nents);
	for (; *pos - 2 < nents; (*pos)++) {
		const struct entry *e = &ents[*pos - 2];
		if (fill(ctx, e->name, strlen(e->name), ino_of(e->kind, d->pid), dtype_of(e->mode), *pos + 1))
			return 0;
	}
	if (d->kind != K_ROOT)
		return 0;
	if (*pos < PID_POS)
		*pos = PID_POS;
	/* in id order, the position PID_POS + the id to go on from */
	for (struct proc *p; *pos - PID_POS < PID_MAX && (p = proc_find_from((int)(*pos - PID_POS)));
	     *pos = PID_POS + (uint64_t)p->pid + 1) {
		/* processes, not threads: a thread's own directory is
		 * /proc/PID/task/TID (/proc/TID works too, unlisted, as on Linux) */
		if (p->state == P_EMBRYO || p->state == P_DEAD || p->leader != p)
			continue;
		char name[12];
		int len = snprintf(name, sizeof name, "%d", p->pid);
		if (fill(ctx, name, (size_t)len, ino_of(K_PIDDIR, p->pid), DT_DIR,
			 PID_POS + (uint64_t)p->pid + 1))
			return 0;
	}
	return 0;
}

static long procfs_read(struct vnode *v, struct uio *u, uint64_t off)
{
	struct pnode *n = P(v);
	const struct entry *e = entry_of(n->kind);
	if (!e || !e->show)
		return -EINVAL;
	struct proc *p = current;
	if (n->pid && !(p = visible(n->pid)))
		return -ESRCH;
	struct pbuf b = { NULL, 0, 0, false };
	int err = e->show(&b, p);
	long r;
	if (err)
		r = err;
	else if (b.oom)
		r = -ENOMEM;
	else if (off >= b.len)
		r = 0;
	else {
		size_t k = MIN(u->resid, b.len - (size_t)off);
		size_t before = u->resid;
		err = uio_copyout(u, b.buf + off, k);
		r = before - u->resid ? (long)(before - u->resid) : err;
	}
	kfree(b.buf);
	return r;
}

static long procfs_write(struct vnode *v, struct uio *u, uint64_t off)
{
	(void)v;
	(void)u;
	(void)off;
	return -EACCES;
}

static int procfs_truncate(struct vnode *v, uint64_t size)
{
	(void)v;
	(void)size;
	return -EACCES;
}

/* The text of a link, made on each readlink.  One buffer serves them all:
 * the kernel runs one system call at a time between sleeps (proc.h) and
 * the VFS copies the text before anyone can ask again. */
static char link_text[PATH_MAX + 16];

static const char *procfs_get_link(struct vnode *v)
{
	if (P(v)->kind == K_EXE) {
		/* the program file of a live process (a zombie has none) */
		struct proc *p = visible(P(v)->pid);
		return p ? p->exe : NULL;
	}
	if (P(v)->kind == K_CWD) {
		struct proc *p = visible(P(v)->pid);
		if (!p || !p->fs || !p->fs->cwd || vfs_getcwd(p->fs->cwd, link_text, sizeof link_text) <= 0)
			return NULL;
		return link_text;
	}
	if (P(v)->kind == K_FDLINK) {
		struct file *f = proc_file(visible(P(v)->pid), P(v)->fd);
		if (!f)
			return NULL;
		file_describe(f, link_text, sizeof link_text);
		file_put(f);
		return link_text;
	}
	/* One CPU and no preemption in the kernel: the VFS uses the text
	 * before anyone can ask again. */
	static char self[12];
	snprintf(self, sizeof self, "%d", current ? current->tgid : 0);
	return self;
}

/* cwd and fd/N lead to the directory or file itself, not to its name. */
static int procfs_follow_link(struct vnode *v, struct vnode **out)
{
	struct proc *p = visible(P(v)->pid);
	if (P(v)->kind == K_CWD) {
		if (!p || !p->fs || !p->fs->cwd)
			return -ENOENT;
		*out = vnode_get(p->fs->cwd);
		return 0;
	}
	if (P(v)->kind == K_FDLINK) {
		struct file *f = proc_file(p, P(v)->fd);
		if (!f)
			return -ENOENT;
		*out = vnode_get(f->v);
		file_put(f);
		return 0;
	}
	const char *t = procfs_get_link(v);
	if (!t)
		return -ENOENT;
	/* self names a directory of /proc; exe an absolute path */
	if (P(v)->kind == K_SELF)
		return procfs_lookup(&root_nodes[K_ROOT].v, t, strlen(t), out);
	return vfs_lookup(vfs_root(), t, LOOKUP_FOLLOW, out);
}

static int procfs_create(struct vnode *dir, const char *name, size_t len, unsigned mode, uint32_t rdev,
			 const char *target, struct vnode **out)
{
	(void)dir, (void)name, (void)len, (void)mode, (void)rdev, (void)target, (void)out;
	return -EACCES;
}

static int procfs_link(struct vnode *dir, const char *name, size_t len, struct vnode *v)
{
	(void)dir, (void)name, (void)len, (void)v;
	return -EACCES;
}

static int procfs_unlink(struct vnode *dir, const char *name, size_t len)
{
	(void)dir, (void)name, (void)len;
	return -EACCES;
}

static int procfs_rename(struct vnode *odir, const char *oname, size_t olen, struct vnode *ndir,
			 const char *nname, size_t nlen)
{
	(void)odir, (void)oname, (void)olen, (void)ndir, (void)nname, (void)nlen;
	return -EACCES;
}

/* Nothing to count: no blocks, as on Linux. */
static int procfs_statfs(struct vnode *v, struct linux_statfs *st)
{
	st->f_type = PROC_SUPER_MAGIC;
	st->f_bsize = st->f_frsize = PAGE_SIZE;
	st->f_fsid[0] = (int32_t)v->dev;
	st->f_namelen = NAME_MAX;
	st->f_flags = ST_NOSUID;
	return 0;
}

static const struct vnode_ops procfs_ops = {
	.lookup = procfs_lookup,
	.create = procfs_create,
	.link = procfs_link,
	.unlink = procfs_unlink,
	.rename = procfs_rename,
	.readdir = procfs_readdir,
	.read = procfs_read,
	.write = procfs_write,
	.truncate = procfs_truncate,
	.get_link = procfs_get_link,
	.follow_link = procfs_follow_link,
	.statfs = procfs_statfs,
};

int procfs_mount(void)
{
	uint64_t now = vfs_now_ns();
	node_init(&root_nodes[K_ROOT], K_ROOT, 0, S_IFDIR | 0555, now);
	root_nodes[K_ROOT].v.refs = 1;                  /* the mount's */
	for (size_t d = 0; d < 3; d++) {   /* the root and /proc/sys: fixed_dirs but K_PIDDIR */
		size_t n;
		const struct entry *e = dir_entries(fixed_dirs[d], &n);
		for (size_t i = 0; i < n; i++)
			node_init(&root_nodes[e[i].kind], e[i].kind, 0, e[i].mode, now);
	}
	int err = vfs_mkdirat(vfs_root(), "/proc", 0555);
	if (err && err != -EEXIST)
		return err;
	err = vfs_mount("/proc", &root_nodes[K_ROOT].v);
	if (!err)
		mount_boot_record("proc", "/proc", &root_nodes[K_ROOT].v);
	return err;
}

/* kmain: the portable boot sequence, entered from the arch backend with the
 * MMU on and the boot record digested into a boot_info (see arch.h). */
#include <kernel.h>
#include <cpu.h>
#include <bootinfo.h>
#include <arch.h>
#include <mm.h>
#include <pmm.h>
#include <dt.h>
#include <string.h>
#include <selftest.h>
#include <protection.h>
#include <devices.h>
#include <console.h>
#include <proc.h>
#include <vfs.h>
#include <kstack.h>
#include <blkdev.h>
#include <bcache.h>

#define MIN_RAM (16 * MiB)

static struct boot_info boot;   /* our own copy: the loader's memory gets reused */

static void print_size(const char *label, uint64_t bytes)
{
	if (bytes >= 10 * GiB)
		printk("%s%lu GiB", label, (unsigned long)(bytes / GiB));
	else if (bytes >= 10 * MiB)
		printk("%s%lu MiB", label, (unsigned long)(bytes / MiB));
	else
		printk("%s%lu KiB", label, (unsigned long)(bytes / KiB));
}

static void print_boot_info(const struct boot_info *bi)
{
	char cpu[96];
	arch_describe_cpu(cpu, sizeof cpu);
	printk("Ringel " RINGEL_VERSION " (%s) running in the upper half at %s\n",
	       arch_name(), arch_privilege_name());
	printk("cpu: %s\n", cpu);
	printk("boot: loader \"%s\"%s, command line \"%s\"\n", bi->loader[0] ? bi->loader : "?",
	       bi->efi_booted ? " via UEFI" : "", bi->cmdline);
	if (bi->dtb_size)
		printk("boot: device tree at %#lx (%lu bytes)\n", (unsigned long)bi->dtb_base,
		       (unsigned long)bi->dtb_size);
	if (bi->initrd_size)
		printk("boot: initrd at %#lx (%lu bytes)\n", (unsigned long)bi->initrd_base,
		       (unsigned long)bi->initrd_size);
	if (bi->fb.addr)
		printk("boot: framebuffer %ux%u, %u bpp at %#lx\n", bi->fb.width, bi->fb.height,
		       bi->fb.bpp, (unsigned long)bi->fb.addr);
	printk("memory map%s:\n", bi->mmap_from_efi ? " (from the EFI memory map)" : "");
	for (unsigned i = 0; i < bi->n_mem; i++)
		printk("  ram      0x%012lx-0x%012lx\n", (unsigned long)bi->mem[i].base,
		       (unsigned long)(bi->mem[i].base + bi->mem[i].size - 1));
	for (unsigned i = 0; i < bi->n_reserved; i++)
		printk("  reserved 0x%012lx-0x%012lx\n", (unsigned long)bi->reserved[i].base,
		       (unsigned long)(bi->reserved[i].base + bi->reserved[i].size - 1));
	print_size("memory: ", bootinfo_mem_total(bi));
	printk(" of RAM\n");
}

static void print_layout(void)
{
	printk("kernel image: text %p-%p rodata %p-%p data+bss %p-%p (phys %#lx)\n",
	       _text_start, _text_end, _rodata_start, _rodata_end, _data_start, _kernel_end,
	       (unsigned long)kernel_phys_base);
	printk("address space: user %#018lx-%#018lx, kernel half from %#018lx, direct map at %#018lx\n",
	       USER_BASE, USER_TOP - 1, KERNEL_HALF_BASE, DIRECT_MAP_BASE);
}

static char init_path[128] = "/init";

/* Words after " -- " on the command line (or after a "-- " it starts
 * with) are init's arguments, as on
 * Linux (the boot tests pick utests by name this way).  argv gets at most
 * max - 1 of them and a NULL; the words are copied into buf. */
static void init_args(const char **argv, int max, char *buf, size_t len)
{
	const char *c = cmdline_get();
	const char *args = NULL;
	if (c && strncmp(c, "-- ", 3) == 0)
		args = c + 3;           /* nothing for the kernel, only init's words */
	for (const char *p = c; p && *p && !args; p++)
		if (strncmp(p, " -- ", 4) == 0)
			args = p + 4;
	int n = 1;
	if (args && len) {
		strlcpy(buf, args, len);
		for (char *p = buf; *p && n < max - 1;) {
			while (*p == ' ')
				*p++ = '\0';
			if (!*p)
				break;
			argv[n++] = p;
			while (*p && *p != ' ')
				p++;
		}
	}
	argv[n] = NULL;
}

/* The first process: a kernel thread that gives itself a console, a
 * working directory and a process group, then becomes the init program. */
static void init_thread(void *unused)
{
	(void)unused;
	struct proc *p = current;
	p->files = fdtable_new();
	if (!p->files || fdtable_open_console(p->files) < 0)
		panic("init: cannot open the console");
	p->fs->cwd = vnode_get(vfs_root());
	p->pgid = p->sid = p->pid;
	const char *argv[16] = { init_path };
	static char words[BOOT_CMDLINE_MAX];
	init_args(argv, ARRAY_SIZE(argv), words, sizeof words);
	const char *envp[] = { "HOME=/", "PATH=/bin:/sbin", "TERM=vt100", NULL };
	int err = exec_kernel(init_path, argv, envp);
	if (err)
		boot_fail("cannot run %s (error %d): is there an initramfs with it?", init_path, -err);
	kernel_unlock();   /* it started inside schedule(), holding it */
	arch_return_to_user(p->uregs);
}

static void start_init(void)
{
	char buf[sizeof init_path];
	if (cmdline_value("init", buf, sizeof buf))
		strlcpy(init_path, buf, sizeof init_path);
	init_proc = kthread_create("init", init_thread, NULL);
	if (!init_proc)
		panic("cannot create the init process");
	/* With a disk, the block cache's flusher from the start (pid 2), so
	 * that its stack is not taken from a running system at its first
	 * mount (the utests' free-page count would see it as a leak). */
	if (blkdev_next(NULL))
		bcache_start_flusher();
}

/* The root tmpfs's size limit: "tmpfs.size=" on the command line, in
 * bytes with an optional k, M or G, or as a percentage of RAM ("25%"), like
 * Linux's size= mount option (there is no mount call yet).  Half of RAM
 * otherwise. */
static void tmpfs_size_option(void)
{
	char buf[24];
	size_t total = pmm_total_count();
	if (cmdline_value("tmpfs.size", buf, sizeof buf)) {
		uint64_t n = 0;
		const char *p = buf;
		while (*p >= '0' && *p <= '9' && n < (1ULL << 50))
			n = n * 10 + (uint64_t)(*p++ - '0');
		uint64_t pages = 0;
		switch (*p) {
		case '%': pages = p == buf || n > 100 ? 0 : total * n / 100; p++; break;
		case 'k': case 'K': pages = (n << 10) / PAGE_SIZE; p++; break;
		case 'm': case 'M': pages = (n << 20) / PAGE_SIZE; p++; break;
		case 'g': case 'G': pages = (n << 30) / PAGE_SIZE; p++; break;
		default: pages = n / PAGE_SIZE; break;
		}
		if (*p || !pages)
			printk("tmpfs: tmpfs.size=%s is not a size; keeping the default\n", buf);
		else
			tmpfs_set_limit(vfs_root(), (size_t)pages);
	}
	size_t used, limit = tmpfs_limit(vfs_root(), &used);
	printk("tmpfs: / may hold %zu KiB (%zu pages, %zu in use)\n", limit * (PAGE_SIZE / 1024), limit,
	       used);
}

noreturn void init_exited(int status)
{
	/* Power-off: what file systems hold in memory goes to their disks
	 * first.  init is still a live process here, so the disks' waits may
	 * sleep. */
	int serr = vfs_sync_all();
	if (serr)
		printk("sync at power-off failed (error %d): the disks may miss recent changes\n", -serr);
	/* Linux panics with "Attempted to kill init!" when init dies of a
	 * signal (only its own faults, or running out of memory, can do that:
	 * signals from others with the default action never reach it). */
	if (status & 0x7f)
		printk("init killed by %s%s: the system cannot go on\n", signal_name(status & 0x7f),
		       status & 0x80 ? " (its own fault)" : "");
	else
		printk("init exited with status %d\n", (status >> 8) & 0xff);
	if (cmdline_has("test"))
		arch_test_exit(status == 0);
	/* Nothing is left to run.  Other kernels panic here; a clean stop says
	 * the same thing without a page of registers. */
	printk("ringel: init (pid 1) has exited; halting.\n");
	console_flush();
	arch_halt();
}

/* "nosmp" or "maxcpus=N" on the command line limit the CPUs started (as on
 * Linux); 0 means all the machine has. */
static unsigned smp_max_cpus(void)
{
	char buf[8];
	if (cmdline_has("nosmp"))
		return 1;
	const char *v = cmdline_value("maxcpus", buf, sizeof buf);
	unsigned n = 0;
	for (; v && *v >= '0' && *v <= '9'; v++)
		n = n * 10 + (unsigned)(*v - '0');
	return n;
}

/* Built without the stack protector: the canary changes in here. */
__attribute__((no_stack_protector))
noreturn void kmain(struct boot_info *bi)
{
	stack_guard_init((uintptr_t)bi);
	/* The boot CPU's struct cpu and idle thread (the boot thread), and
	 * the kernel lock, which the boot thread holds until it idles. */
	sched_init();
	kernel_lock();
	boot = *bi;
	cmdline_set(boot.cmdline);
	arch_early_console_init();

	/* The console may need the kernel page tables (ioremap), so they come
	 * first; they cope with an empty memory map. */
	kmap_init(&boot);
	devices_init_console(&boot);
	arch_platform_init(&boot);

	if (boot.n_mem == 0)
		boot_fail("the boot loader reported no usable RAM");
	if (bootinfo_mem_total(&boot) < MIN_RAM)
		boot_fail("only %lu KiB of RAM; Ringel needs at least %lu MiB",
			  (unsigned long)(bootinfo_mem_total(&boot) / KiB), (unsigned long)(MIN_RAM / MiB));

	print_boot_info(&boot);
	print_layout();

	uint64_t kimg_size = (uint64_t)(_kernel_end - _kernel_start);
	if (pmm_init(&boot, kernel_phys_base, kimg_size) < 0)
		boot_fail("no usable RAM left after the kernel and boot data");
	kmap_use_pmm();
	print_size("pmm: ", (uint64_t)pmm_free_count() * PAGE_SIZE);
	printk(" free in %lu pages\n", (unsigned long)pmm_free_count());
	kheap_init();
	devices_init_display(&boot);

	if (cmdline_has("selftest")) {
		bool ok = selftest_run();
		arch_test_exit(ok);
	}
	if (cmdline_has("panictest"))
		panic("panic test requested on the command line");
	if (cmdline_has("stacktest"))
		stack_smash_test();

	kstack_init();
	vfs_init(&boot);
	tmpfs_size_option();
	if (procfs_mount() < 0)
		printk("procfs: cannot mount /proc\n");
	ramdisk_init();
	devices_init(&boot);
	arch_timer_init(HZ);
	smp_init(smp_max_cpus());
	protection_check_cpu();
	protection_check_wx();
	start_init();
	sched_idle_loop();
}

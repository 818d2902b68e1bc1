/* The first C code on AArch64: called by head.S with the MMU on, running at
 * the link address on the boot stack, exception vectors installed.  Checks
 * the device tree, digests it into a boot_info and enters kmain(). */
#include <kernel.h>
#include <arch.h>
#include <bootinfo.h>
#include <dt.h>
#include <mm.h>
#include <string.h>
#include "aarch64.h"

uint64_t kernel_phys_base;

static struct boot_info boot;
static unsigned boot_entry_el;
static unsigned spin_table_cpus;

/* Secondary CPUs that the firmware parked on a spin table (the Raspberry
 * Pi's enable-method "spin-table") poll their cpu-release-addr until an
 * entry address appears there.  They stay parked until SMP comes; until
 * then the page holding each release address must never be handed out (a
 * stray nonzero word would send the core into the weeds).  The firmware
 * usually covers it with a /memreserve/ too, U-Boot's own trees may not. */
static void reserve_spin_tables(const struct dt *d, struct boot_info *bi)
{
	int cpus = dt_path(d, "/cpus");
	/* This CPU's MPIDR affinity (Aff0-2), as a one-cell cpu reg holds it. */
	uint32_t boot_mpidr = (uint32_t)(read_sysreg(mpidr_el1) & 0xffffff);
	if (cpus < 0)
		return;
	for (int c = dt_first_child(d, cpus); c >= 0; c = dt_next_sibling(d, c)) {
		const char *method = dt_prop_str(d, c, "enable-method");
		int len;
		const uint8_t *p = dt_prop(d, c, "cpu-release-addr", &len);
		if (!method || strcmp(method, "spin-table") != 0 || !p || (len != 4 && len != 8))
			continue;
		uint64_t addr = 0;
		for (int i = 0; i < len; i++)
			addr = addr << 8 | p[i];
		uint64_t page = addr & ~(uint64_t)(PAGE_SIZE - 1);
		bool covered = false;
		for (unsigned i = 0; i < bi->n_reserved; i++)
			covered |= bi->reserved[i].base <= page &&
				   page + PAGE_SIZE - bi->reserved[i].base <= bi->reserved[i].size;
		uint32_t reg;
		if ((covered || bootinfo_add_reserved(bi, page, PAGE_SIZE) == 0) &&
		    dt_prop_u32(d, c, "reg", &reg) == DT_OK && reg != boot_mpidr)
			spin_table_cpus++;
	}
}

/* dtb_mapped: bytes from dtb_pa on that head.S direct-mapped, 0 if the magic
 * was wrong (then nothing was mapped and the blob must not be touched).
 * entry_el: the exception level the loader entered the kernel at. */
void aarch64_boot(uint64_t dtb_pa, uint64_t dtb_mapped, uint64_t phys_base, unsigned entry_el)
{
	struct dt d;
	int err = DT_ERR_MAGIC;

	kernel_phys_base = phys_base;
	boot_entry_el = entry_el;
	aarch64_clock_init();
	if (dtb_mapped)
		err = dt_init(&d, phys_to_virt(dtb_pa), dtb_mapped);
	if (err != DT_OK)
		boot_fail("device tree at %#lx is not usable: %s", (unsigned long)dtb_pa,
			  dt_strerror(err));
	err = dt_fill_boot_info(&d, dtb_pa, &boot);
	if (err == DT_ERR_NOTFOUND)
		boot_fail("device tree at %#lx lists no memory (no device_type = \"memory\" node)",
			  (unsigned long)dtb_pa);
	if (err != DT_OK)
		boot_fail("device tree at %#lx: cannot read the boot information: %s",
			  (unsigned long)dtb_pa, dt_strerror(err));
	reserve_spin_tables(&d, &boot);
	kmain(&boot);
}

void arch_early_console_init(void)
{
	/* The console needs the device tree and ioremap: the core finds it
	 * after kmap_init. */
}

void arch_platform_init(struct boot_info *bi)
{
	printk("aarch64: entered at EL%u%s\n", boot_entry_el,
	       boot_entry_el == 2 ? ", running the kernel at EL1" : "");
	if (spin_table_cpus)
		printk("aarch64: %u secondary CPUs parked on the spin table (their release pages reserved)\n",
		       spin_table_cpus);
	uintptr_t guard = (uintptr_t)aarch64_stack_guard;
	kunmap_pages(guard, PAGE_SIZE);
	if (pt_lookup(kmap_root(), guard, NULL, NULL) == 0)
		printk("aarch64: the boot stack's guard page is still mapped\n");
	aarch64_cpu_init();
	aarch64_asid_init();
	aarch64_irq_init(bi);
}

/* Everything is in the device tree (drivers/devices.c). */
void arch_probe_devices(void)
{
}

/* MSI needs a GICv3 ITS or a GICv2m frame: not driven (PCI devices use
 * INTx from the tree's interrupt-map, or poll). */
int arch_msi_alloc(void (*fn)(void *), void *arg, uint64_t *addr, uint32_t *data)
{
	(void)fn, (void)arg, (void)addr, (void)data;
	return -1;
}

void arch_last_resort_putc(char c)
{
	semihosting_putc(c);
}

/* The first C code on AArch64: called by head.S with the MMU on, running at
 * the link address on the boot stack, exception vectors installed.  Checks
 * the device tree, digests it into a boot_info and enters kmain(). */
#include <kernel.h>
#include <arch.h>
#include <bootinfo.h>
#include <dt.h>
#include <mm.h>
#include "aarch64.h"

uint64_t kernel_phys_base;

static struct boot_info boot;
static unsigned boot_entry_el;

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
	if (err != DT_OK)
		boot_fail("device tree at %#lx: cannot read the boot information: %s",
			  (unsigned long)dtb_pa, dt_strerror(err));
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
	uintptr_t guard = (uintptr_t)aarch64_stack_guard;
	kunmap_pages(guard, PAGE_SIZE);
	if (pt_lookup(kmap_root(), guard, NULL, NULL) == 0)
		printk("aarch64: the boot stack's guard page is still mapped\n");
	aarch64_cpu_init();
	aarch64_asid_init();
	aarch64_irq_init(bi);
}

void arch_last_resort_putc(char c)
{
	semihosting_putc(c);
}

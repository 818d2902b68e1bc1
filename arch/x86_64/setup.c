/* From head.S to kmain: the machine-level setup kmain's contract asks for
 * (exception vectors, a sane CPU state), then the Multiboot2 boot record
 * digested into a boot_info. */
#include <kernel.h>
#include <arch.h>
#include <mm.h>
#include <bootinfo.h>
#include <multiboot2.h>
#include "x86.h"

uint64_t kernel_phys_base;

void x86_boot_main(uint32_t magic, uint32_t info_pa);

static struct boot_info boot_record;
/* mb2_parse's complaint about a record it could still use; printed once the
 * console exists (see x86_boot_warnings). */
static int boot_record_warning;

bool x86_trampoline_ok;

/* The trampoline's pages must be RAM the memory map lists (not a ROM or a
 * hole), or the other CPUs are not started. */
static bool trampoline_in_ram(const struct boot_info *bi)
{
	uint64_t lo = TRAMPOLINE_PA, hi = TRAMPOLINE_PA + TRAMPOLINE_PAGES * PAGE_SIZE;
	for (unsigned i = 0; i < bi->n_mem; i++)
		if (bi->mem[i].base <= lo && hi <= bi->mem[i].base + bi->mem[i].size)
			return true;
	return false;
}

void x86_boot_main(uint32_t magic, uint32_t info_pa)
{
	/* GRUB loaded the image at the physical addresses kernel.ld.S gives
	 * (AT()): the image window maps KERNEL_IMAGE_BASE + p to p. */
	kernel_phys_base = (uintptr_t)_kernel_start - KERNEL_IMAGE_BASE;

	cpu_probe();
	fpu_init();
	gdt_init(0);
	idt_init();
	syscall_init(0);   /* after gdt_init: loading GS there may clear its base */
	pic_disable();

	/* The record lies below 4 GiB (ebx is 32 bits), all of which the early
	 * direct map covers: that bounds what the parser may read. */
	const void *info = info_pa ? phys_to_virt(info_pa) : NULL;
	int err = mb2_parse(magic, info, info_pa, (size_t)(4 * GiB - info_pa), &boot_record);
	if (err == MB2_ERR_NOSPACE)
		boot_record_warning = err;   /* the ranges that fit are there: go on */
	else if (err != MB2_OK)
		boot_fail("unusable Multiboot2 boot record: %s", mb2_strerror(err));
	/* The first MiB is never handed out, as on Linux: the other CPUs'
	 * start-up trampoline lives there (TRAMPOLINE_PA, smp.c), and firmware
	 * is known to scribble on low memory it reported free. */
	if (bootinfo_add_reserved(&boot_record, 0, 1 * MiB) != 0)
		boot_record_warning = MB2_ERR_NOSPACE;
	else
		x86_trampoline_ok = trampoline_in_ram(&boot_record);
	/* No framebuffer from the loader under a BIOS: the PC's colour text
	 * screen is there (a UEFI machine may have no such thing). */
	if (!boot_record.fb.addr && !boot_record.efi_booted)
		boot_record.fb = (struct boot_framebuffer){ .addr = 0xb8000, .pitch = 160, .width = 80,
							    .height = 25, .bpp = 16, .type = 2 };
	kmain(&boot_record);
}

void x86_boot_warnings(void)
{
	if (boot_record_warning)
		printk("x86-64: warning: Multiboot2 boot record: %s (only the first %d of each kind are used)\n",
		       mb2_strerror(boot_record_warning), BOOT_MAX_RANGES);
}

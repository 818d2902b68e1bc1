/* The processor: CPUID features, protection bits in CR4, the legacy PICs,
 * halting and leaving QEMU, and the arch hooks that describe the CPU.  The
 * interrupt flag and the idle wait are in irq.c. */
#include <kernel.h>
#include <arch.h>
#include <mm.h>
#include <bootinfo.h>
#include <string.h>
#include "x86.h"

struct x86_features x86_cpu;
uint8_t x86_smap_on;

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xa0
#define PIC2_DATA 0xa1
#define DEBUG_EXIT_PORT 0xf4   /* QEMU isa-debug-exit: status = (v << 1) | 1 */

void cpu_probe(void)
{
	uint32_t r[4];
	cpuid(0, 0, r);
	uint32_t max_leaf = r[0];
	cpuid(1, 0, r);
	x86_cpu.hwcap = r[3];
	x86_cpu.x2apic = r[2] & (1u << 21);
	if (max_leaf >= 7) {
		cpuid(7, 0, r);
		x86_cpu.smep = r[1] & (1u << 7);
		x86_cpu.smap = r[1] & (1u << 20);
		x86_cpu.umip = r[2] & (1u << 2);
		x86_cpu.la57 = r[2] & (1u << 16);
	}
	cpuid(0x80000001, 0, r);   /* head.S checked this leaf exists */
	x86_cpu.nx = r[3] & (1u << 20);
	x86_cpu.pdpe1gb = r[3] & (1u << 26);
	cpuid(0x80000000, 0, r);
	if (r[0] >= 0x80000007) {
		cpuid(0x80000007, 0, r);
		x86_cpu.tsc_invariant = r[3] & (1u << 8);
	}

	/* Ring 0 may not execute (SMEP) or touch (SMAP) user pages, and user
	 * code may not read descriptor-table registers (UMIP).  The user-copy
	 * routines (uaccess.S) are the only SMAP window (stac/clac). */
	uint64_t cr4 = read_cr4();
	if (x86_cpu.smep)
		cr4 |= CR4_SMEP;
	if (x86_cpu.smap)
		cr4 |= CR4_SMAP;
	if (x86_cpu.umip)
		cr4 |= CR4_UMIP;
	write_cr4(cr4);
	x86_smap_on = x86_cpu.smap;
}

const char *arch_protection_missing(void)
{
	uint64_t cr0 = read_cr0(), cr4 = read_cr4();
	if (!(cr0 & CR0_PG))
		return "CR0.PG (paging)";
	if (!(cr0 & CR0_WP))
		return "CR0.WP (ring 0 honours read-only pages)";
	if (x86_cpu.nx && !(rdmsr(MSR_EFER) & EFER_NXE))
		return "EFER.NXE (no-execute pages)";
	if (x86_cpu.smep && !(cr4 & CR4_SMEP))
		return "CR4.SMEP";
	if (x86_cpu.smap && !(cr4 & CR4_SMAP))
		return "CR4.SMAP";
	return NULL;
}

const char *arch_protection_names(void)
{
	static const char *const names[] = {
		"CR0.WP", "CR0.WP EFER.NXE", "CR0.WP CR4.SMEP", "CR0.WP EFER.NXE CR4.SMEP",
		"CR0.WP CR4.SMAP", "CR0.WP EFER.NXE CR4.SMAP", "CR0.WP CR4.SMEP CR4.SMAP",
		"CR0.WP EFER.NXE CR4.SMEP CR4.SMAP",
	};
	return names[(x86_cpu.nx ? 1 : 0) | (x86_cpu.smep ? 2 : 0) | (x86_cpu.smap ? 4 : 0)];
}

/* Interrupts come through the local APIC and the IOAPIC; the 8259s stay
 * masked.  They are still reprogrammed away from the exception vectors: a
 * masked 8259 can raise a spurious IRQ 7/15, which must not look like a
 * CPU exception. */
void pic_disable(void)
{
	outb(PIC1_CMD, 0x11);              /* ICW1: init, ICW4 follows */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, VEC_PIC_BASE);     /* ICW2: vector base */
	outb(PIC2_DATA, VEC_PIC_BASE + 8);
	outb(PIC1_DATA, 4);                /* ICW3: slave on IRQ 2 */
	outb(PIC2_DATA, 2);
	outb(PIC1_DATA, 1);                /* ICW4: 8086 mode */
	outb(PIC2_DATA, 1);
	outb(PIC1_DATA, 0xff);
	outb(PIC2_DATA, 0xff);
}

void arch_platform_init(struct boot_info *bi)
{
	/* The final kernel tables are live: take the page below the boot stack
	 * out of them so an overflow faults instead of corrupting .bss. */
	uintptr_t guard = (uintptr_t)boot_stack_guard;
	kunmap_pages(guard, PAGE_SIZE);
	bool guarded = pt_lookup(kmap_root(), guard, NULL, NULL) != 0;
	printk("x86-64: COM1 console, 8259 PICs masked, #DF/NMI/#MC on IST stacks, "
	       "boot stack guard page %s%s%s%s\n", guarded ? "on" : "NOT mapped out",
	       x86_cpu.smep ? ", SMEP" : "", x86_cpu.smap ? ", SMAP" : "",
	       x86_cpu.umip ? ", UMIP" : "");
	x86_boot_warnings();
	/* The ACPI tables are read now, while the boot record holding the
	 * RSDP copy is still intact (the page allocator reuses it later). */
	acpi_init(bi->acpi_rsdp);
	lapic_init();
	ioapic_init();
	x86_keyboard_init();
}

noreturn void arch_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

uint16_t arch_elf_machine(void)
{
	return 62;   /* EM_X86_64 */
}

/* Linux's AT_HWCAP on x86-64 is CPUID.1:EDX. */
uint64_t arch_elf_hwcap(void)
{
	return x86_cpu.hwcap;
}

const char *arch_uname_machine(void)
{
	return "x86_64";
}

/* ACPI S5 when the tables said how (QEMU then exits with status 0, which
 * the boot tests never take for a pass: that is 33), else halt. */
noreturn void arch_power_off(void)
{
	if (x86_acpi_s5.found) {
		__asm__ volatile("cli");
		outw(x86_acpi_s5.pm1a_cnt, (uint16_t)(x86_acpi_s5.slp_typ_a << 10 | 1u << 13));
		if (x86_acpi_s5.pm1b_cnt)
			outw(x86_acpi_s5.pm1b_cnt, (uint16_t)(x86_acpi_s5.slp_typ_b << 10 | 1u << 13));
		/* The machine goes off a moment after the write (QEMU at its
		 * next main-loop turn): give it that moment before saying it
		 * did not. */
		for (volatile unsigned long i = 0; i < 50000000UL; i++)
			__asm__ volatile("pause");
		printk("power off: ACPI S5 did not power the machine off; halted instead\n");
	} else {
		printk("power off: no ACPI S5; halted instead\n");
	}
	arch_halt();
}

/* The keyboard controller's reset line (pulse of output port bit 0), then
 * a triple fault: an empty IDT and a trap. */
noreturn void arch_reboot(void)
{
	__asm__ volatile("cli");
	for (int i = 0; i < 100000 && (inb(0x64) & 2); i++)
		;
	outb(0x64, 0xfe);
	struct { uint16_t limit; uint64_t base; } __attribute__((packed)) none = { 0, 0 };
	__asm__ volatile("lidt %0; int3" : : "m"(none));
	arch_halt();
}

noreturn void arch_test_exit(bool pass)
{
	outb(DEBUG_EXIT_PORT, pass ? 0x10 : 0x11);   /* QEMU exits 33 / 35 */
	printk("test-exit: no isa-debug-exit device\n");
	arch_halt();
}

const char *arch_name(void)
{
	return "x86-64";
}

const char *arch_privilege_name(void)
{
	static const char *const rings[] = { "ring 0", "ring 1", "ring 2", "ring 3" };
	uint16_t cs;
	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	return rings[cs & 3];
}

/* "<brand> (<vendor>), <features>" */
void arch_describe_cpu(char *buf, size_t len)
{
	uint32_t r[4];
	char vendor[13], brand[49];
	cpuid(0, 0, r);
	memcpy(vendor + 0, &r[1], 4);
	memcpy(vendor + 4, &r[3], 4);
	memcpy(vendor + 8, &r[2], 4);
	vendor[12] = 0;

	brand[0] = 0;
	cpuid(0x80000000, 0, r);
	if (r[0] >= 0x80000004) {
		for (uint32_t i = 0; i < 3; i++) {
			cpuid(0x80000002 + i, 0, r);
			memcpy(brand + 16 * i, r, 16);
		}
		brand[48] = 0;
	}
	/* Brand strings are padded with spaces (leading ones, on Intel). */
	const char *b = brand;
	while (*b == ' ')
		b++;
	size_t n = strlen(b);
	while (n && b[n - 1] == ' ')
		n--;

	int used = snprintf(buf, len, "%.*s%s(%s)", (int)n, b, n ? " " : "", vendor);
	const struct { bool on; const char *name; } feats[] = {
		{ x86_cpu.nx, "nx" }, { x86_cpu.pdpe1gb, "pdpe1gb" }, { x86_cpu.smep, "smep" },
		{ x86_cpu.smap, "smap" }, { x86_cpu.umip, "umip" }, { x86_cpu.la57, "la57" },
	};
	const char *sep = ", ";
	for (size_t i = 0; i < ARRAY_SIZE(feats) && used >= 0 && (size_t)used < len; i++) {
		if (!feats[i].on)
			continue;
		used += snprintf(buf + used, len - used, "%s%s", sep, feats[i].name);
		sep = " ";
	}
}

/* The processor: CPUID features, protection bits in CR4, the legacy PICs,
 * halting and leaving QEMU, and the arch hooks that describe the CPU. */
#include <kernel.h>
#include <arch.h>
#include <mm.h>
#include <string.h>
#include "x86.h"

struct x86_features x86_cpu;

#define PIC1_DATA 0x21
#define PIC2_DATA 0xa1
#define DEBUG_EXIT_PORT 0xf4   /* QEMU isa-debug-exit: status = (v << 1) | 1 */

void cpu_probe(void)
{
	uint32_t r[4];
	cpuid(0, 0, r);
	if (r[0] >= 7) {
		cpuid(7, 0, r);
		x86_cpu.smep = r[1] & (1u << 7);
		x86_cpu.smap = r[1] & (1u << 20);
		x86_cpu.umip = r[2] & (1u << 2);
		x86_cpu.la57 = r[2] & (1u << 16);
	}
	cpuid(0x80000001, 0, r);   /* boot.S checked this leaf exists */
	x86_cpu.nx = r[3] & (1u << 20);
	x86_cpu.pdpe1gb = r[3] & (1u << 26);

	/* Ring 0 may not execute (SMEP) or touch (SMAP) user pages, and user
	 * code may not read descriptor-table registers (UMIP).  Nothing in the
	 * kernel touches user memory yet; copy-in/out will need stac/clac. */
	uint64_t cr4 = read_cr4();
	if (x86_cpu.smep)
		cr4 |= CR4_SMEP;
	if (x86_cpu.smap)
		cr4 |= CR4_SMAP;
	if (x86_cpu.umip)
		cr4 |= CR4_UMIP;
	write_cr4(cr4);
}

/* Interrupts stay off until the local APIC arrives; the 8259s must still be
 * masked so a stray legacy IRQ can never be delivered on an exception vector. */
void pic_disable(void)
{
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
}

noreturn void arch_halt(void)
{
	for (;;)
		__asm__ volatile("cli; hlt");
}

void arch_irq_disable(void)
{
	__asm__ volatile("cli" ::: "memory");
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

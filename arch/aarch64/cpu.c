/* The CPU: halting (the interrupt mask is in irq.c), the test exit, naming and describing the processor,
 * what user mode may do (SCTLR_EL1, CPACR_EL1, PAN), and what programs are
 * told about it (ELF machine, AT_HWCAP, uname). */
#include <kernel.h>
#include <arch.h>
#include "aarch64.h"
#include "sysreg.h"

unsigned aarch64_current_el(void)
{
	return (read_sysreg(CurrentEL) >> 2) & 3;
}

noreturn void arch_halt(void)
{
	arch_irq_disable();
	for (;;)
		__asm__ volatile("wfi");
}

noreturn void arch_test_exit(bool pass)
{
	/* QEMU -semihosting exits with this code; a real machine would need
	 * PSCI SYSTEM_OFF (when the device tree has a psci node): later. */
	semihosting_exit(pass ? 0 : 1);
	printk("test-exit: no semihosting\n");
	arch_halt();
}

const char *arch_name(void)
{
	return "AArch64";
}

const char *arch_privilege_name(void)
{
	static const char *names[] = { "EL0", "EL1", "EL2", "EL3" };
	return names[aarch64_current_el()];
}

static const char *part_name(unsigned implementer, unsigned part)
{
	static const struct { unsigned impl, part; const char *name; } parts[] = {
		{ 0x41, 0xd03, "Cortex-A53" }, { 0x41, 0xd04, "Cortex-A35" },
		{ 0x41, 0xd05, "Cortex-A55" }, { 0x41, 0xd07, "Cortex-A57" },
		{ 0x41, 0xd08, "Cortex-A72" }, { 0x41, 0xd09, "Cortex-A73" },
		{ 0x41, 0xd0a, "Cortex-A75" }, { 0x41, 0xd0b, "Cortex-A76" },
		{ 0x41, 0xd0c, "Neoverse-N1" }, { 0x41, 0xd40, "Neoverse-V1" },
		{ 0x41, 0xd49, "Neoverse-N2" },
		{ 0x00, 0x051, "QEMU max" },   /* TCG's -cpu max: implementer 0 */
	};
	for (size_t i = 0; i < ARRAY_SIZE(parts); i++)
		if (parts[i].impl == implementer && parts[i].part == part)
			return parts[i].name;
	return NULL;
}

static unsigned field(uint64_t reg, unsigned shift)
{
	return (reg >> shift) & 0xf;
}

void arch_describe_cpu(char *buf, size_t len)
{
	static const unsigned pa_bits[] = { 32, 36, 40, 42, 44, 48, 52 };
	uint64_t midr = read_sysreg(midr_el1);
	uint64_t pfr0 = read_sysreg(id_aa64pfr0_el1);
	uint64_t pfr1 = read_sysreg(id_aa64pfr1_el1);
	uint64_t mmfr0 = read_sysreg(id_aa64mmfr0_el1);
	uint64_t mmfr1 = read_sysreg(id_aa64mmfr1_el1);
	uint64_t isar0 = read_sysreg(id_aa64isar0_el1);
	uint64_t isar1 = read_sysreg(id_aa64isar1_el1);
	unsigned impl = (midr >> 24) & 0xff, part = (midr >> 4) & 0xfff;
	const char *name = part_name(impl, part);
	unsigned parange = field(mmfr0, 0);
	int n;

	if (name)
		n = snprintf(buf, len, "%s r%up%u", name, (unsigned)field(midr, 20),
			     (unsigned)field(midr, 0));
	else
		n = snprintf(buf, len, "MIDR %#lx", (unsigned long)midr);
	if (parange < ARRAY_SIZE(pa_bits))
		n += snprintf(buf + MIN((size_t)n, len), len - MIN((size_t)n, len), ", %u-bit PA",
			      pa_bits[parange]);
	struct { bool on; const char *name; } feats[] = {
		{ field(pfr0, 8) != 0, "el2" },
		{ field(pfr0, 24) != 0, "gicv3" },
		{ field(isar0, 20) >= 2, "lse" },
		{ field(mmfr1, 20) != 0, "pan" },
		{ field(mmfr1, 8) != 0, "vhe" },
		{ field(isar1, 4) || field(isar1, 8) || field(isar1, 24) || field(isar1, 28), "pauth" },
		{ field(pfr1, 0) != 0, "bti" },
		{ field(pfr1, 8) >= 2, "mte" },
		{ field(pfr0, 32) != 0, "sve" },
	};
	for (size_t i = 0; i < ARRAY_SIZE(feats); i++)
		if (feats[i].on && (size_t)n < len)
			n += snprintf(buf + n, len - n, " %s", feats[i].name);
}

/* ---------------------------------------------------------------- user mode */

bool aarch64_has_pan;

/* msr pan, #1 (FEAT_PAN), spelled out for assemblers that do not know it. */
#define SET_PAN_1 ".inst 0xd500419f"

/* What EL0 may touch, FP/SIMD on, and PAN: the kernel's own loads and
 * stores fault on user pages (only LDTR/STTR in uaccess.S reach them). */
void aarch64_cpu_init(void)
{
	write_sysreg(cpacr_el1, CPACR_FPEN_ALL);
	write_sysreg(cntkctl_el1, CNTKCTL_EL0VCTEN);
	uint64_t sctlr = read_sysreg(sctlr_el1);
	sctlr |= SCTLR_EL0_BITS;
	sctlr &= ~(SCTLR_UMA | SCTLR_NTWI);
	aarch64_has_pan = field(read_sysreg(id_aa64mmfr1_el1), MMFR1_PAN) != 0;
	if (aarch64_has_pan)
		sctlr &= ~SCTLR_SPAN;     /* PAN set again on every exception entry */
	write_sysreg(sctlr_el1, sctlr);
	isb();
	if (aarch64_has_pan)
		__asm__ volatile(SET_PAN_1 : : : "memory");
	isb();
}

const char *arch_protection_missing(void)
{
	uint64_t sctlr = read_sysreg(sctlr_el1);
	if (!(sctlr & SCTLR_M))
		return "SCTLR_EL1.M (the MMU)";
	if (sctlr & SCTLR_UMA)
		return "SCTLR_EL1.UMA clear (EL0 may not mask interrupts)";
	if (aarch64_has_pan) {
		uint64_t pan;
		__asm__ volatile("mrs %0, S3_0_C4_C2_3" : "=r"(pan));   /* PAN */
		if (!(pan & (1UL << 22)))
			return "PSTATE.PAN";
	}
	return NULL;
}

const char *arch_protection_names(void)
{
	return aarch64_has_pan ? "SCTLR_EL1.M PSTATE.PAN" : "SCTLR_EL1.M";
}

uint16_t arch_elf_machine(void)
{
	return 183;   /* EM_AARCH64 */
}

const char *arch_uname_machine(void)
{
	return "aarch64";
}

/* AT_HWCAP: Linux's arm64 HWCAP_* bits for the instruction-set features the
 * ID registers report and that need nothing from the kernel. */
uint64_t arch_elf_hwcap(void)
{
	uint64_t pfr0 = read_sysreg(id_aa64pfr0_el1);
	uint64_t isar0 = read_sysreg(id_aa64isar0_el1);
	uint64_t isar1 = read_sysreg(id_aa64isar1_el1);
	uint64_t hw = 0;
	unsigned fp = field(pfr0, 16), simd = field(pfr0, 20);

	if (fp != 0xf)
		hw |= 1u << 0 | (fp == 1 ? 1u << 9 : 0);            /* FP, FPHP */
	if (simd != 0xf)
		hw |= 1u << 1 | (simd == 1 ? 1u << 10 : 0);         /* ASIMD, ASIMDHP */
	struct { uint64_t reg; unsigned shift, min, bit; } f[] = {
		{ isar0, 4, 1, 3 },      /* AES */
		{ isar0, 4, 2, 4 },      /* PMULL */
		{ isar0, 8, 1, 5 },      /* SHA1 */
		{ isar0, 12, 1, 6 },     /* SHA2 */
		{ isar0, 12, 2, 21 },    /* SHA512 */
		{ isar0, 16, 1, 7 },     /* CRC32 */
		{ isar0, 20, 2, 8 },     /* ATOMICS (LSE) */
		{ isar0, 28, 1, 12 },    /* ASIMDRDM */
		{ isar0, 32, 1, 17 },    /* SHA3 */
		{ isar0, 36, 1, 18 },    /* SM3 */
		{ isar0, 40, 1, 19 },    /* SM4 */
		{ isar0, 44, 1, 20 },    /* ASIMDDP */
		{ isar0, 48, 1, 23 },    /* ASIMDFHM */
		{ isar0, 52, 1, 27 },    /* FLAGM */
		{ isar1, 0, 1, 16 },     /* DCPOP */
		{ isar1, 12, 1, 13 },    /* JSCVT */
		{ isar1, 16, 1, 14 },    /* FCMA */
		{ isar1, 20, 1, 15 },    /* LRCPC */
		{ isar1, 20, 2, 26 },    /* ILRCPC */
		{ pfr0, 48, 1, 24 },     /* DIT */
	};
	for (size_t i = 0; i < ARRAY_SIZE(f); i++)
		if (field(f[i].reg, f[i].shift) >= f[i].min)
			hw |= 1ull << f[i].bit;
	return hw;
}

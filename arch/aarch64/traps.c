/* Exceptions taken to EL1: decode the syndrome and panic with the saved
 * registers.  The one exception that is expected is the semihosting probe's
 * HLT when nothing answers it. */
#include <kernel.h>
#include <arch.h>
#include "aarch64.h"
#include "sysreg.h"

static const char *const sources[] = {
	"EL1", "EL1 (on the exception stack)", "EL0 (AArch64)", "EL0 (AArch32)",
};

static const char *ec_name(unsigned ec)
{
	switch (ec) {
	case EC_UNKNOWN: return "undefined instruction";
	case EC_WFX: return "trapped WFI/WFE";
	case EC_FP_ACCESS: return "FP/SIMD access (trapped: the kernel uses no FP)";
	case EC_BTI: return "branch target identification fault";
	case EC_ILLEGAL: return "illegal execution state";
	case EC_SVC64: return "SVC";
	case EC_HVC64: return "HVC";
	case EC_SMC64: return "SMC";
	case EC_SYSREG: return "trapped system register access";
	case EC_SVE: return "SVE access";
	case EC_FPAC: return "pointer authentication failure";
	case EC_IABT_LOWER: case EC_IABT_CUR: return "instruction abort";
	case EC_PC_ALIGN: return "PC alignment fault";
	case EC_DABT_LOWER: case EC_DABT_CUR: return "data abort";
	case EC_SP_ALIGN: return "SP alignment fault";
	case EC_FP_EXC64: return "floating-point exception";
	case EC_SERROR: return "SError";
	case EC_BREAKPT_LOWER: case EC_BREAKPT_CUR: return "hardware breakpoint";
	case EC_STEP_LOWER: case EC_STEP_CUR: return "software step";
	case EC_WATCHPT_LOWER: case EC_WATCHPT_CUR: return "watchpoint";
	case EC_BRK64: return "BRK instruction";
	default: return "unknown exception class";
	}
}

/* The fault status code of an abort (ISS bits 5:0), in words. */
static void fault_status(unsigned fsc, char *buf, size_t len)
{
	static const char *const kinds[] = {
		"address size fault", "translation fault", "access flag fault", "permission fault",
	};
	if (fsc < 16)
		snprintf(buf, len, "%s, level %u", kinds[fsc >> 2], fsc & 3);
	else if (fsc == 0x10)
		snprintf(buf, len, "synchronous external abort");
	else if (fsc == 0x11)
		snprintf(buf, len, "tag check fault");
	else if ((fsc & ~3u) == 0x14)
		snprintf(buf, len, "external abort on a table walk, level %u", fsc & 3);
	else if (fsc == 0x21)
		snprintf(buf, len, "alignment fault");
	else if (fsc == 0x30)
		snprintf(buf, len, "TLB conflict abort");
	else
		snprintf(buf, len, "fault status %#x", fsc);
}

static noreturn void bad_sync(struct arch_regs *r, const char *from)
{
	unsigned ec = (r->esr >> 26) & 0x3f;
	unsigned iss = r->esr & 0x1ffffff;
	char fsc[64];

	switch (ec) {
	case EC_DABT_CUR:
	case EC_DABT_LOWER:
		if (r->far - (uintptr_t)aarch64_stack_guard < PAGE_SIZE && !(iss & (1u << 10)))
			panic_regs(r, "kernel stack overflow: %s at %#lx hit the boot stack's guard page",
				   (iss & (1u << 6)) ? "write" : "read", (unsigned long)r->far);
		fault_status(iss & 0x3f, fsc, sizeof fsc);
		panic_regs(r, "data abort in %s: %s at %#lx%s (%s)", from,
			   (iss & (1u << 6)) ? "write" : "read", (unsigned long)r->far,
			   (iss & (1u << 10)) ? " (FAR not valid)" : "", fsc);
	case EC_IABT_CUR:
	case EC_IABT_LOWER:
		fault_status(iss & 0x3f, fsc, sizeof fsc);
		panic_regs(r, "instruction abort in %s at %#lx (%s)", from, (unsigned long)r->far, fsc);
	case EC_BRK64:
		panic_regs(r, "BRK #%#x in %s at %#lx", iss & 0xffff, from, (unsigned long)r->pc);
	default:
		panic_regs(r, "%s in %s at %#lx (ESR %#lx)", ec_name(ec), from,
			   (unsigned long)r->pc, (unsigned long)r->esr);
	}
}

void aarch64_trap(struct arch_regs *r, unsigned kind)
{
	unsigned source = kind >> 2, type = kind & 3;
	const char *from = sources[source];

	switch (type) {
	case 0:
		if (source < 2 && ((r->esr >> 26) & 0x3f) == EC_UNKNOWN && semihosting_probe_fault(r))
			return;
		bad_sync(r, from);
	case 1:
		panic_regs(r, "unexpected IRQ from %s", from);
	case 2:
		panic_regs(r, "unexpected FIQ from %s", from);
	default:
		panic_regs(r, "SError from %s (ESR %#lx)", from, (unsigned long)r->esr);
	}
}

uintptr_t arch_regs_pc(const struct arch_regs *r)
{
	return r->pc;
}

uintptr_t arch_regs_fp(const struct arch_regs *r)
{
	return r->x[29];
}

void arch_print_regs(const struct arch_regs *r)
{
	for (int i = 0; i < 30; i += 3)
		printk(" x%-2d %016lx  x%-2d %016lx  x%-2d %016lx\n", i, (unsigned long)r->x[i],
		       i + 1, (unsigned long)r->x[i + 1], i + 2, (unsigned long)r->x[i + 2]);
	printk(" x30 %016lx  sp  %016lx  pc  %016lx\n", (unsigned long)r->x[30],
	       (unsigned long)r->sp, (unsigned long)r->pc);
	printk(" pstate %08lx (EL%lu%c, DAIF %lx)  esr %08lx (EC %#lx)  far %016lx\n",
	       (unsigned long)r->pstate, (unsigned long)(r->pstate >> 2) & 3,
	       (r->pstate & 1) ? 'h' : 't', (unsigned long)(r->pstate >> 6) & 0xf,
	       (unsigned long)r->esr, (unsigned long)(r->esr >> 26) & 0x3f, (unsigned long)r->far);
	printk(" CurrentEL EL%u  SCTLR_EL1 %016lx  TCR_EL1 %016lx\n", aarch64_current_el(),
	       (unsigned long)read_sysreg(sctlr_el1), (unsigned long)read_sysreg(tcr_el1));
	printk(" TTBR0_EL1 %016lx  TTBR1_EL1 %016lx  VBAR_EL1 %016lx\n",
	       (unsigned long)read_sysreg(ttbr0_el1), (unsigned long)read_sysreg(ttbr1_el1),
	       (unsigned long)read_sysreg(vbar_el1));
}

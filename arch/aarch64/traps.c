/* Exceptions taken to EL1, decoded: from user mode into the portable
 * trap_info / syscall / IRQ paths; from the kernel, aborts on user memory
 * (the user-access routines) and IRQs are handled, anything else panics
 * with the saved registers.  The semihosting probe's HLT, when nothing
 * answers it, is skipped. */
#include <kernel.h>
#include <arch.h>
#include <uapi.h>
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

/* ---------------------------------------------------------------- decoding */

/* An instruction or data abort as a trap_info.  Translation faults (nothing
 * mapped) are "not present"; access-flag and permission faults hit a
 * mapping.  Alignment and external aborts are SIGBUS. */
static void abort_info(const struct arch_regs *r, bool instr, struct trap_info *ti)
{
	unsigned iss = ESR_ISS(r->esr), fsc = ISS_FSC(iss);

	ti->addr = (iss & ISS_ABT_FNV) ? 0 : r->far;
	ti->access = instr ? VM_EXEC
		     : ((iss & ISS_DABT_WNR) && !(iss & ISS_DABT_CM)) ? VM_WRITE : VM_READ;
	if (fsc < 0x10) {
		ti->kind = TRAP_PAGE_FAULT;
		ti->present = (fsc >> 2) >= 2;      /* access flag or permission fault */
		ti->sig = SIGSEGV;
		ti->what = instr ? "instruction abort" : "data abort";
	} else if (fsc == 0x21) {
		ti->kind = TRAP_ALIGNMENT;
		ti->sig = SIGBUS;
		ti->what = "alignment fault";
	} else {
		ti->kind = TRAP_OTHER;
		ti->sig = fsc == 0x10 || (fsc & ~3u) == 0x14 ? SIGBUS : SIGSEGV;
		ti->what = fsc == 0x10 ? "synchronous external abort"
			 : fsc == 0x11 ? "tag check fault"
			 : fsc == 0x30 ? "TLB conflict abort" : "abort";
	}
}

/* A synchronous exception from EL0 as a trap_info. Returns false when the
 * exception needs no trap_handle (handled here). */
static bool el0_sync_info(struct arch_regs *r, struct trap_info *ti)
{
	unsigned ec = ESR_EC(r->esr);

	ti->kind = TRAP_ILLEGAL;
	ti->sig = SIGILL;
	ti->what = ec_name(ec);
	switch (ec) {
	case EC_DABT_LOWER:
	case EC_IABT_LOWER:
		abort_info(r, ec == EC_IABT_LOWER, ti);
		break;
	case EC_UNKNOWN:           /* includes every EL1-only instruction at EL0:
				    * mrs/msr of EL1 registers, eret, tlbi, at,
				    * dc isw, hvc, smc */
	case EC_ILLEGAL:
	case EC_FP_ACCESS:
	case EC_SVE:
	case EC_BTI:
	case EC_FPAC:
		break;
	case EC_SYSREG:            /* msr daif* (SCTLR_EL1.UMA = 0) and other trapped
				    * system instructions */
	case EC_HVC64:
	case EC_SMC64:
		ti->kind = TRAP_PRIVILEGED;
		ti->what = ec == EC_SYSREG ? "privileged system register or instruction"
					   : ec_name(ec);
		break;
	case EC_WFX:               /* wfi at EL0: nothing to wait for, skip it */
		r->pc += 4;
		return false;
	case EC_PC_ALIGN:
		ti->kind = TRAP_ALIGNMENT;
		ti->sig = SIGBUS;
		ti->addr = r->far;
		break;
	case EC_SP_ALIGN:
		ti->kind = TRAP_ALIGNMENT;
		ti->sig = SIGBUS;
		ti->addr = r->sp;
		break;
	case EC_BRK64:
	case EC_BREAKPT_LOWER:
	case EC_STEP_LOWER:
	case EC_WATCHPT_LOWER:
		ti->kind = TRAP_BREAKPOINT;
		ti->sig = SIGTRAP;
		break;
	case EC_FP_EXC64:
		ti->kind = TRAP_ARITHMETIC;
		ti->sig = SIGFPE;
		break;
	default:
		ti->kind = TRAP_OTHER;
		break;
	}
	return true;
}

/* ---------------------------------------------------------------- from EL0 */

/* Every exception from user mode, on the thread's kernel stack (vectors.S). */
void aarch64_el0_trap(struct arch_regs *r, unsigned kind)
{
	unsigned type = kind & 3;
	struct trap_info ti = { 0 };

	switch (type) {
	case 0:
		if (kind >= 12) {
			/* Nothing ever returns to AArch32 (SPSR.M[4] is never set),
			 * so this is a CPU in a state it should not be in. */
			ti.kind = TRAP_ILLEGAL;
			ti.sig = SIGILL;
			ti.what = "AArch32 exception at EL0";
			trap_handle(r, &ti);
		} else if (ESR_EC(r->esr) == EC_SVC64) {
			syscall_handle(r);
		} else if (el0_sync_info(r, &ti)) {
			trap_handle(r, &ti);
		}
		break;
	case 1:
		aarch64_irq(r);
		break;
	case 2:
		panic_regs(r, "unexpected FIQ from %s", sources[kind >> 2]);
	default:
		panic_regs(r, "SError from %s (ESR %#lx)", sources[kind >> 2], (unsigned long)r->esr);
	}
	return_to_user_work(r);
}

/* ---------------------------------------------------------------- from EL1 */

extern const struct ex_entry { uintptr_t insn, fixup; } __ex_table_start[], __ex_table_end[];

static const struct ex_entry *ex_find(uintptr_t pc)
{
	for (const struct ex_entry *e = __ex_table_start; e < __ex_table_end; e++)
		if (e->insn == pc)
			return e;
	return NULL;
}

bool arch_fixup_exception(struct arch_regs *r)
{
	const struct ex_entry *e = ex_find(r->pc);
	if (!e)
		return false;
	r->pc = e->fixup;
	return true;
}

/* An abort taken in the kernel.  Faults on user addresses from the
 * user-access routines go to the portable handler (which faults the page
 * in, or lets arch_fixup_exception return -EFAULT); so do faults on kernel
 * addresses, which it reports.  Two kernel bugs are named here first: a
 * stack overflow into a guard page, and a user address touched outside the
 * user-access routines (a PAN fault when the CPU has PAN). */
static void el1_abort(struct arch_regs *r, const char *from)
{
	unsigned ec = ESR_EC(r->esr), iss = ESR_ISS(r->esr);
	bool instr = ec == EC_IABT_CUR;
	struct trap_info ti = { 0 };
	uintptr_t far = r->far;

	if (!instr && !(iss & ISS_ABT_FNV)) {
		if (far - (uintptr_t)aarch64_stack_guard < PAGE_SIZE)
			panic_regs(r, "kernel stack overflow: %s at %#lx hit the boot stack's guard page",
				   (iss & ISS_DABT_WNR) ? "write" : "read", (unsigned long)far);
		/* a kernel stack's guard page, unmapped, just below the stack */
		if (far >= VMALLOC_BASE && far + 2 * PAGE_SIZE > r->sp && far < r->sp + PAGE_SIZE &&
		    ISS_FSC(iss) < 0x08)
			panic_regs(r, "kernel stack overflow: %s at %#lx next to sp %#lx",
				   (iss & ISS_DABT_WNR) ? "write" : "read", (unsigned long)far,
				   (unsigned long)r->sp);
	}
	if (ISS_FSC(iss) >= 0x10)
		bad_sync(r, from);
	if (far < USER_TOP && (instr || !ex_find(r->pc)))
		panic_regs(r, "kernel %s user address %#lx outside the user-access routines%s",
			   instr ? "jumped to" : (iss & ISS_DABT_WNR) ? "wrote to" : "read from",
			   (unsigned long)far,
			   (ISS_FSC(iss) >> 2) == 3 && aarch64_has_pan ? " (blocked by PAN)" : "");
	abort_info(r, instr, &ti);
	trap_handle(r, &ti);
}

void aarch64_trap(struct arch_regs *r, unsigned kind)
{
	unsigned source = kind >> 2, type = kind & 3;
	const char *from = sources[source];
	unsigned ec = ESR_EC(r->esr);

	switch (type) {
	case 0:
		if (source < 2 && ec == EC_UNKNOWN && semihosting_probe_fault(r))
			return;
		if (source == 0 && (ec == EC_DABT_CUR || ec == EC_IABT_CUR)) {
			el1_abort(r, from);
			return;
		}
		bad_sync(r, from);
	case 1:
		if (source == 0) {
			aarch64_irq(r);
			return;
		}
		panic_regs(r, "unexpected IRQ from %s", from);
	case 2:
		panic_regs(r, "unexpected FIQ from %s", from);
	default:
		panic_regs(r, "SError from %s (ESR %#lx)", from, (unsigned long)r->esr);
	}
}

/* ---------------------------------------------------------------- registers */

bool arch_regs_user_mode(const struct arch_regs *r)
{
	return (r->pstate & PSR_MODE_MASK) == PSR_MODE_EL0T;
}

/* SPSR_EL1.M[3:2] is the exception level the frame returns to. */
const char *arch_regs_privilege_name(const struct arch_regs *r)
{
	static const char *const els[] = { "EL0", "EL1", "EL2", "EL3" };
	return els[(r->pstate >> 2) & 3];
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

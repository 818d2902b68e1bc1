/* Semihosting: a debugger or QEMU (-semihosting) answers HLT #0xf000.  Used
 * for the last-resort console and the test exit, and only after a probe has
 * shown that something answers: without a debugger HLT is an undefined
 * instruction, which aarch64_trap() recognises at the probe's address and
 * skips (see semihosting_probe_fault). */
#include <stdbool.h>
#include <stdint.h>
#include "aarch64.h"
#include "sysreg.h"

static enum { UNKNOWN, ABSENT, PRESENT } state = UNKNOWN;

static uint64_t semihost(uint64_t op, uint64_t arg)
{
	register uint64_t x0 __asm__("x0") = op;
	register uint64_t x1 __asm__("x1") = arg;
	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return x0;
}

/* Returns SYS_ERRNO's answer (>= 0), or -1 when the trap handler skipped the
 * HLT. The label names the one instruction the handler may skip. */
static __attribute__((noinline)) int64_t probe(void)
{
	register uint64_t x0 __asm__("x0") = SEMIHOST_ERRNO;
	__asm__ volatile(".globl aarch64_semihost_probe_insn\n"
			 "aarch64_semihost_probe_insn: hlt #0xf000"
			 : "+r"(x0) : : "memory");
	return (int64_t)x0;
}

bool semihosting_probe_fault(struct arch_regs *regs)
{
	extern char aarch64_semihost_probe_insn[];
	if (regs->pc != (uintptr_t)aarch64_semihost_probe_insn)
		return false;
	regs->x[0] = (uint64_t)-1;
	regs->pc += 4;
	return true;
}

bool semihosting_available(void)
{
	if (state == UNKNOWN)
		state = probe() >= 0 ? PRESENT : ABSENT;
	return state == PRESENT;
}

void semihosting_putc(char c)
{
	if (semihosting_available())
		semihost(SEMIHOST_WRITEC, (uintptr_t)&c);
}

void semihosting_exit(unsigned code)
{
	uint64_t block[2] = { ADP_STOPPED_APPLICATION_EXIT, code };
	if (semihosting_available())
		semihost(SEMIHOST_EXIT, (uintptr_t)block);
}

/* rings on AArch64: EL1 system registers and instructions tried at EL0.
 * Most are UNDEFINED at EL0 (SIGILL, ILL_ILLOPC); msr daifset is trapped
 * to EL1 because SCTLR_EL1.UMA is 0 (SIGILL, ILL_PRVOPC). */
#include "../../rings.h"
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

const char rings_user_level[] = "EL0";

static void op_daifset(void) { __asm__ volatile("msr daifset, #2"); }
static void op_ttbr0_read(void) { uint64_t v; __asm__ volatile("mrs %0, ttbr0_el1" : "=r"(v)); }
static void op_ttbr0_write(void) { __asm__ volatile("msr ttbr0_el1, %0" : : "r"(0UL)); }
static void op_ttbr1(void) { __asm__ volatile("msr ttbr1_el1, %0" : : "r"(0UL)); }
static void op_sctlr(void) { uint64_t v; __asm__ volatile("mrs %0, sctlr_el1" : "=r"(v)); }
static void op_vbar(void) { __asm__ volatile("msr vbar_el1, %0" : : "r"(0UL)); }
static void op_eret(void) { __asm__ volatile("eret"); }
static void op_tlbi(void) { __asm__ volatile("tlbi vmalle1"); }
static void op_dc_isw(void) { __asm__ volatile("dc isw, %0" : : "r"(0UL)); }
static void op_at(void) { __asm__ volatile("at s1e1r, %0" : : "r"(0UL)); }
static void op_hvc(void) { __asm__ volatile("hvc #0"); }
static void op_smc(void) { __asm__ volatile("smc #0"); }
static void op_currentel(void) { uint64_t v; __asm__ volatile("mrs %0, CurrentEL" : "=r"(v)); }

const struct priv_op rings_ops[] = {
	{ "msr daifset, #2", op_daifset },
	{ "mrs x0, ttbr0_el1", op_ttbr0_read },
	{ "msr ttbr0_el1, x0", op_ttbr0_write },
	{ "msr ttbr1_el1, x0", op_ttbr1 },
	{ "mrs x0, sctlr_el1", op_sctlr },
	{ "msr vbar_el1, x0", op_vbar },
	{ "eret", op_eret },
	{ "tlbi vmalle1", op_tlbi },
	{ "dc isw, x0", op_dc_isw },
	{ "at s1e1r, x0", op_at },
	{ "hvc #0", op_hvc },
	{ "smc #0", op_smc },
	{ NULL, NULL },
};

const char *rings_trap_name(int sig, int code)
{
	if (sig == SIGILL && code == 5)          /* ILL_PRVOPC */
		return "trapped to EL1 (EC 0x18)";
	if (sig == SIGILL)
		return "undefined instruction";
	if (sig == SIGSEGV)
		return "data/instruction abort";
	if (sig == SIGALRM)
		return "never finished";
	return "exception";
}

void rings_user_view(void)
{
	static const struct priv_op cur = { "mrs x0, CurrentEL", op_currentel };
	int sig = 0, code = 0;
	rings_try(&cur, &sig, &code);
	printf("  mrs x0, CurrentEL \u2192 %s%s\n", sig ? rings_trap_name(sig, code) : "readable",
	       sig == SIGILL ? " \u2192 SIGILL" : "");
	printf("  EL0 code cannot read its own exception level: CurrentEL is an EL1\n"
	       "  register.  Only the kernel knows it, from SPSR_EL1.M of the saved frame\n"
	       "  (\"caller\" above); svc raises the level to EL1, eret lowers it to EL0.\n");
}

/* utests, AArch64: the facts the portable tests need, and the privileged
 * instructions, each of which must kill an EL0 process with SIGILL. */
#include "../../utests.h"
#include <signal.h>

const char arch_machine[] = "aarch64";
const char arch_hello_text[] = "hello syscall v8\n";   /* the seed's AArch64 program */
const uintptr_t arch_user_top = 0x0001000000000000UL;

const struct bad_addr arch_kernel_addrs[] = {
	{ 0xffff000000000000UL, "kernel half base", false },
	{ 0xffff800000000000UL, "direct map", false },
	{ 0xffff800000100000UL, "direct map + 1 MiB", false },
	{ 0xffffffff80000000UL, "kernel image", false },
	{ 0xffffffff80080000UL, "kernel text", false },
	{ 0xffffc00000000000UL, "kernel stacks (vmalloc)", false },
	{ 0xfffffffffffff000UL, "the last page", false },
	{ 0x0001000000000000UL, "above the user half", false },
	{ 0, NULL, false },
};

const struct bad_addr arch_bad_pointers[] = {
	{ 0, "NULL", false },
	{ 0xffff800000000000UL, "the direct map", false },
	{ 0xffffffff80000000UL, "the kernel image", false },
	{ 0xffffffff80080000UL, "kernel text", false },
	{ 0xffffc00000000000UL, "a kernel stack address", false },
	{ 0x0001000000000000UL, "the first address above the user half", false },
	{ 0x0001000000000000UL - 4, "a range across the user top", true },
	{ 0, NULL, false },
};

#define OP(name_, insn)                                                        \
	static void name_(void *a)                                             \
	{                                                                      \
		(void)a;                                                       \
		reached();                                                     \
		__asm__ volatile(insn ::: "x0", "memory");                     \
	}

OP(op_daifset, "msr daifset, #2")
OP(op_daifclr, "msr daifclr, #2")
OP(op_rd_ttbr0, "mrs x0, ttbr0_el1")
OP(op_wr_ttbr0, "mov x0, #0\n msr ttbr0_el1, x0")
OP(op_rd_ttbr1, "mrs x0, ttbr1_el1")
OP(op_wr_ttbr1, "mov x0, #0\n msr ttbr1_el1, x0")
OP(op_rd_sctlr, "mrs x0, sctlr_el1")
OP(op_wr_sctlr, "mov x0, #0\n msr sctlr_el1, x0")
OP(op_rd_vbar, "mrs x0, vbar_el1")
OP(op_wr_vbar, "mov x0, #0\n msr vbar_el1, x0")
OP(op_eret, "eret")
OP(op_tlbi, "tlbi vmalle1")
OP(op_dc_isw, "mov x0, #0\n dc isw, x0")
OP(op_at, "mov x0, #0\n at s1e1r, x0")
OP(op_hvc, "hvc #0")
OP(op_smc, "smc #0")
OP(op_wfi_el1reg, "mrs x0, currentel")

static const struct {
	const char *name;
	void (*fn)(void *);
} ops[] = {
	{ "msr daifset", op_daifset }, { "msr daifclr", op_daifclr },
	{ "mrs ttbr0_el1", op_rd_ttbr0 }, { "msr ttbr0_el1", op_wr_ttbr0 },
	{ "mrs ttbr1_el1", op_rd_ttbr1 }, { "msr ttbr1_el1", op_wr_ttbr1 },
	{ "mrs sctlr_el1", op_rd_sctlr }, { "msr sctlr_el1", op_wr_sctlr },
	{ "mrs vbar_el1", op_rd_vbar }, { "msr vbar_el1", op_wr_vbar },
	{ "eret", op_eret }, { "tlbi vmalle1", op_tlbi }, { "dc isw", op_dc_isw },
	{ "at s1e1r", op_at }, { "hvc", op_hvc }, { "smc", op_smc },
	{ "mrs currentel", op_wfi_el1reg },
};

UTEST_T(privileged_aarch64, 60)
{
	for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		expect_death(ops[i].name, ops[i].fn, NULL, SIGILL);
}

OP(op_udf, "udf #0")
OP(op_brk, "brk #0")

UTEST(traps_aarch64)
{
	expect_death("udf", op_udf, NULL, SIGILL);
	expect_death("brk", op_brk, NULL, SIGTRAP);
}

unsigned long arch_get_tls(void)
{
	unsigned long v;
	__asm__ volatile("mrs %0, tpidr_el0" : "=r"(v));
	return v;
}

/* rings on x86-64: instructions that need CPL 0 (or IOPL for in/out, cli,
 * sti).  At CPL 3 each raises #GP, which the kernel turns into SIGSEGV
 * with si_code SI_KERNEL, as Linux does. */
#include "../../rings.h"
#include <signal.h>
#include <stdint.h>
#include <stdio.h>

const char rings_user_level[] = "ring 3";

static void op_cli(void) { __asm__ volatile("cli"); }
static void op_sti(void) { __asm__ volatile("sti"); }
static void op_hlt(void) { __asm__ volatile("hlt"); }
static void op_in(void) { uint8_t v; __asm__ volatile("inb $0x60, %0" : "=a"(v)); }
static void op_out(void) { __asm__ volatile("outb %0, $0x80" : : "a"((uint8_t)0)); }
static void op_lgdt(void) { static uint8_t d[10]; __asm__ volatile("lgdt %0" : : "m"(d)); }
static void op_lidt(void) { static uint8_t d[10]; __asm__ volatile("lidt %0" : : "m"(d)); }
static void op_cr3(void) { __asm__ volatile("mov %0, %%cr3" : : "r"(0UL)); }
static void op_wrmsr(void) { __asm__ volatile("wrmsr" : : "c"(0xc0000080u), "a"(0), "d"(0)); }
static void op_rdmsr(void) { uint32_t a, d; __asm__ volatile("rdmsr" : "=a"(a), "=d"(d) : "c"(0xc0000080u)); }
static void op_invlpg(void) { static char page[16]; __asm__ volatile("invlpg %0" : : "m"(page[0])); }

const struct priv_op rings_ops[] = {
	{ "cli", op_cli },
	{ "sti", op_sti },
	{ "hlt", op_hlt },
	{ "in $0x60, %al", op_in },
	{ "out %al, $0x80", op_out },
	{ "lgdt", op_lgdt },
	{ "lidt", op_lidt },
	{ "mov %rax, %cr3", op_cr3 },
	{ "wrmsr (EFER)", op_wrmsr },
	{ "rdmsr (EFER)", op_rdmsr },
	{ "invlpg", op_invlpg },
	{ NULL, NULL },
};

const char *rings_trap_name(int sig, int code)
{
	if (sig == SIGSEGV && code == 0x80)
		return "general protection fault (#GP)";
	if (sig == SIGSEGV)
		return "page fault (#PF)";
	if (sig == SIGILL)
		return "invalid opcode (#UD)";
	if (sig == SIGALRM)
		return "never finished (stopped the CPU?)";
	return "exception";
}

void rings_user_view(void)
{
	uint16_t cs;
	__asm__ volatile("mov %%cs, %0" : "=r"(cs));
	printf("  mov %%cs, %%ax: CS = %#06x; its low two bits, the CPL, are %u: ring %u.\n"
	       "  (Reading CS is allowed at any level; changing the CPL is not: only\n"
	       "  syscall/interrupts raise it to 0, and sysret/iret lower it to 3.)\n",
	       cs, cs & 3, cs & 3);
}

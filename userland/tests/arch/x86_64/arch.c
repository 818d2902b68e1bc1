/* utests, x86-64: the facts the portable tests need, and the privileged
 * instructions, each of which must kill a user process with SIGSEGV (#GP). */
#include "../../utests.h"
#include <signal.h>
#include <unistd.h>

const char arch_machine[] = "x86_64";
const char arch_hello_text[] = "hello world\n";   /* the seed's x86-64 program */
const uintptr_t arch_user_top = 0x0000800000000000UL;

const struct bad_addr arch_kernel_addrs[] = {
	{ 0xffff800000000000UL, "direct map", false },
	{ 0xffff800000100000UL, "direct map + 1 MiB", false },
	{ 0xffffffff80000000UL, "kernel image", false },
	{ 0xffffffff80100000UL, "kernel text", false },
	{ 0xffffc00000000000UL, "kernel stacks (vmalloc)", false },
	{ 0xfffffffffffff000UL, "the last page", false },
	{ 0x0000800000000000UL, "non-canonical (user top)", false },
	{ 0x8000000000000000UL, "non-canonical", false },
	{ 0, NULL, false },
};

const struct bad_addr arch_bad_pointers[] = {
	{ 0, "NULL", false },
	{ 0xffff800000000000UL, "the direct map", false },
	{ 0xffffffff80000000UL, "the kernel image", false },
	{ 0xffffffff80100000UL, "kernel text", false },
	{ 0xffffc00000000000UL, "a kernel stack address", false },
	{ 0x0000800000000000UL, "a non-canonical address", false },
	{ 0x0000800000000000UL - 4, "a range across the user top", true },
	{ 0, NULL, false },
};

static char mem[16] __attribute__((aligned(16)));

static void op_cli(void *a) { (void)a; reached(); __asm__ volatile("cli"); }
static void op_sti(void *a) { (void)a; reached(); __asm__ volatile("sti"); }
static void op_hlt(void *a) { (void)a; reached(); __asm__ volatile("hlt"); }
static void op_in(void *a) { (void)a; reached(); __asm__ volatile("inb $0x80, %%al" ::: "rax"); }
static void op_out(void *a) { (void)a; reached(); __asm__ volatile("outb %%al, $0x80" :: "a"(0)); }
static void op_inb_dx(void *a) { (void)a; reached(); __asm__ volatile("inb %%dx, %%al" :: "d"(0x3f8) : "rax"); }
static void op_lgdt(void *a) { (void)a; reached(); __asm__ volatile("lgdt %0" :: "m"(mem)); }
static void op_lidt(void *a) { (void)a; reached(); __asm__ volatile("lidt %0" :: "m"(mem)); }
static void op_mov_cr3(void *a) { (void)a; reached(); __asm__ volatile("mov %0, %%cr3" :: "r"(0UL)); }
static void op_read_cr3(void *a)
{
	unsigned long v;
	(void)a;
	reached();
	__asm__ volatile("mov %%cr3, %0" : "=r"(v));
}
static void op_wrmsr(void *a) { (void)a; reached(); __asm__ volatile("wrmsr" :: "c"(0xc0000082), "a"(0), "d"(0)); }
static void op_rdmsr(void *a) { (void)a; reached(); __asm__ volatile("rdmsr" :: "c"(0xc0000082) : "rax", "rdx"); }
static void op_invlpg(void *a) { (void)a; reached(); __asm__ volatile("invlpg %0" :: "m"(mem)); }
static void op_ltr(void *a) { (void)a; reached(); __asm__ volatile("ltr %w0" :: "r"(0x28)); }

static const struct {
	const char *name;
	void (*fn)(void *);
} ops[] = {
	{ "cli", op_cli }, { "sti", op_sti }, { "hlt", op_hlt },
	{ "in $0x80", op_in }, { "out $0x80", op_out }, { "in %dx (COM1)", op_inb_dx },
	{ "lgdt", op_lgdt }, { "lidt", op_lidt }, { "ltr", op_ltr },
	{ "mov to cr3", op_mov_cr3 }, { "mov from cr3", op_read_cr3 },
	{ "wrmsr", op_wrmsr }, { "rdmsr", op_rdmsr }, { "invlpg", op_invlpg },
};

UTEST_T(privileged_x86_64, 60)
{
	for (unsigned i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		expect_death(ops[i].name, ops[i].fn, NULL, SIGSEGV);
}

/* int3 and ud2 are not privileged but must also come back as signals. */
static void op_ud2(void *a) { (void)a; reached(); __asm__ volatile("ud2"); }
static void op_int3(void *a) { (void)a; reached(); __asm__ volatile("int3"); }
static void op_int80(void *a) { (void)a; reached(); __asm__ volatile("int $0x80" ::: "rax"); }
static void op_div0(void *a)
{
	(void)a;
	reached();
	__asm__ volatile("xor %%ecx, %%ecx\n mov $1, %%eax\n cltd\n idivl %%ecx" ::: "rax", "rcx", "rdx");
}

UTEST(traps_x86_64)
{
	expect_death("ud2", op_ud2, NULL, SIGILL);
	expect_death("int3", op_int3, NULL, SIGTRAP);
	expect_death("divide by zero", op_div0, NULL, SIGFPE);
	(void)op_int80;   /* int $0x80: Linux runs the 32-bit ABI; Ringel's answer is open */
}

unsigned long arch_get_tls(void)
{
	unsigned long v = 0;
	syscall(158, 0x1003, &v);   /* arch_prctl(ARCH_GET_FS) */
	return v;
}

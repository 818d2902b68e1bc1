/* The GDT and the TSS.  In 64-bit mode segments are mostly vestigial, but
 * the TSS matters: its interrupt stack table (IST) gives #DF, NMI and #MC
 * known-good stacks, so a kernel stack overflow (a #PF that cannot push its
 * frame, hence a #DF) ends in a panic instead of a triple fault and reset. */
#include <kernel.h>
#include "x86.h"

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];      /* stacks for entering ring 0..2 from user mode */
	uint64_t reserved1;
	uint64_t ist[7];      /* IST1..IST7 */
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;  /* past the limit: no I/O permission bitmap */
} __attribute__((packed));
_Static_assert(sizeof(struct tss) == 104, "64-bit TSS is 104 bytes");

#define DF_STACK_SIZE  (16 * 1024)
#define NMI_STACK_SIZE (8 * 1024)
#define MC_STACK_SIZE  (8 * 1024)
static uint8_t df_stack[DF_STACK_SIZE] __attribute__((aligned(16)));
static uint8_t nmi_stack[NMI_STACK_SIZE] __attribute__((aligned(16)));
static uint8_t mc_stack[MC_STACK_SIZE] __attribute__((aligned(16)));

static struct tss tss __attribute__((aligned(16)));

/* Descriptors: flat segments (base 0, limit 4 GiB ignored in 64-bit mode).
 * Access byte: P | DPL | S | type; flags nibble: G | D/B | L. */
#define SEG_KCODE 0x00af9a000000ffffULL   /* L=1, DPL 0, execute/read */
#define SEG_KDATA 0x00cf92000000ffffULL   /* DPL 0, read/write */
#define SEG_UDATA 0x00cff2000000ffffULL   /* DPL 3, read/write */
#define SEG_UCODE 0x00affa000000ffffULL   /* L=1, DPL 3, execute/read */

/* 0x00 null, 0x08 kernel code, 0x10 kernel data, 0x18 (32-bit user code:
 * left null, no compatibility mode), 0x20 user data, 0x28 user code,
 * 0x30 TSS (a 16-byte descriptor). */
static uint64_t gdt[8] __attribute__((aligned(16)));

static uint64_t tss_desc_low(uint64_t base, uint32_t limit)
{
	return (limit & 0xffffULL) | ((base & 0xffffffULL) << 16) |
	       (0x89ULL << 40) |                          /* present, 64-bit TSS (available) */
	       ((uint64_t)((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xffULL) << 56);
}

void gdt_init(void)
{
	gdt[SEL_KCODE / 8] = SEG_KCODE;
	gdt[SEL_KDATA / 8] = SEG_KDATA;
	gdt[SEL_UDATA / 8] = SEG_UDATA;
	gdt[SEL_UCODE / 8] = SEG_UCODE;
	gdt[SEL_TSS / 8] = tss_desc_low((uintptr_t)&tss, sizeof tss - 1);
	gdt[SEL_TSS / 8 + 1] = (uintptr_t)&tss >> 32;

	tss.ist[IST_DF - 1] = (uintptr_t)(df_stack + DF_STACK_SIZE);
	tss.ist[IST_NMI - 1] = (uintptr_t)(nmi_stack + NMI_STACK_SIZE);
	tss.ist[IST_MC - 1] = (uintptr_t)(mc_stack + MC_STACK_SIZE);
	/* An I/O bitmap offset beyond the TSS limit means no bitmap: with
	 * IOPL 0 every in/out from ring 3 raises #GP. */
	tss.iomap_base = sizeof tss;

	struct __attribute__((packed)) { uint16_t limit; uint64_t base; } gdtr = {
		sizeof gdt - 1, (uintptr_t)gdt
	};
	/* Load it, then reload every segment register from it: CS by a far
	 * return, the data ones directly.  The boot GDT used the same kernel
	 * selectors, and its physical address stops being mapped soon. */
	__asm__ volatile(
		"lgdt %0\n\t"
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %2, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		"xorl %%eax, %%eax\n\t"
		"movl %%eax, %%fs\n\t"
		"movl %%eax, %%gs\n\t"
		"ltr %w3"
		: : "m"(gdtr), "i"(SEL_KCODE), "i"(SEL_KDATA), "r"((uint16_t)SEL_TSS)
		: "rax", "memory");
}

/* The stack the CPU switches to on a trap or interrupt from ring 3: the top
 * of the running thread's kernel stack (arch_thread_switch). */
void tss_set_rsp0(uint64_t rsp0)
{
	tss.rsp[0] = rsp0;
}

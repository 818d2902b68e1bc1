/* The GDT and the TSS, one of each per CPU.  In 64-bit mode segments are
 * mostly vestigial, but the TSS matters: its interrupt stack table (IST)
 * gives #DF, NMI and #MC known-good stacks, so a kernel stack overflow (a
 * #PF that cannot push its frame, hence a #DF) ends in a panic instead of a
 * triple fault and reset; and its rsp0 is the stack a trap from user mode
 * lands on, which differs per CPU (the thread running there).  The TSS
 * descriptor must be per CPU too: ltr marks it busy. */
#include <kernel.h>
#include <mm.h>
#include <pmm.h>
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
#define IST_BYTES (DF_STACK_SIZE + NMI_STACK_SIZE + MC_STACK_SIZE)
/* The boot CPU's IST stacks are in .bss (it has no page allocator yet);
 * another CPU's come from the page allocator the first time it starts. */
static uint8_t boot_ist[IST_BYTES] __attribute__((aligned(16)));
static uint8_t *ist_area[X86_MAX_CPUS];

static struct tss tss[X86_MAX_CPUS] __attribute__((aligned(16)));

/* Descriptors: flat segments (base 0, limit 4 GiB ignored in 64-bit mode).
 * Access byte: P | DPL | S | type; flags nibble: G | D/B | L. */
#define SEG_KCODE 0x00af9a000000ffffULL   /* L=1, DPL 0, execute/read */
#define SEG_KDATA 0x00cf92000000ffffULL   /* DPL 0, read/write */
#define SEG_UDATA 0x00cff2000000ffffULL   /* DPL 3, read/write */
#define SEG_UCODE 0x00affa000000ffffULL   /* L=1, DPL 3, execute/read */

/* 0x00 null, 0x08 kernel code, 0x10 kernel data, 0x18 (32-bit user code:
 * left null, no compatibility mode), 0x20 user data, 0x28 user code,
 * 0x30 TSS (a 16-byte descriptor). */
static uint64_t gdt[X86_MAX_CPUS][8] __attribute__((aligned(16)));

static uint64_t tss_desc_low(uint64_t base, uint32_t limit)
{
	return (limit & 0xffffULL) | ((base & 0xffffffULL) << 16) |
	       (0x89ULL << 40) |                          /* present, 64-bit TSS (available) */
	       ((uint64_t)((limit >> 16) & 0xf) << 48) | (((base >> 24) & 0xffULL) << 56);
}

/* Another CPU's IST stacks, allocated by the boot CPU before it starts
 * that CPU (gdt_init on the CPU itself cannot allocate: it has not got the
 * kernel lock).  Kept if the CPU fails to come, for the next try.  false if
 * there is no memory. */
bool gdt_alloc_ist(unsigned cpu)
{
	if (cpu == 0 || ist_area[cpu])
		return true;
	uint64_t pa = pmm_alloc_pages(IST_BYTES / PAGE_SIZE);
	if (!pa)
		return false;
	ist_area[cpu] = phys_to_virt(pa);
	return true;
}

void gdt_init(unsigned cpu)
{
	uint64_t *g = gdt[cpu];
	struct tss *t = &tss[cpu];
	uint8_t *ist = cpu == 0 ? boot_ist : ist_area[cpu];
	g[SEL_KCODE / 8] = SEG_KCODE;
	g[SEL_KDATA / 8] = SEG_KDATA;
	g[SEL_UDATA / 8] = SEG_UDATA;
	g[SEL_UCODE / 8] = SEG_UCODE;
	g[SEL_TSS / 8] = tss_desc_low((uintptr_t)t, sizeof *t - 1);
	g[SEL_TSS / 8 + 1] = (uintptr_t)t >> 32;

	t->ist[IST_DF - 1] = (uintptr_t)(ist + DF_STACK_SIZE);
	t->ist[IST_NMI - 1] = (uintptr_t)(ist + DF_STACK_SIZE + NMI_STACK_SIZE);
	t->ist[IST_MC - 1] = (uintptr_t)(ist + IST_BYTES);
	/* An I/O bitmap offset beyond the TSS limit means no bitmap: with
	 * IOPL 0 every in/out from ring 3 raises #GP. */
	t->iomap_base = sizeof *t;
	x86_percpus[cpu].tss = t;

	struct __attribute__((packed)) { uint16_t limit; uint64_t base; } gdtr = {
		sizeof gdt[cpu] - 1, (uintptr_t)g
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

/* The stack this CPU switches to on a trap or interrupt from ring 3: the
 * top of the kernel stack of the thread running here (arch_thread_switch). */
void tss_set_rsp0(uint64_t rsp0)
{
	this_x86()->tss->rsp[0] = rsp0;
}

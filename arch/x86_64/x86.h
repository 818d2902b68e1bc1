/* Private to arch/x86_64: instructions C cannot express, segment selectors,
 * the CPU features the backend cares about, and the init functions the boot
 * path calls in order.  The portable core never sees this header. */
#ifndef X86_H
#define X86_H

/* GDT layout (gdt.c).  boot.S uses the same kernel selectors in its
 * temporary GDT so CS/SS stay valid across the switch.  The user selectors
 * follow the order SYSRET expects (32-bit code, data, 64-bit code). */
#define SEL_KCODE   0x08
#define SEL_KDATA   0x10
#define SEL_UCODE32 0x18
#define SEL_UDATA   0x20
#define SEL_UCODE   0x28
#define SEL_TSS     0x30

/* IST slots (1-based as the IDT encodes them). */
#define IST_DF  1
#define IST_NMI 2
#define IST_MC  3

/* Control register and EFER bits (no C suffixes: boot.S uses them too). */
#define CR0_PE  (1 << 0)    /* protected mode */
#define CR0_MP  (1 << 1)    /* WAIT/FWAIT honour TS */
#define CR0_ET  (1 << 4)    /* always 1 on anything with an FPU */
#define CR0_NE  (1 << 5)    /* native x87 error reporting */
#define CR0_WP  (1 << 16)   /* ring 0 honours read-only pages */
#define CR0_PG  0x80000000
#define CR4_PAE   (1 << 5)
#define CR4_UMIP  (1 << 11)
#define CR4_SMEP  (1 << 20)
#define CR4_SMAP  (1 << 21)

#define MSR_EFER 0xc0000080
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)

#define COM1 0x3f8

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <stdbool.h>

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

#define DEFINE_CR(n)                                                          \
	static inline uint64_t read_cr##n(void)                               \
	{                                                                     \
		uint64_t v;                                                   \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));             \
		return v;                                                     \
	}                                                                     \
	static inline void write_cr##n(uint64_t v)                            \
	{                                                                     \
		__asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory");    \
	}
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

/* What cpu.c found with CPUID (filled by cpu_probe, before anything that
 * encodes page-table entries). */
struct x86_features {
	bool nx, pdpe1gb, smep, smap, umip, la57;
};
extern struct x86_features x86_cpu;

/* The boot sequence after boot.S, in the order x86_boot_main calls them. */
void cpu_probe(void);        /* cpu.c: CPUID, then CR4 protection bits */
void gdt_init(void);         /* gdt.c: final GDT, TSS, IST stacks */
void idt_init(void);         /* traps.c: the 32 exception vectors */
void pic_disable(void);      /* cpu.c: mask both 8259s */
void x86_boot_warnings(void);  /* boot.c: what boot-record parsing left to say */

/* paging.c: CR3 was loaded with a root that is not a user space. */
void x86_uspace_forget(void);

/* traps.S: one stub per exception vector, in vector order. */
extern const uint64_t x86_exception_stubs[32];
struct arch_regs;
void x86_trap(struct arch_regs *r);   /* traps.c: called by every stub */

/* boot.S: the boot stack and the unmapped guard page below it. */
extern char boot_stack_guard[], boot_stack_top[];

#endif /* __ASSEMBLER__ */
#endif

/* Private to arch/x86_64: instructions C cannot express, segment selectors,
 * the CPU features the backend cares about, and the init functions the boot
 * path calls in order.  The portable core never sees this header. */
#ifndef X86_H
#define X86_H

/* GDT layout (gdt.c).  head.S uses the same kernel selectors in its
 * temporary GDT so CS/SS stay valid across the switch.  The user selectors
 * follow the order SYSRET expects (32-bit code, data, 64-bit code). */
#define SEL_KCODE   0x08
#define SEL_KDATA   0x10
#define SEL_UCODE32 0x18
#define SEL_UDATA   0x20
#define SEL_UCODE   0x28
#define SEL_TSS     0x30
/* What user mode runs with: the selectors with RPL 3. */
#define USER_CS     (SEL_UCODE | 3)
#define USER_SS     (SEL_UDATA | 3)

/* IST slots (1-based as the IDT encodes them). */
#define IST_DF  1
#define IST_NMI 2
#define IST_MC  3

/* Control register and EFER bits (no C suffixes: head.S uses them too). */
#define CR0_PE  (1 << 0)    /* protected mode */
#define CR0_MP  (1 << 1)    /* WAIT/FWAIT honour TS */
#define CR0_ET  (1 << 4)    /* always 1 on anything with an FPU */
#define CR0_NE  (1 << 5)    /* native x87 error reporting */
#define CR0_WP  (1 << 16)   /* ring 0 honours read-only pages */
#define CR0_EM  (1 << 2)    /* no FPU: x87 instructions trap */
#define CR0_TS  (1 << 3)    /* lazy FPU switching (unused) */
#define CR0_PG  0x80000000
#define CR4_PAE   (1 << 5)
#define CR4_OSFXSR     (1 << 9)    /* FXSAVE/FXRSTOR and SSE */
#define CR4_OSXMMEXCPT (1 << 10)   /* SIMD exceptions as #XM */
#define CR4_UMIP  (1 << 11)
#define CR4_SMEP  (1 << 20)
#define CR4_SMAP  (1 << 21)

#define MSR_APIC_BASE      0x1b
#define MSR_EFER           0xc0000080
#define MSR_STAR           0xc0000081   /* syscall/sysret selectors */
#define MSR_LSTAR          0xc0000082   /* 64-bit syscall entry point */
#define MSR_FMASK          0xc0000084   /* rflags bits syscall clears */
#define MSR_FS_BASE        0xc0000100
#define MSR_GS_BASE        0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102   /* swapped with GS_BASE by swapgs */
#define EFER_SCE (1 << 0)   /* syscall/sysret enabled */
#define EFER_LME (1 << 8)
#define EFER_NXE (1 << 11)

/* RFLAGS */
#define RFLAGS_CF   0x1
#define RFLAGS_FIXED 0x2    /* always 1 */
#define RFLAGS_PF   0x4
#define RFLAGS_AF   0x10
#define RFLAGS_ZF   0x40
#define RFLAGS_SF   0x80
#define RFLAGS_TF   0x100
#define RFLAGS_IF   0x200
#define RFLAGS_DF   0x400
#define RFLAGS_OF   0x800
#define RFLAGS_IOPL 0x3000
#define RFLAGS_NT   0x4000
#define RFLAGS_RF   0x10000
#define RFLAGS_AC   0x40000
/* The flags user mode may set for itself (popf, sigreturn). */
#define RFLAGS_USER (RFLAGS_CF | RFLAGS_PF | RFLAGS_AF | RFLAGS_ZF | RFLAGS_SF | RFLAGS_TF | \
		     RFLAGS_DF | RFLAGS_OF | RFLAGS_RF | RFLAGS_AC)

/* Interrupt vectors (0-31 are the CPU's exceptions). */
#define VEC_PIC_BASE   0x20   /* the masked 8259s, remapped here: only spurious IRQ 7/15 */
#define VEC_ISA_BASE   0x30   /* ISA IRQ n routed through the IOAPIC: 0x30 + n */
#define VEC_ISA_COUNT  16
#define VEC_MSI_BASE   0x40   /* PCI message-signalled interrupts (msi.c) */
#define VEC_MSI_COUNT  32
#define VEC_LAPIC_TIMER 0xef
#define VEC_IPI        0xf0   /* another CPU asks: ipi_handle() (smp.c) */
#define VEC_TLB        0xf1   /* a TLB shootdown request (mmu.c) */
#define VEC_LAPIC_ERROR 0xfe
#define VEC_SPURIOUS   0xff

/* The per-CPU area GS points at in kernel mode, one per CPU.  The
 * syscall entry reaches it before it has a stack: the offsets are used by
 * syscall.S. */
#define PERCPU_KSTACK   0    /* top of the current thread's kernel stack */
#define PERCPU_USER_RSP 8    /* the user rsp, saved on syscall entry */
#define PERCPU_SELF     24   /* the area's own address: this_x86() */

/* The real-mode trampoline the other CPUs start in (trampoline.S, smp.c):
 * copied to TRAMPOLINE_PA, a page below 1 MiB that the page allocator never
 * hands out (setup.c reserves the first MiB), with the page tables it
 * switches on in the three pages after it.  The boot CPU writes the
 * parameters at TRAMP_PARAMS before each start. */
#define TRAMPOLINE_PA     0x8000
#define TRAMPOLINE_PAGES  4           /* code, PML4, PDPT, PD */
#define TRAMP_PARAMS      0xf00       /* offset in the code page */
#define TP_CR3_LOW   0                /* u32: the trampoline's own PML4 */
#define TP_EFER      4                /* u32: EFER for the switch (LME, NXE) */
#define TP_APIC_ID   8                /* u32: the CPU expected (others halt) */
#define TP_ID_LEAF   12               /* u32: 0xb: x2APIC id from CPUID 0xb, else CPUID 1 */
#define TP_CR3       16               /* u64: the kernel's root table */
#define TP_STACK     24               /* u64: the stack x86_ap_main runs on */
#define TP_INDEX     32               /* u64: the CPU's index (struct cpu) */
#define TP_ALIVE     40               /* u32: set by the CPU in 16-bit mode */

#define COM1 0x3f8

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <stdbool.h>

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t v;
	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
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

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32))
			 : "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* In the lower half and canonical: where user code and data may be. */
static inline bool is_user_canonical(uint64_t a)
{
	return a < 0x0000800000000000ULL;
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
	bool tsc_invariant, x2apic;
	uint32_t hwcap;            /* CPUID.1:EDX, Linux's AT_HWCAP */
};
extern struct x86_features x86_cpu;
/* 1 when SMAP is on: the user-copy routines open their window with stac. */
extern uint8_t x86_smap_on;

struct tss;
struct arch_thread;
/* One per CPU (thread.c: x86_percpus[i] for struct cpu cpus[i]); GS_BASE
 * holds its address while the CPU runs kernel code. */
struct x86_percpu {
	uint64_t kstack_top;       /* PERCPU_KSTACK */
	uint64_t user_rsp;         /* PERCPU_USER_RSP */
	struct cpu *core;          /* PERCPU_CORE: the portable per-CPU data (<arch/percpu.h>) */
	struct x86_percpu *self;   /* PERCPU_SELF */
	unsigned index;
	uint32_t apic_id;
	struct tss *tss;                  /* gdt.c: this CPU's TSS */
	struct arch_thread *fpu_owner;    /* whose FP state is in this CPU's registers */
	/* mmu.c: the user space in CR3 (id 0: none), and TLB shootdowns */
	uint32_t space_id;
	uint64_t space_root;
	bool tlb_online;                  /* answers shootdowns: kernel flushes reach it */
	uint32_t tlb_pending;             /* a request to flush (atomics) */
	uint32_t idle_state;              /* IDLE_*: halted in arch_idle, a flush deferred */
};
#define IDLE_AWAKE    0
#define IDLE_HALTED   1
#define IDLE_FLUSH    2               /* with IDLE_HALTED: flush everything on waking */
#define X86_MAX_CPUS 16               /* = MAX_CPUS (cpu.h; checked in smp.c) */
extern struct x86_percpu x86_percpus[X86_MAX_CPUS];
/* How many CPUs have turned tlb_online on (each counts itself first): with
 * one, a shootdown has nobody to ask (mmu.c). */
extern uint32_t x86_tlb_cpus;

static inline struct x86_percpu *this_x86(void)
{
	struct x86_percpu *p;
	__asm__ volatile("mov %%gs:24, %0" : "=r"(p));
	return p;
}

/* The boot sequence after head.S, in the order x86_boot_main calls them;
 * the per-CPU steps again on every other CPU (smp.c: x86_ap_main). */
void cpu_probe(void);        /* cpu.c: CPUID, then CR4 protection bits */
void fpu_init(void);         /* thread.c: SSE on, the clean FP state */
void fpu_cpu_init(void);     /* thread.c: the clean FP state on another CPU */
void gdt_init(unsigned cpu); /* gdt.c: this CPU's GDT, TSS, IST stacks */
bool gdt_alloc_ist(unsigned cpu);   /* gdt.c: (boot CPU) another CPU's IST stacks */
void idt_init(void);         /* traps.c: exception and interrupt vectors */
void idt_load(void);         /* traps.c: the same IDT on another CPU */
void syscall_init(unsigned cpu);  /* thread.c: GS per-CPU area, STAR/LSTAR/FMASK */
void pic_disable(void);      /* cpu.c: remap and mask both 8259s */
void x86_boot_warnings(void);  /* setup.c: what boot-record parsing left to say */
/* From arch_platform_init, once ioremap works: */
void acpi_init(uint64_t rsdp_pa);  /* acpi.c: the MADT -> LAPIC/IOAPIC addresses */
void lapic_init(void);       /* lapic.c: enable, calibrate the timer and TSC */
void ioapic_init(void);      /* ioapic.c: every pin masked */
void x86_keyboard_init(void);   /* console.c: the i8042 and its IRQ 1 */

/* setup.c: the first MiB is reserved and the trampoline's pages are RAM */
extern bool x86_trampoline_ok;

/* gdt.c: the stack a trap from user mode switches to, on this CPU. */
void tss_set_rsp0(uint64_t rsp0);

/* acpi.c: what the MADT said (zeros if there is none). */
#define MADT_MAX_CPUS 64
struct madt_info {
	bool found;
	uint64_t lapic_pa;
	uint64_t ioapic_pa;
	uint32_t ioapic_gsi_base;
	/* ISA IRQ -> GSI and its polarity/trigger (from source overrides). */
	struct { uint32_t gsi; bool active_low, level; } isa[16];
	/* The enabled processors' APIC ids (local APIC and x2APIC entries),
	 * in table order; ncpus_listed counts those that did not fit. */
	uint32_t cpu_apic_ids[MADT_MAX_CPUS];
	unsigned ncpus, ncpus_listed;
};
extern struct madt_info x86_madt;
/* PCI Express configuration space (ECAM) from ACPI's MCFG, segment 0. */
struct mcfg_info {
	bool found;
	uint64_t base;
	unsigned bus_first, bus_last;
};
extern struct mcfg_info x86_mcfg;
void pci_x86_probe(void);     /* pci_host.c */
void cmos_rtc_init(void);     /* cmos_rtc.c */
void msi_dispatch(unsigned i); /* msi.c: vector VEC_MSI_BASE + i */

/* acpi.c: how to enter the soft-off state S5 (arch_power_off): write
 * SLP_TYP << 10 | SLP_EN to the PM1 control ports. */
struct acpi_s5 {
	bool found;
	uint16_t pm1a_cnt, pm1b_cnt;
	uint16_t slp_typ_a, slp_typ_b;
};
extern struct acpi_s5 x86_acpi_s5;

/* lapic.c */
void lapic_eoi(void);
void lapic_error(void);
uint32_t lapic_id(void);
extern uint64_t x86_tsc_hz;
bool lapic_x2apic(void);
void lapic_ap_init(void);          /* another CPU: its APIC on, as the boot CPU's */
void lapic_timer_start(void);      /* this CPU's periodic tick at arch_timer_init's rate */
void lapic_timer_mask(bool masked);
/* Send an interrupt command: ICR low word (vector, delivery mode, level)
 * to the APIC with this id.  false if the APIC never took it. */
bool lapic_send(uint32_t apic_id, uint32_t icr_low);
void x86_delay_us(uint64_t us);    /* busy wait on the calibrated TSC */

/* mmu.c: TLB shootdowns.  This CPU answers a pending request (from the
 * VEC_TLB interrupt or arch_smp_poll). */
void x86_tlb_answer(void);
/* mmu.c: this CPU halts in arch_idle / has woken up (from an interrupt or
 * the halt): a shootdown meanwhile was deferred to the wake-up. */
void x86_idle_enter(void);
static inline void x86_idle_exit(void)
{
	void x86_idle_wake(void);
	if (__atomic_load_n(&this_x86()->idle_state, __ATOMIC_RELAXED) != IDLE_AWAKE)
		x86_idle_wake();
}
/* smp.c: what bring-up and shootdowns cost (TSC ticks), for the log */
struct x86_smp_stats { uint64_t start_tsc, shootdowns, shootdown_tsc, deferred; };
extern struct x86_smp_stats x86_smp_stats;
/* ioapic.c: route ISA IRQ irq to vector VEC_ISA_BASE + irq on this CPU and
 * unmask it; handler runs (interrupts off) each time, then the EOI is sent.
 * 0, or -1 without an IOAPIC. */
int ioapic_route_isa(unsigned irq, void (*handler)(void *), void *arg);
void ioapic_dispatch(unsigned isa_irq);

/* uaccess.S / traps.c: the exception-fixup table. */
struct extable_entry {
	uint64_t insn, fixup;
};
extern const struct extable_entry __extable_start[], __extable_end[];

/* thread.c: the running thread's FP/SIMD registers as a 16-byte aligned
 * FXSAVE image (signal frames).  load NULL = the clean initial state;
 * sanitize clears MXCSR bits this CPU lacks (fxrstor would fault). */
void x86_fpu_save_current(void *fx);
void x86_fpu_load_current(const void *fx);
void x86_fpu_sanitize(uint8_t *fx);

/* syscall.S */
void x86_syscall_entry(void);
/* traps.c: last checks before a frame goes back to user mode */
void x86_user_return_check(struct arch_regs *r);

/* mmu.c: CR3 was loaded with a root that is not a user space. */
void x86_uspace_forget(void);

/* vectors.S: one stub per vector (exceptions and interrupts), in order. */
extern const uint64_t x86_exception_stubs[256];
struct arch_regs;
void x86_trap(struct arch_regs *r);   /* traps.c: called by every stub */

/* head.S: the boot stack and the unmapped guard page below it. */
extern char boot_stack_guard[], boot_stack_top[];

#endif /* __ASSEMBLER__ */
#endif

/* The one header through which the portable core (kernel/, mm/, drivers/)
 * reaches the machine.  Each architecture implements every function here in
 * arch/<arch>/ (except the groups marked as provided only by an arch with
 * that hardware) and provides <arch/layout.h> (address-space constants),
 * <arch/regs.h> (struct arch_regs, the saved register state of a trap or of
 * panic(), and the inline system-call register accessors) and <arch/pte.h>
 * (the inline page-table entry decoders).  Nothing else in the core includes
 * an arch/ header.
 */
#ifndef RINGEL_ARCH_H
#define RINGEL_ARCH_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <arch/layout.h>
#include <arch/regs.h>

struct boot_info;

/* ---------------------------------------------------------------- boot
 * The arch entry code calls kmain() once, on the boot CPU, with:
 *  - the MMU on and the kernel image running at its link address in the top
 *    2 GiB (KERNEL_IMAGE_BASE), stack set up, interrupts masked;
 *  - exception vectors installed: any fault in the kernel ends in
 *    panic_regs() with the saved registers;
 *  - an early direct map: phys_to_virt(pa) works for the kernel image and the
 *    boot record / DTB (and, on x86-64, everything below 4 GiB);
 *  - bi filled from the boot protocol (Multiboot2 or device tree);
 *  - kernel_phys_base set: the physical address of _kernel_start.
 * If the boot record is unusable the arch calls boot_fail() instead. */
__attribute__((__noreturn__)) void kmain(struct boot_info *bi);
extern uint64_t kernel_phys_base;

/* Called first thing in kmain: register consoles that need no page tables
 * (x86-64: COM1 by port I/O; AArch64: nothing). */
void arch_early_console_init(void);
/* Called once the final kernel page tables are live and the device tree (if
 * any) has been searched for a console: anything left for this arch
 * (x86-64: nothing more for now). */
void arch_platform_init(struct boot_info *bi);
/* Start the devices only firmware tables describe, once the VFS is up
 * (x86-64: the CMOS clock, PCI through ACPI's MCFG or port I/O); the device
 * tree's are started by drivers/devices.c.  AArch64: nothing. */
void arch_probe_devices(void);
/* A message-signalled interrupt for a PCI device: when the device writes
 * *data to *addr, fn(arg) runs (interrupts off, the EOI sent after).  0, or
 * -1 if the arch has none left or none at all. */
int arch_msi_alloc(void (*fn)(void *), void *arg, uint64_t *addr, uint32_t *data);
/* Write a character somewhere a human may see it when no console has been
 * registered yet (panic or boot_fail before the console exists).  x86-64:
 * COM1; AArch64: semihosting if the debugger/QEMU answers, else nothing. */
void arch_last_resort_putc(char c);

/* ---------------------------------------------------------------- page tables
 * Four levels of 512 entries on both arches (x86-64 4-level paging, AArch64
 * 4 KiB granule with 48-bit VAs).  Level 3 is the root (PML4 / L0), level 0
 * holds 4 KiB pages; a leaf at level 1 is a 2 MiB block, at level 2 1 GiB.
 * The portable walker in mm/pgtable.c builds tables from these encoders. */
typedef uint64_t pte_t;
#define PT_LEVELS 4
#define PT_ENTRIES 512

/* Access flags of a mapping, arch-neutral. */
#define VM_READ   0x01u
#define VM_WRITE  0x02u
#define VM_EXEC   0x04u
#define VM_USER   0x08u
#define VM_DEVICE 0x10u   /* uncached, for MMIO */

pte_t arch_pte_table(uint64_t table_pa);
pte_t arch_pte_leaf(uint64_t pa, unsigned vm_flags, unsigned level);
/* arch_pte_valid(e), arch_pte_is_table(e, level) (a next-level table, not a
 * block) and arch_pte_pa(e, level): static inline in <arch/pte.h>, the
 * walker decodes every entry with them. */
#include <arch/pte.h>
/* VM_* flags of a valid leaf, for dumps and self-tests */
unsigned arch_pte_flags(pte_t e, unsigned level);
/* May a leaf (block) be placed at this level? level 1 and 2 only. */
bool arch_pt_block_ok(unsigned level);
/* Make root_pa the kernel half's top-level table.  On x86-64 the same table
 * is loaded into CR3; on AArch64 into TTBR1_EL1 (TTBR0 then maps nothing). */
void arch_pt_activate_kernel(uint64_t root_pa);
void arch_tlb_flush_page(uintptr_t va);
void arch_tlb_flush_all(void);
/* Make page-table writes visible to the table walker before the new
 * mappings are used (AArch64: dsb ishst; isb.  x86-64: nothing). */
void arch_pt_sync(void);

/* Write back and drop the data cache lines over [p, p+n): memory a device
 * reads and then writes without snooping the CPU's caches (the Raspberry
 * Pi's VideoCore mailbox).  x86-64: nothing, its DMA is coherent. */
void arch_dcache_flush(const void *p, size_t n);
/* ---------------------------------------------------------------- cpu */
__attribute__((__noreturn__)) void arch_halt(void);     /* interrupts off, stop forever */
/* End the machine with a pass/fail status for the test harness (QEMU
 * isa-debug-exit on x86-64, semihosting SYS_EXIT on AArch64); where that is
 * not available, print that fact and halt. */
__attribute__((__noreturn__)) void arch_test_exit(bool pass);
/* reboot(2): switch the machine off (ACPI S5, PSCI SYSTEM_OFF) or reset it;
 * where the firmware gives no way, print so and halt. */
__attribute__((__noreturn__)) void arch_power_off(void);
__attribute__((__noreturn__)) void arch_reboot(void);
void arch_irq_disable(void);
/* Fill r with the caller's registers (pc, sp, frame pointer at least). */
void arch_save_regs(struct arch_regs *r);
void arch_print_regs(const struct arch_regs *r);
uintptr_t arch_regs_pc(const struct arch_regs *r);
uintptr_t arch_regs_fp(const struct arch_regs *r);
/* "x86-64" / "AArch64" and the privilege level the kernel runs at,
 * as the hardware names it ("ring 0", "EL1"). */
const char *arch_name(void);
const char *arch_privilege_name(void);
/* A short description of the CPU for the boot banner (vendor, features). */
void arch_describe_cpu(char *buf, size_t len);


/* ================================================================ user space
 * Everything below serves processes: time and interrupts, traps from user
 * mode, entering and leaving user mode, user address spaces, signal frames.
 * <arch/regs.h> also defines:
 *   struct arch_context  registers a kernel thread keeps across
 *                        arch_context_switch (callee-saved, sp, pc)
 *   struct arch_thread   per-thread machine state that is not in the trap
 *                        frame: FP/SIMD registers, TLS base (FS / TPIDR_EL0)
 * (The Linux structures whose layout differs per arch, struct linux_stat and
 * the O_ flags, are in the uapi headers: arch/<arch>/include/uapi/arch/.) */
struct arch_context;
struct arch_thread;

/* ---------------------------------------------------------------- interrupts, time */
unsigned long arch_irq_save(void);          /* disable, return the previous state */
void arch_irq_restore(unsigned long state);
void arch_irq_enable(void);
/* Enable interrupts and wait for one; returns after it was handled (the
 * idle loop).  Interrupts are disabled again on return. */
void arch_idle(void);
/* Start the periodic timer: timer_tick() is then called hz times a second
 * from the timer interrupt (console input is polled from there for now). */
void arch_timer_init(unsigned hz);
uint64_t arch_clock_ns(void);               /* monotonic nanoseconds since boot */
uint64_t arch_cycle_counter(void);          /* TSC / CNTVCT: for benchmarks */

/* Called BY the arch (implemented in the portable core): */
struct trap_info;
void timer_tick(struct arch_regs *regs);             /* kernel/proc/sched.c */
void trap_handle(struct arch_regs *regs, const struct trap_info *ti);  /* kernel/trap.c */
void syscall_handle(struct arch_regs *regs);         /* kernel/syscall.c */
/* Last thing before any return to user mode (after a syscall, trap or
 * interrupt that came from user mode): delivers signals, reschedules.
 * May not return (the process died). */
void return_to_user_work(struct arch_regs *regs);    /* kernel/proc/signal.c */

/* What kind of trap, in terms the portable handler decides on. */
enum trap_kind {
	TRAP_PAGE_FAULT,     /* addr, access, present */
	TRAP_ILLEGAL,        /* undefined instruction -> SIGILL */
	TRAP_PRIVILEGED,     /* privileged instruction or register -> SIGILL or SIGSEGV (sig) */
	TRAP_ALIGNMENT,      /* -> SIGBUS */
	TRAP_BREAKPOINT,     /* -> SIGTRAP */
	TRAP_ARITHMETIC,     /* divide error -> SIGFPE */
	TRAP_PROTECTION,     /* x86 #GP etc. with no better description -> SIGSEGV */
	TRAP_OTHER,          /* anything else: from user SIGSEGV, from kernel panic */
};
struct trap_info {
	enum trap_kind kind;
	const char *what;    /* "general protection fault", "undefined instruction"... */
	uintptr_t addr;      /* faulting data address (page fault, alignment), else 0 */
	unsigned access;     /* VM_READ / VM_WRITE / VM_EXEC of a page fault */
	bool present;        /* the page was mapped: a protection fault */
	int sig;             /* the signal the arch suggests (SIGSEGV, SIGILL, ...) */
};

bool arch_regs_user_mode(const struct arch_regs *r);
/* The privilege level saved in a trap frame, as the hardware names it
 * ("ring 3" / "EL0" for a frame from user mode): for /proc/privilege. */
const char *arch_regs_privilege_name(const struct arch_regs *r);
/* arch_syscall_nr(r), arch_syscall_args(r) (a pointer to the six argument
 * words, in place in the frame), arch_syscall_set_return(r, v): static
 * inline in <arch/regs.h>, read on every system call. */
/* A fault in kernel mode: if the faulting pc is inside a user-access
 * routine, redirect it to that routine's error exit and return true. */
bool arch_fixup_exception(struct arch_regs *r);

/* ---------------------------------------------------------------- user memory
 * The only way the kernel touches user memory.  The portable wrappers
 * (kernel/uaccess.c) check the range lies in [USER_BASE, USER_TOP) first;
 * these open the SMAP/PAN window, copy, and return 0, or -1 on a fault. */
int arch_copy_from_user(void *dst, const void *usrc, size_t n);
int arch_copy_to_user(void *udst, const void *src, size_t n);

/* ---------------------------------------------------------------- threads */
/* Save the running thread's callee-saved registers and sp into *save, load
 * *load's, and continue where that thread called arch_context_switch (or at
 * its entry function for a new one). */
void arch_context_switch(struct arch_context *save, const struct arch_context *load);
/* A new kernel thread that will run fn(arg) on the stack below stack_top;
 * fn must never return. */
void arch_context_init(struct arch_context *c, uintptr_t stack_top,
		       void (*fn)(void *), void *arg);
/* A fresh user register state for execve: pc = entry, sp = user stack,
 * user mode, interrupts on, everything else zero. */
void arch_regs_init_user(struct arch_regs *r, uintptr_t entry, uintptr_t sp);
void arch_regs_set_sp(struct arch_regs *r, uintptr_t sp);           /* clone's new stack */
/* Return to user mode with the registers in *r, which lie at the top of
 * the current kernel stack, r == (struct arch_regs *)kstack_top - 1: that is
 * where every trap and syscall from user mode must save them. */
__attribute__((__noreturn__)) void arch_return_to_user(struct arch_regs *r);
/* Per-thread machine state (FP/SIMD, TLS register): */
void arch_thread_init(struct arch_thread *t);                        /* clean state for exec */
void arch_thread_copy(struct arch_thread *dst, const struct arch_thread *src);  /* fork */
/* NULL when every protection switch the kernel turned on at boot is still
 * on (x86-64: CR0.WP, EFER.NXE, SMEP/SMAP where present; AArch64: the MMU,
 * EL0 kept from masking interrupts, PAN where present); else the name of
 * the first one found off.  The self-tests ask. */
const char *arch_protection_missing(void);
/* The names of those switches on this CPU, for the boot log
 * (kernel/protection.c): "CR0.WP EFER.NXE CR4.SMEP CR4.SMAP". */
const char *arch_protection_names(void);
/* clone's fourth and fifth arguments: (ctid, tls) on x86-64, (tls, ctid)
 * on arm64 and most others.  The arch says which is which. */
void arch_clone_args(uintptr_t a3, uintptr_t a4, uintptr_t *ctid, uintptr_t *tls);
/* CLONE_SETTLS: the new thread's TLS register (FS base / TPIDR_EL0).
 * 0, or -EPERM for a value the register cannot hold (x86-64: not a user
 * address), as Linux answers. */
int arch_thread_set_tls(struct arch_thread *t, uintptr_t tls);
/* Called on every switch, before arch_context_switch: save prev's state,
 * load next's, and make next's kernel stack the one traps from user mode
 * land on (x86 TSS.rsp0; AArch64: the stack the EL0 vectors switch to).
 * prev == next (exec) means: load next's state, save nothing. */
void arch_thread_switch(struct arch_thread *prev, struct arch_thread *next,
			uintptr_t next_kstack_top);

/* ---------------------------------------------------------------- user address spaces
 * A user root table maps the lower half.  On x86-64 it is also the CR3 of the
 * process, so the kernel half's top-level entries are copied into it (they
 * never change after boot: kmap_init creates them all up front); on AArch64
 * it goes in TTBR0_EL1 and the kernel half stays in TTBR1_EL1. */
void arch_pt_user_root_init(uint64_t root_pa);
/* Make this user root current; id is unique per address space (never
 * reused while it lives) so AArch64 can manage ASIDs.  root_pa 0: no user
 * space (a process is being torn down): x86 loads the kernel root, AArch64
 * an empty TTBR0. */
void arch_uspace_activate(uint64_t root_pa, uint32_t id);
void arch_uspace_flush_page(uint32_t id, uintptr_t va);
void arch_uspace_flush_all(uint32_t id);
/* Number of top-level entries that translate the user half (x86-64 256,
 * AArch64 512). */
unsigned arch_pt_user_root_entries(void);

/* ---------------------------------------------------------------- signals
 * Linux-compatible signal frames (rt_sigframe: siginfo + ucontext), so real
 * Linux static binaries can use signals.  struct k_sigaction and struct
 * linux_siginfo are in <uapi/sigaction.h> (same layout on both arches). */
struct k_sigaction;
struct linux_siginfo;
/* Push a frame on the user stack (or the alternate stack), point the
 * registers at the handler with (sig, &info, &uc) as arguments and the
 * return address at restorer.  0, or -1 if the stack is not writable. */
int arch_signal_push_frame(struct arch_regs *r, int sig, const struct k_sigaction *ka,
			   const struct linux_siginfo *info, uint64_t blocked_mask,
			   uintptr_t restorer);
/* rt_sigreturn: restore registers and the signal mask saved by
 * arch_signal_push_frame.  0, or -1 if the frame is bad. */
int arch_signal_pop_frame(struct arch_regs *r, uint64_t *blocked_mask);
/* The bytes of a user-mode "call rt_sigreturn" sequence, placed by the core
 * in a read-only executable page of every process (used when a handler has
 * no SA_RESTORER). */
const void *arch_sigreturn_code(size_t *len);

/* ---------------------------------------------------------------- programs */
uint16_t arch_elf_machine(void);        /* EM_X86_64 (62) / EM_AARCH64 (183) */
uint64_t arch_elf_hwcap(void);          /* AT_HWCAP */
const char *arch_uname_machine(void);   /* "x86_64" / "aarch64" */

/* ---------------------------------------------------------------- CPUs (SMP)
 * The core numbers CPUs 0..ncpus-1 (kernel/include/cpu.h), the boot CPU 0;
 * the arch keeps its own map from index to hardware id (APIC id, MPIDR).
 * <arch/percpu.h> defines, static inline:
 *   struct cpu *arch_this_cpu(void)  the running CPU's struct cpu in O(1)
 *                   (x86-64 through GS, AArch64 TPIDR_EL1), read anew at
 *                   every use (a thread may move to another CPU);
 *   void arch_cpu_relax(void)        the spin-wait hint (pause / yield). */
struct cpu;
#include <arch/percpu.h>
/* Make c the running CPU's struct cpu: by the core, on each CPU, before
 * anything reads it (boot CPU: first thing in kmain; the others: first
 * thing in smp_secondary_main). */
void arch_set_this_cpu(struct cpu *c);
/* Find the other CPUs at run time (x86-64: the ACPI MADT's enabled LAPIC /
 * x2APIC entries; AArch64: the device tree's cpu nodes and their
 * enable-method, psci or spin-table) and start at most max - 1 of them.
 * For each, idx = the next free index, sp = smp_prepare_cpu(idx); the CPU
 * then runs smp_secondary_main(idx) on stack sp with interrupts masked, the
 * kernel's page tables, the exception vectors and all of its own arch
 * state set up as the boot CPU's (x86-64: GDT, TSS and IST stacks, IDT,
 * syscall MSRs, GS per-CPU area, CR0/CR4/EFER bits, LAPIC on; AArch64:
 * SCTLR/TCR/MAIR, VBAR, CPACR, PAN, the interrupt controller's per-CPU
 * part).  A CPU that does not arrive within a bounded wait is reported in
 * one line and skipped (its index is reused).  Returns the number of CPUs
 * running, the boot CPU included.  Called once by kmain with interrupts
 * off, after arch_timer_init. */
unsigned arch_smp_start(unsigned max);
/* On a secondary CPU: start its periodic timer at the rate arch_timer_init
 * was given; each tick calls timer_tick() there. */
void arch_cpu_timer_start(void);
/* Interrupt CPU idx (it may be idle in arch_idle: it wakes); there the
 * arch calls ipi_handle(), without the kernel lock. */
void arch_ipi_send(unsigned idx);
/* Called by the core while it spins with interrupts off (for the kernel
 * lock, or stopped by a panic): do now whatever another CPU may be waiting
 * for from this one (x86-64: a pending TLB shootdown). */
void arch_smp_poll(void);
/* With several CPUs running, arch_tlb_flush_page/_all and
 * arch_uspace_flush_page/_all take effect on every CPU that may hold the
 * entry before they return (x86-64: IPIs to those CPUs, answered without
 * the kernel lock; AArch64: inner-shareable broadcast TLBI), and
 * arch_uspace_activate works per CPU. */
/* Called BY the arch (kernel/smp.c): */
uintptr_t smp_prepare_cpu(unsigned idx);     /* idle thread; returns its stack top */
__attribute__((__noreturn__)) void smp_secondary_main(unsigned idx);
void ipi_handle(void);                        /* from the IPI interrupt */
/* Device interrupt handlers run under the kernel lock: the arch's dispatch
 * (x86-64 interrupt(), AArch64 irq_dispatch) takes it around them with
 * kernel_lock()/kernel_unlock() (cpu.h); timer_tick takes it itself. */

/* ---------------------------------------------------------------- GIC CPU interface
 * The interrupt-controller CPU-interface hooks: only an arch whose
 * interrupt controller is an Arm GIC provides them (AArch64, in
 * arch/aarch64/gic_cpuif.c), and only the drivers that arch carries
 * (drivers/irqchip/) call them.  A GICv3's CPU interface is system
 * registers, not MMIO, so its portable driver (gicv3.c) reaches them here.
 * enable returns false if the registers cannot be used (ICC_SRE_EL1.SRE
 * stays 0). */
bool arch_gic_cpuif_enable(void);
void arch_gic_cpuif_set_pmr(uint32_t v);        /* ICC_PMR: priority mask */
void arch_gic_cpuif_set_bpr1(uint32_t v);       /* ICC_BPR1: binary point */
void arch_gic_cpuif_set_grpen1(uint32_t v);     /* ICC_IGRPEN1: group 1 on/off */
uint32_t arch_gic_cpuif_ack1(void);             /* ICC_IAR1: acknowledge */
void arch_gic_cpuif_eoi1(uint32_t v);           /* ICC_EOIR1: end of interrupt */
void arch_gic_cpuif_sgi1(uint64_t v);           /* ICC_SGI1R: send a group-1 SGI */
/* This CPU's affinity, Aff3.Aff2.Aff1.Aff0 as four bytes (Aff3 highest):
 * how GICv3 routing names a CPU; the BCM2836 per-core controller takes
 * the core number from Aff0. */
uint32_t arch_gic_cpu_affinity(void);

#endif

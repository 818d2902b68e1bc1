/* Declarations shared inside arch/aarch64 (not part of the arch.h contract). */
#ifndef AARCH64_PRIVATE_H
#define AARCH64_PRIVATE_H
#include <stdbool.h>
#include <stdint.h>
#include <arch/regs.h>

struct boot_info;
struct aarch64_smp_slot;

#define read_sysreg(name) ({ uint64_t v_; __asm__ volatile("mrs %0, " #name : "=r"(v_)); v_; })
#define write_sysreg(name, v) __asm__ volatile("msr " #name ", %0" : : "r"((uint64_t)(v)) : "memory")
#define isb() __asm__ volatile("isb" : : : "memory")

/* head.S */
void aarch64_switch_ttbr1(uint64_t root_pa, uint64_t idmap_pa, uint64_t low_pa);
extern char aarch64_ttbr1_switch_low[];
extern char aarch64_early_idmap[];
extern char aarch64_stack_guard[];
/* vectors.S / traps.c */
extern char aarch64_vectors[];
void aarch64_trap(struct arch_regs *regs, unsigned kind);
/* setup.c */
void aarch64_boot(uint64_t dtb_pa, uint64_t dtb_mapped, uint64_t phys_base, unsigned entry_el);
/* semihosting.c */
bool semihosting_available(void);
bool semihosting_probe_fault(struct arch_regs *regs);
void semihosting_putc(char c);
void semihosting_exit(unsigned code);
/* cpu.c */
unsigned aarch64_current_el(void);
void aarch64_cpu_init(void);           /* EL0 controls, FP/SIMD, PAN */
extern bool aarch64_has_pan;
/* traps.c */
void aarch64_el0_trap(struct arch_regs *regs, unsigned kind);
/* irq.c: find and start the interrupt controller; every IRQ, from EL0 or
 * EL1, goes to aarch64_irq */
struct dt;
void aarch64_irq_init(const struct boot_info *bi);
void aarch64_irq(struct arch_regs *regs);
/* The device tree the controller was found in (for the timer's interrupt),
 * or NULL when no controller was started. */
const struct dt *aarch64_irq_dt(void);
/* timer.c */
void aarch64_clock_init(void);         /* time zero: as early as possible */
/* psci.c: CPU_ON (0 or a PSCI error, negative) */
#define PSCI_NO_CONDUIT (-100)
int64_t psci_cpu_on(uint64_t mpidr, uint64_t entry_pa, uint64_t context);
const char *psci_strerror(int64_t err);
/* smp.c, head.S: the secondary CPUs' way in (smp.h) */
extern char aarch64_secondary_entry[];
void aarch64_secondary_main(struct aarch64_smp_slot *slot);
/* Each CPU's exception stack top (SP_EL1 while the kernel runs), by cpu.h's
 * index: vectors.S reloads SP_EL1 from it on every trap from EL0. */
extern uintptr_t aarch64_exc_stack_tops[];
/* mmu.c */
void aarch64_asid_init(void);
/* switch.S, vectors.S */
struct arch_thread;
void aarch64_fpsimd_save(struct arch_thread *t);
void aarch64_fpsimd_load(const struct arch_thread *t);
void aarch64_thread_start(void);
__attribute__((__noreturn__)) void aarch64_enter_user(struct arch_regs *r);
/* thread.c */
struct arch_thread *aarch64_live_thread(void);   /* whose FP/SIMD state the CPU holds */
#endif

/* The one header through which the portable core (kernel/, mm/, drivers/)
 * reaches the machine.  Each architecture implements every function here in
 * arch/<arch>/ and provides <arch/layout.h> (address-space constants) and
 * <arch/regs.h> (struct arch_regs, the saved register state of a trap or of
 * panic()).  Nothing else in the core includes an arch/ header.
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
bool arch_pte_valid(pte_t e);
/* true if e (found at 'level' > 0) points to a next-level table rather than
 * being a block */
bool arch_pte_is_table(pte_t e, unsigned level);
uint64_t arch_pte_pa(pte_t e, unsigned level);
/* VM_* flags of a valid leaf, for dumps and self-tests */
unsigned arch_pte_flags(pte_t e, unsigned level);
/* May a leaf (block) be placed at this level? level 1 and 2 only. */
bool arch_pt_block_ok(unsigned level);
/* Make root_pa the kernel half's top-level table.  On x86-64 the same table
 * is loaded into CR3; on AArch64 into TTBR1_EL1 (TTBR0 then maps nothing). */
void arch_pt_activate_kernel(uint64_t root_pa);
void arch_tlb_flush_page(uintptr_t va);
void arch_tlb_flush_all(void);

/* ---------------------------------------------------------------- cpu */
__attribute__((__noreturn__)) void arch_halt(void);     /* interrupts off, stop forever */
/* End the machine with a pass/fail status for the test harness (QEMU
 * isa-debug-exit on x86-64, semihosting SYS_EXIT on AArch64); where that is
 * not available, print that fact and halt. */
__attribute__((__noreturn__)) void arch_test_exit(bool pass);
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

#endif

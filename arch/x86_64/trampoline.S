/* Where the other CPUs start: a STARTUP IPI (smp.c) makes a CPU begin in
 * 16-bit real mode at CS:IP = (vector << 8):0, i.e. at the physical page
 * TRAMPOLINE_PA.  This file is assembled into the kernel image as a blob
 * (x86_trampoline .. x86_trampoline_end) that smp.c copies there; every
 * address in it is computed for that place (TADDR), none for the link
 * address.  The boot CPU writes the parameters (TRAMP_PARAMS, x86.h) and
 * the page tables in the three pages after the code before each start.
 *
 * The way up, as the boot CPU's (head.S) but from real mode:
 *   1. 16-bit: note that this CPU is alive, load the trampoline's GDT, set
 *      CR0.PE, far-jump to 32-bit code;
 *   2. 32-bit: PAE, CR3 = the trampoline's own PML4 (below 4 GiB, which
 *      the kernel root need not be), EFER.LME (and NXE: the kernel's
 *      entries have NX bits), paging on, far-jump to 64-bit code;
 *   3. 64-bit, still in the low page: jump to x86_ap_entry64 in the kernel
 *      image, reachable because the trampoline's PML4 copies the kernel
 *      half of the kernel root; the low page is identity-mapped by its
 *      lower half (one 2 MiB page at 0, not user-accessible).
 *   4. x86_ap_entry64 (kernel text): check that this CPU is the one the
 *      boot CPU waits for (a CPU given up on that arrives late halts),
 *      load the kernel root into CR3, take the stack smp_prepare_cpu gave,
 *      call x86_ap_main(index).
 */
#include <arch/layout.h>
#include "x86.h"

#define TADDR(sym) (TRAMPOLINE_PA + (sym) - x86_trampoline)
#define PARAM(off) (TRAMPOLINE_PA + TRAMP_PARAMS + (off))

/* The trampoline GDT's selectors. */
#define TR_CODE32 0x08
#define TR_DATA   0x10
#define TR_CODE64 0x18

	.section .rodata.x86_trampoline, "a"
	.balign 16
	.globl x86_trampoline
x86_trampoline:
	.code16
	cli
	cld
	xor %ax, %ax
	mov %ax, %ds
	movl $1, PARAM(TP_ALIVE)
	lgdtl TADDR(tr_gdt_ptr)
	mov %cr0, %eax
	or $CR0_PE, %eax
	mov %eax, %cr0
	ljmpl $TR_CODE32, $TADDR(tr_start32)

	.code32
tr_start32:
	mov $TR_DATA, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	mov %eax, %fs
	mov %eax, %gs
	mov $CR4_PAE, %eax
	mov %eax, %cr4
	mov PARAM(TP_CR3_LOW), %eax
	mov %eax, %cr3
	mov $MSR_EFER, %ecx
	mov PARAM(TP_EFER), %eax
	xor %edx, %edx
	wrmsr
	mov $(CR0_PG | CR0_WP | CR0_NE | CR0_ET | CR0_MP | CR0_PE), %eax
	mov %eax, %cr0
	ljmp $TR_CODE64, $TADDR(tr_start64)

	.code64
tr_start64:
	movabs $x86_ap_entry64, %rax
	jmp *%rax

	.balign 16
tr_gdt:
	.quad 0
	.quad 0x00cf9a000000ffff   /* TR_CODE32: 32-bit code, ring 0 */
	.quad 0x00cf92000000ffff   /* TR_DATA: data, ring 0 */
	.quad 0x00af9a000000ffff   /* TR_CODE64: 64-bit code, ring 0 */
tr_gdt_end:
tr_gdt_ptr:
	.short tr_gdt_end - tr_gdt - 1
	.long TADDR(tr_gdt)
	.globl x86_trampoline_end
x86_trampoline_end:

/* ---------------------------------------------------------------- kernel text
 * Entered in 64-bit mode on the trampoline's tables, no stack yet,
 * interrupts off. */
	.text
	.globl x86_ap_entry64
	.type x86_ap_entry64, @function
x86_ap_entry64:
	/* Who am I: the x2APIC id (CPUID 0xb, edx) or the 8-bit id (CPUID 1,
	 * ebx[31:24]), as the boot CPU said to read it. */
	mov PARAM(TP_ID_LEAF), %eax
	xor %ecx, %ecx
	cmp $0xb, %eax
	je 1f
	mov $1, %eax
	cpuid
	shr $24, %ebx
	mov %ebx, %edx
	jmp 2f
1:	cpuid
2:	cmp PARAM(TP_APIC_ID), %edx
	jne 3f
	/* The parameters are read before CR3 changes: the kernel root does
	 * not map the low page. */
	mov PARAM(TP_STACK), %rsp
	mov PARAM(TP_INDEX), %rdi
	mov PARAM(TP_CR3), %rax
	mov %rax, %cr3
	xor %ebp, %ebp          /* the end of every backtrace */
	call x86_ap_main
3:	cli                     /* not the CPU expected: stay out of the way */
	hlt
	jmp 3b
	.size x86_ap_entry64, . - x86_ap_entry64

/* x86-64 entry: from GRUB's Multiboot2 hand-over to x86_boot_main() in C.
 *
 * GRUB loads kernel.elf at its physical (AT()) addresses from 1 MiB up and
 * jumps to _start32 in 32-bit protected mode with paging off, eax = the
 * Multiboot2 magic and ebx = the physical address of the boot record.  The
 * rest of the machine state is whatever the firmware and GRUB left: under
 * OVMF, CR0.WP, some CR4 bits and EFER.NXE are already set.  So every control
 * register written here is written whole, never read-modify-written.
 *
 * The sequence, and why:
 *   1. keep eax/ebx in registers: everything in memory we own is in .bss,
 *      which is zeroed next;
 *   2. zero .bss ourselves (the early page tables and the boot stack are in
 *      it: they must start out zero and nothing may live there yet);
 *   3. make sure the CPU can do long mode at all, else say so on COM1;
 *   4. build the early page tables (below) and turn on PAE + LME (+ NXE) +
 *      paging: the CPU is now in compatibility mode;
 *   5. far-jump through a 64-bit code segment of our own GDT: 64-bit mode,
 *      still at the low (identity-mapped) address;
 *   6. jump to the link address in the top 2 GiB, reload the data segments,
 *      move the stack to its higher-half address, call x86_boot_main().
 *
 * Everything here is linked in the higher half, so 32-bit code must use
 * PHYS(symbol): the physical address, which is where GRUB put it.
 */
#include <arch/layout.h>
#include <arch/regs.h>
#include "x86.h"

#define PHYS(sym) ((sym) - KERNEL_IMAGE_BASE)

#define MB2_HEADER_MAGIC 0xe85250d6
#define MB2_ARCH_I386    0
#define MB2_TAG_END          0
#define MB2_TAG_ENTRY        3
#define MB2_TAG_FRAMEBUFFER  5
#define MB2_TAG_MODULE_ALIGN 6
#define MB2_TAG_OPTIONAL     1   /* flags bit 0: boot even if the loader cannot honour it */

#define PTE_P  0x1
#define PTE_RW 0x2
#define PTE_PS 0x80
#define EARLY_PD_PAGES 4         /* 4 page directories of 512 x 2 MiB = 4 GiB */

/* ---------------------------------------------------------------- header
 * Its own input section so kernel.ld.S puts it first in .text: GRUB only
 * searches the first 32 KiB of the file, at 8-byte alignment. */
	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long MB2_HEADER_MAGIC
	.long MB2_ARCH_I386
	.long mb2_header_end - mb2_header
	.long 0x100000000 - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + (mb2_header_end - mb2_header))
	/* Entry address: the physical address of _start32.  (The ELF entry
	 * stays virtual: GRUB's ELF loader insists e_entry lies inside a
	 * segment's virtual range and translates it itself.) */
	.balign 8
	.short MB2_TAG_ENTRY
	.short 0
	.long 12
	.long PHYS(_start32)
	/* Page-align boot modules (the initrd, later) so they can be mapped. */
	.balign 8
	.short MB2_TAG_MODULE_ALIGN
	.short 0
	.long 8
	/* A linear framebuffer for the screen console, preferably 1024x768
	 * with 32-bit pixels (grub.cfg's gfxpayload says which modes GRUB
	 * tries).  Optional: without one GRUB leaves the text screen, which
	 * the kernel uses instead. */
	.balign 8
	.short MB2_TAG_FRAMEBUFFER
	.short MB2_TAG_OPTIONAL
	.long 20
	.long 1024
	.long 768
	.long 32
	.balign 8
	.short MB2_TAG_END
	.short 0
	.long 8
mb2_header_end:

/* ---------------------------------------------------------------- 32-bit */
	.section .text.boot, "ax"
	.code32
	.globl _start32
	.type _start32, @function
_start32:
	cli
	/* 1. The boot record stays in esi/ebp until the C call. */
	mov %eax, %esi
	mov %ebx, %ebp
	mov $PHYS(boot_stack_top), %esp
	pushl $0x2              /* EFLAGS: everything clear (DF, AC, IF...) */
	popfl

	/* 2. Zero .bss (page aligned at both ends in kernel.ld.S). */
	mov $PHYS(_bss_start), %edi
	mov $PHYS(_bss_end), %ecx
	sub %edi, %ecx
	shr $2, %ecx
	xor %eax, %eax
	rep stosl

	/* 3. CPUID exists if EFLAGS.ID can be flipped; long mode is
	 * CPUID 0x80000001 EDX bit 29.  NX (bit 20) decides EFER.NXE: setting
	 * NXE on a CPU without NX would fault. */
	pushfl
	pop %eax
	mov %eax, %ecx
	xor $(1 << 21), %eax
	push %eax
	popfl
	pushfl
	pop %eax
	push %ecx
	popfl
	cmp %eax, %ecx
	je no_long_mode
	mov $0x80000000, %eax
	cpuid
	cmp $0x80000001, %eax
	jb no_long_mode
	mov $0x80000001, %eax
	cpuid
	test $(1 << 29), %edx
	jz no_long_mode
	mov $EFER_LME, %edi     /* edi: the EFER value to load */
	test $(1 << 20), %edx
	jz 1f
	or $EFER_NXE, %edi
1:
	/* 4. Early page tables, all 2 MiB pages over the first 4 GiB:
	 *   PML4[0]   -> identity map, only needed until we run high;
	 *   PML4[256] -> the same PDPT: the early direct map at
	 *                DIRECT_MAP_BASE (0xffff800000000000), which the core
	 *                uses to read the boot record (phys_to_virt);
	 *   PML4[511] -> PDPT[510] -> the first PD: the kernel image window
	 *                0xffffffff80000000 -> physical 0 (1 GiB).
	 * The four PDs are shared by all three.  The core replaces these
	 * tables with its own (kmap_init) before it touches anything else. */
	mov $(PHYS(early_pdpt_low) + PTE_P + PTE_RW), %eax
	mov %eax, PHYS(early_pml4) + 0 * 8
	mov %eax, PHYS(early_pml4) + 256 * 8
	mov $(PHYS(early_pdpt_high) + PTE_P + PTE_RW), %eax
	mov %eax, PHYS(early_pml4) + 511 * 8

	mov $(PHYS(early_pd) + PTE_P + PTE_RW), %eax
	mov %eax, PHYS(early_pdpt_high) + 510 * 8
	mov $PHYS(early_pdpt_low), %ebx
	mov $EARLY_PD_PAGES, %ecx
2:	mov %eax, (%ebx)
	add $4096, %eax
	add $8, %ebx
	loop 2b

	mov $PHYS(early_pd), %ebx
	mov $(PTE_P + PTE_RW + PTE_PS), %eax
	mov $(EARLY_PD_PAGES * 512), %ecx
3:	mov %eax, (%ebx)        /* high dwords stay 0: all below 4 GiB */
	add $0x200000, %eax
	add $8, %ebx
	loop 3b

	/* CR4: PAE only (whatever else the firmware set is cleared; LA57 in
	 * particular must be off for 4-level tables).  Then the root, EFER,
	 * and CR0 with paging, write protection for ring 0, caches on. */
	mov $CR4_PAE, %eax
	mov %eax, %cr4
	mov $PHYS(early_pml4), %eax
	mov %eax, %cr3
	mov $MSR_EFER, %ecx
	mov %edi, %eax
	xor %edx, %edx
	wrmsr
	lgdt PHYS(boot_gdt_ptr)
	mov $(CR0_PG | CR0_WP | CR0_NE | CR0_ET | CR0_MP | CR0_PE), %eax
	mov %eax, %cr0

	/* 5. Into 64-bit mode. */
	ljmp $SEL_KCODE, $PHYS(start64_low)

/* No long mode: tell COM1 (GRUB set it up for us) and stop. */
no_long_mode:
	mov $PHYS(msg_no_long_mode), %ebx
1:	movb (%ebx), %ah
	test %ah, %ah
	jz 4f
	mov $(COM1 + 5), %dx    /* line status: wait for THR empty, bounded */
	mov $100000, %ecx
2:	in %dx, %al
	test $0x20, %al
	jnz 3f
	loop 2b
3:	mov $COM1, %dx
	mov %ah, %al
	out %al, %dx
	inc %ebx
	jmp 1b
4:	hlt
	jmp 4b
	.size _start32, . - _start32

/* ---------------------------------------------------------------- 64-bit */
	.code64
start64_low:
	/* 6. Running at the physical address; continue at the link address. */
	movabs $start64_high, %rax
	jmp *%rax

	.text
start64_high:
	mov $SEL_KDATA, %eax
	mov %eax, %ds
	mov %eax, %es
	mov %eax, %ss
	xor %eax, %eax
	mov %eax, %fs
	mov %eax, %gs
	lea boot_stack_top(%rip), %rsp
	mov %esi, %edi          /* x86_boot_main(magic, info_pa) */
	mov %ebp, %esi
	xor %ebp, %ebp          /* the end of every backtrace */
	call x86_boot_main
5:	cli
	hlt
	jmp 5b

/* ---------------------------------------------------------------- data */
	.section .rodata
msg_no_long_mode:
	.asciz "ringel: this CPU cannot run 64-bit code (no long mode); halted.\r\n"

/* Only until gdt_init() loads the real GDT; same kernel selectors. */
	.balign 16
boot_gdt:
	.quad 0
	.quad 0x00af9a000000ffff   /* SEL_KCODE: 64-bit code, ring 0 */
	.quad 0x00cf92000000ffff   /* SEL_KDATA: data, ring 0 */
boot_gdt_end:
boot_gdt_ptr:
	.short boot_gdt_end - boot_gdt - 1
	.quad PHYS(boot_gdt)

	.section .bss.boot, "aw", @nobits
	.balign 4096
early_pml4:
	.skip 4096
early_pdpt_low:
	.skip 4096
early_pdpt_high:
	.skip 4096
early_pd:
	.skip EARLY_PD_PAGES * 4096
/* The boot stack, with a page below it that arch_platform_init() unmaps so
 * an overflow faults (and, via the IST, panics) instead of corrupting. */
	.globl boot_stack_guard, boot_stack_top
boot_stack_guard:
	.skip 4096
	.skip 16384
boot_stack_top:

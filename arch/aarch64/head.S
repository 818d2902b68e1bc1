/* The AArch64 entry: a Linux arm64 Image header, then everything between the
 * boot loader's hand-over and the first C function.
 *
 * Loaders (QEMU -kernel, U-Boot booti, the Raspberry Pi firmware) place the
 * Image at a 2 MiB-aligned base + text_offset and enter here with the MMU
 * off, x0 = the device tree's physical address, at EL2 or EL1.  RAM may be
 * anywhere (0x40000000 on QEMU virt, 0 on the Pi), so until the MMU is on
 * this code uses PC-relative addressing only (adr, adrp) and finds where it
 * was loaded from its own PC.
 *
 * Steps: drop from EL2 to EL1; zero .bss; build early page tables in .bss
 * (TTBR0: identity map of the image, to survive turning the MMU on; TTBR1:
 * the image at its link address and the early direct map of the image and
 * the DTB, all 2 MiB blocks); MMU on; jump to the link address; stacks and
 * vectors; aarch64_boot(dtb_pa, dtb_mapped_bytes, kernel_phys_base, entry_el).
 *
 * Stacks: the kernel runs on SP_EL0 (PSTATE.SP = 0), so every exception taken
 * from the kernel switches to SP_EL1, a separate exception stack: a
 * kernel stack overflow still reaches panic() with a good stack.
 */
#include <arch/layout.h>
#include "sysreg.h"
#include "smp.h"

#define TEXT_OFFSET   KERNEL_TEXT_OFFSET
#define BLOCK_SIZE    0x200000          /* a level-2 block: 2 MiB */
#define EARLY_PT_PAGES 16
#define BOOT_STACK_SIZE (16 * 1024)
#define EXC_STACK_SIZE  (8 * 1024)
#define DTB_MAGIC_LE  0xedfe0dd0        /* 0xd00dfeed read little-endian */
#define DTB_MAX_MAP   (32 * 1024 * 1024)

/* Leave EL2 for EL1 at \target, interrupts masked: EL1 runs AArch64 and
 * nothing traps to EL2; no stage 2, no VHE.  The boot CPU and every
 * secondary CPU that starts at EL2 (the spin tables, PSCI with
 * virtualization) pass here.  Clobbers x0, x1. */
.macro el2_to_el1 target
	mov	x0, #HCR_EL2_RW
	msr	hcr_el2, x0
	isb
	mrs	x0, cnthctl_el2
	orr	x0, x0, #(CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN)
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	msr	vttbr_el2, xzr
	mov	x0, #CPTR_EL2_NOTRAP
	msr	cptr_el2, x0
	msr	hstr_el2, xzr
	/* EL1 reads MIDR/MPIDR through these: make them the real values. */
	mrs	x0, midr_el1
	msr	vpidr_el2, x0
	mrs	x0, mpidr_el1
	msr	vmpidr_el2, x0
	/* A GICv3 CPU interface: let EL1 use its system registers. */
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #24, #4               /* GIC */
	cbz	x0, 1f
	mrs	x0, ICC_SRE_EL2
	mov	x1, #(ICC_SRE_EL2_SRE | ICC_SRE_EL2_ENABLE)
	orr	x0, x0, x1
	msr	ICC_SRE_EL2, x0
	isb
	msr	ICH_HCR_EL2, xzr
1:	ldr	x0, =SCTLR_EL1_OFF
	msr	sctlr_el1, x0
	mov	x0, #SPSR_EL1H_MASKED
	msr	spsr_el2, x0
	adr	x0, \target
	msr	elr_el2, x0
	eret
.endm

	.section .text.head, "ax"
	.globl _start
_start:
	/* The Image header (Documentation/arch/arm64/booting.rst layout). */
	b	primary_entry                 /* code0 */
	.long	0                         /* code1 */
	.quad	TEXT_OFFSET               /* text_offset */
	.quad	_image_size               /* image_size: through the end of .bss */
	.quad	0xa                       /* flags: little-endian, 4 KiB pages, any 2 MiB base */
	.quad	0, 0, 0                   /* res2-res4 */
	.long	0x644d5241                /* magic "ARM\x64" */
	.long	0                         /* res5: no PE header */

/* Register use until C:  x19 = DTB pa, x20 = pa of _start, x21 = 2 MiB-aligned
 * load base, x22 = pa of the end of the image rounded up to 2 MiB, x23 = bytes
 * of the DTB mapped (0 if none), x24 = TTBR0 root, x25 = TTBR1 root,
 * x26 = the EL we were entered at, x27/x28 = next free page / end of the
 * early page-table pool. */
primary_entry:
	mov	x19, x0
	mrs	x0, CurrentEL
	lsr	x0, x0, #2
	mov	x26, x0                       /* the EL we were entered at, for C */
	cmp	x0, #2
	b.eq	from_el2
	cmp	x0, #1
	b.eq	at_el1
	b	boot_hang                     /* EL3: not a boot protocol we follow */

from_el2:
	el2_to_el1 at_el1

at_el1:
	msr	daifset, #0xf
	ldr	x0, =SCTLR_EL1_OFF            /* MMU and caches off, little-endian */
	msr	sctlr_el1, x0
	msr	cpacr_el1, xzr                /* FP/SIMD traps: the kernel uses none */
	isb
	ic	iallu
	dsb	nsh
	isb

	/* Where are we?  The va - pa difference must be constant modulo 2 MiB. */
	adr	x20, _start
	and	x0, x20, #(BLOCK_SIZE - 1)
	cmp	x0, #TEXT_OFFSET
	b.ne	boot_hang
	sub	x21, x20, #TEXT_OFFSET
	adrp	x22, _kernel_end
	mov	x0, #(BLOCK_SIZE - 1)
	add	x22, x22, x0
	and	x22, x22, #~(BLOCK_SIZE - 1)

	/* Zero .bss (the page tables, stacks and every C variable in it).  Data
	 * accesses with the MMU off are Device-nGnRnE: aligned stores only. */
	adrp	x0, _bss_start
	adrp	x1, _bss_end
1:	stp	xzr, xzr, [x0], #16
	cmp	x0, x1
	b.lo	1b

	adrp	x27, early_pt_pool
	add	x28, x27, #(EARLY_PT_PAGES * 4096)
	bl	early_alloc_table
	mov	x24, x0
	bl	early_alloc_table
	mov	x25, x0

	/* TTBR0: the image at va = pa, to run through the MMU switch-on. */
	mov	x0, x24
	mov	x1, x21
	mov	x2, x21
	mov	x3, x22
	ldr	x4, =EARLY_BLOCK_X
	bl	early_map_range
	/* TTBR1: the image at its link address. */
	mov	x0, x25
	ldr	x1, =KERNEL_IMAGE_BASE
	mov	x2, x21
	mov	x3, x22
	ldr	x4, =EARLY_BLOCK_X
	bl	early_map_range
	/* TTBR1: the direct map of the image. */
	mov	x0, x25
	ldr	x1, =DIRECT_MAP_BASE
	add	x1, x1, x21
	mov	x2, x21
	mov	x3, x22
	ldr	x4, =EARLY_BLOCK_NX
	bl	early_map_range
	bl	map_dtb

	/* Everything written above went straight to memory; drop any stale
	 * cached copies of .bss so the cacheable view agrees. */
	adrp	x0, _bss_start
	adrp	x1, _bss_end
	mrs	x2, ctr_el0
	ubfx	x2, x2, #16, #4               /* DminLine: log2(words per line) */
	mov	x3, #4
	lsl	x2, x3, x2
2:	dc	ivac, x0
	add	x0, x0, x2
	cmp	x0, x1
	b.lo	2b
	dsb	sy

	/* Translation regime and MMU on. */
	ldr	x0, =MAIR_VALUE
	msr	mair_el1, x0
	ldr	x0, =TCR_BASE
	mrs	x1, id_aa64mmfr0_el1
	and	x1, x1, #0xf                  /* PARange */
	mov	x2, #PARANGE_48BIT
	cmp	x1, x2
	csel	x1, x1, x2, ls
	bfi	x0, x1, #TCR_IPS_SHIFT, #3
	msr	tcr_el1, x0
	msr	ttbr0_el1, x24
	msr	ttbr1_el1, x25
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	ldr	x0, =SCTLR_EL1_ON
	msr	sctlr_el1, x0
	isb
	ic	iallu
	dsb	nsh
	isb
	ldr	x0, =high_entry               /* the link address */
	br	x0

high_entry:
	/* Exception stack on SP_EL1, kernel stack on SP_EL0, then run on SP_EL0. */
	adrp	x0, exc_stack_top
	add	x0, x0, :lo12:exc_stack_top
	mov	sp, x0
	msr	spsel, #0
	adrp	x0, boot_stack_top
	add	x0, x0, :lo12:boot_stack_top
	mov	sp, x0
	adrp	x0, aarch64_vectors
	add	x0, x0, :lo12:aarch64_vectors
	msr	vbar_el1, x0
	isb
	mov	x29, #0                       /* the end of every backtrace */
	mov	x30, #0
	mov	x0, x19
	mov	x1, x23
	mov	x2, x20
	mov	x3, x26
	bl	aarch64_boot
	b	boot_hang

/* Nothing can be printed yet: wait forever (a debugger finds the PC here). */
boot_hang:
	msr	daifset, #0xf
1:	wfe
	b	1b

/* x0 = pa of a fresh zeroed page from the pool (zeroed with .bss). */
early_alloc_table:
	cmp	x27, x28
	b.hs	boot_hang
	mov	x0, x27
	add	x27, x27, #4096
	ret

/* Map one 2 MiB block: x0 = root table, x1 = va, x2 = pa, x4 = block
 * attributes.  Allocates level-1/2 tables as needed.  Clobbers x9-x13. */
early_map_block:
	mov	x9, x0
	mov	x10, #39                      /* level 0 indexes va[47:39] */
1:	lsr	x11, x1, x10
	and	x11, x11, #0x1ff
	ldr	x12, [x9, x11, lsl #3]
	cbnz	x12, 2f
	cmp	x27, x28
	b.hs	boot_hang
	orr	x12, x27, #PTE_TABLE
	add	x27, x27, #4096
	str	x12, [x9, x11, lsl #3]
2:	and	x9, x12, #PTE_ADDR_MASK
	sub	x10, x10, #9
	cmp	x10, #21
	b.ne	1b
	lsr	x11, x1, #21                  /* level 2 indexes va[29:21] */
	and	x11, x11, #0x1ff
	orr	x12, x2, x4
	str	x12, [x9, x11, lsl #3]
	ret

/* Map [x2, x3) (2 MiB aligned) at x1 in root x0 with attributes x4.
 * Clobbers x1, x2, x9-x15. */
early_map_range:
	mov	x15, x30
1:	bl	early_map_block
	add	x1, x1, #BLOCK_SIZE
	add	x2, x2, #BLOCK_SIZE
	cmp	x2, x3
	b.lo	1b
	ret	x15

/* Direct-map the blocks holding the DTB at x19 if it looks like one (8-byte
 * aligned, below the direct map's limit, magic right); x23 = bytes mapped
 * from x19 on, 0 if nothing was.  A bad DTB is reported later, from C. */
map_dtb:
	mov	x16, x30
	mov	x23, #0
	cbz	x19, 9f
	tst	x19, #7
	b.ne	9f
	lsr	x0, x19, #46                  /* DIRECT_MAP_SIZE = 2^46 */
	cbnz	x0, 9f
	ldr	w0, [x19]
	ldr	w1, =DTB_MAGIC_LE
	cmp	w0, w1
	b.ne	9f
	ldr	w0, [x19, #4]
	rev	w0, w0                        /* totalsize, big-endian */
	mov	x1, #DTB_MAX_MAP
	cmp	x0, x1
	csel	x0, x0, x1, ls
	mov	x1, #64                       /* at least the header */
	cmp	x0, x1
	csel	x0, x0, x1, hs
	and	x2, x19, #~(BLOCK_SIZE - 1)
	add	x3, x19, x0
	mov	x4, #(BLOCK_SIZE - 1)
	add	x3, x3, x4
	and	x3, x3, #~(BLOCK_SIZE - 1)
	sub	x23, x3, x19
	mov	x0, x25
	ldr	x1, =DIRECT_MAP_BASE
	add	x1, x1, x2
	ldr	x4, =EARLY_BLOCK_NX
	bl	early_map_range
9:	ret	x16

	.ltorg

/* ---------------------------------------------------------------- secondary CPUs
 * Where smp.c starts the other CPUs (PSCI CPU_ON or a spin table), at this
 * label's physical address, MMU off, at EL2 or EL1.  Leave EL2 like the
 * boot CPU; take the boot CPU's translation regime from aarch64_smp_regs
 * (TTBR0 = the early identity map of the image, which head.S keeps, to run
 * through the switch-on; TTBR1 = the kernel's final tables); MMU on; jump
 * to the link address; find this CPU's slot by its MPIDR; stacks, vectors,
 * TPIDR_EL1; aarch64_secondary_main(slot) in smp.c.  A CPU that finds no
 * slot (never asked, or given up on) parks. */
	.text
	.globl aarch64_secondary_entry
aarch64_secondary_entry:
	mrs	x0, CurrentEL
	lsr	x0, x0, #2
	cmp	x0, #2
	b.eq	secondary_el2
	cmp	x0, #1
	b.eq	secondary_el1
	b	boot_hang
secondary_el2:
	el2_to_el1 secondary_el1

secondary_el1:
	msr	daifset, #0xf
	ldr	x0, =SCTLR_EL1_OFF
	msr	sctlr_el1, x0
	msr	cpacr_el1, xzr
	isb
	ic	iallu
	dsb	nsh
	isb
	adrp	x1, aarch64_smp_regs          /* physical: the MMU is off */
	add	x1, x1, :lo12:aarch64_smp_regs
	ldr	x0, =MAIR_VALUE
	msr	mair_el1, x0
	ldr	x0, [x1, #SMP_REGS_TCR]
	msr	tcr_el1, x0
	ldr	x0, [x1, #SMP_REGS_TTBR0]
	msr	ttbr0_el1, x0
	ldr	x0, [x1, #SMP_REGS_TTBR1]
	msr	ttbr1_el1, x0
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	ldr	x0, =SCTLR_EL1_ON
	msr	sctlr_el1, x0
	isb
	ic	iallu
	dsb	nsh
	isb
	ldr	x0, =secondary_high
	br	x0

secondary_high:
	mrs	x0, mpidr_el1
	ldr	x1, =MPIDR_AFF_MASK
	and	x0, x0, x1
	adrp	x1, aarch64_smp_slots
	add	x1, x1, :lo12:aarch64_smp_slots
	mov	x2, #SMP_SLOTS
1:	ldr	x3, [x1, #SMP_SLOT_MPIDR]
	cmp	x3, x0
	b.eq	2f
	add	x1, x1, #SMP_SLOT_SIZE
	subs	x2, x2, #1
	b.ne	1b
	b	boot_hang
2:	ldp	x2, x3, [x1, #SMP_SLOT_SP]    /* sp, exc_sp */
	msr	spsel, #1
	mov	sp, x3                        /* SP_EL1: the exception stack */
	msr	spsel, #0
	mov	sp, x2                        /* SP_EL0: the idle thread's stack */
	adrp	x0, aarch64_vectors
	add	x0, x0, :lo12:aarch64_vectors
	msr	vbar_el1, x0
	ldr	x0, [x1, #SMP_SLOT_CPU]
	msr	tpidr_el1, x0
	isb
	mov	x29, #0
	mov	x30, #0
	mov	x0, x1
	bl	aarch64_secondary_main
	b	boot_hang

	.ltorg

/* Make root_pa the TTBR1 table: void aarch64_switch_ttbr1(root_pa, idmap_pa,
 * low_pa) with low_pa the physical address of ttbr1_switch_low.  The old and
 * new tables map the running code differently, so the switch runs from the
 * identity map (TTBR0 = idmap_pa), where TTBR1 changes cannot pull the
 * instructions away, and returns to the caller's high address afterwards.
 * Touches no memory in between. */
	.text
	.globl aarch64_switch_ttbr1, aarch64_ttbr1_switch_low
aarch64_switch_ttbr1:
	dsb	ishst                         /* the new tables are visible to the walker */
	msr	ttbr0_el1, x1
	isb
	tlbi	vmalle1
	dsb	nsh
	isb
	br	x2
aarch64_ttbr1_switch_low:
	msr	ttbr1_el1, x0
	isb
	tlbi	vmalle1
	dsb	ish
	isb
	ret

/* The first early table is the TTBR0 identity map (kept for later switches). */
	.globl aarch64_early_idmap
	.section .bss.early_pt, "aw", %nobits
	.balign 4096
early_pt_pool:
aarch64_early_idmap:
	.space	EARLY_PT_PAGES * 4096

/* The guard page below the boot stack is unmapped once the final tables are
 * live (arch_platform_init): an overflow then faults, and the fault is
 * handled on the exception stack, which lies above the boot stack. */
	.section .bss.stacks, "aw", %nobits
	.balign 4096
	.globl aarch64_stack_guard, boot_stack_top, exc_stack_top
aarch64_stack_guard:
	.space	4096
boot_stack:
	.space	BOOT_STACK_SIZE
boot_stack_top:
exc_stack:
	.space	EXC_STACK_SIZE
exc_stack_top:

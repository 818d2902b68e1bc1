/* The x86-64 kernel image: linked in the top 2 GiB at KERNEL_IMAGE_BASE +
 * KERNEL_LOAD_PHYS, loaded (by GRUB, from the program headers' physical
 * addresses) at KERNEL_LOAD_PHYS.  The build runs this file through the C
 * preprocessor: the addresses are <arch/layout.h>'s.  Sections are page aligned so mm/kmap.c can map each with its own
 * permissions (text R-X, rodata R--, data+bss RW-); the core knows them by
 * the _*_start/_*_end symbols below. */
#include <arch/layout.h>

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
/* Virtual: GRUB finds the segment containing e_entry by virtual address and
 * translates; the Multiboot2 entry tag gives it the physical address too. */
ENTRY(_start32)

KERNEL_VMA = KERNEL_IMAGE_BASE;

PHDRS
{
	text PT_LOAD FLAGS(5);     /* R X */
	rodata PT_LOAD FLAGS(4);   /* R */
	data PT_LOAD FLAGS(6);     /* R W */
}

SECTIONS
{
	. = KERNEL_VMA + KERNEL_LOAD_PHYS;
	_kernel_start = .;

	.text : AT(ADDR(.text) - KERNEL_VMA) {
		_text_start = .;
		/* First in the file: GRUB scans only the first 32 KiB. */
		KEEP(*(.multiboot2))
		*(.text.boot)
		*(.text .text.*)
		. = ALIGN(4096);
		_text_end = .;
	} :text

	.rodata ALIGN(4096) : AT(ADDR(.rodata) - KERNEL_VMA) {
		_rodata_start = .;
		/* Everything but the symbol table (ksyms_empty.S in pass 1,
		 * the generated ksyms.S in pass 2: both only hold .rodata.ksyms)... */
		*(EXCLUDE_FILE(*ksyms*.S.o*) .rodata)
		*(EXCLUDE_FILE(*ksyms*.S.o*) .rodata.*)
		/* The user-access exception table (uaccess.S): pairs of
		 * {instruction that may fault, where to continue}. */
		. = ALIGN(8);
		__extable_start = .;
		KEEP(*(x86_extable))
		__extable_end = .;
		/* ...then the table, last: it is the only thing that changes
		 * size between the passes, and nothing comes after it but
		 * padding to the page, so no other address moves. */
		*(.rodata.ksyms)
		. = ALIGN(4096);
		_rodata_end = .;
	} :rodata

	.data ALIGN(4096) : AT(ADDR(.data) - KERNEL_VMA) {
		_data_start = .;
		*(.data .data.*)
		. = ALIGN(4096);
		_data_end = .;
	} :data

	.bss ALIGN(4096) : AT(ADDR(.bss) - KERNEL_VMA) {
		_bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(4096);
		_bss_end = .;
	} :data

	_kernel_end = .;

	/DISCARD/ : {
		*(.comment)
		*(.note*)
		*(.eh_frame*)
	}
}

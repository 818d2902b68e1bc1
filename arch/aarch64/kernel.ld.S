/* AArch64 kernel image layout.  Linked at KERNEL_IMAGE_BASE +
 * KERNEL_TEXT_OFFSET (from <arch/layout.h>: the build runs this file through
 * the C preprocessor): loaders put the Image at a 2 MiB-aligned
 * base + 0x80000, so va - pa is the same modulo 2 MiB and head.S maps the
 * image with 2 MiB blocks.  Each part is page aligned for kmap's per-section
 * permissions.  The ksyms table (generated between the two link passes) is
 * the last thing in .rodata, after everything whose address code depends on. */
#include <arch/layout.h>

OUTPUT_ARCH(aarch64)
ENTRY(_start)

SECTIONS
{
	. = KERNEL_IMAGE_BASE + KERNEL_TEXT_OFFSET;
	_kernel_start = .;
	_text_start = .;
	.text : {
		KEEP(*(.text.head))
		*(.text .text.*)
	}
	. = ALIGN(4096);
	_text_end = .;

	_rodata_start = .;
	.rodata : {
		*(EXCLUDE_FILE(*ksyms.S.obj *ksyms_empty.S.obj) .rodata .rodata.*)
		/* {faulting instruction, resume address} of every user access (uaccess.S) */
		. = ALIGN(8);
		__ex_table_start = .;
		KEEP(*(__ex_table))
		__ex_table_end = .;
		*(.rodata.ksyms)
	}
	. = ALIGN(4096);
	_rodata_end = .;

	_data_start = .;
	.data : {
		*(.data .data.*)
	}
	. = ALIGN(4096);
	_data_end = .;

	_bss_start = .;
	.bss (NOLOAD) : {
		*(.bss .bss.*)
		*(COMMON)
	}
	. = ALIGN(4096);
	_bss_end = .;
	_kernel_end = .;

	/* The Image header's image_size: what a loader must reserve. */
	_image_size = _kernel_end - _kernel_start;

	/DISCARD/ : {
		*(.comment) *(.note .note.*) *(.eh_frame .eh_frame_hdr)
	}
}

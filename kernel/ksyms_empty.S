/* Link pass 1: an empty symbol table with the same names as the real one. */
	.section .rodata.ksyms, "a"
	.balign 8
	.globl ksyms_count, ksyms_addr, ksyms_name_off, ksyms_names
ksyms_count:
	.quad 0
ksyms_addr:
ksyms_name_off:
ksyms_names:
	.byte 0

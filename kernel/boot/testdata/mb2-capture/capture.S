/* A do-nothing Multiboot2 kernel that prints the boot record GRUB hands it
 * to COM1 as hex and powers QEMU off: how kernel/boot/testdata/grub-*.mb2.txt,
 * the real records multiboot2_test parses, are captured (see capture.sh).
 * 32-bit protected mode, as GRUB enters an i386 Multiboot2 image. */
	.set MB2_HEADER_MAGIC, 0xe85250d6
	.set COM1, 0x3f8

	.section .multiboot2, "a"
	.balign 8
header:
	.long MB2_HEADER_MAGIC
	.long 0                         /* architecture: i386 */
	.long header_end - header
	.long -(MB2_HEADER_MAGIC + (header_end - header))
	.balign 8                       /* framebuffer wanted (optional tag) */
	.short 5, 1
	.long 20
	.long 1024, 768, 32
	.balign 8
	.short 0, 0
	.long 8
header_end:

	.code32
	.text
	.globl _start
_start:
	mov $stack_top, %esp
	mov %eax, %edi                  /* bootloader magic */
	mov %ebx, %esi                  /* boot record */
	call uart_init
	mov $banner, %ecx
	call puts
	mov %edi, %eax
	call puthex32
	mov $addr_is, %ecx
	call puts
	mov %esi, %eax
	call puthex32
	call newline
	mov (%esi), %ebx                /* total_size */
	xor %ebp, %ebp
1:	cmp %ebx, %ebp
	jae 2f
	movzbl (%esi,%ebp), %eax
	call puthex8
	inc %ebp
	test $31, %ebp
	jnz 1b
	call newline
	jmp 1b
2:	mov $trailer, %ecx
	call puts
	mov $0xf4, %dx                  /* isa-debug-exit: QEMU quits */
	xor %eax, %eax
	outb %al, %dx
3:	cli
	hlt
	jmp 3b

uart_init:                          /* 115200 8N1, FIFO on */
	mov $COM1 + 3, %dx
	mov $0x80, %al
	outb %al, %dx
	mov $COM1, %dx
	mov $1, %al
	outb %al, %dx
	mov $COM1 + 1, %dx
	xor %al, %al
	outb %al, %dx
	mov $COM1 + 3, %dx
	mov $3, %al
	outb %al, %dx
	mov $COM1 + 2, %dx
	mov $0xc7, %al
	outb %al, %dx
	ret

putc:                               /* %al */
	push %eax
	mov $COM1 + 5, %dx
1:	inb %dx, %al
	test $0x20, %al
	jz 1b
	pop %eax
	mov $COM1, %dx
	outb %al, %dx
	ret

puts:                               /* NUL-terminated string at %ecx */
	movzbl (%ecx), %eax
	test %al, %al
	jz 1f
	call putc
	inc %ecx
	jmp puts
1:	ret

newline:
	mov $'\n', %al
	jmp putc

puthex8:                            /* low byte of %eax, two digits */
	push %eax
	shr $4, %al
	call putdigit
	pop %eax
	jmp putdigit

putdigit:                           /* low nibble of %al */
	and $15, %al
	add $'0', %al
	cmp $'9', %al
	jbe putc
	add $'a' - '9' - 1, %al
	jmp putc

puthex32:
	push %eax
	shr $24, %eax
	call puthex8
	mov (%esp), %eax
	shr $16, %eax
	call puthex8
	mov (%esp), %eax
	shr $8, %eax
	call puthex8
	pop %eax
	jmp puthex8

	.section .rodata
banner:	.asciz "ringel-mb2-capture magic="
addr_is: .asciz " addr="
trailer: .asciz "\nend\n"

	.bss
	.balign 16
	.skip 4096
stack_top:

/* A three-instruction boot loader for the bad-input boot tests: enter the
 * kernel Image the way the arm64 boot protocol says (x0 = the device tree),
 * but with whatever blob the test put at DTB_ADDR.  QEMU's generic loader
 * places this at STUB_ADDR and starts CPU 0 there. */
#define DTB_ADDR    0x48000000
#define KERNEL_ADDR 0x40280000   /* a 2 MiB boundary + text_offset */
	.text
	.globl _start
_start:
	ldr	x0, =DTB_ADDR
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	ldr	x4, =KERNEL_ADDR
	br	x4
	.ltorg

/* COM1, the PC's first serial port, reached by port I/O: the kernel console
 * from the first line of kmain, and the last-resort output before that.
 * And the PC keyboard controller's ports and interrupt for its driver
 * (drivers/input/i8042.c). */
#include <kernel.h>
#include <arch.h>
#include <uart.h>
#include <keyboard.h>
#include "x86.h"

#define COM_THR 0
#define COM_LSR 5
#define LSR_THRE 0x20

static uint8_t pio_in(struct ns16550 *u, unsigned reg)
{
	return inb((uint16_t)(u->base + reg));
}

static void pio_out(struct ns16550 *u, unsigned reg, uint8_t val)
{
	outb((uint16_t)(u->base + reg), val);
}

static struct ns16550 com1 = {
	.base = COM1,
	.shift = 0,
	.io_width = 1,
	.in = pio_in,
	.out = pio_out,
};

void arch_early_console_init(void)
{
	ns16550_init(&com1, "com1", 1);
}

/* Polled and driver-free: used by printk only while no console exists
 * (panic or boot_fail before kmain has registered COM1).  GRUB programmed
 * the port (grub.cfg "serial"); we rely on that rather than reprogram it
 * under a driver that may be half set up. */
static void raw_putc(char c)
{
	for (int i = 0; i < 100000 && !(inb(COM1 + COM_LSR) & LSR_THRE); i++)
		;
	outb(COM1 + COM_THR, (uint8_t)c);
}

void arch_last_resort_putc(char c)
{
	if (c == '\n')
		raw_putc('\r');
	raw_putc(c);
}

static uint8_t kbd_in(uint16_t port)
{
	return inb(port);
}

static void kbd_out(uint16_t port, uint8_t v)
{
	outb(port, v);
}

static const struct i8042_io kbd_io = { kbd_in, kbd_out };

/* After ioapic_init: the keyboard's ISA IRQ 1 goes through the IOAPIC. */
void x86_keyboard_init(void)
{
	if (i8042_init(&kbd_io) < 0) {
		printk("x86-64: no PS/2 keyboard controller\n");
		return;
	}
	if (ioapic_route_isa(1, i8042_interrupt, NULL) < 0)
		printk("x86-64: cannot route the keyboard's IRQ 1\n");
}

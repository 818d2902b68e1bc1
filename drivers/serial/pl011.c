/* The ARM PL011 UART (QEMU virt's console, the Pi's full UART).  Firmware or
 * QEMU has set the baud rate; we only enable the transmitter and poll. */
#include <uart.h>
#include <kernel.h>

#define UARTDR   0x00
#define UARTFR   0x18
#define UARTLCRH 0x2c
#define UARTCR   0x30
#define UARTIMSC 0x38
#define FR_TXFF  (1u << 5)
#define FR_BUSY  (1u << 3)
#define FR_RXFE  (1u << 4)

static volatile uint32_t *reg(void *base, unsigned off)
{
	return (volatile uint32_t *)((uintptr_t)base + off);
}

static void pl011_putc(void *base, char c)
{
	for (int i = 0; i < 100000 && (*reg(base, UARTFR) & FR_TXFF); i++)
		;
	*reg(base, UARTDR) = (uint8_t)c;
}

static void pl011_write(struct console *c, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			pl011_putc(c->priv, '\r');
		pl011_putc(c->priv, s[i]);
	}
}

static int pl011_getc(struct console *c)
{
	if (*reg(c->priv, UARTFR) & FR_RXFE)
		return -1;
	return (int)(*reg(c->priv, UARTDR) & 0xff);
}

int pl011_probe(const struct dt *d, int node, void *base)
{
	static struct console con;
	(void)d;
	(void)node;
	*reg(base, UARTIMSC) = 0;                       /* no interrupts yet */
	*reg(base, UARTLCRH) |= (3u << 5) | (1u << 4);  /* 8 bits, FIFO on */
	*reg(base, UARTCR) |= (1u << 0) | (1u << 8) | (1u << 9);  /* UARTEN, TXE, RXE */
	con.name = "pl011";
	con.write = pl011_write;
	con.getc = pl011_getc;
	con.priv = base;
	console_register(&con);
	console_input_register(&con);
	return 0;
}

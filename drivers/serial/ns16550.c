/* The 16550 UART: the PC's COM ports and many SoC consoles. */
#include <uart.h>
#include <dt.h>
#include <kernel.h>

enum { THR = 0, RBR = 0, IER = 1, FCR = 2, LCR = 3, MCR = 4, LSR = 5, DLL = 0, DLM = 1 };
#define LSR_DR   0x01
#define LSR_THRE 0x20
#define LCR_DLAB 0x80

uint8_t ns16550_mmio_in(struct ns16550 *u, unsigned reg)
{
	uintptr_t a = u->base + ((uintptr_t)reg << u->shift);
	if (u->io_width == 4)
		return (uint8_t)*(volatile uint32_t *)a;
	return *(volatile uint8_t *)a;
}

void ns16550_mmio_out(struct ns16550 *u, unsigned reg, uint8_t val)
{
	uintptr_t a = u->base + ((uintptr_t)reg << u->shift);
	if (u->io_width == 4)
		*(volatile uint32_t *)a = val;
	else
		*(volatile uint8_t *)a = val;
}

static void putc_raw(struct ns16550 *u, char c)
{
	/* Bounded wait: a UART that never drains must not hang the kernel. */
	for (int i = 0; i < 100000 && !(u->in(u, LSR) & LSR_THRE); i++)
		;
	u->out(u, THR, (uint8_t)c);
}

static void ns16550_write(struct console *c, const char *s, size_t n)
{
	struct ns16550 *u = c->priv;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			putc_raw(u, '\r');
		putc_raw(u, s[i]);
	}
}

static int ns16550_getc(struct console *c)
{
	struct ns16550 *u = c->priv;
	if (!(u->in(u, LSR) & LSR_DR))
		return -1;
	return u->in(u, RBR);
}

void ns16550_init(struct ns16550 *u, const char *name, int set_baud)
{
	u->out(u, IER, 0);                 /* polled for now */
	if (set_baud) {
		u->out(u, LCR, LCR_DLAB);
		u->out(u, DLL, 1);             /* 115200 with the PC's 1.8432 MHz clock */
		u->out(u, DLM, 0);
	}
	u->out(u, LCR, 0x03);              /* 8N1, DLAB off */
	u->out(u, FCR, 0x07);              /* FIFOs on and cleared */
	u->out(u, MCR, 0x03);              /* DTR, RTS */
	u->con.name = name;
	u->con.write = ns16550_write;
	u->con.getc = ns16550_getc;
	u->con.priv = u;
	console_register(&u->con);
	console_input_register(&u->con);
}

int ns16550_dt_probe(const struct dt *d, int node, void *base)
{
	static struct ns16550 uart;
	uint32_t v;
	uart.base = (uintptr_t)base;
	uart.shift = dt_prop_u32(d, node, "reg-shift", &v) == DT_OK ? v : 0;
	uart.io_width = dt_prop_u32(d, node, "reg-io-width", &v) == DT_OK ? v : 1;
	uart.in = ns16550_mmio_in;
	uart.out = ns16550_mmio_out;
	ns16550_init(&uart, "ns16550", 0);
	return 0;
}

/* The BCM2835 "mini UART", one of the auxiliary peripherals of the BCM2835
 * family (BCM2836/2837/2711 too): the console on the Raspberry Pi 3 and 4,
 * whose device trees name it as stdout-path (serial1) because the full UART
 * (PL011) drives Bluetooth there.
 *
 * The device-tree node ("brcm,bcm2835-aux-uart") covers only the UART's own
 * registers, AUX_MU_IO_REG onwards (0x7e215040 on the bus); the shared AUX
 * block before it (interrupt status, enables) belongs to the clock node.  The
 * firmware (enable_uart=1) has enabled the UART, routed GPIO 14/15 to it and
 * fixed the core clock its baud rate divides, and U-Boot leaves it that way:
 * like the PL011 driver we keep the baud rate and only make sure the line
 * is 8 bits, transmitter and receiver on, interrupts off, and poll.
 *
 * Register offsets and bits from the BCM2835 ARM Peripherals manual, section
 * 2.2 (with its errata: the data-size field is two bits, 3 = 8 bits). */
#include <uart.h>
#include <kernel.h>

#define MU_IO    0x00   /* data (DLAB = 0) */
#define MU_IER   0x04   /* interrupt enables */
#define MU_LCR   0x0c   /* line control: bits 1:0 data size, bit 7 DLAB */
#define MU_LSR   0x14   /* line status */
#define MU_CNTL  0x20   /* extra control: receiver/transmitter enable */

#define LCR_8BIT      0x3u
#define LSR_DATA_READY (1u << 0)
#define LSR_TX_EMPTY   (1u << 5)   /* the FIFO can take at least one byte */
#define CNTL_RX_ON     (1u << 0)
#define CNTL_TX_ON     (1u << 1)

static volatile uint32_t *reg(void *base, unsigned off)
{
	return (volatile uint32_t *)((uintptr_t)base + off);
}

static void mu_putc(void *base, char c)
{
	/* Bounded: a UART the firmware left disabled never reports space,
	 * and printing must not hang the kernel. */
	for (int i = 0; i < 100000 && !(*reg(base, MU_LSR) & LSR_TX_EMPTY); i++)
		;
	*reg(base, MU_IO) = (uint8_t)c;
}

static void mu_write(struct console *c, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			mu_putc(c->priv, '\r');
		mu_putc(c->priv, s[i]);
	}
}

static int mu_getc(struct console *c)
{
	if (!(*reg(c->priv, MU_LSR) & LSR_DATA_READY))
		return -1;
	return (int)(*reg(c->priv, MU_IO) & 0xff);
}

int bcm2835_aux_probe(const struct dt *d, int node, void *base)
{
	static struct console con;
	(void)d;
	(void)node;
	*reg(base, MU_IER) = 0;                          /* no interrupts yet */
	*reg(base, MU_LCR) = LCR_8BIT;                   /* 8N1, DLAB off */
	*reg(base, MU_CNTL) = CNTL_RX_ON | CNTL_TX_ON;   /* no auto flow control */
	con.name = "bcm2835-aux";
	con.write = mu_write;
	con.getc = mu_getc;
	con.priv = base;
	console_register(&con);
	console_input_register(&con);
	return 0;
}

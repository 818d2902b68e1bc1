/* Serial port drivers (drivers/serial/).  A driver is chosen by the device
 * tree's compatible string, or registered directly by an arch backend where
 * the platform has fixed legacy ports (x86 COM1). */
#ifndef RINGEL_UART_H
#define RINGEL_UART_H
#include <stdint.h>
#include <console.h>

/* 16550-compatible UART: registers reached through accessors so the same
 * driver serves x86 port I/O and memory-mapped variants (reg-shift,
 * reg-io-width from the device tree). */
struct ns16550 {
	uintptr_t base;
	unsigned shift;        /* register stride = 1 << shift bytes */
	unsigned io_width;     /* MMIO access width in bytes: 1 or 4 */
	uint8_t (*in)(struct ns16550 *u, unsigned reg);
	void (*out)(struct ns16550 *u, unsigned reg, uint8_t val);
	struct console con;
};
/* Program 8N1 at the divisor already set by firmware (or 115200 if
 * set_baud) and register it as a console. */
void ns16550_init(struct ns16550 *u, const char *name, int set_baud);
uint8_t ns16550_mmio_in(struct ns16550 *u, unsigned reg);
void ns16550_mmio_out(struct ns16550 *u, unsigned reg, uint8_t val);

/* Table of device-tree serial drivers (drivers/devices.c). */
struct dt;
struct dt_uart_driver {
	const char *compatible;
	/* base is the register block already mapped by ioremap. Returns 0 if
	 * the console was registered. */
	int (*probe)(const struct dt *d, int node, void *base);
};
extern const struct dt_uart_driver dt_uart_drivers[];

int pl011_probe(const struct dt *d, int node, void *base);
int bcm2835_aux_probe(const struct dt *d, int node, void *base);
int ns16550_dt_probe(const struct dt *d, int node, void *base);
#endif

/* The SD Host Controller (SDHCI, the SD Association's "SD Host Controller
 * Simplified Specification") of the Raspberry Pis: the Pi 3's Arasan
 * controller ("brcm,bcm2835-sdhci", where QEMU's raspi3b puts the card at
 * reset) and the Pi 4's "brcm,bcm2711-emmc2".  Polled, one block at a time
 * through the data port; the card protocol is sd.c's.  Registers are
 * touched 32 bits at a time: the BCM2835's controller drops narrower
 * writes. */
#include "sd.h"
#include <dt.h>
#include <kernel.h>
#include <mm.h>
#include <arch.h>
#include <string.h>
#include <uapi/errno.h>

#define R_BLKSIZE 0x04      /* block size (15:0), block count (31:16) */
#define R_ARG 0x08
#define R_CMD 0x0c          /* transfer mode (15:0), command (31:16) */
#define R_RESP0 0x10
#define R_DATA 0x20
#define R_PRESENT 0x24
#define R_HOSTCTL 0x28      /* host control 1 (7:0), power (15:8) */
#define R_CLOCK 0x2c        /* clock (15:0), timeout (23:16), reset (31:24) */
#define R_INT 0x30          /* normal (15:0), error (31:16) status */
#define R_INT_EN 0x34
#define R_SIG_EN 0x38
#define R_CAPS 0x40

#define INT_CMD_DONE 0x0001
#define INT_XFER_DONE 0x0002
#define INT_WRITE_READY 0x0010
#define INT_READ_READY 0x0020
#define INT_ERROR 0x8000

#define PRESENT_CMD_INHIBIT 0x1
#define PRESENT_DAT_INHIBIT 0x2
#define PRESENT_CARD 0x10000

#define MODE_READ 0x10

#define WAIT_NS 1000000000ull

static uint32_t rd(struct sd_host *h, unsigned reg) { return h->regs[reg / 4]; }
static void wr(struct sd_host *h, unsigned reg, uint32_t v) { h->regs[reg / 4] = v; }

/* Wait for one of the normal status bits in mask (acknowledging it);
 * -EIO on an error bit or after a second. */
static int wait_int(struct sd_host *h, uint32_t mask, unsigned idx, const char *what)
{
	uint64_t end = arch_clock_ns() + WAIT_NS;
	for (;;) {
		uint32_t s = rd(h, R_INT);
		if (s & INT_ERROR) {
			wr(h, R_INT, s);
			printk("sdhci: %s: CMD%u %s failed (status %#x)\n", h->name, idx, what, s);
			return -EIO;
		}
		if (s & mask) {
			wr(h, R_INT, s & mask);
			return 0;
		}
		if (arch_clock_ns() > end) {
			printk("sdhci: %s: CMD%u %s timed out (status %#x)\n", h->name, idx, what, s);
			return -EIO;
		}
	}
}

static int command(struct sd_host *h, unsigned idx, uint32_t arg, unsigned flags, uint32_t *resp,
		   uint32_t *buf)
{
	bool data = flags & (SD_DATA_READ | SD_DATA_WRITE);
	uint32_t c = flags & SD_RESP_136 ? 0x1 : flags & SD_RESP_BUSY ? 0x3 : flags & SD_RESP_48 ? 0x2 : 0;
	if (flags & SD_CRC)
		c |= 0x18;                                      /* CRC and index checks */
	if (data)
		c |= 0x20;
	uint32_t inhibit = PRESENT_CMD_INHIBIT | (data || (flags & SD_RESP_BUSY) ? PRESENT_DAT_INHIBIT : 0);
	if (!sd_wait_reg(h, R_PRESENT, inhibit, 0)) {
		printk("sdhci: %s: the controller stays busy before CMD%u\n", h->name, idx);
		return -EIO;
	}
	wr(h, R_INT, 0xffffffffu);
	if (data)
		wr(h, R_BLKSIZE, 1u << 16 | 512);
	wr(h, R_ARG, arg);
	wr(h, R_CMD, idx << 24 | c << 16 | (flags & SD_DATA_READ ? MODE_READ : 0));
	int err = wait_int(h, INT_CMD_DONE, idx, "command");
	if (err)
		return err;
	if (resp) {
		uint32_t r[4];
		for (int i = 0; i < 4; i++)
			r[i] = rd(h, R_RESP0 + 4 * (unsigned)i);
		if (flags & SD_RESP_136) {
			/* SDHCI drops the CRC byte: shift bits 127..8 back in place */
			for (int i = 3; i > 0; i--)
				resp[i] = r[i] << 8 | r[i - 1] >> 24;
			resp[0] = r[0] << 8;
		} else {
			resp[0] = r[0];
		}
	}
	if (!data)
		return 0;
	bool write = flags & SD_DATA_WRITE;
	if ((err = wait_int(h, write ? INT_WRITE_READY : INT_READ_READY, idx, "data")))
		return err;
	for (int i = 0; i < 128; i++) {
		if (write)
			wr(h, R_DATA, buf[i]);
		else
			buf[i] = rd(h, R_DATA);
	}
	return wait_int(h, INT_XFER_DONE, idx, "transfer");
}

/* SDCLK = base / (2 * div), a 10-bit divider (SDHCI 3); the base clock
 * from the capabilities. */
static bool set_clock(struct sd_host *h, uint32_t hz)
{
	uint32_t base_mhz = (rd(h, R_CAPS) >> 8) & 0xff;
	uint32_t base = (base_mhz ? base_mhz : 100) * 1000000u;
	uint32_t div = (base + 2 * hz - 1) / (2 * hz);
	if (div > 0x3ff)
		div = 0x3ff;
	uint32_t c = rd(h, R_CLOCK) & ~0xffffu;
	c |= (div & 0xff) << 8 | ((div >> 8) & 3) << 6 | 1;     /* internal clock on */
	c = (c & ~0xff0000u) | 0xe << 16;                       /* the longest data timeout */
	wr(h, R_CLOCK, c);
	if (!sd_wait_reg(h, R_CLOCK, 2, 2))
		return false;
	wr(h, R_CLOCK, c | 4);                                  /* SD clock on */
	return true;
}

static const struct sd_host_ops sdhci_ops = { command, set_clock };

static void probe(const struct dt *d, int node)
{
	const char *status = dt_prop_str(d, node, "status");
	if (status && strcmp(status, "okay") != 0 && strcmp(status, "ok") != 0)
		return;
	uint64_t pa, size;
	if (dt_reg_translated(d, node, 0, &pa, &size) != DT_OK || size < 0x100)
		return;
	struct sd_host *h = kzalloc(sizeof *h);
	if (!h)
		return;
	h->ops = &sdhci_ops;
	h->name = dt_node_name(d, node);
	h->regs = ioremap(pa, size);
	if (!h->regs) {
		kfree(h);
		return;
	}
	wr(h, R_CLOCK, rd(h, R_CLOCK) | 1u << 24);              /* reset everything */
	if (!sd_wait_reg(h, R_CLOCK, 1u << 24, 0) || !(rd(h, R_PRESENT) & PRESENT_CARD)) {
		printk("sdhci: %s: no card\n", h->name);
		kfree(h);
		return;
	}
	wr(h, R_HOSTCTL, (rd(h, R_HOSTCTL) & ~0xff00u) | 0x0f00);  /* 3.3 V, bus power on */
	wr(h, R_INT_EN, 0xffffffffu);                           /* status bits, no signals: polled */
	wr(h, R_SIG_EN, 0);
	if (sd_card_attach(h) != 0)
		kfree(h);
}

void sdhci_probe_dt(const struct dt *d)
{
	static const char *const compat[] = { "brcm,bcm2835-sdhci", "brcm,bcm2711-emmc2" };
	for (size_t i = 0; i < ARRAY_SIZE(compat); i++)
		for (int node = dt_find_compatible(d, -1, compat[i]); node >= 0;
		     node = dt_find_compatible(d, node, compat[i]))
			probe(d, node);
}

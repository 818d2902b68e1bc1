/* The BCM2835's own SD controller, "sdhost" ("brcm,bcm2835-sdhost"): where
 * the Raspberry Pi firmware and U-Boot route the Pi 3's card (GPIO 48-53 in
 * their ALT0 function).  A command register with a "new" flag the
 * controller clears when the command is done, a status register of error
 * bits, a 16-word data FIFO whose fill level is in SDEDM.  Polled, one
 * block per command; the card protocol is sd.c's. */
#include "sd.h"
#include <dt.h>
#include <kernel.h>
#include <mm.h>
#include <arch.h>
#include <string.h>
#include <uapi/errno.h>

#define SDCMD 0x00
#define SDARG 0x04
#define SDTOUT 0x08
#define SDCDIV 0x0c
#define SDRSP0 0x10
#define SDHSTS 0x20
#define SDVDD 0x30
#define SDEDM 0x34
#define SDHCFG 0x38
#define SDHBCT 0x3c
#define SDDATA 0x40
#define SDHBLC 0x50

#define CMD_NEW 0x8000
#define CMD_FAIL 0x4000
#define CMD_BUSY 0x0800
#define CMD_NO_RESP 0x0400
#define CMD_LONG_RESP 0x0200
#define CMD_WRITE 0x0080
#define CMD_READ 0x0040

#define HSTS_ERRORS 0xf8        /* FIFO, CRC7, CRC16, command and data timeouts */
#define HCFG_WIDE_INT 0x2
#define HCFG_SLOW 0x8
#define EDM_FIFO_LEVEL(e) (((e) >> 4) & 0x1f)

#define WAIT_NS 1000000000ull
#define CORE_HZ 250000000u      /* the VPU core clock sdhost divides */

static uint32_t rd(struct sd_host *h, unsigned reg) { return h->regs[reg / 4]; }
static void wr(struct sd_host *h, unsigned reg, uint32_t v) { h->regs[reg / 4] = v; }

static int fail(struct sd_host *h, unsigned idx, const char *what)
{
	uint32_t hsts = rd(h, SDHSTS);
	printk("sdhost: %s: CMD%u %s (status %#x)\n", h->name, idx, what, hsts);
	wr(h, SDHSTS, hsts);
	return -EIO;
}

/* Move one block through the FIFO, a word whenever it has one (read) or
 * room (write). */
static int move_block(struct sd_host *h, unsigned idx, uint32_t *buf, bool write)
{
	uint64_t end = arch_clock_ns() + WAIT_NS;
	for (int i = 0; i < 128;) {
		unsigned level = EDM_FIFO_LEVEL(rd(h, SDEDM));
		if (rd(h, SDHSTS) & HSTS_ERRORS)
			return fail(h, idx, "data error");
		if (write ? level < 16 : level > 0) {
			if (write)
				wr(h, SDDATA, buf[i]);
			else
				buf[i] = rd(h, SDDATA);
			i++;
			continue;
		}
		if (arch_clock_ns() > end)
			return fail(h, idx, write ? "write timed out" : "read timed out");
	}
	return 0;
}

static int command(struct sd_host *h, unsigned idx, uint32_t arg, unsigned flags, uint32_t *resp,
		   uint32_t *buf)
{
	if (!sd_wait_reg(h, SDCMD, CMD_NEW, 0))
		return fail(h, idx, "the controller stays busy");
	wr(h, SDHSTS, rd(h, SDHSTS));                           /* clear old status */
	uint32_t c = CMD_NEW | (idx & 0x3f);
	if (!(flags & (SD_RESP_48 | SD_RESP_136 | SD_RESP_BUSY)))
		c |= CMD_NO_RESP;
	if (flags & SD_RESP_136)
		c |= CMD_LONG_RESP;
	if (flags & SD_RESP_BUSY)
		c |= CMD_BUSY;
	if (flags & SD_DATA_READ)
		c |= CMD_READ;
	if (flags & SD_DATA_WRITE)
		c |= CMD_WRITE;
	if (flags & (SD_DATA_READ | SD_DATA_WRITE)) {
		wr(h, SDHBCT, 512);
		wr(h, SDHBLC, 1);
	}
	wr(h, SDARG, arg);
	wr(h, SDCMD, c);
	if (!sd_wait_reg(h, SDCMD, CMD_NEW, 0))
		return fail(h, idx, "timed out");
	if (rd(h, SDCMD) & CMD_FAIL)
		return fail(h, idx, "failed");
	if (resp) {
		resp[0] = rd(h, SDRSP0);
		if (flags & SD_RESP_136)                        /* bits 127..0, CRC included */
			for (unsigned i = 1; i < 4; i++)
				resp[i] = rd(h, SDRSP0 + 4 * i);
	}
	if (flags & (SD_DATA_READ | SD_DATA_WRITE))
		return move_block(h, idx, buf, flags & SD_DATA_WRITE);
	return 0;
}

/* SD clock = core clock / (div + 2). */
static bool set_clock(struct sd_host *h, uint32_t hz)
{
	uint32_t div = CORE_HZ / hz;
	div = div < 2 ? 0 : div - 2;
	if (div > 0x7ff)
		div = 0x7ff;
	wr(h, SDCDIV, div);
	return true;
}

static const struct sd_host_ops sdhost_ops = { command, set_clock };

void sdhost_probe_dt(const struct dt *d)
{
	for (int node = dt_find_compatible(d, -1, "brcm,bcm2835-sdhost"); node >= 0;
	     node = dt_find_compatible(d, node, "brcm,bcm2835-sdhost")) {
		const char *status = dt_prop_str(d, node, "status");
		if (status && strcmp(status, "okay") != 0 && strcmp(status, "ok") != 0)
			continue;
		uint64_t pa, size;
		if (dt_reg_translated(d, node, 0, &pa, &size) != DT_OK || size < 0x60)
			continue;
		struct sd_host *h = kzalloc(sizeof *h);
		if (!h)
			return;
		h->ops = &sdhost_ops;
		h->name = dt_node_name(d, node);
		h->regs = ioremap(pa, size);
		if (!h->regs) {
			kfree(h);
			continue;
		}
		/* Power cycle, 1-bit bus, the slow identification clock. */
		wr(h, SDVDD, 0);
		wr(h, SDCMD, 0);
		wr(h, SDARG, 0);
		wr(h, SDTOUT, 0xf00000);
		wr(h, SDHCFG, 0);
		wr(h, SDHBCT, 0);
		wr(h, SDHBLC, 0);
		wr(h, SDHSTS, 0x7f8);
		wr(h, SDVDD, 1);
		wr(h, SDHCFG, HCFG_WIDE_INT | HCFG_SLOW);
		if (sd_card_attach(h) != 0) {
			printk("sdhost: %s: no card answers\n", h->name);
			kfree(h);
		}
	}
}

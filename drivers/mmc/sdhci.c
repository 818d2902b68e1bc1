/* SD cards behind an SD Host Controller (SDHCI, the SD Association's
 * "SD Host Controller Simplified Specification"): the Raspberry Pi 3's
 * Arasan controller ("brcm,bcm2835-sdhci", the one QEMU's raspi3b wires the
 * card to) and the Pi 4's "brcm,bcm2711-emmc2".  Driven by polling with
 * bounded waits, one 512-byte block per command through the data port:
 * simple, and the card is the boot medium, not a fast disk.  The card
 * becomes /dev/mmcblk0 and its partitions mmcblk0p1...
 *
 * Registers are touched 32 bits at a time: the BCM2835's controller drops
 * narrower writes. */
#include <blkdev.h>
#include <dt.h>
#include <kernel.h>
#include <mm.h>
#include <string.h>
#include <uapi/errno.h>
#include <arch.h>

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

#define CMD_RESP_NONE 0x0
#define CMD_RESP_136 0x1
#define CMD_RESP_48 0x2
#define CMD_RESP_48_BUSY 0x3
#define CMD_CRC 0x8
#define CMD_INDEX 0x10
#define CMD_DATA 0x20
#define MODE_READ 0x10

#define R1 (CMD_RESP_48 | CMD_CRC | CMD_INDEX)
#define R1B (CMD_RESP_48_BUSY | CMD_CRC | CMD_INDEX)
#define R2 (CMD_RESP_136 | CMD_CRC)
#define R3 CMD_RESP_48
#define R6 R1
#define R7 R1

#define WAIT_NS 1000000000ull   /* one second for anything */

struct sdhci {
	struct blkdev disk;
	volatile uint32_t *regs;
	bool block_addressing;      /* SDHC/SDXC: arguments in blocks, else in bytes */
	uint32_t rca;
	const char *node;
};

static uint32_t rd(struct sdhci *h, unsigned reg) { return h->regs[reg / 4]; }
static void wr(struct sdhci *h, unsigned reg, uint32_t v) { h->regs[reg / 4] = v; }

/* Wait until (reg & mask) == want; false after WAIT_NS. */
static bool wait_for(struct sdhci *h, unsigned reg, uint32_t mask, uint32_t want)
{
	uint64_t end = arch_clock_ns() + WAIT_NS;
	while ((rd(h, reg) & mask) != want)
		if (arch_clock_ns() > end)
			return false;
	return true;
}

/* Wait for one of the normal interrupt bits in mask (acknowledging it);
 * -EIO on an error bit or a timeout. */
static int wait_int(struct sdhci *h, uint32_t mask, const char *what)
{
	uint64_t end = arch_clock_ns() + WAIT_NS;
	for (;;) {
		uint32_t s = rd(h, R_INT);
		if (s & INT_ERROR) {
			wr(h, R_INT, s);
			printk("sdhci: %s: %s failed (status %#x)\n", h->node, what, s);
			return -EIO;
		}
		if (s & mask) {
			wr(h, R_INT, s & mask);
			return 0;
		}
		if (arch_clock_ns() > end) {
			printk("sdhci: %s: %s timed out (status %#x)\n", h->node, what, s);
			return -EIO;
		}
	}
}

/* Send command idx; *resp gets response word 0 (R2: the four words). */
static int command(struct sdhci *h, unsigned idx, uint32_t arg, uint32_t flags, uint32_t mode,
		   uint32_t *resp)
{
	uint32_t inhibit = PRESENT_CMD_INHIBIT | ((flags & CMD_DATA) || (flags & 3) == CMD_RESP_48_BUSY ?
						  PRESENT_DAT_INHIBIT : 0);
	if (!wait_for(h, R_PRESENT, inhibit, 0)) {
		printk("sdhci: %s: the controller stays busy before CMD%u\n", h->node, idx);
		return -EIO;
	}
	wr(h, R_INT, 0xffffffffu);
	wr(h, R_ARG, arg);
	wr(h, R_CMD, (idx << 24) | (flags << 16) | mode);
	char what[16];
	snprintf(what, sizeof what, "CMD%u", idx);
	int err = wait_int(h, INT_CMD_DONE, what);
	if (err)
		return err;
	if (resp) {
		resp[0] = rd(h, R_RESP0);
		if ((flags & 3) == CMD_RESP_136)
			for (int i = 1; i < 4; i++)
				resp[i] = rd(h, R_RESP0 + 4 * (unsigned)i);
	}
	return 0;
}

static int app_command(struct sdhci *h, unsigned idx, uint32_t arg, uint32_t flags, uint32_t *resp)
{
	int err = command(h, 55, h->rca << 16, R1, 0, NULL);
	return err ? err : command(h, idx, arg, flags, 0, resp);
}

/* The SD clock at about hz, from the base clock in the capabilities
 * (SDHCI 3: a 10-bit divider, SDCLK = base / (2 * div)). */
static bool set_clock(struct sdhci *h, uint32_t hz)
{
	uint32_t base_mhz = (rd(h, R_CAPS) >> 8) & 0xff;
	uint32_t base = (base_mhz ? base_mhz : 100) * 1000000u;
	uint32_t div = (base + 2 * hz - 1) / (2 * hz);
	if (div > 0x3ff)
		div = 0x3ff;
	uint32_t c = rd(h, R_CLOCK) & ~0xffffu;
	c |= (div & 0xff) << 8 | ((div >> 8) & 3) << 6 | 1;     /* internal clock on */
	c |= 0xe << 16;                                         /* data timeout: the longest */
	wr(h, R_CLOCK, c);
	if (!wait_for(h, R_CLOCK, 2, 2))
		return false;
	wr(h, R_CLOCK, c | 4);                                  /* SD clock on */
	return true;
}

/* Bits [hi:lo] of a 128-bit R2 response (the CSD without its CRC byte, as
 * SDHCI stores it: response bit n is CSD bit n + 8). */
static uint32_t csd_bits(const uint32_t *r, unsigned hi, unsigned lo)
{
	uint32_t v = 0;
	for (unsigned b = hi + 1; b-- > lo;) {
		unsigned n = b - 8;
		v = v << 1 | ((r[n / 32] >> (n % 32)) & 1);
	}
	return v;
}

static int card_init(struct sdhci *h)
{
	wr(h, R_CLOCK, rd(h, R_CLOCK) | 1u << 24);              /* reset everything */
	if (!wait_for(h, R_CLOCK, 1u << 24, 0))
		return -EIO;
	if (!(rd(h, R_PRESENT) & PRESENT_CARD)) {
		printk("sdhci: %s: no card\n", h->node);
		return -ENODEV;
	}
	wr(h, R_HOSTCTL, (rd(h, R_HOSTCTL) & ~0xff00u) | 0x0f00);  /* 3.3 V, bus power on */
	wr(h, R_INT_EN, 0xffffffffu);                           /* status bits, no signals: polled */
	wr(h, R_SIG_EN, 0);
	if (!set_clock(h, 400000))
		return -EIO;
	uint32_t r[4];
	int err = command(h, 0, 0, CMD_RESP_NONE, 0, NULL);     /* GO_IDLE_STATE */
	if (err)
		return err;
	/* SEND_IF_COND: a version 2 card echoes the pattern */
	bool v2 = command(h, 8, 0x1aa, R7, 0, r) == 0 && (r[0] & 0xfff) == 0x1aa;
	uint32_t ocr = 0;
	uint64_t end = arch_clock_ns() + WAIT_NS;
	do {                                                    /* SD_SEND_OP_COND until not busy */
		err = app_command(h, 41, 0x00ff8000u | (v2 ? 1u << 30 : 0), R3, &ocr);
		if (err)
			return err;
	} while (!(ocr & 1u << 31) && arch_clock_ns() < end);
	if (!(ocr & 1u << 31)) {
		printk("sdhci: %s: the card stays busy powering up\n", h->node);
		return -EIO;
	}
	h->block_addressing = ocr & 1u << 30;
	if ((err = command(h, 2, 0, R2, 0, r)))                 /* ALL_SEND_CID */
		return err;
	if ((err = command(h, 3, 0, R6, 0, r)))                 /* SEND_RELATIVE_ADDR */
		return err;
	h->rca = r[0] >> 16;
	if ((err = command(h, 9, h->rca << 16, R2, 0, r)))      /* SEND_CSD */
		return err;
	uint64_t sectors;
	if (csd_bits(r, 127, 126) == 1) {                       /* CSD 2.0: C_SIZE in 512 KiB */
		sectors = ((uint64_t)csd_bits(r, 69, 48) + 1) * 1024;
	} else {
		uint32_t c_size = csd_bits(r, 73, 62), mult = csd_bits(r, 49, 47);
		uint32_t bl_len = csd_bits(r, 83, 80);
		sectors = ((uint64_t)(c_size + 1) << (mult + 2)) << bl_len >> 9;
	}
	if ((err = command(h, 7, h->rca << 16, R1B, 0, r)))     /* SELECT_CARD */
		return err;
	if ((err = command(h, 16, 512, R1, 0, r)))              /* SET_BLOCKLEN */
		return err;
	set_clock(h, 25000000);
	h->disk.nsectors = sectors;
	return 0;
}

/* One block through the data port. */
static int transfer(struct sdhci *h, uint64_t sector, uint32_t *buf, bool write)
{
	wr(h, R_BLKSIZE, 1u << 16 | 512);
	uint32_t arg = (uint32_t)(h->block_addressing ? sector : sector * 512);
	int err = command(h, write ? 24 : 17, arg, R1 | CMD_DATA, write ? 0 : MODE_READ, NULL);
	if (err)
		return err;
	err = wait_int(h, write ? INT_WRITE_READY : INT_READ_READY, write ? "write" : "read");
	if (err)
		return err;
	for (int i = 0; i < 128; i++) {
		if (write)
			wr(h, R_DATA, buf[i]);
		else
			buf[i] = rd(h, R_DATA);
	}
	return wait_int(h, INT_XFER_DONE, write ? "write" : "read");
}

static int sd_rw(struct blkdev *d, uint64_t first, void *buf, size_t count, bool write)
{
	struct sdhci *h = d->priv;
	uint32_t block[128];
	for (size_t i = 0; i < count; i++) {
		uint8_t *p = (uint8_t *)buf + i * 512;
		if (write)
			memcpy(block, p, 512);
		int err = transfer(h, first + i, block, write);
		if (err)
			return err;
		if (!write)
			memcpy(p, block, 512);
	}
	return 0;
}

static int sd_read(struct blkdev *d, uint64_t first, void *buf, size_t count)
{
	return sd_rw(d, first, buf, count, false);
}

static int sd_write(struct blkdev *d, uint64_t first, const void *buf, size_t count)
{
	return sd_rw(d, first, (void *)buf, count, true);
}

static const struct blkdev_ops sd_ops = { .read = sd_read, .write = sd_write };

static unsigned ncards;

static void probe(const struct dt *d, int node)
{
	const char *status = dt_prop_str(d, node, "status");
	if (status && strcmp(status, "okay") != 0 && strcmp(status, "ok") != 0)
		return;
	uint64_t pa, size;
	if (dt_reg_translated(d, node, 0, &pa, &size) != DT_OK || size < 0x100)
		return;
	struct sdhci *h = kzalloc(sizeof *h);
	if (!h)
		return;
	h->regs = ioremap(pa, size);
	h->node = dt_node_name(d, node);
	if (!h->regs || card_init(h) != 0) {
		kfree(h);
		return;
	}
	snprintf(h->disk.name, sizeof h->disk.name, "mmcblk%u", ncards++);
	h->disk.ops = &sd_ops;
	h->disk.priv = h;
	printk("sdhci: %s: %s card, %lu sectors, polled\n", h->node,
	       h->block_addressing ? "SDHC/SDXC" : "SDSC", (unsigned long)h->disk.nsectors);
	blkdev_register(&h->disk);
}

void sdhci_probe_dt(const struct dt *d)
{
	static const char *const compat[] = { "brcm,bcm2835-sdhci", "brcm,bcm2711-emmc2" };
	for (size_t i = 0; i < ARRAY_SIZE(compat); i++)
		for (int node = dt_find_compatible(d, -1, compat[i]); node >= 0;
		     node = dt_find_compatible(d, node, compat[i]))
			probe(d, node);
}

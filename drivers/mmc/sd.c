/* The SD card protocol (the SD Association's Physical Layer Simplified
 * Specification) over any host controller (sd.h): identification at
 * 400 kHz (CMD0, CMD8, ACMD41 until the card is ready, CID, RCA, CSD for
 * the capacity of SDSC and SDHC cards, select, 512-byte blocks), then one
 * block per command, polled, every wait bounded.  The card is a struct
 * blkdev named mmcblk0, mmcblk1, ... */
#include "sd.h"
#include <kernel.h>
#include <arch.h>
#include <string.h>
#include <uapi/errno.h>

#define WAIT_NS 1000000000ull

#define R1 (SD_RESP_48 | SD_CRC)
#define R1B (SD_RESP_BUSY | SD_CRC)
#define R2 SD_RESP_136
#define R3 SD_RESP_48

bool sd_wait_reg(struct sd_host *h, unsigned reg, uint32_t mask, uint32_t want)
{
	uint64_t end = arch_clock_ns() + WAIT_NS;
	while ((h->regs[reg / 4] & mask) != want)
		if (arch_clock_ns() > end)
			return false;
	return true;
}

static int cmd(struct sd_host *h, unsigned idx, uint32_t arg, unsigned flags, uint32_t *resp)
{
	return h->ops->command(h, idx, arg, flags, resp, NULL);
}

static int app_cmd(struct sd_host *h, unsigned idx, uint32_t arg, unsigned flags, uint32_t *resp)
{
	int err = cmd(h, 55, h->rca << 16, R1, NULL);
	return err ? err : cmd(h, idx, arg, flags, resp);
}

/* Bits [hi:lo] of a 128-bit register (CSD bit n = resp[n / 32] bit n % 32). */
static uint32_t bits(const uint32_t *r, unsigned hi, unsigned lo)
{
	uint32_t v = 0;
	for (unsigned b = hi + 1; b-- > lo;)
		v = v << 1 | ((r[b / 32] >> (b % 32)) & 1);
	return v;
}

static int identify(struct sd_host *h)
{
	uint32_t r[4];
	if (!h->ops->set_clock(h, 400000))
		return -EIO;
	int err = cmd(h, 0, 0, SD_RESP_NONE, NULL);             /* GO_IDLE_STATE */
	if (err)
		return err;
	/* SEND_IF_COND: a version 2 card echoes the check pattern */
	bool v2 = cmd(h, 8, 0x1aa, R1, r) == 0 && (r[0] & 0xfff) == 0x1aa;
	uint32_t ocr = 0;
	uint64_t end = arch_clock_ns() + WAIT_NS;
	do {                                                    /* SD_SEND_OP_COND */
		if ((err = app_cmd(h, 41, 0x00ff8000u | (v2 ? 1u << 30 : 0), R3, &ocr)))
			return err;
	} while (!(ocr & 1u << 31) && arch_clock_ns() < end);
	if (!(ocr & 1u << 31)) {
		printk("sd: %s: the card stays busy powering up\n", h->name);
		return -EIO;
	}
	h->block_addressing = ocr & 1u << 30;
	if ((err = cmd(h, 2, 0, R2, r)))                        /* ALL_SEND_CID */
		return err;
	if ((err = cmd(h, 3, 0, R1, r)))                        /* SEND_RELATIVE_ADDR */
		return err;
	h->rca = r[0] >> 16;
	if ((err = cmd(h, 9, h->rca << 16, R2, r)))             /* SEND_CSD */
		return err;
	uint64_t sectors;
	if (bits(r, 127, 126) == 1) {                           /* CSD 2.0: C_SIZE in 512 KiB */
		sectors = ((uint64_t)bits(r, 69, 48) + 1) * 1024;
	} else if (bits(r, 127, 126) == 0) {
		uint32_t c_size = bits(r, 73, 62), mult = bits(r, 49, 47), bl_len = bits(r, 83, 80);
		sectors = ((uint64_t)(c_size + 1) << (mult + 2)) << bl_len >> 9;
	} else {
		printk("sd: %s: unknown CSD structure %u\n", h->name, bits(r, 127, 126));
		return -EIO;
	}
	if ((err = cmd(h, 7, h->rca << 16, R1B, r)))            /* SELECT_CARD */
		return err;
	if ((err = cmd(h, 16, 512, R1, r)))                     /* SET_BLOCKLEN */
		return err;
	h->ops->set_clock(h, 25000000);
	h->disk.nsectors = sectors;
	return 0;
}

static int sd_rw(struct blkdev *d, uint64_t first, void *buf, size_t count, bool write)
{
	struct sd_host *h = d->priv;
	uint32_t block[128];
	for (size_t i = 0; i < count; i++) {
		uint8_t *p = (uint8_t *)buf + i * 512;
		uint64_t s = first + i;
		if (write)
			memcpy(block, p, 512);
		int err = h->ops->command(h, write ? 24 : 17, (uint32_t)(h->block_addressing ? s : s * 512),
					  R1 | (write ? SD_DATA_WRITE : SD_DATA_READ), NULL, block);
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

int sd_card_attach(struct sd_host *h)
{
	static unsigned ncards;
	int err = identify(h);
	if (err)
		return err;
	snprintf(h->disk.name, sizeof h->disk.name, "mmcblk%u", ncards++);
	h->disk.ops = &sd_ops;
	h->disk.priv = h;
	printk("sd: %s: %s card, %lu sectors, polled\n", h->name,
	       h->block_addressing ? "SDHC/SDXC" : "SDSC", (unsigned long)h->disk.nsectors);
	return blkdev_register(&h->disk);
}

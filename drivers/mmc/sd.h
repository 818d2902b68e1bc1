/* SD cards, whatever host controller they sit behind (drivers/mmc/): the
 * card protocol and the block device are sd.c's; a controller driver
 * (sdhci.c, sdhost.c) sends commands and moves 512-byte blocks. */
#ifndef RINGEL_SD_H
#define RINGEL_SD_H
#include <blkdev.h>
#include <stdint.h>
#include <stdbool.h>

/* Command flags: the response, and whether one block of data follows. */
#define SD_RESP_NONE 0x0
#define SD_RESP_48 0x1
#define SD_RESP_136 0x2
#define SD_RESP_BUSY 0x4          /* 48 bits, then the card holds DAT0 busy */
#define SD_CRC 0x8                /* check the response's CRC and index */
#define SD_DATA_READ 0x10
#define SD_DATA_WRITE 0x20

struct sd_host;
struct sd_host_ops {
	/* Send a command; resp gets the response (136 bits: resp[0] holds bits
	 * 31..0 of the card's 128 with CRC position included, i.e. CSD bit n is
	 * bit n % 32 of resp[n / 32]).  With a data flag the one block moves
	 * through buf before it returns.  0 or -EIO (with a message). */
	int (*command)(struct sd_host *h, unsigned idx, uint32_t arg, unsigned flags, uint32_t *resp,
		       uint32_t *buf);
	/* The SD clock at about hz (400 kHz to identify, 25 MHz after). */
	bool (*set_clock)(struct sd_host *h, uint32_t hz);
};

struct sd_host {
	const struct sd_host_ops *ops;
	const char *name;             /* the controller's node, for messages */
	volatile uint32_t *regs;
	struct blkdev disk;
	bool block_addressing;        /* SDHC/SDXC: block numbers, else bytes */
	uint32_t rca;
};

/* Identify the card behind h and register it as mmcblkN.  0 or -errno. */
int sd_card_attach(struct sd_host *h);
/* Wait until (regs[reg / 4] & mask) == want, at most a second. */
bool sd_wait_reg(struct sd_host *h, unsigned reg, uint32_t mask, uint32_t want);

/* The controllers' device-tree probes. */
struct dt;
void sdhci_probe_dt(const struct dt *d);
void sdhost_probe_dt(const struct dt *d);
#endif

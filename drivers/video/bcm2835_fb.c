/* A framebuffer from the Raspberry Pi's VideoCore, asked for through the
 * mailbox property interface (channel 8), as the Pi firmware documents it
 * ("Mailbox property interface", raspberrypi/firmware wiki).  The mailbox
 * is the device tree's "brcm,bcm2835-mbox"; QEMU's raspi machines emulate
 * both.  The VideoCore sees RAM at bus address 0xC0000000 + physical
 * (uncached), and answers with a bus address whose top two bits are that
 * alias. */
#include <screen.h>
#include <video.h>
#include <dt.h>
#include <mm.h>
#include <arch.h>
#include <kernel.h>

#define MBOX_READ   0x00
#define MBOX_STATUS 0x18
#define MBOX_WRITE  0x20
#define MBOX_FULL   0x80000000u
#define MBOX_EMPTY  0x40000000u
#define CHANNEL_PROPERTY 8

#define TAG_ALLOCATE_BUFFER 0x00040001
#define TAG_GET_PITCH       0x00040008
#define TAG_SET_PHYS_WH     0x00048003
#define TAG_SET_VIRT_WH     0x00048004
#define TAG_SET_DEPTH       0x00048005
#define TAG_SET_PIXEL_ORDER 0x00048006
#define TAG_SET_VIRT_OFFSET 0x00048009
#define REQUEST_OK          0x80000000u

#define WANT_WIDTH  1024
#define WANT_HEIGHT 768
#define VC_BUS_RAM  0xC0000000u

/* In the kernel image: low physical memory, below the 1 GiB the VideoCore
 * can address. */
static volatile uint32_t msg[36] __attribute__((aligned(16)));

static uint32_t rd(volatile uint8_t *mbox, unsigned reg)
{
	return *(volatile uint32_t *)(mbox + reg);
}

static int mbox_call(volatile uint8_t *mbox)
{
	uint64_t pa = kimg_to_phys((const void *)msg);
	if (pa + sizeof msg > 0x40000000u)
		return -1;
	arch_dcache_flush((const void *)msg, sizeof msg);
	int i;
	for (i = 0; i < 1000000 && (rd(mbox, MBOX_STATUS) & MBOX_FULL); i++)
		;
	*(volatile uint32_t *)(mbox + MBOX_WRITE) = (uint32_t)(pa | VC_BUS_RAM) | CHANNEL_PROPERTY;
	for (i = 0; i < 10000000; i++) {
		if (rd(mbox, MBOX_STATUS) & MBOX_EMPTY)
			continue;
		uint32_t v = rd(mbox, MBOX_READ);
		if ((v & 0xf) == CHANNEL_PROPERTY) {
			arch_dcache_flush((const void *)msg, sizeof msg);
			return msg[1] == REQUEST_OK ? 0 : -1;
		}
	}
	return -1;
}

int bcm2835_fb_probe(const struct dt *d, int node)
{
	uint64_t pa, size;
	if (dt_reg_translated(d, node, 0, &pa, &size) != DT_OK || size < 0x24)
		return -1;
	volatile uint8_t *mbox = ioremap(pa, size);
	if (!mbox)
		return -1;
	static const uint32_t req[] = {
		sizeof msg, 0,
		TAG_SET_PHYS_WH, 8, 8, WANT_WIDTH, WANT_HEIGHT,            /* 2 */
		TAG_SET_VIRT_WH, 8, 8, WANT_WIDTH, WANT_HEIGHT,            /* 7 */
		TAG_SET_VIRT_OFFSET, 8, 8, 0, 0,                           /* 12 */
		TAG_SET_DEPTH, 4, 4, 32,                                   /* 17 */
		TAG_SET_PIXEL_ORDER, 4, 4, 0,                              /* 21: 0 = BGR: 0x00RRGGBB */
		TAG_ALLOCATE_BUFFER, 8, 4, 16, 0,                          /* 25 */
		TAG_GET_PITCH, 4, 0, 0,                                    /* 30 */
		0,                                                         /* 34 */
	};
	for (unsigned i = 0; i < sizeof msg / 4; i++)
		msg[i] = i < sizeof req / 4 ? req[i] : 0;
	if (mbox_call(mbox) < 0) {
		printk("bcm2835-fb: the VideoCore did not answer the framebuffer request\n");
		return -1;
	}
	uint32_t width = msg[5], height = msg[6], depth = msg[20], order = msg[24];
	uint64_t fb_bus = msg[28], fb_size = msg[29];
	uint32_t pitch = msg[33];
	if (!fb_bus || !fb_size || depth != 32 || (uint64_t)pitch * height > fb_size) {
		printk("bcm2835-fb: unusable answer: %ux%u, %u bpp, pitch %u, %lu bytes at %#lx\n",
		       width, height, depth, pitch, (unsigned long)fb_size, (unsigned long)fb_bus);
		return -1;
	}
	uint64_t fb_pa = fb_bus & 0x3fffffffu;
	void *base = ioremap(fb_pa, fb_size);
	if (!base)
		return -1;
	struct fb_info fb = {
		.phys = fb_pa, .base = base, .width = width, .height = height, .pitch = pitch,
		.bpp = 32, .red_size = 8, .green_size = 8, .blue_size = 8, .green_pos = 8,
		.red_pos = order == 1 ? 0 : 16, .blue_pos = order == 1 ? 16 : 0, .device = true,
	};
	return fbcon_start(&fb, "VideoCore mailbox");
}

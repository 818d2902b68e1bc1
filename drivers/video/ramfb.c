/* QEMU's ramfb (`-device ramfb`): a framebuffer in guest RAM that the guest
 * describes to QEMU by writing the fw_cfg file "etc/ramfb".  fw_cfg is
 * QEMU's firmware configuration device; on Arm machines it is memory-mapped
 * and named by the device tree ("qemu,fw-cfg-mmio").  Registers (QEMU's
 * docs/specs/fw_cfg.rst): data at +0, selector at +8 (16 bits, big-endian),
 * DMA address at +16 (64 bits, big-endian); files are written only through
 * the DMA interface. */
#include <screen.h>
#include <video.h>
#include <dt.h>
#include <mm.h>
#include <pmm.h>
#include <arch.h>
#include <kernel.h>
#include <string.h>

#define FW_CFG_SIGNATURE 0x00
#define FW_CFG_ID        0x01
#define FW_CFG_FILE_DIR  0x19
#define FW_CFG_ID_DMA    0x02      /* feature bit: the DMA interface exists */

#define DMA_ERROR  0x01
#define DMA_READ   0x02
#define DMA_SELECT 0x08
#define DMA_WRITE  0x10

#define RAMFB_WIDTH  1024
#define RAMFB_HEIGHT 768
#define DRM_FORMAT_XRGB8888 0x34325258u   /* 'X' 'R' '2' '4': a pixel is 0x00RRGGBB */

struct fw_cfg_dma {
	uint32_t control, length;
	uint64_t address;
} __attribute__((packed));

struct ramfb_cfg {
	uint64_t addr;
	uint32_t fourcc, flags, width, height, stride;
} __attribute__((packed));

static uint32_t be32(uint32_t v) { return __builtin_bswap32(v); }
static uint64_t be64(uint64_t v) { return __builtin_bswap64(v); }

static void fw_select(volatile uint8_t *base, uint16_t key)
{
	*(volatile uint16_t *)(base + 8) = (uint16_t)__builtin_bswap16(key);
}

static void fw_read(volatile uint8_t *base, void *buf, size_t n)
{
	uint8_t *p = buf;
	for (size_t i = 0; i < n; i++)
		p[i] = base[0];
}

/* The selector of the file called name, or 0 (QEMU's file keys start at 0x20). */
static uint16_t fw_find_file(volatile uint8_t *base, const char *name)
{
	uint32_t count;
	fw_select(base, FW_CFG_FILE_DIR);
	fw_read(base, &count, 4);
	count = be32(count);
	for (uint32_t i = 0; i < count && i < 4096; i++) {
		struct { uint32_t size; uint16_t select, reserved; char name[56]; } e;
		fw_read(base, &e, sizeof e);
		e.name[55] = 0;
		if (strcmp(e.name, name) == 0)
			return (uint16_t)__builtin_bswap16(e.select);
	}
	return 0;
}

/* Write n bytes at physical address buf_pa to file key through DMA. */
static int fw_dma_write(volatile uint8_t *base, uint16_t key, uint64_t buf_pa, uint32_t n)
{
	static struct fw_cfg_dma dma __attribute__((aligned(16)));
	dma.control = be32((uint32_t)key << 16 | DMA_SELECT | DMA_WRITE);
	dma.length = be32(n);
	dma.address = be64(buf_pa);
	uint64_t pa = kimg_to_phys(&dma);
	/* High half first: writing the low half starts the transfer. */
	*(volatile uint32_t *)(base + 16) = be32((uint32_t)(pa >> 32));
	*(volatile uint32_t *)(base + 20) = be32((uint32_t)pa);
	for (int i = 0; i < 1000000; i++) {
		uint32_t c = be32(*(volatile uint32_t *)&dma.control);
		if (c & DMA_ERROR)
			return -1;
		if (c == 0)
			return 0;
	}
	return -1;
}

int ramfb_probe(const struct dt *d, int node)
{
	uint64_t pa, size;
	if (dt_reg_translated(d, node, 0, &pa, &size) != DT_OK || size < 0x18)
		return -1;
	volatile uint8_t *base = ioremap(pa, size);
	if (!base)
		return -1;
	char sig[4];
	uint32_t id;
	fw_select(base, FW_CFG_SIGNATURE);
	fw_read(base, sig, 4);
	fw_select(base, FW_CFG_ID);
	fw_read(base, &id, 4);          /* little-endian, unlike the rest */
	if (memcmp(sig, "QEMU", 4) != 0 || !(id & FW_CFG_ID_DMA))
		return -1;
	uint16_t key = fw_find_file(base, "etc/ramfb");
	if (!key)
		return -1;              /* no -device ramfb: nothing to show */
	size_t bytes = (size_t)RAMFB_WIDTH * RAMFB_HEIGHT * 4;
	uint64_t fb_pa = pmm_alloc_pages(bytes / PAGE_SIZE);
	if (!fb_pa) {
		printk("ramfb: no %zu KiB of contiguous memory for the framebuffer\n", bytes / 1024);
		return -1;
	}
	static struct ramfb_cfg cfg;
	cfg.addr = be64(fb_pa);
	cfg.fourcc = be32(DRM_FORMAT_XRGB8888);
	cfg.flags = 0;
	cfg.width = be32(RAMFB_WIDTH);
	cfg.height = be32(RAMFB_HEIGHT);
	cfg.stride = be32(RAMFB_WIDTH * 4);
	if (fw_dma_write(base, key, kimg_to_phys(&cfg), sizeof cfg) < 0) {
		printk("ramfb: fw_cfg refused the etc/ramfb configuration\n");
		pmm_free_pages(fb_pa, bytes / PAGE_SIZE);
		return -1;
	}
	struct fb_info fb = {
		.phys = fb_pa, .base = phys_to_virt(fb_pa),
		.width = RAMFB_WIDTH, .height = RAMFB_HEIGHT, .pitch = RAMFB_WIDTH * 4, .bpp = 32,
		.red_pos = 16, .red_size = 8, .green_pos = 8, .green_size = 8, .blue_pos = 0, .blue_size = 8,
	};
	return fbcon_start(&fb, "ramfb");
}

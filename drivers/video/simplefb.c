/* "simple-framebuffer" (Linux's Documentation/devicetree/bindings/display/
 * simple-framebuffer.yaml): memory the firmware already shows on a display,
 * described by reg, width, height, stride and a format string. */
#include <screen.h>
#include <video.h>
#include <dt.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>

static const struct {
	const char *name;
	uint8_t bpp, rp, rs, gp, gs, bp, bs;
} formats[] = {
	{ "a8r8g8b8", 32, 16, 8, 8, 8, 0, 8 },
	{ "x8r8g8b8", 32, 16, 8, 8, 8, 0, 8 },
	{ "a8b8g8r8", 32, 0, 8, 8, 8, 16, 8 },
	{ "x8b8g8r8", 32, 0, 8, 8, 8, 16, 8 },
	{ "r8g8b8", 24, 16, 8, 8, 8, 0, 8 },
	{ "r5g6b5", 16, 11, 5, 5, 6, 0, 5 },
};

int simplefb_probe(const struct dt *d, int node)
{
	const char *status = dt_prop_str(d, node, "status");
	if (status && strcmp(status, "okay") != 0 && strcmp(status, "ok") != 0)
		return -1;
	uint64_t pa, size;
	uint32_t w, h, stride;
	const char *format = dt_prop_str(d, node, "format");
	if (dt_reg_translated(d, node, 0, &pa, &size) != DT_OK || !format ||
	    dt_prop_u32(d, node, "width", &w) != DT_OK || dt_prop_u32(d, node, "height", &h) != DT_OK ||
	    dt_prop_u32(d, node, "stride", &stride) != DT_OK)
		return -1;
	for (unsigned i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		if (strcmp(format, formats[i].name) != 0)
			continue;
		if ((uint64_t)stride * h > size) {
			printk("simplefb: %s: %u lines of %u bytes do not fit in %lu bytes\n",
			       dt_node_name(d, node), h, stride, (unsigned long)size);
			return -1;
		}
		void *base = ioremap(pa, size);
		if (!base)
			return -1;
		struct fb_info fb = {
			.phys = pa, .base = base, .width = w, .height = h, .pitch = stride,
			.bpp = formats[i].bpp, .red_pos = formats[i].rp, .red_size = formats[i].rs,
			.green_pos = formats[i].gp, .green_size = formats[i].gs,
			.blue_pos = formats[i].bp, .blue_size = formats[i].bs, .device = true,
		};
		return fbcon_start(&fb, "simple-framebuffer");
	}
	printk("simplefb: %s: format %s not supported\n", dt_node_name(d, node), format);
	return -1;
}

/* A bitmap console font: the glyphs of a PSF font from Debian's
 * console-setup-linux, turned into C when the kernel is built
 * (scripts/psf2c.py), and the lookup from code points (drivers/video/font.c). */
#ifndef RINGEL_FONT_H
#define RINGEL_FONT_H
#include <stdint.h>

struct font_map {
	uint32_t cp;            /* Unicode code point */
	uint16_t glyph;         /* index into glyphs */
};

struct font {
	unsigned width, height; /* pixels */
	unsigned stride;        /* bytes per row of a glyph; bit 7 of byte 0 is the left pixel */
	unsigned nglyphs;
	const uint8_t *glyphs;  /* nglyphs * height * stride bytes */
	const struct font_map *map;   /* sorted by cp */
	unsigned nmap;
};

extern const struct font console_font;

/* The bitmap for cp: its glyph, else the font's replacement character or
 * '?'. */
const uint8_t *font_glyph(const struct font *f, uint32_t cp);
#endif

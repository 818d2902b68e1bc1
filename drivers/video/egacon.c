/* The text console on the PC's colour text screen (EGA/VGA text mode at
 * 0xB8000): what a BIOS boot shows when the boot loader set no graphics
 * mode.  The adapter draws the characters itself from its own font; a cell
 * is a code page 437 character and an attribute byte.  The cursor is drawn
 * as an inverted cell, so no I/O ports are needed. */
#include <screen.h>
#include <kernel.h>

struct egacon {
	struct screen screen;
	volatile uint16_t *base;
	unsigned rows, cols;
};

/* ANSI colour order (red = 1) to the adapter's (blue = 1). */
static const uint8_t ansi_to_vga[8] = { 0, 4, 2, 6, 1, 5, 3, 7 };

/* Code page 437 has ASCII and a few Latin-1 letters; others show '?'. */
static uint8_t cp437(uint32_t ch)
{
	static const struct { uint16_t cp; uint8_t c; } latin[] = {
		{ 0xe9, 0x82 }, { 0xe8, 0x8a }, { 0xe0, 0x85 }, { 0xe4, 0x84 }, { 0xf6, 0x94 },
		{ 0xfc, 0x81 }, { 0xc4, 0x8e }, { 0xd6, 0x99 }, { 0xdc, 0x9a }, { 0xdf, 0xe1 },
		{ 0xe7, 0x87 }, { 0xb0, 0xf8 }, { 0x2502, 0xb3 }, { 0x2500, 0xc4 }, { 0x2588, 0xdb },
	};
	if (ch >= 0x20 && ch < 0x7f)
		return (uint8_t)ch;
	for (unsigned i = 0; i < sizeof latin / sizeof latin[0]; i++)
		if (latin[i].cp == ch)
			return latin[i].c;
	return '?';
}

static uint16_t ega_cell(const struct vt_cell *c, bool cursor)
{
	unsigned fg = ansi_to_vga[c->fg & 7] | (c->fg & 8), bg = ansi_to_vga[c->bg & 7];
	if ((c->flags & VT_BOLD))
		fg |= 8;
	if ((c->flags & VT_REVERSE) != 0 != cursor) {
		unsigned t = fg & 7;
		fg = bg;
		bg = t;
	}
	return (uint16_t)((bg << 12) | (fg << 8) | cp437(c->ch));
}

static void egacon_draw(struct screen *s)
{
	struct egacon *e = s->priv;
	struct vt *vt = &s->vt;
	vt_scroll_reset(vt);
	/* Cells are two bytes: redrawing the screen is cheaper than
	 * remembering it. */
	for (unsigned r = 0; r < e->rows; r++)
		for (unsigned c = 0; c < e->cols; c++) {
			bool cursor = vt->cursor_visible && r == vt->cy && c == vt->cx;
			uint16_t v = ega_cell(vt_cell(vt, r, c), cursor);
			if (e->base[r * e->cols + c] != v)
				e->base[r * e->cols + c] = v;
		}
}

int egacon_start(void *base, unsigned cols, unsigned rows)
{
	static struct egacon con;
	if (!base || cols == 0 || rows == 0 || cols > 256 || rows > 256)
		return -1;
	con.base = base;
	con.rows = rows;
	con.cols = cols;
	con.screen.draw = egacon_draw;
	con.screen.priv = &con;
	printk("egacon: %ux%u colour text screen\n", cols, rows);
	return screen_register(&con.screen, "egacon", rows, cols);
}

/* The text console on a linear framebuffer: the terminal emulator's cells
 * drawn with the console font (see <screen.h>, <font.h>).
 *
 * Drawing is lazy and by difference: the console remembers what each cell
 * on the glass shows, and after a write draws only the cells that differ.
 * Scrolling (recorded by the emulator) moves the pixels once per write, by
 * however many lines the write scrolled, so a burst of output costs one
 * move and the new lines, not a redraw per line.  Pixels are written as
 * whole aligned words, which device memory (the Pi's framebuffer mapped by
 * ioremap) requires. */
#include <screen.h>
#include <font.h>
#include <mm.h>
#include <kernel.h>
#include <string.h>

#define CURSOR_MARK 1           /* in vt_cell.pad of the drawn copy: the cursor is drawn here */
#define UNKNOWN_CH 0xffffffffu  /* a drawn cell whose pixels are not known */

struct fbcon {
	struct screen screen;
	struct fb_info fb;
	const struct font *font;
	unsigned rows, cols;
	unsigned x0, y0;            /* top-left pixel of the text area (centred) */
	struct vt_cell *drawn;      /* what the glass shows */
	uint32_t palette[16];       /* pixel values */
};

/* The 16 colours of the PC console (VGA palette), as 0xRRGGBB. */
static const uint32_t vga_rgb[16] = {
	0x000000, 0xaa0000, 0x00aa00, 0xaa5500, 0x0000aa, 0xaa00aa, 0x00aaaa, 0xaaaaaa,
	0x555555, 0xff5555, 0x55ff55, 0xffff55, 0x5555ff, 0xff55ff, 0x55ffff, 0xffffff,
};

static uint32_t channel(uint32_t v8, uint8_t pos, uint8_t size)
{
	if (size == 0)
		return 0;
	uint32_t v = size >= 8 ? v8 << (size - 8) : v8 >> (8 - size);
	return v << pos;
}

static uint32_t pixel_of(const struct fb_info *fb, uint32_t rgb)
{
	return channel(rgb >> 16 & 0xff, fb->red_pos, fb->red_size) |
	       channel(rgb >> 8 & 0xff, fb->green_pos, fb->green_size) |
	       channel(rgb & 0xff, fb->blue_pos, fb->blue_size);
}

/* One row of a glyph: width pixels of fg or bg at p. */
static void put_pixels(struct fbcon *f, uint8_t *p, const uint8_t *bits, uint32_t fg, uint32_t bg)
{
	unsigned w = f->font->width;
	switch (f->fb.bpp) {
	case 32: {
		volatile uint32_t *q = (volatile uint32_t *)p;
		for (unsigned x = 0; x < w; x++)
			q[x] = bits[x / 8] & (0x80 >> (x % 8)) ? fg : bg;
		break;
	}
	case 16: {
		volatile uint16_t *q = (volatile uint16_t *)p;
		for (unsigned x = 0; x < w; x++)
			q[x] = (uint16_t)(bits[x / 8] & (0x80 >> (x % 8)) ? fg : bg);
		break;
	}
	default: {              /* 24 bpp: three bytes a pixel */
		volatile uint8_t *q = p;
		for (unsigned x = 0; x < w; x++) {
			uint32_t v = bits[x / 8] & (0x80 >> (x % 8)) ? fg : bg;
			q[3 * x] = (uint8_t)v;
			q[3 * x + 1] = (uint8_t)(v >> 8);
			q[3 * x + 2] = (uint8_t)(v >> 16);
		}
		break;
	}
	}
}

static uint8_t *cell_pixels(struct fbcon *f, unsigned row, unsigned col)
{
	return (uint8_t *)f->fb.base + (size_t)(f->y0 + row * f->font->height) * f->fb.pitch +
	       (size_t)(f->x0 + col * f->font->width) * (f->fb.bpp / 8);
}

static void draw_cell(struct fbcon *f, unsigned row, unsigned col, const struct vt_cell *c,
		      bool cursor)
{
	const struct font *font = f->font;
	unsigned fgi = c->fg, bgi = c->bg;
	if ((c->flags & VT_BOLD) && fgi < 8)
		fgi += 8;               /* bold is bright, as on the PC console */
	if (c->flags & VT_REVERSE) {
		unsigned t = fgi;
		fgi = bgi;
		bgi = t;
	}
	if (cursor) {
		unsigned t = fgi;
		fgi = bgi;
		bgi = t;
	}
	uint32_t fg = f->palette[fgi & 15], bg = f->palette[bgi & 15];
	const uint8_t *g = font_glyph(font, c->ch);
	uint8_t *p = cell_pixels(f, row, col);
	static const uint8_t full[4] = { 0xff, 0xff, 0xff, 0xff };
	for (unsigned y = 0; y < font->height; y++, p += f->fb.pitch) {
		const uint8_t *bits = g + y * font->stride;
		if ((c->flags & VT_UNDERLINE) && y == font->height - 1)
			bits = full;
		put_pixels(f, p, bits, fg, bg);
	}
}

/* Copy n bytes of pixels between two lines, word by word (never bytes or
 * vector registers: device memory). */
static void copy_line(uint8_t *dst, const uint8_t *src, size_t n)
{
	if (((uintptr_t)dst | (uintptr_t)src | n) % 8 == 0) {
		volatile uint64_t *d = (volatile uint64_t *)dst;
		const volatile uint64_t *s = (const volatile uint64_t *)src;
		for (size_t i = 0; i < n / 8; i++)
			d[i] = s[i];
	} else {
		volatile uint32_t *d = (volatile uint32_t *)dst;
		const volatile uint32_t *s = (const volatile uint32_t *)src;
		for (size_t i = 0; i < n / 4; i++)
			d[i] = s[i];
	}
}

/* Move the pixels of text rows top..bottom up by n rows (down if n < 0)
 * and shift the drawn copy to match; the rows uncovered become unknown. */
static void move_rows(struct fbcon *f, unsigned top, unsigned bottom, int n)
{
	unsigned k = (unsigned)(n > 0 ? n : -n), height = bottom - top + 1;
	unsigned fh = f->font->height;
	size_t line_bytes = (size_t)f->cols * f->font->width * (f->fb.bpp / 8);
	line_bytes = (line_bytes + 3) & ~(size_t)3;
	if (k >= height)
		k = height;
	unsigned moved = height - k;        /* text rows that keep their content */
	for (unsigned i = 0; i < moved * fh; i++) {
		unsigned y = n > 0 ? top * fh + i : (bottom + 1) * fh - 1 - i;
		unsigned from = n > 0 ? y + k * fh : y - k * fh;
		copy_line((uint8_t *)f->fb.base + (size_t)(f->y0 + y) * f->fb.pitch + f->x0 * (f->fb.bpp / 8),
			  (uint8_t *)f->fb.base + (size_t)(f->y0 + from) * f->fb.pitch + f->x0 * (f->fb.bpp / 8),
			  line_bytes);
	}
	struct vt_cell *d = f->drawn;
	size_t row = f->cols;
	if (n > 0)
		memmove(d + top * row, d + (top + k) * row, moved * row * sizeof *d);
	else
		memmove(d + (top + k) * row, d + top * row, moved * row * sizeof *d);
	unsigned first = n > 0 ? bottom + 1 - k : top;
	for (size_t i = first * row; i < (first + k) * row; i++)
		d[i].ch = UNKNOWN_CH;
}

static bool same(const struct vt_cell *a, const struct vt_cell *b)
{
	return a->ch == b->ch && a->fg == b->fg && a->bg == b->bg && a->flags == b->flags &&
	       a->pad == b->pad;
}

static void fbcon_draw(struct screen *s)
{
	struct fbcon *f = s->priv;
	struct vt *vt = &s->vt;
	if (vt->cleared) {
		for (size_t i = 0; i < (size_t)f->rows * f->cols; i++)
			f->drawn[i].ch = UNKNOWN_CH;
	} else if (!vt->scroll_mixed && vt->scroll_n != 0) {
		move_rows(f, vt->scroll_top, vt->scroll_bottom, vt->scroll_n);
	}
	vt_scroll_reset(vt);
	for (unsigned r = 0; r < f->rows; r++) {
		for (unsigned c = 0; c < f->cols; c++) {
			struct vt_cell want = *vt_cell(vt, r, c);
			bool cursor = vt->cursor_visible && r == vt->cy && c == vt->cx;
			want.pad = cursor ? CURSOR_MARK : 0;
			struct vt_cell *have = &f->drawn[r * f->cols + c];
			if (!same(&want, have)) {
				draw_cell(f, r, c, &want, cursor);
				*have = want;
			}
		}
	}
}

/* Paint the whole framebuffer black (margins included). */
static void clear_all(struct fbcon *f)
{
	uint32_t bg = f->palette[0];
	size_t bytes = (size_t)f->fb.width * (f->fb.bpp / 8);
	for (uint32_t y = 0; y < f->fb.height; y++) {
		uint8_t *p = (uint8_t *)f->fb.base + (size_t)y * f->fb.pitch;
		if (f->fb.bpp == 32) {
			volatile uint32_t *q = (volatile uint32_t *)p;
			for (uint32_t x = 0; x < f->fb.width; x++)
				q[x] = bg;
		} else {
			volatile uint8_t *q = p;
			for (size_t i = 0; i < bytes; i++)
				q[i] = 0;
		}
	}
}

int fbcon_start(const struct fb_info *fb, const char *what)
{
	static struct fbcon con;    /* one screen */
	struct fbcon *f = &con;
	if (f->font) {
		printk("fbcon: a screen is already in use; %s framebuffer ignored\n", what);
		return -1;
	}
	if (console_font.nglyphs == 0) {
		printk("fbcon: built without a console font (./scripts/setup fetches it); no screen\n");
		return -1;
	}
	if (!fb->base || (fb->bpp != 16 && fb->bpp != 24 && fb->bpp != 32) ||
	    fb->pitch < (uint64_t)fb->width * (fb->bpp / 8) || fb->pitch % 4 ||
	    fb->width < console_font.width || fb->height < console_font.height) {
		printk("fbcon: %s framebuffer %ux%u, %u bpp, pitch %u: not usable\n", what, fb->width,
		       fb->height, fb->bpp, fb->pitch);
		return -1;
	}
	f->fb = *fb;
	f->font = &console_font;
	f->cols = fb->width / f->font->width;
	f->rows = fb->height / f->font->height;
	f->x0 = (fb->width - f->cols * f->font->width) / 2;
	f->y0 = (fb->height - f->rows * f->font->height) / 2;
	for (int i = 0; i < 16; i++)
		f->palette[i] = pixel_of(fb, vga_rgb[i]);
	f->drawn = kmalloc((size_t)f->rows * f->cols * sizeof *f->drawn);
	if (!f->drawn) {
		f->font = NULL;
		printk("fbcon: no memory for the screen\n");
		return -1;
	}
	clear_all(f);
	for (size_t i = 0; i < (size_t)f->rows * f->cols; i++)
		f->drawn[i] = (struct vt_cell){ .ch = ' ', .fg = VT_DEFAULT_FG, .bg = VT_DEFAULT_BG };
	f->screen.draw = fbcon_draw;
	f->screen.priv = f;
	printk("fbcon: %s framebuffer %ux%u, %u bpp at %#lx: %ux%u text, font %ux%u\n", what,
	       fb->width, fb->height, fb->bpp, (unsigned long)fb->phys, f->cols, f->rows,
	       f->font->width, f->font->height);
	if (screen_register(&f->screen, "fbcon", f->rows, f->cols) < 0) {
		kfree(f->drawn);
		f->font = NULL;
		return -1;
	}
	return 0;
}

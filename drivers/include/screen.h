/* Screens: the text console on a display (drivers/video/).
 *
 * A display driver finds its memory (the boot loader's framebuffer,
 * ramfb, the VideoCore mailbox, a simple-framebuffer node) and hands it to
 * fbcon_start(), or to egacon_start() for a PC text screen.  Either makes a
 * struct screen: a terminal emulator (<vt.h>) of the right size, registered
 * as a console, so the kernel log and /dev/console appear on it as on the
 * serial line; TIOCGWINSZ then reports its size. */
#ifndef RINGEL_SCREEN_H
#define RINGEL_SCREEN_H
#include <stdint.h>
#include <stdbool.h>
#include <console.h>
#include <vt.h>

struct screen {
	struct vt vt;
	struct console con;
	/* Bring the display up to date with vt's cells (after each write). */
	void (*draw)(struct screen *s);
	void *priv;
	/* lazy drawing (screen.c) */
	bool pending, ticking;
	uint64_t last_draw;
};

/* Make s a console of rows x cols cells (the cells come from the heap)
 * whose output is drawn by s->draw.  0, or -1 if there is no memory. */
int screen_register(struct screen *s, const char *name, unsigned rows, unsigned cols);

/* A linear framebuffer of direct-colour pixels. */
struct fb_info {
	uint64_t phys;          /* for the log */
	void *base;             /* mapped */
	uint32_t width, height, pitch;   /* pixels, pixels, bytes per line */
	uint8_t bpp;            /* 16, 24 or 32 */
	/* bit position and width of each colour in a pixel */
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
	/* true: base is device memory (only aligned word accesses; never
	 * read back more than needed) */
	bool device;
};

/* Start the text console on fb.  what names the source for the log
 * ("Multiboot2", "ramfb"...).  0, or -1 (the reason printed). */
int fbcon_start(const struct fb_info *fb, const char *what);
/* The PC's colour text screen: 2 bytes a cell (CP437 character,
 * attribute), cols x rows at base (mapped 0xB8000). */
int egacon_start(void *base, unsigned cols, unsigned rows);
#endif

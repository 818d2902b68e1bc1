/* A VT100/ANSI terminal emulator on a grid of character cells
 * (drivers/video/vt.c).  It knows nothing of pixels: a screen driver
 * (drivers/video/fbcon.c, the EGA text screen) draws the cells.
 *
 * What it understands is what the shell's line editor
 * (userland/sh/lineedit.c) and full-screen programs send: the C0 controls,
 * UTF-8, ESC 7/8/D/E/M/c, and CSI sequences for cursor movement (A-G, H, f,
 * d, `), erasing (J, K, X), inserting and deleting (@, P, L, M), scrolling
 * (S, T, r), colours and attributes (m, 16 and 256 colours), modes (?25
 * cursor, ?7 autowrap, ?6 origin, 4 insert, ?1049/?47 alternate screen),
 * save and restore (s, u) and the reports (5n, 6n, c). */
#ifndef RINGEL_VT_H
#define RINGEL_VT_H
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

#define VT_BOLD      0x01
#define VT_UNDERLINE 0x02
#define VT_REVERSE   0x04

#define VT_DEFAULT_FG 7     /* light grey on black, as the PC console */
#define VT_DEFAULT_BG 0

struct vt_cell {
	uint32_t ch;            /* Unicode code point; ' ' when blank */
	uint8_t fg, bg;         /* palette indexes 0-15 */
	uint8_t flags;          /* VT_BOLD... */
	uint8_t pad;
};

#define VT_MAX_PARAMS 16

struct vt {
	unsigned rows, cols;
	struct vt_cell *cells;   /* rows * cols, row-major: what is on screen */
	struct vt_cell *alt;     /* the other screen of ?1049 (NULL: no alternate screen) */
	bool on_alt;

	unsigned cx, cy;         /* cursor, 0-based */
	bool wrap_pending;       /* the last column was written: the next character wraps */
	unsigned top, bottom;    /* scrolling region, inclusive rows */
	uint8_t fg, bg, flags;   /* attributes of new characters */
	bool autowrap, origin, insert, cursor_visible;
	bool lf_newline;         /* LF also returns the carriage (the console's ONLCR) */

	struct {
		unsigned cx, cy;
		uint8_t fg, bg, flags;
		bool origin, wrap_pending;
	} saved;

	/* parser */
	enum { VT_GROUND, VT_ESC, VT_CSI, VT_OSC, VT_OSC_ESC, VT_CHARSET, VT_HASH } state;
	unsigned params[VT_MAX_PARAMS];
	unsigned nparams;
	bool param_started;
	char private_mark;       /* '?' or '>' after CSI, else 0 */
	char intermediate;       /* ' ' '!' '"' ... before the final byte */
	uint32_t utf8_cp;
	unsigned utf8_left;

	/* Scrolling done since the screen driver last looked: scroll_n lines
	 * up (negative: down) in rows scroll_top..scroll_bottom, so it can move
	 * pixels instead of redrawing.  scroll_mixed: more than one region or
	 * direction; the driver then redraws what changed. */
	int scroll_n;
	unsigned scroll_top, scroll_bottom;
	bool scroll_mixed;
	bool cleared;            /* the whole screen was erased */

	/* Answers to reports (cursor position, device attributes) go here,
	 * as if typed; NULL drops them. */
	void (*reply)(struct vt *vt, const char *s, size_t n);
	void *priv;
};

/* cells must hold rows * cols cells; alt the same or NULL. */
void vt_init(struct vt *vt, unsigned rows, unsigned cols, struct vt_cell *cells,
	     struct vt_cell *alt);
void vt_write(struct vt *vt, const char *s, size_t n);
static inline struct vt_cell *vt_cell(struct vt *vt, unsigned row, unsigned col)
{
	return &vt->cells[row * vt->cols + col];
}
/* Forget the scrolling record (the screen driver has caught up). */
void vt_scroll_reset(struct vt *vt);
#endif

/* The VT100/ANSI terminal emulator (see <vt.h>): a byte stream in, a grid
 * of cells out.  The behaviour follows the DEC VT100/VT220 manuals and
 * xterm's "Control Sequences" where they agree; where they differ, what the
 * Linux console does. */
#include <vt.h>
#include <string.h>

static struct vt_cell blank(const struct vt *vt)
{
	/* Erased cells take the current background ("bce", as the Linux
	 * console and xterm do), never the other attributes. */
	return (struct vt_cell){ .ch = ' ', .fg = vt->fg, .bg = vt->bg, .flags = 0 };
}

static void fill(struct vt *vt, unsigned from, unsigned to)
{
	struct vt_cell b = blank(vt);
	for (unsigned i = from; i < to; i++)
		vt->cells[i] = b;
}

void vt_scroll_reset(struct vt *vt)
{
	vt->scroll_n = 0;
	vt->scroll_mixed = false;
	vt->cleared = false;
}

/* Remember a scroll for the screen driver (see struct vt). */
static void note_scroll(struct vt *vt, unsigned top, unsigned bottom, int n)
{
	if (vt->scroll_n == 0 && !vt->scroll_mixed) {
		vt->scroll_top = top;
		vt->scroll_bottom = bottom;
		vt->scroll_n = n;
	} else if (!vt->scroll_mixed && vt->scroll_top == top && vt->scroll_bottom == bottom &&
		   (vt->scroll_n > 0) == (n > 0)) {
		int height = (int)(bottom - top + 1);
		vt->scroll_n += n;
		if (vt->scroll_n > height)
			vt->scroll_n = height;
		if (vt->scroll_n < -height)
			vt->scroll_n = -height;
	} else {
		vt->scroll_mixed = true;
	}
}

/* Move rows top..bottom up by n (n > 0) or down by -n, blanking what is
 * uncovered. */
static void scroll_region(struct vt *vt, unsigned top, unsigned bottom, int n)
{
	unsigned height = bottom - top + 1;
	unsigned k = (unsigned)(n > 0 ? n : -n);
	if (k == 0 || top > bottom)
		return;
	if (k > height)
		k = height;
	note_scroll(vt, top, bottom, n > 0 ? (int)k : -(int)k);
	size_t row = vt->cols;
	struct vt_cell *base = vt->cells + top * row;
	if (n > 0) {
		memmove(base, base + k * row, (height - k) * row * sizeof *base);
		fill(vt, (bottom + 1 - k) * row, (bottom + 1) * row);
	} else {
		memmove(base + k * row, base, (height - k) * row * sizeof *base);
		fill(vt, top * row, (top + k) * row);
	}
}

static void clamp_cursor(struct vt *vt)
{
	unsigned lo = vt->origin ? vt->top : 0, hi = vt->origin ? vt->bottom : vt->rows - 1;
	if (vt->cy < lo)
		vt->cy = lo;
	if (vt->cy > hi)
		vt->cy = hi;
	if (vt->cx >= vt->cols)
		vt->cx = vt->cols - 1;
	vt->wrap_pending = false;
}

/* Absolute positioning (CUP, VPA): row is relative to the region in
 * origin mode. */
static void move_to(struct vt *vt, int row, int col)
{
	if (row < 0)
		row = 0;
	if (col < 0)
		col = 0;
	vt->cy = (unsigned)row + (vt->origin ? vt->top : 0);
	if (vt->cy >= vt->rows)
		vt->cy = vt->rows - 1;
	vt->cx = (unsigned)col;
	clamp_cursor(vt);
}

static void linefeed(struct vt *vt)
{
	if (vt->cy == vt->bottom)
		scroll_region(vt, vt->top, vt->bottom, 1);
	else if (vt->cy < vt->rows - 1)
		vt->cy++;
	vt->wrap_pending = false;
}

static void reverse_index(struct vt *vt)
{
	if (vt->cy == vt->top)
		scroll_region(vt, vt->top, vt->bottom, -1);
	else if (vt->cy > 0)
		vt->cy--;
	vt->wrap_pending = false;
}

static void save_cursor(struct vt *vt)
{
	vt->saved.cx = vt->cx;
	vt->saved.cy = vt->cy;
	vt->saved.fg = vt->fg;
	vt->saved.bg = vt->bg;
	vt->saved.flags = vt->flags;
	vt->saved.origin = vt->origin;
	vt->saved.wrap_pending = vt->wrap_pending;
}

static void restore_cursor(struct vt *vt)
{
	vt->cx = vt->saved.cx;
	vt->cy = vt->saved.cy;
	vt->fg = vt->saved.fg;
	vt->bg = vt->saved.bg;
	vt->flags = vt->saved.flags;
	vt->origin = vt->saved.origin;
	clamp_cursor(vt);
	vt->wrap_pending = vt->saved.wrap_pending;
}

static void reset(struct vt *vt)
{
	vt->cx = vt->cy = 0;
	vt->wrap_pending = false;
	vt->top = 0;
	vt->bottom = vt->rows - 1;
	vt->fg = VT_DEFAULT_FG;
	vt->bg = VT_DEFAULT_BG;
	vt->flags = 0;
	vt->autowrap = true;
	vt->origin = vt->insert = false;
	vt->cursor_visible = true;
	vt->state = VT_GROUND;
	vt->utf8_left = 0;
	save_cursor(vt);
	fill(vt, 0, vt->rows * vt->cols);
	vt->cleared = true;
}

void vt_init(struct vt *vt, unsigned rows, unsigned cols, struct vt_cell *cells,
	     struct vt_cell *alt)
{
	memset(vt, 0, sizeof *vt);
	vt->rows = rows;
	vt->cols = cols;
	vt->cells = cells;
	vt->alt = alt;
	reset(vt);
	if (alt) {
		struct vt_cell b = blank(vt);
		for (unsigned i = 0; i < rows * cols; i++)
			alt[i] = b;
	}
	vt_scroll_reset(vt);
}

static void put_char(struct vt *vt, uint32_t ch)
{
	if (vt->wrap_pending && vt->autowrap) {
		vt->cx = 0;
		linefeed(vt);
	}
	vt->wrap_pending = false;
	struct vt_cell *line = vt_cell(vt, vt->cy, 0);
	if (vt->insert && vt->cx < vt->cols - 1)
		memmove(line + vt->cx + 1, line + vt->cx, (vt->cols - vt->cx - 1) * sizeof *line);
	line[vt->cx] = (struct vt_cell){ .ch = ch, .fg = vt->fg, .bg = vt->bg, .flags = vt->flags };
	if (vt->cx == vt->cols - 1)
		vt->wrap_pending = vt->autowrap;
	else
		vt->cx++;
}

static void tab(struct vt *vt, int n)
{
	while (n > 0 && vt->cx < vt->cols - 1) {
		vt->cx = (vt->cx / 8 + 1) * 8;
		if (vt->cx > vt->cols - 1)
			vt->cx = vt->cols - 1;
		n--;
	}
	while (n < 0 && vt->cx > 0) {
		vt->cx = (vt->cx - 1) / 8 * 8;
		n++;
	}
	vt->wrap_pending = false;
}

static void control(struct vt *vt, unsigned char c)
{
	switch (c) {
	case '\b':
		if (vt->cx > 0)
			vt->cx--;
		vt->wrap_pending = false;
		break;
	case '\t':
		tab(vt, 1);
		break;
	case '\n': case '\v': case '\f':
		if (vt->lf_newline)
			vt->cx = 0;
		linefeed(vt);
		break;
	case '\r':
		vt->cx = 0;
		vt->wrap_pending = false;
		break;
	case 0x18: case 0x1a:           /* CAN, SUB: abandon a sequence */
		vt->state = VT_GROUND;
		break;
	case 0x1b:
		vt->state = VT_ESC;
		break;
	default:                        /* BEL, SO, SI, NUL...: nothing to draw */
		break;
	}
}

/* ---------------------------------------------------------------- CSI */
static unsigned param(const struct vt *vt, unsigned i, unsigned dflt)
{
	return i < vt->nparams && vt->params[i] ? vt->params[i] : dflt;
}

static void erase_display(struct vt *vt, unsigned how)
{
	unsigned at = vt->cy * vt->cols + vt->cx, all = vt->rows * vt->cols;
	if (how == 0)
		fill(vt, at, all);
	else if (how == 1)
		fill(vt, 0, at + 1);
	else if (how == 2 || how == 3) {
		fill(vt, 0, all);
		vt->cleared = true;
	}
}

static void erase_line(struct vt *vt, unsigned how)
{
	unsigned row = vt->cy * vt->cols;
	if (how == 0)
		fill(vt, row + vt->cx, row + vt->cols);
	else if (how == 1)
		fill(vt, row, row + vt->cx + 1);
	else if (how == 2)
		fill(vt, row, row + vt->cols);
}

/* ICH (n > 0) and DCH (n < 0): shift the rest of the line. */
static void shift_chars(struct vt *vt, int n)
{
	struct vt_cell *line = vt_cell(vt, vt->cy, 0);
	unsigned rest = vt->cols - vt->cx;
	unsigned k = (unsigned)(n > 0 ? n : -n);
	if (k > rest)
		k = rest;
	if (n > 0)
		memmove(line + vt->cx + k, line + vt->cx, (rest - k) * sizeof *line);
	else
		memmove(line + vt->cx, line + vt->cx + k, (rest - k) * sizeof *line);
	unsigned from = n > 0 ? vt->cx : vt->cols - k;
	fill(vt, vt->cy * vt->cols + from, vt->cy * vt->cols + from + k);
	vt->wrap_pending = false;
}

/* 256-colour index to the nearest of the 16 the palette has. */
static uint8_t colour256(unsigned n)
{
	if (n < 16)
		return (uint8_t)n;
	unsigned r, g, b;
	if (n >= 232) {
		unsigned l = (n - 232) * 10 + 8;
		r = g = b = l;
	} else {
		n -= 16;
		r = n / 36 * 51, g = n / 6 % 6 * 51, b = n % 6 * 51;
	}
	unsigned hi = (r > 170 || g > 170 || b > 170) ? 8 : 0;
	unsigned lim = hi ? 170 : 64;
	uint8_t c = (uint8_t)((r >= lim ? 1 : 0) | (g >= lim ? 2 : 0) | (b >= lim ? 4 : 0));
	if (c == 0 && hi == 0 && (r + g + b) / 3 >= 64)
		return 8;               /* dark grey */
	return (uint8_t)(c | hi);
}

static uint8_t colour_rgb(unsigned r, unsigned g, unsigned b)
{
	return colour256(16 + (r * 6 / 256) * 36 + (g * 6 / 256) * 6 + b * 6 / 256);
}

/* SGR 38/48: 5;n or 2;r;g;b.  Returns how many parameters it used. */
static unsigned extended_colour(struct vt *vt, unsigned i, uint8_t *out)
{
	if (i + 1 < vt->nparams && vt->params[i + 1] == 5 && i + 2 < vt->nparams) {
		*out = colour256(vt->params[i + 2] & 0xff);
		return 2;
	}
	if (i + 1 < vt->nparams && vt->params[i + 1] == 2 && i + 4 < vt->nparams) {
		*out = colour_rgb(vt->params[i + 2] & 0xff, vt->params[i + 3] & 0xff,
				  vt->params[i + 4] & 0xff);
		return 4;
	}
	return vt->nparams - i;     /* malformed: the rest is its argument */
}

static void sgr(struct vt *vt)
{
	if (vt->nparams == 0)
		vt->nparams = 1, vt->params[0] = 0;
	for (unsigned i = 0; i < vt->nparams; i++) {
		unsigned p = vt->params[i];
		if (p == 0) {
			vt->fg = VT_DEFAULT_FG;
			vt->bg = VT_DEFAULT_BG;
			vt->flags = 0;
		} else if (p == 1) {
			vt->flags |= VT_BOLD;
		} else if (p == 4) {
			vt->flags |= VT_UNDERLINE;
		} else if (p == 7) {
			vt->flags |= VT_REVERSE;
		} else if (p == 22) {
			vt->flags &= (uint8_t)~VT_BOLD;
		} else if (p == 24) {
			vt->flags &= (uint8_t)~VT_UNDERLINE;
		} else if (p == 27) {
			vt->flags &= (uint8_t)~VT_REVERSE;
		} else if (p >= 30 && p <= 37) {
			vt->fg = (uint8_t)(p - 30);
		} else if (p == 38) {
			i += extended_colour(vt, i, &vt->fg);
		} else if (p == 39) {
			vt->fg = VT_DEFAULT_FG;
		} else if (p >= 40 && p <= 47) {
			vt->bg = (uint8_t)(p - 40);
		} else if (p == 48) {
			i += extended_colour(vt, i, &vt->bg);
		} else if (p == 49) {
			vt->bg = VT_DEFAULT_BG;
		} else if (p >= 90 && p <= 97) {
			vt->fg = (uint8_t)(p - 90 + 8);
		} else if (p >= 100 && p <= 107) {
			vt->bg = (uint8_t)(p - 100 + 8);
		}
		/* 2 dim, 3 italic, 5 blink, 8 hidden...: not drawn */
	}
}

static void switch_screen(struct vt *vt, bool to_alt)
{
	if (vt->on_alt == to_alt)
		return;
	if (vt->alt) {
		struct vt_cell *t = vt->cells;
		vt->cells = vt->alt;
		vt->alt = t;
		vt->cleared = true;     /* every cell may differ */
	}
	vt->on_alt = to_alt;
	if (to_alt)
		fill(vt, 0, vt->rows * vt->cols);
}

static void set_mode(struct vt *vt, bool on)
{
	for (unsigned i = 0; i < vt->nparams; i++) {
		unsigned p = vt->params[i];
		if (vt->private_mark == '?') {
			if (p == 25)
				vt->cursor_visible = on;
			else if (p == 7)
				vt->autowrap = on;
			else if (p == 6) {
				vt->origin = on;
				move_to(vt, 0, 0);
			} else if (p == 1049) {
				if (on) {
					save_cursor(vt);
					switch_screen(vt, true);
				} else {
					switch_screen(vt, false);
					restore_cursor(vt);
				}
			} else if (p == 47 || p == 1047) {
				switch_screen(vt, on);
			}
		} else if (vt->private_mark == 0 && p == 4) {
			vt->insert = on;
		}
	}
}

static void report(struct vt *vt, const char *s)
{
	if (vt->reply)
		vt->reply(vt, s, strlen(s));
}

/* Decimal without printf: this file is used by the kernel and the host test. */
static char *put_dec(char *p, unsigned v)
{
	char tmp[12];
	int n = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) && n < 11);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static void device_status(struct vt *vt)
{
	unsigned what = param(vt, 0, 0);
	if (vt->private_mark)
		return;
	if (what == 5) {
		report(vt, "\033[0n");
	} else if (what == 6) {
		char buf[32], *p = buf;
		*p++ = '\033';
		*p++ = '[';
		p = put_dec(p, vt->cy - (vt->origin ? vt->top : 0) + 1);
		*p++ = ';';
		p = put_dec(p, vt->cx + 1);
		*p++ = 'R';
		*p = 0;
		report(vt, buf);
	}
}

static void csi_dispatch(struct vt *vt, unsigned char f)
{
	unsigned n = param(vt, 0, 1);
	if (vt->intermediate)
		return;                 /* DECSCUSR and friends: nothing to do */
	if (vt->private_mark && f != 'h' && f != 'l' && f != 'J' && f != 'K' && f != 'c' &&
	    f != 'n')
		return;
	switch (f) {
	case 'A': {
		unsigned lim = vt->cy >= vt->top ? vt->top : 0;
		vt->cy = vt->cy - lim >= n ? vt->cy - n : lim;
		vt->wrap_pending = false;
		break;
	}
	case 'B': case 'e': {
		unsigned lim = vt->cy <= vt->bottom ? vt->bottom : vt->rows - 1;
		vt->cy = lim - vt->cy >= n ? vt->cy + n : lim;
		vt->wrap_pending = false;
		break;
	}
	case 'C': case 'a':
		vt->cx = vt->cols - 1 - vt->cx >= n ? vt->cx + n : vt->cols - 1;
		vt->wrap_pending = false;
		break;
	case 'D':
		vt->cx = vt->cx >= n ? vt->cx - n : 0;
		vt->wrap_pending = false;
		break;
	case 'E': vt->cx = 0; csi_dispatch(vt, 'B'); break;
	case 'F': vt->cx = 0; csi_dispatch(vt, 'A'); break;
	case 'G': case '`':
		vt->cx = n - 1 < vt->cols ? n - 1 : vt->cols - 1;
		vt->wrap_pending = false;
		break;
	case 'H': case 'f':
		move_to(vt, (int)param(vt, 0, 1) - 1, (int)param(vt, 1, 1) - 1);
		break;
	case 'd':
		move_to(vt, (int)n - 1, (int)vt->cx);
		break;
	case 'I': tab(vt, (int)(n < vt->cols ? n : vt->cols)); break;
	case 'Z': tab(vt, -(int)(n < vt->cols ? n : vt->cols)); break;
	case 'J': erase_display(vt, param(vt, 0, 0)); break;
	case 'K': erase_line(vt, param(vt, 0, 0)); break;
	case 'X': {
		unsigned k = n < vt->cols - vt->cx ? n : vt->cols - vt->cx;
		unsigned at = vt->cy * vt->cols + vt->cx;
		fill(vt, at, at + k);
		vt->wrap_pending = false;
		break;
	}
	case '@': shift_chars(vt, (int)(n < vt->cols ? n : vt->cols)); break;
	case 'P': shift_chars(vt, -(int)(n < vt->cols ? n : vt->cols)); break;
	case 'L': case 'M':
		/* Only inside the scrolling region; the cursor keeps its column
		 * (as the Linux console). */
		if (vt->cy >= vt->top && vt->cy <= vt->bottom) {
			unsigned k = n < vt->rows ? n : vt->rows;
			scroll_region(vt, vt->cy, vt->bottom, f == 'L' ? -(int)k : (int)k);
		}
		vt->wrap_pending = false;
		break;
	case 'S': scroll_region(vt, vt->top, vt->bottom, (int)(n < vt->rows ? n : vt->rows)); break;
	case 'T': scroll_region(vt, vt->top, vt->bottom, -(int)(n < vt->rows ? n : vt->rows)); break;
	case 'm': sgr(vt); break;
	case 'r': {
		unsigned t = param(vt, 0, 1), b = param(vt, 1, vt->rows);
		if (b > vt->rows)
			b = vt->rows;
		if (t < b) {
			vt->top = t - 1;
			vt->bottom = b - 1;
			move_to(vt, 0, 0);
		}
		break;
	}
	case 's': save_cursor(vt); break;
	case 'u': restore_cursor(vt); break;
	case 'h': set_mode(vt, true); break;
	case 'l': set_mode(vt, false); break;
	case 'n': device_status(vt); break;
	case 'c':
		if (vt->private_mark == 0 && param(vt, 0, 0) == 0)
			report(vt, "\033[?6c");     /* a VT102 */
		break;
	default:
		break;
	}
}

static void csi_byte(struct vt *vt, unsigned char c)
{
	if (c >= '0' && c <= '9') {
		if (vt->nparams == 0)
			vt->nparams = 1;
		unsigned *p = &vt->params[vt->nparams - 1];
		if (*p < 100000)        /* big numbers saturate; clamped where used */
			*p = *p * 10 + (c - '0');
	} else if (c == ';' || c == ':') {
		if (vt->nparams == 0)
			vt->nparams = 1;
		if (vt->nparams < VT_MAX_PARAMS)
			vt->params[vt->nparams++] = 0;
	} else if (c >= '<' && c <= '?') {
		vt->private_mark = (char)c;
	} else if (c >= 0x20 && c <= 0x2f) {
		vt->intermediate = (char)c;
	} else if (c >= 0x40 && c <= 0x7e) {
		vt->state = VT_GROUND;
		csi_dispatch(vt, c);
	} else {
		vt->state = VT_GROUND;  /* not a CSI byte: drop the sequence */
	}
}

static void esc_byte(struct vt *vt, unsigned char c)
{
	vt->state = VT_GROUND;
	switch (c) {
	case '[':
		vt->state = VT_CSI;
		vt->nparams = 0;
		memset(vt->params, 0, sizeof vt->params);
		vt->private_mark = vt->intermediate = 0;
		break;
	case ']': vt->state = VT_OSC; break;
	case '(': case ')': case '*': case '+': vt->state = VT_CHARSET; break;
	case '#': vt->state = VT_HASH; break;
	case '7': save_cursor(vt); break;
	case '8': restore_cursor(vt); break;
	case 'D': linefeed(vt); break;
	case 'E': vt->cx = 0; linefeed(vt); break;
	case 'M': reverse_index(vt); break;
	case 'c': reset(vt); break;
	default: break;             /* = > keypad modes, H tab set...: ignored */
	}
}

/* Feed one byte of the UTF-8 text; a bad sequence shows U+FFFD. */
static void text_byte(struct vt *vt, unsigned char c)
{
	if (vt->utf8_left) {
		if ((c & 0xc0) == 0x80) {
			vt->utf8_cp = vt->utf8_cp << 6 | (c & 0x3f);
			if (--vt->utf8_left == 0)
				put_char(vt, vt->utf8_cp);
			return;
		}
		vt->utf8_left = 0;
		put_char(vt, 0xfffd);
	}
	if (c < 0x80) {
		put_char(vt, c);
	} else if ((c & 0xe0) == 0xc0) {
		vt->utf8_cp = c & 0x1f;
		vt->utf8_left = 1;
	} else if ((c & 0xf0) == 0xe0) {
		vt->utf8_cp = c & 0x0f;
		vt->utf8_left = 2;
	} else if ((c & 0xf8) == 0xf0) {
		vt->utf8_cp = c & 0x07;
		vt->utf8_left = 3;
	} else {
		put_char(vt, 0xfffd);
	}
}

void vt_write(struct vt *vt, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (vt->state == VT_OSC) {          /* operating system command: skipped */
			if (c == 7 || c == 0x18 || c == 0x1a)
				vt->state = VT_GROUND;
			else if (c == 0x1b)
				vt->state = VT_OSC_ESC;
			continue;
		}
		if (vt->state == VT_OSC_ESC) {      /* ESC \ ends it */
			vt->state = c == '\\' ? VT_GROUND : VT_OSC;
			continue;
		}
		if (c < 0x20 || c == 0x7f) {
			if (c == 0x7f)
				continue;
			if (vt->utf8_left) {
				vt->utf8_left = 0;
				put_char(vt, 0xfffd);
			}
			control(vt, c);
			continue;
		}
		switch (vt->state) {
		case VT_ESC: esc_byte(vt, c); break;
		case VT_CSI: csi_byte(vt, c); break;
		case VT_CHARSET: vt->state = VT_GROUND; break;   /* ESC ( B etc.: one charset */
		case VT_HASH: vt->state = VT_GROUND; break;
		default: text_byte(vt, c); break;
		}
	}
}

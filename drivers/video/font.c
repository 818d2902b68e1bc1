/* Finding a character's glyph in the console font (see <font.h>). */
#include <font.h>

static int lookup(const struct font *f, uint32_t cp)
{
	unsigned lo = 0, hi = f->nmap;
	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		if (f->map[mid].cp == cp)
			return f->map[mid].glyph < f->nglyphs ? f->map[mid].glyph : -1;
		if (f->map[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const uint8_t *font_glyph(const struct font *f, uint32_t cp)
{
	int g = lookup(f, cp);
	if (g < 0)
		g = lookup(f, 0xfffd);
	if (g < 0)
		g = lookup(f, '?');
	if (g < 0)
		g = 0;          /* (fbcon never starts with an empty font) */
	return f->glyphs + (unsigned)g * f->height * f->stride;
}

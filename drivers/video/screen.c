/* The glue between a screen and the console layer (see <screen.h>): the
 * terminal emulator's cells, and its answers to reports fed back as typed
 * input.
 *
 * Drawing is what costs (a scroll moves the whole framebuffer), so it is
 * lazy while output streams: a write is drawn at once if the screen was
 * last drawn at least DRAW_INTERVAL ago (a key's echo, a prompt, a log
 * line now and then), else left to the next timer tick (console_flush),
 * which draws however many writes came in between in one go.  Until the
 * tick runs (early boot), every write is drawn; the halt paths flush. */
#include <screen.h>
#include <tty.h>
#include <mm.h>
#include <arch.h>
#include <kernel.h>

#define DRAW_INTERVAL 10000000ull      /* ns: one tick at 100 Hz */

static void draw_now(struct screen *sc)
{
	sc->draw(sc);
	sc->pending = false;
	sc->last_draw = arch_clock_ns();
}

static void screen_write(struct console *c, const char *s, size_t n)
{
	struct screen *sc = c->priv;
	vt_write(&sc->vt, s, n);
	if (!sc->ticking || arch_clock_ns() - sc->last_draw >= DRAW_INTERVAL)
		draw_now(sc);
	else
		sc->pending = true;
}

static void screen_flush(struct console *c)
{
	struct screen *sc = c->priv;
	sc->ticking = true;
	if (sc->pending)
		draw_now(sc);
}

static void screen_reply(struct vt *vt, const char *s, size_t n)
{
	(void)vt;
	for (size_t i = 0; i < n; i++)
		tty_input_char(s[i]);
}

int screen_register(struct screen *s, const char *name, unsigned rows, unsigned cols)
{
	size_t cells = (size_t)rows * cols;
	struct vt_cell *main = kmalloc(cells * sizeof *main);
	struct vt_cell *alt = kmalloc(cells * sizeof *alt);
	if (!main || !alt || rows == 0 || cols == 0) {
		kfree(main);
		kfree(alt);
		printk("screen: no memory for a %ux%u text console\n", cols, rows);
		return -1;
	}
	vt_init(&s->vt, rows, cols, main, alt);
	/* The tty sends \n for a newline (its ONLCR is the drivers'
	 * business, as on the serial line). */
	s->vt.lf_newline = true;
	s->vt.reply = screen_reply;
	s->vt.priv = s;
	s->con.name = name;
	s->con.write = screen_write;
	s->con.getc = NULL;
	s->con.flush = screen_flush;
	s->con.priv = s;
	draw_now(s);
	console_register(&s->con);
	tty_set_screen_size(rows, cols);
	return 0;
}

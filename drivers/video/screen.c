/* The glue between a screen and the console layer (see <screen.h>): the
 * terminal emulator's cells, its answers to reports fed back as typed
 * input, and the console's write drawing after every call, so a panic's
 * last line is on the screen before the machine stops. */
#include <screen.h>
#include <tty.h>
#include <mm.h>
#include <kernel.h>

static void screen_write(struct console *c, const char *s, size_t n)
{
	struct screen *sc = c->priv;
	vt_write(&sc->vt, s, n);
	sc->draw(sc);
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
	s->con.priv = s;
	s->draw(s);
	console_register(&s->con);
	tty_set_screen_size(rows, cols);
	return 0;
}

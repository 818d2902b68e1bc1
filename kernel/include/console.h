/* Consoles: where printk's text goes.  Drivers register one; the kernel log
 * kept since boot is replayed into it, so nothing printed early is lost. */
#ifndef RINGEL_CONSOLE_H
#define RINGEL_CONSOLE_H
#include <stddef.h>

struct console {
	const char *name;
	void (*write)(struct console *c, const char *s, size_t n);
	/* The next received character, or -1 if none is waiting (never
	 * blocks).  NULL for an output-only console. */
	int (*getc)(struct console *c);
	void *priv;
	/* Show what earlier writes left pending (a screen draws lazily while
	 * output streams: see drivers/video/screen.c).  NULL if writes are
	 * always shown at once. */
	void (*flush)(struct console *c);
	struct console *next;
};

void console_register(struct console *c);
/* true once any console is registered */
int console_ready(void);
/* write to every console (printk uses this; panic too) */
void console_write(const char *s, size_t n);
/* Bring every console up to date (console->flush): from the timer tick,
 * and before the machine stops (panic, halt). */
void console_flush(void);
/* A driver whose console can receive registers it here as well
 * (kernel/fs/tty.c keeps the list; safe before memory management is up). */
void console_input_register(struct console *c);
/* Feed characters waiting in the consoles' receivers to the terminal
 * (kernel/fs/tty.c); called from the timer tick. */
void console_poll_input(void);

#endif

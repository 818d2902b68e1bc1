/* Keyboards (drivers/input/): key codes become the bytes a VT100-style
 * terminal sends, and reach the console's line discipline like bytes from
 * the serial line (see <console.h>: an input console polled at each tick). */
#ifndef RINGEL_KEYBOARD_H
#define RINGEL_KEYBOARD_H
#include <stdint.h>
#include <stdbool.h>

/* Decoder of PC scancode set 1 (what an i8042 delivers with translation
 * on), US layout (drivers/input/scancode.c). */
struct kbd_state {
	bool lshift, rshift, lctrl, rctrl, lalt, ralt;
	bool caps, numlock;
	bool e0;                 /* the last byte was the 0xE0 prefix */
	unsigned skip;           /* bytes of a Pause sequence still to drop */
};
#define KBD_MAX_BYTES 8
void kbd_init(struct kbd_state *k);
/* Feed one scancode byte; the bytes the key produced (a character, a
 * control character, an escape sequence) go to out.  Returns their count. */
unsigned kbd_set1(struct kbd_state *k, uint8_t code, char out[KBD_MAX_BYTES]);

/* The PC keyboard controller (drivers/input/i8042.c).  Its two ports are
 * reached through the arch's accessors (x86 port I/O). */
struct i8042_io {
	uint8_t (*in)(uint16_t port);
	void (*out)(uint16_t port, uint8_t v);
};
/* Program the controller (first port on, with its interrupt and scancode
 * translation; second port off) and register the keyboard as an input
 * console.  0, or -1 if no controller answers.  The arch then routes the
 * keyboard interrupt (ISA IRQ 1) to i8042_interrupt. */
int i8042_init(const struct i8042_io *io);
void i8042_interrupt(void *unused);
#endif

/* The PC keyboard controller (Intel 8042 and its descendants in every
 * chipset, and QEMU's): data at port 0x60, status and commands at 0x64.
 * The keyboard interrupt (ISA IRQ 1) reads the scancodes, the decoder
 * (scancode.c) turns them into bytes, and those wait in a small ring until
 * the tick's console_poll_input() hands them to the tty, the same way as
 * bytes from a UART. */
#include <keyboard.h>
#include <console.h>
#include <kernel.h>

#define DATA    0x60
#define STATUS  0x64
#define COMMAND 0x64

#define ST_OUT_FULL  0x01   /* a byte waits at DATA */
#define ST_IN_FULL   0x02   /* the controller has not taken the last write */
#define ST_AUX       0x20   /* the waiting byte is from the second (mouse) port */

#define CMD_READ_CONFIG  0x20
#define CMD_WRITE_CONFIG 0x60
#define CMD_DISABLE_AUX  0xa7
#define CMD_DISABLE_KBD  0xad
#define CMD_ENABLE_KBD   0xae

#define CFG_KBD_IRQ     0x01
#define CFG_AUX_IRQ     0x02
#define CFG_KBD_NOCLOCK 0x10
#define CFG_TRANSLATE   0x40   /* deliver set 1 whatever the keyboard speaks */

#define RING 64

static const struct i8042_io *io;
static struct kbd_state kbd;
static char ring[RING];
static unsigned ring_head, ring_count;
static struct console kbd_console;

static bool wait_status(uint8_t bit, bool set)
{
	for (int i = 0; i < 100000; i++)
		if (!!(io->in(STATUS) & bit) == set)
			return true;
	return false;
}

static void command(uint8_t c)
{
	wait_status(ST_IN_FULL, false);
	io->out(COMMAND, c);
}

static int kbd_getc(struct console *c)
{
	(void)c;
	if (ring_count == 0)
		return -1;
	char ch = ring[ring_head];
	ring_head = (ring_head + 1) % RING;
	ring_count--;
	return (unsigned char)ch;
}

void i8042_interrupt(void *unused)
{
	(void)unused;
	for (int n = 0; n < 16 && (io->in(STATUS) & ST_OUT_FULL); n++) {
		uint8_t status = io->in(STATUS);
		uint8_t code = io->in(DATA);
		if (status & ST_AUX)
			continue;
		char out[KBD_MAX_BYTES];
		unsigned k = kbd_set1(&kbd, code, out);
		/* A key's bytes go in whole or not at all: half an escape
		 * sequence would be worse than a lost key. */
		if (RING - ring_count < k)
			continue;
		for (unsigned i = 0; i < k; i++)
			ring[(ring_head + ring_count++) % RING] = out[i];
	}
}

int i8042_init(const struct i8042_io *ops)
{
	io = ops;
	if (io->in(STATUS) == 0xff)
		return -1;              /* nothing decodes the port */
	command(CMD_DISABLE_KBD);
	command(CMD_DISABLE_AUX);
	for (int i = 0; i < 64 && (io->in(STATUS) & ST_OUT_FULL); i++)
		io->in(DATA);           /* stale bytes */
	command(CMD_READ_CONFIG);
	if (!wait_status(ST_OUT_FULL, true))
		return -1;
	uint8_t cfg = io->in(DATA);
	cfg |= CFG_KBD_IRQ | CFG_TRANSLATE;
	cfg &= (uint8_t)~(CFG_AUX_IRQ | CFG_KBD_NOCLOCK);
	command(CMD_WRITE_CONFIG);
	wait_status(ST_IN_FULL, false);
	io->out(DATA, cfg);
	command(CMD_ENABLE_KBD);
	kbd_init(&kbd);
	kbd_console.name = "i8042";
	kbd_console.getc = kbd_getc;
	console_input_register(&kbd_console);
	printk("i8042: PS/2 keyboard (scancode set 1 through translation), IRQ 1\n");
	return 0;
}

/* virtio-input (virtio 1.x, device type 18) as a keyboard: QEMU's
 * virtio-keyboard-device / -pci, the keyboard of machines without a PC
 * keyboard controller (AArch64 virt).  The device writes Linux input events
 * (type, code, value) into buffers the driver keeps on queue 0; key codes
 * 1-88 are the PC's scancode set 1, the cursor and editing keys are set 1
 * behind the 0xE0 prefix, so the PS/2 decoder (drivers/input/scancode.c)
 * turns them into the same bytes.  Those wait in a small ring that the
 * tick's console_poll_input() takes, as from a UART; the queue is drained
 * from there too, so no interrupt is needed.  Other events (a mouse's
 * motion, its buttons) are dropped. */
#include <virtio.h>
#include <keyboard.h>
#include <console.h>
#include <kernel.h>
#include <mm.h>
#include <uapi/errno.h>

#define EV_KEY 1
#define EVENTS 64
#define RING 64

struct input_event {
	uint16_t type, code;
	uint32_t value;            /* 0 release, 1 press, 2 repeat */
};

struct vinput {
	struct virtio_dev *v;
	struct virtq *q;
	struct input_event ev[EVENTS];
	struct kbd_state kbd;
	char ring[RING];
	unsigned head, count;
	struct console con;
};

/* Linux key code -> set-1 scancode, with the E0 prefix for extended keys;
 * 0 for keys the decoder has no use for. */
static unsigned set1_of(unsigned code, bool *extended)
{
	*extended = false;
	if (code >= 1 && code <= 88)
		return code;
	static const struct { uint8_t code, set1; } ext[] = {
		{ 96, 0x1c },  /* KEY_KPENTER */   { 97, 0x1d },  /* KEY_RIGHTCTRL */
		{ 98, 0x35 },  /* KEY_KPSLASH */   { 100, 0x38 }, /* KEY_RIGHTALT */
		{ 102, 0x47 }, /* KEY_HOME */      { 103, 0x48 }, /* KEY_UP */
		{ 104, 0x49 }, /* KEY_PAGEUP */    { 105, 0x4b }, /* KEY_LEFT */
		{ 106, 0x4d }, /* KEY_RIGHT */     { 107, 0x4f }, /* KEY_END */
		{ 108, 0x50 }, /* KEY_DOWN */      { 109, 0x51 }, /* KEY_PAGEDOWN */
		{ 110, 0x52 }, /* KEY_INSERT */    { 111, 0x53 }, /* KEY_DELETE */
	};
	for (unsigned i = 0; i < ARRAY_SIZE(ext); i++)
		if (ext[i].code == code) {
			*extended = true;
			return ext[i].set1;
		}
	return 0;
}

static void key(struct vinput *in, unsigned code, uint32_t value)
{
	bool extended;
	unsigned sc = set1_of(code, &extended);
	if (!sc)
		return;
	char out[KBD_MAX_BYTES];
	if (extended)
		kbd_set1(&in->kbd, 0xe0, out);
	unsigned n = kbd_set1(&in->kbd, (uint8_t)(sc | (value == 0 ? 0x80 : 0)), out);
	if (RING - in->count < n)
		return;                 /* a key's bytes go in whole or not at all */
	for (unsigned i = 0; i < n; i++)
		in->ring[(in->head + in->count++) % RING] = out[i];
}

static void give(struct vinput *in, struct input_event *e)
{
	struct virtq_buf b = { virtio_pa(e), sizeof *e, true };
	virtq_add(in->q, &b, 1, e);
}

/* Decode what the device wrote and hand the buffers back. */
static void drain(struct vinput *in)
{
	struct input_event *e;
	uint32_t written;
	bool any = false;
	while ((e = virtq_get_used(in->q, &written))) {
		if (written >= sizeof *e && e->type == EV_KEY)
			key(in, e->code, e->value);
		give(in, e);
		any = true;
	}
	if (any)
		virtq_kick(in->q);
}

static void vinput_done(struct virtq *q)
{
	drain(q->dev->driver);
}

static int vinput_getc(struct console *c)
{
	struct vinput *in = c->priv;
	drain(in);
	if (in->count == 0)
		return -1;
	char ch = in->ring[in->head];
	in->head = (in->head + 1) % RING;
	in->count--;
	return (unsigned char)ch;
}

int virtio_input_probe(struct virtio_dev *v)
{
	uint64_t f;
	int err = virtio_negotiate(v, 0, &f);
	if (err)
		return err;
	struct vinput *in = kzalloc(sizeof *in);
	if (!in)
		return -ENOMEM;
	in->v = v;
	v->driver = in;
	err = virtq_create(v, 0, EVENTS, &in->q);
	if (err) {
		kfree(in);
		return err;
	}
	in->q->done = vinput_done;
	kbd_init(&in->kbd);
	for (unsigned i = 0; i < EVENTS && i < in->q->size; i++)
		give(in, &in->ev[i]);
	virtio_driver_ok(v);
	virtq_kick(in->q);
	in->con.name = "virtio-input";
	in->con.getc = vinput_getc;
	in->con.priv = in;
	console_input_register(&in->con);
	printk("virtio-input: %s: keyboard events to the console\n", v->where);
	return 0;
}

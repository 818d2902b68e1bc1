/* Host test of the set-1 scancode decoder (scancode.c): key presses and
 * releases in, the bytes a VT100/xterm keyboard sends out.  The expected
 * bytes are xterm's (and what the shell's line editor reads). */
#include <keyboard.h>
#include <check.h>
#include <string.h>

static struct kbd_state k;

/* Feed codes (terminated by -1); return what came out. */
static const char *keys(const int *codes, size_t *len)
{
	static char buf[256];
	size_t n = 0;
	for (const int *c = codes; *c >= 0; c++) {
		char out[KBD_MAX_BYTES];
		unsigned got = kbd_set1(&k, (uint8_t)*c, out);
		CHECK(got <= KBD_MAX_BYTES, "at most KBD_MAX_BYTES");
		memcpy(buf + n, out, got);
		n += got;
	}
	*len = n;
	buf[n] = 0;
	return buf;
}

#define KEYS(want, ...) do { \
	size_t len_; \
	const char *got_ = keys((const int[]){ __VA_ARGS__, -1 }, &len_); \
	CHECK(len_ == sizeof(want) - 1 && memcmp(got_, want, len_) == 0, "%s: got %zu bytes '%s'", #want, len_, got_); \
} while (0)

/* press and release */
#define TAP(c) (c), ((c) | 0x80)

int main(void)
{
	check_group("characters");
	kbd_init(&k);
	KEYS("ls -l\r", TAP(0x26), TAP(0x1f), TAP(0x39), TAP(0x0c), TAP(0x26), TAP(0x1c));
	KEYS("1234567890", TAP(2), TAP(3), TAP(4), TAP(5), TAP(6), TAP(7), TAP(8), TAP(9), TAP(10), TAP(11));
	KEYS("[];'`\\,./=", TAP(0x1a), TAP(0x1b), TAP(0x27), TAP(0x28), TAP(0x29), TAP(0x2b), TAP(0x33),
	     TAP(0x34), TAP(0x35), TAP(0x0d));
	KEYS("\x7f\t\033", TAP(0x0e), TAP(0x0f), TAP(0x01));
	KEYS("", 0x9c, 0xb9);                               /* releases alone: nothing */
	check_group_end(NULL);

	check_group("shift and caps lock");
	kbd_init(&k);
	KEYS("Hi!", 0x2a, TAP(0x23), 0xaa, TAP(0x17), 0x36, TAP(0x02), 0xb6);
	KEYS("{}:\"~|<>?+_", 0x2a, TAP(0x1a), TAP(0x1b), TAP(0x27), TAP(0x28), TAP(0x29), TAP(0x2b),
	     TAP(0x33), TAP(0x34), TAP(0x35), TAP(0x0d), TAP(0x0c), 0xaa);
	KEYS("AB1", TAP(0x3a), TAP(0x1e), TAP(0x30), TAP(0x02));
	KEYS("a!", 0x2a, TAP(0x1e), TAP(0x02), 0xaa);      /* shift undoes caps for letters only */
	KEYS("a", TAP(0x3a), TAP(0x1e));
	KEYS("x", 0x2a, 0xaa, TAP(0x2d));                   /* shift released: lower case */
	check_group_end(NULL);

	check_group("ctrl and alt");
	kbd_init(&k);
	KEYS("\003", 0x1d, TAP(0x2e), 0x9d);                /* ^C */
	KEYS("\004\032\034", 0x1d, TAP(0x20), TAP(0x2c), TAP(0x2b), 0x9d);   /* ^D ^Z ^\ */
	KEYS("\003", 0xe0, 0x1d, TAP(0x2e), 0xe0, 0x9d);   /* right ctrl */
	KEYS("\014", 0x1d, 0x2a, TAP(0x26), 0xaa, 0x9d);   /* ctrl-shift-L is ^L */
	KEYS("\033\033", 0x1d, TAP(0x1a), 0x9d, TAP(0x01));
	KEYS(" ", TAP(0x39));
	{
		size_t len;
		keys((const int[]){ 0x1d, TAP(0x39), 0x9d, -1 }, &len);
		CHECK(len == 1, "ctrl-space is one NUL byte");
	}
	KEYS("\033x", 0x38, TAP(0x2d), 0xb8);              /* alt-x */
	KEYS("\033[A", 0x38, 0xe0, 0x48, 0xe0, 0xc8, 0xb8);/* alt does not double an ESC */
	KEYS("q", TAP(0x10));
	check_group_end(NULL);

	check_group("cursor, editing and function keys");
	kbd_init(&k);
	KEYS("\033[A\033[B\033[C\033[D", 0xe0, 0x48, 0xe0, 0xc8, 0xe0, 0x50, 0xe0, 0xd0, 0xe0, 0x4d, 0xe0,
	     0xcd, 0xe0, 0x4b, 0xe0, 0xcb);
	KEYS("\033[H\033[F\033[2~\033[3~\033[5~\033[6~", 0xe0, 0x47, 0xe0, 0x4f, 0xe0, 0x52, 0xe0, 0x53,
	     0xe0, 0x49, 0xe0, 0x51);
	KEYS("\033OP\033OS\033[15~\033[21~\033[23~\033[24~", TAP(0x3b), TAP(0x3e), TAP(0x3f), TAP(0x44),
	     TAP(0x57), TAP(0x58));
	KEYS("\r/", 0xe0, 0x1c, 0xe0, 0x9c, 0xe0, 0x35, 0xe0, 0xb5);
	KEYS("\033[A", 0xe0, 0x2a, 0xe0, 0x48, 0xe0, 0xc8, 0xe0, 0xaa);   /* fake shifts ignored */
	KEYS("z", 0xe1, 0x1d, 0x45, 0xe1, 0x9d, 0xc5, TAP(0x2c));         /* Pause sends nothing */
	check_group_end(NULL);

	check_group("keypad and num lock");
	kbd_init(&k);
	KEYS("789-456+1230.*", TAP(0x47), TAP(0x48), TAP(0x49), TAP(0x4a), TAP(0x4b), TAP(0x4c),
	     TAP(0x4d), TAP(0x4e), TAP(0x4f), TAP(0x50), TAP(0x51), TAP(0x52), TAP(0x53), TAP(0x37));
	KEYS("\033[A\033[3~", TAP(0x45), TAP(0x48), TAP(0x53));
	KEYS("8", TAP(0x45), TAP(0x48));
	check_group_end(NULL);

	check_group("every byte, any order: no crash, bounded output");
	kbd_init(&k);
	unsigned seed = 7, total = 0;
	for (int i = 0; i < 200000; i++) {
		seed = seed * 1103515245u + 12345u;
		char out[KBD_MAX_BYTES];
		total += kbd_set1(&k, (uint8_t)(seed >> 16), out);
	}
	CHECK(total > 0, "random scancodes produce some bytes (%u)", total);
	check_group_end(NULL);
	return check_finish();
}

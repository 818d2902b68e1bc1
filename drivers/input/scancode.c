/* PC scancode set 1, US layout, to the bytes a VT100/xterm keyboard sends:
 * characters with Shift and Caps Lock, Ctrl-letter as control characters,
 * Alt as an ESC prefix, the cursor and editing keys as CSI sequences (the
 * ones the shell's line editor reads: ESC [ A..D, H, F, 2~..6~), F1-F4 as
 * SS3 P..S.  Backspace sends DEL (the tty's VERASE), Enter CR (the tty's
 * ICRNL makes it NL). */
#include <keyboard.h>
#include <stddef.h>

/* Unshifted and shifted characters of the main block, by scancode. */
static const char plain[0x3a] =
	"\0\033" "1234567890-=" "\x7f\t" "qwertyuiop[]" "\r\0" "asdfghjkl;'`" "\0\\" "zxcvbnm,./" "\0*\0 ";
static const char shifted[0x3a] =
	"\0\033" "!@#$%^&*()_+" "\x7f\t" "QWERTYUIOP{}" "\r\0" "ASDFGHJKL:\"~" "\0|" "ZXCVBNM<>?" "\0*\0 ";

/* Keypad 0x47-0x53 with Num Lock on, and the editing key it is without. */
static const char keypad_num[13] = "789-456+1230.";
static const char *const keypad_edit[13] = {
	"\033[H", "\033[A", "\033[5~", "-", "\033[D", "", "\033[C", "+", "\033[F", "\033[B",
	"\033[6~", "\033[2~", "\033[3~",
};

/* Extended (0xE0-prefixed) keys. */
static const char *extended(uint8_t code)
{
	switch (code) {
	case 0x1c: return "\r";         /* keypad Enter */
	case 0x35: return "/";          /* keypad / */
	case 0x47: return "\033[H";     /* Home */
	case 0x48: return "\033[A";     /* Up */
	case 0x49: return "\033[5~";    /* Page Up */
	case 0x4b: return "\033[D";     /* Left */
	case 0x4d: return "\033[C";     /* Right */
	case 0x4f: return "\033[F";     /* End */
	case 0x50: return "\033[B";     /* Down */
	case 0x51: return "\033[6~";    /* Page Down */
	case 0x52: return "\033[2~";    /* Insert */
	case 0x53: return "\033[3~";    /* Delete */
	default: return NULL;
	}
}

static const char *function_key(uint8_t code)
{
	static const char *const f1_10[10] = {
		"\033OP", "\033OQ", "\033OR", "\033OS", "\033[15~", "\033[17~", "\033[18~",
		"\033[19~", "\033[20~", "\033[21~",
	};
	if (code >= 0x3b && code <= 0x44)
		return f1_10[code - 0x3b];
	if (code == 0x57)
		return "\033[23~";
	if (code == 0x58)
		return "\033[24~";
	return NULL;
}

void kbd_init(struct kbd_state *k)
{
	*k = (struct kbd_state){ .numlock = true };
}

static unsigned put_str(char *out, const char *s, bool alt)
{
	unsigned n = 0;
	if (alt && s[0] && s[0] != '\033')
		out[n++] = '\033';
	while (*s && n < KBD_MAX_BYTES)
		out[n++] = *s++;
	return n;
}

/* Ctrl with a character: the control character it stands for, or the
 * character itself if there is none. */
static char control_of(char c)
{
	if (c >= 'a' && c <= 'z')
		return (char)(c - 'a' + 1);
	if (c >= '@' && c <= '_')       /* @ A-Z [ \ ] ^ _ */
		return (char)(c - '@');
	switch (c) {
	case ' ': case '2': return 0;
	case '3': return 033;
	case '4': return 034;
	case '5': return 035;
	case '6': return 036;
	case '7': case '-': case '/': return 037;
	case '8': return 0x7f;
	default: return c;
	}
}

unsigned kbd_set1(struct kbd_state *k, uint8_t code, char out[KBD_MAX_BYTES])
{
	if (k->skip) {
		k->skip--;
		return 0;
	}
	if (code == 0xe1) {             /* Pause: E1 1D 45 E1 9D C5, nothing to send */
		k->skip = 5;
		return 0;
	}
	if (code == 0xe0) {
		k->e0 = true;
		return 0;
	}
	bool e0 = k->e0, release = code & 0x80;
	k->e0 = false;
	code &= 0x7f;
	bool shift = k->lshift || k->rshift, ctrl = k->lctrl || k->rctrl, alt = k->lalt || k->ralt;

	/* modifiers */
	switch (code) {
	case 0x2a: if (!e0) k->lshift = !release; return 0;   /* E0 2A: a fake shift */
	case 0x36: if (!e0) k->rshift = !release; return 0;
	case 0x1d: if (e0) k->rctrl = !release; else k->lctrl = !release; return 0;
	case 0x38: if (e0) k->ralt = !release; else k->lalt = !release; return 0;
	case 0x3a: if (!release) k->caps = !k->caps; return 0;
	case 0x45: if (!release && !e0) k->numlock = !k->numlock; return 0;
	default: break;
	}
	if (release)
		return 0;

	if (e0) {
		const char *s = extended(code);
		return s ? put_str(out, s, alt) : 0;
	}
	const char *fk = function_key(code);
	if (fk)
		return put_str(out, fk, false);
	if (code >= 0x47 && code <= 0x53) {
		unsigned i = code - 0x47u;
		if (k->numlock && !shift) {
			char s[2] = { keypad_num[i], 0 };
			return put_str(out, s, alt);
		}
		return put_str(out, keypad_edit[i], alt);
	}
	if (code >= sizeof plain || !plain[code])
		return 0;
	char c = shift ? shifted[code] : plain[code];
	if (k->caps && plain[code] >= 'a' && plain[code] <= 'z')
		c = shift ? plain[code] : shifted[code];
	if (ctrl)
		c = control_of(c);
	char s[2] = { c, 0 };
	if (c == 0) {                   /* Ctrl-Space, Ctrl-@: a NUL byte */
		unsigned n = 0;
		if (alt)
			out[n++] = '\033';
		out[n++] = 0;
		return n;
	}
	return put_str(out, s, alt);
}

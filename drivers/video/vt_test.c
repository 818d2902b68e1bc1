/* Host test of the terminal emulator (vt.c): escape-sequence streams in,
 * the expected character grid and cursor out.  The expected screens are
 * what a VT100 (and xterm, which agrees on all of these) shows; the line
 * editor's own output (userland/sh/lineedit.c) is replayed as it sends it.
 * A long random stream at the end must keep every invariant (ASan and
 * UBSan watch the memory). */
#include <vt.h>
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROWS 6
#define COLS 10

static struct vt_cell cells[ROWS * COLS], alt[ROWS * COLS];
static struct vt vt;
static char replies[128];

static void reply(struct vt *v, const char *s, size_t n)
{
	(void)v;
	strncat(replies, s, n);
}

static void fresh(bool lf_newline)
{
	vt_init(&vt, ROWS, COLS, cells, alt);
	vt.lf_newline = lf_newline;
	vt.reply = reply;
	replies[0] = 0;
}

static void feed(const char *s)
{
	vt_write(&vt, s, strlen(s));
}

/* Row r as text, trailing blanks dropped; non-ASCII as '#'. */
static const char *row_text(unsigned r)
{
	static char buf[COLS + 1];
	unsigned n = 0;
	for (unsigned c = 0; c < COLS; c++) {
		uint32_t ch = vt_cell(&vt, r, c)->ch;
		buf[n++] = ch < 0x80 ? (char)ch : '#';
	}
	while (n && buf[n - 1] == ' ')
		n--;
	buf[n] = 0;
	return buf;
}

/* The screen must be rows[0..ROWS) (missing ones blank), cursor at
 * (row, col). */
static void screen_is(const char *what, const char *const *rows, unsigned row, unsigned col)
{
	bool end = false;
	for (unsigned r = 0; r < ROWS; r++) {
		if (!end && !rows[r])
			end = true;
		const char *want = end ? "" : rows[r];
		CHECK(strcmp(row_text(r), want) == 0, "%s: row %u is '%s', expected '%s'", what, r,
		      row_text(r), want);
	}
	CHECK(vt.cy == row && vt.cx == col, "%s: cursor at %u,%u, expected %u,%u", what, vt.cy, vt.cx,
	      row, col);
}

#define SCREEN(what, row, col, ...) screen_is(what, (const char *const[]){ __VA_ARGS__, NULL }, row, col)

static void text_and_newlines(void)
{
	check_group("text, CR, LF, BS, TAB");
	fresh(false);
	feed("ab\r\ncd");
	SCREEN("crlf", 1, 2, "ab", "cd");
	fresh(false);
	feed("ab\ncd");
	SCREEN("bare LF keeps the column", 1, 4, "ab", "  cd");
	fresh(true);
	feed("ab\ncd");
	SCREEN("LF with lf_newline (the console's ONLCR)", 1, 2, "ab", "cd");
	fresh(true);
	feed("abc\b\bX");
	SCREEN("backspace", 0, 2, "aXc");
	fresh(true);
	feed("\bq");
	SCREEN("backspace at column 0 stays", 0, 1, "q");
	fresh(true);
	feed("a\tb\tc");
	SCREEN("tabs every 8 columns, the last stops at the edge", 0, 9, "a       bc");
	fresh(true);
	feed("\a\x0e\x0fok\x7f");
	SCREEN("BEL, SO, SI and DEL draw nothing", 0, 2, "ok");
	check_group_end(NULL);
}

static void wrapping_and_scrolling(void)
{
	check_group("autowrap, scrolling");
	fresh(true);
	feed("0123456789");
	SCREEN("a full line leaves the cursor on the last column", 0, 9, "0123456789");
	CHECK(vt.wrap_pending, "wrap pending after the last column");
	feed("A");
	SCREEN("the next character wraps", 1, 1, "0123456789", "A");
	fresh(true);
	feed("0123456789\r\n");
	SCREEN("CR LF after a full line makes no empty line", 1, 0, "0123456789");
	fresh(true);
	feed("\033[?7l0123456789AB");
	SCREEN("autowrap off: the last column is overwritten", 0, 9, "012345678B");
	fresh(true);
	feed("1\n2\n3\n4\n5\n6\n7\n8");
	SCREEN("scrolls up at the bottom", 5, 1, "3", "4", "5", "6", "7", "8");
	CHECK(vt.scroll_n == 2 && vt.scroll_top == 0 && vt.scroll_bottom == ROWS - 1 &&
	      !vt.scroll_mixed, "the scroll record says 2 lines up (%d)", vt.scroll_n);
	vt_scroll_reset(&vt);
	for (int i = 0; i < 50; i++)
		feed("x\n");
	CHECK(vt.scroll_n == ROWS && !vt.scroll_mixed, "many scrolls are capped at a screen (%d)",
	      vt.scroll_n);
	fresh(true);
	feed("\033[2;4r\033[4;1Ha\nb\nc");
	SCREEN("LF scrolls only the region", 3, 1, "", "a", "b", "c");
	CHECK(vt.scroll_n == 2 && vt.scroll_top == 1 && vt.scroll_bottom == 3, "region scroll record");
	fresh(true);
	feed("top\033[3;5r\033[6;1Hx\ny\nz");
	SCREEN("below the region LF stops at the last row, no scroll", 5, 1, "top", "", "", "", "",
	       "z");
	fresh(true);
	feed("1\n2\n3\033[H\033M");
	SCREEN("reverse index at the top scrolls down", 0, 0, "", "1", "2", "3");
	fresh(true);
	feed("a\nb\nc\033[2S");
	SCREEN("SU", 2, 1, "c");
	feed("\033[T");
	SCREEN("SD", 2, 1, "", "c");
	check_group_end(NULL);
}

static void cursor_movement(void)
{
	check_group("cursor movement");
	fresh(true);
	feed("\033[3;4HX");
	SCREEN("CUP", 2, 4, "", "", "   X");
	feed("\033[HY");
	SCREEN("CUP without parameters is home", 0, 1, "Y", "", "   X");
	feed("\033[99;99HZ");
	SCREEN("CUP is clamped", ROWS - 1, COLS - 1, "Y", "", "   X", "", "", "         Z");
	fresh(true);
	feed("\033[3;3H\033[2A1\033[5B2\033[3C3\033[20D4");
	SCREEN("CUU CUD CUF CUB", 5, 1, "  1", "", "", "", "", "4  2   3");
	fresh(true);
	feed("\033[4G@\033[3d#\033[2`$");
	SCREEN("CHA VPA HPA", 2, 2, "   @", "", " $  #");
	fresh(true);
	feed("ab\033[2;5H\033[Ec\033[Fd");
	SCREEN("CNL CPL", 1, 1, "ab", "d", "c");
	fresh(true);
	feed("\033[0A\033[0Cx");
	SCREEN("a zero count means one", 0, 2, " x");
	fresh(true);
	feed("\033[2;4r\033[3;1H\033[9Au\033[9Bv");
	SCREEN("CUU and CUD stop at the margins", 3, 2, "", "u", "", " v");
	check_group_end(NULL);
}

static void erasing(void)
{
	check_group("erase in line and display");
	const char *full = "abcdefghij";
	fresh(true);
	for (int i = 0; i < 3; i++)
		feed(full), feed("\r\n");
	feed("\033[2;5H\033[K");
	SCREEN("EL 0", 1, 4, full, "abcd", full);
	feed("\033[1K");
	SCREEN("EL 1 includes the cursor", 1, 4, full, "", full);
	fresh(true);
	feed(full);
	feed("\033[1;3H\033[2K");
	SCREEN("EL 2", 0, 2, "");
	fresh(true);
	for (int i = 0; i < 3; i++)
		feed(full), feed("\r\n");
	feed("\033[2;3H\033[J");
	SCREEN("ED 0", 1, 2, full, "ab");
	fresh(true);
	for (int i = 0; i < 3; i++)
		feed(full), feed("\r\n");
	feed("\033[2;3H\033[1J");
	SCREEN("ED 1", 1, 2, "", "   defghij", full);
	feed("\033[2J");
	SCREEN("ED 2 keeps the cursor", 1, 2, "");
	CHECK(vt.cleared, "ED 2 is recorded as a clear");
	fresh(true);
	feed(full);
	feed("\033[1;3H\033[4X");
	SCREEN("ECH", 0, 2, "ab    ghij");
	fresh(true);
	feed("\033[44m\033[2J\033[0m");
	CHECK(vt_cell(&vt, 3, 3)->bg == 4, "erase fills with the current background");
	check_group_end(NULL);
}

static void insert_delete(void)
{
	check_group("insert and delete characters and lines");
	fresh(true);
	feed("abcdef\033[1;3H\033[2@");
	SCREEN("ICH", 0, 2, "ab  cdef");
	feed("\033[3P");
	SCREEN("DCH", 0, 2, "abdef");
	feed("\033[99P");
	SCREEN("DCH past the end", 0, 2, "ab");
	fresh(true);
	feed("abc\033[1;2H\033[4hXY\033[4lZ");
	SCREEN("insert mode", 0, 4, "aXYZc");
	fresh(true);
	feed("1\n2\n3\n4\n5\n6\033[2;1H\033[2L");
	SCREEN("IL", 1, 0, "1", "", "", "2", "3", "4");
	feed("\033[M");
	SCREEN("DL", 1, 0, "1", "", "2", "3", "4");
	fresh(true);
	feed("1\n2\n3\n4\n5\n6\033[2;4r\033[3;1H\033[L");
	SCREEN("IL inside a region stays inside", 2, 0, "1", "2", "", "3", "5", "6");
	fresh(true);
	feed("1\n2\n3\n4\n5\n6\033[2;4r\033[6;1H\033[L");
	SCREEN("IL outside the region does nothing", 5, 0, "1", "2", "3", "4", "5", "6");
	check_group_end(NULL);
}

static void attributes(void)
{
	check_group("SGR colours and attributes");
	fresh(true);
	feed("\033[31;44mR\033[1;7mB\033[0mN\033[92;103mH\033[39;49md");
	struct vt_cell *c = vt_cell(&vt, 0, 0);
	CHECK(c[0].fg == 1 && c[0].bg == 4 && c[0].flags == 0, "red on blue");
	CHECK(c[1].fg == 1 && c[1].flags == (VT_BOLD | VT_REVERSE), "bold reverse keeps colours");
	CHECK(c[2].fg == VT_DEFAULT_FG && c[2].bg == VT_DEFAULT_BG && !c[2].flags, "SGR 0");
	CHECK(c[3].fg == 10 && c[3].bg == 11, "bright colours");
	CHECK(c[4].fg == VT_DEFAULT_FG && c[4].bg == VT_DEFAULT_BG, "39 and 49");
	fresh(true);
	feed("\033[38;5;196ma\033[38;5;4mb\033[48;2;0;0;255mc\033[38;5;244md\033[4me\033[24mf\033[mg");
	c = vt_cell(&vt, 0, 0);
	CHECK(c[0].fg == 9, "256-colour red is bright red (%u)", c[0].fg);
	CHECK(c[1].fg == 4, "256-colour 4 is blue");
	CHECK(c[2].bg == 12, "true-colour blue (%u)", c[2].bg);
	CHECK(c[3].fg == 8 || c[3].fg == 7, "grey ramp (%u)", c[3].fg);
	CHECK(c[4].flags == VT_UNDERLINE && c[5].flags == 0 && c[6].fg == VT_DEFAULT_FG, "underline");
	fresh(true);
	feed("\033[38;5mx\033[38;2;1mY");
	SCREEN("malformed extended colours are swallowed", 0, 2, "xY");
	check_group_end(NULL);
}

static void save_restore_modes(void)
{
	check_group("save/restore, origin mode, alternate screen, reports");
	fresh(true);
	feed("\033[2;3H\033[33m\0337\033[5;5H\033[0mx\0338y");
	SCREEN("ESC 7 / ESC 8", 1, 3, "", "  y", "", "", "    x");
	CHECK(vt_cell(&vt, 1, 2)->fg == 3, "ESC 8 restores the colour");
	fresh(true);
	feed("\033[3;2H\033[s\033[H\033[uz");
	SCREEN("CSI s / CSI u", 2, 2, "", "", " z");
	fresh(true);
	feed("\033[3;5r\033[?6h\033[Ho\033[9;1Hp");
	SCREEN("origin mode: home is the region's top, clamped to it", 4, 1, "", "", "o", "", "p");
	fresh(true);
	feed("main\033[?1049h\033[Halt screen");
	SCREEN("alternate screen", 0, 9, "alt screen");
	feed("\033[?1049l");
	SCREEN("back to the main screen and cursor", 0, 4, "main");
	feed("\033[?25l");
	CHECK(!vt.cursor_visible, "?25l hides the cursor");
	feed("\033[?25h");
	CHECK(vt.cursor_visible, "?25h shows it");
	fresh(true);
	feed("ab\033[2;1Hc\033[6n");
	CHECK(strcmp(replies, "\033[2;2R") == 0, "cursor position report '%s'", replies + 1);
	replies[0] = 0;
	feed("\033[5n\033[c");
	CHECK(strcmp(replies, "\033[0n\033[?6c") == 0, "status and device attributes");
	fresh(true);
	feed("junk\033c");
	SCREEN("ESC c resets", 0, 0, "");
	check_group_end(NULL);
}

static void lineedit_output(void)
{
	check_group("what the shell's line editor sends");
	/* refresh(): CR, prompt, line, ESC [K, and ESC [nD back to the cursor */
	fresh(true);
	feed("$ ls -x");
	feed("\r$ ls -l\033[K");
	SCREEN("retyped line", 0, 7, "$ ls -l");
	fresh(true);
	feed("$ abcdef");
	feed("\r$ abcde\033[K");
	SCREEN("a shorter line erases the tail", 0, 7, "$ abcde");
	feed("\r$ abcde\033[K\033[3D");
	SCREEN("cursor moved back into the line", 0, 4, "$ abcde");
	feed("\r$ abXcde\033[K\033[3D");
	SCREEN("a character inserted in the middle", 0, 5, "$ abXcde");
	/* ^L: home and clear, then the line again */
	feed("\033[H\033[2J");
	feed("\r$ abXcde\033[K");
	SCREEN("^L clears and redraws", 0, 8, "$ abXcde");
	/* a command, its output, the next prompt */
	fresh(true);
	feed("$ echo hi\n");
	feed("hi\n$ ");
	SCREEN("command and output", 2, 2, "$ echo hi", "hi", "$");
	/* the tty's own echo of an erase (ECHOE): BS SP BS */
	fresh(true);
	feed("abc\b \b\b \bz");
	SCREEN("ECHOE erase", 0, 2, "az");
	check_group_end(NULL);
}

static void utf8_and_split(void)
{
	check_group("UTF-8, sequences split across writes, OSC");
	fresh(true);
	feed("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	CHECK(vt_cell(&vt, 0, 0)->ch == 0xe9 && vt_cell(&vt, 0, 1)->ch == 0x20ac &&
	      vt_cell(&vt, 0, 2)->ch == 0x1f600, "UTF-8 decoded");
	fresh(true);
	feed("\xc3z\xff");
	CHECK(vt_cell(&vt, 0, 0)->ch == 0xfffd && vt_cell(&vt, 0, 1)->ch == 'z' &&
	      vt_cell(&vt, 0, 2)->ch == 0xfffd, "bad UTF-8 shows U+FFFD");
	fresh(true);
	const char *s = "ab\033[2;3Hcd\033[1;31mef";
	for (size_t i = 0; s[i]; i++)
		vt_write(&vt, s + i, 1);
	SCREEN("one byte at a time", 1, 6, "ab", "  cdef");
	CHECK(vt_cell(&vt, 1, 4)->fg == 1, "split SGR");
	fresh(true);
	feed("\033]0;a title\007x\033]2;t\033\\y");
	SCREEN("OSC skipped (BEL and ST)", 0, 2, "xy");
	fresh(true);
	feed("\033[1\030q\033(Bw\033#8v");
	SCREEN("CAN aborts; charset and DECALN ignored", 0, 3, "qwv");
	check_group_end(NULL);
}

static void random_streams(void)
{
	check_group("random streams keep the invariants");
	static const char alphabet[] = "\033[;?0123456789ABCDEFGHJKLMPSTXZdfhlmnrsu@`ac78DEM\r\n\b\t "
				       "xyz\xc3\xa9\x80\xff";
	srand(1);
	unsigned bad = 0;
	for (int run = 0; run < 2000 && !bad; run++) {
		fresh(run & 1);
		char buf[256];
		for (int i = 0; i < 256; i++)
			buf[i] = alphabet[rand() % (int)(sizeof alphabet - 1)];
		vt_write(&vt, buf, sizeof buf);
		if (vt.cx >= COLS || vt.cy >= ROWS || vt.top > vt.bottom || vt.bottom >= ROWS)
			bad++;
		for (unsigned i = 0; i < ROWS * COLS; i++)
			if (vt.cells[i].fg > 15 || vt.cells[i].bg > 15)
				bad++;
	}
	CHECK(bad == 0, "cursor, region and colours stay in range");
	check_group_end(NULL);
}

int main(void)
{
	text_and_newlines();
	wrapping_and_scrolling();
	cursor_movement();
	erasing();
	insert_delete();
	attributes();
	save_restore_modes();
	lineedit_output();
	utf8_and_split();
	random_streams();
	return check_finish();
}

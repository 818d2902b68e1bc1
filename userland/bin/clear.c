/* clear: clear the terminal with ANSI escape sequences. */
#include "common.h"
#include <string.h>

static const char text[] = "[-h]\nClear the screen (ANSI/VT100: cursor home, erase display and scrollback).\n";

int main(int argc, char **argv)
{
	cmd_init("clear", text);
	if (argc > 1)
		usage(strcmp(argv[1], "-h") == 0 ? 0 : 1);
	static const char seq[] = "\033[H\033[2J\033[3J";
	return write_all(1, seq, sizeof seq - 1) < 0 ? 1 : 0;
}

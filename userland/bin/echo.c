/* echo: print the arguments separated by spaces. */
#include "common.h"
#include <stdio.h>
#include <string.h>

static const char text[] =
	"[-neh] [STRING...]\n"
	"Print the strings, separated by spaces, and a newline.\n"
	"  -n  no newline at the end\n"
	"  -e  interpret \\n \\t \\\\ \\a \\b \\c (stop) \\e \\f \\r \\v \\0NNN \\xHH\n";

/* An argument made only of option letters we know ("-n", "-ne"). */
static bool is_options(const char *a)
{
	if (a[0] != '-' || !a[1])
		return false;
	return strspn(a + 1, "neEh") == strlen(a + 1);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Print s with escapes; false when \c says stop everything. */
static bool put_escaped(const char *s)
{
	for (; *s; s++) {
		if (*s != '\\' || !s[1]) {
			putchar(*s);
			continue;
		}
		int c = *++s;
		switch (c) {
		case 'n': putchar('\n'); break;
		case 't': putchar('\t'); break;
		case '\\': putchar('\\'); break;
		case 'a': putchar('\a'); break;
		case 'b': putchar('\b'); break;
		case 'e': putchar(033); break;
		case 'f': putchar('\f'); break;
		case 'r': putchar('\r'); break;
		case 'v': putchar('\v'); break;
		case 'c': return false;
		case '0': {
			int v = 0;
			for (int i = 0; i < 3 && s[1] >= '0' && s[1] <= '7'; i++)
				v = v * 8 + (*++s - '0');
			putchar(v);
			break;
		}
		case 'x': {
			int v = 0, d, i;
			for (i = 0; i < 2 && (d = hexval(s[1])) >= 0; i++, s++)
				v = v * 16 + d;
			if (i)
				putchar(v);
			else
				fputs("\\x", stdout);
			break;
		}
		default:
			putchar('\\');
			putchar(c);
		}
	}
	return true;
}

int main(int argc, char **argv)
{
	cmd_init("echo", text);
	bool newline = true, escapes = false;
	int i = 1;
	for (; i < argc && is_options(argv[i]); i++) {
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'n')
				newline = false;
			else if (*o == 'e')
				escapes = true;
			else if (*o == 'E')
				escapes = false;
			else
				usage(0);
		}
	}
	for (int first = i; i < argc; i++) {
		if (i > first)
			putchar(' ');
		if (!escapes)
			fputs(argv[i], stdout);
		else if (!put_escaped(argv[i]))
			return fflush(stdout) ? 1 : 0;
	}
	if (newline)
		putchar('\n');
	return fflush(stdout) ? 1 : 0;
}

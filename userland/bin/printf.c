/* printf as a program: the shell's builtin (userland/sh/printf.c, with the
 * shell's helpers in userland/sh/util.c) run by a main of its own.  Its
 * messages come through the shell's sh_error, so they begin "sh: printf:". */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

int builtin_printf(int argc, char **argv);

/* What sh_error asks of the shell: messages in the prompt's form,
 * "sh: printf: ..." (a script's form would add $0 and a line number). */
bool interactive = true;
const char *vars_positional(int i);
const char *vars_positional(int i)
{
	return i == 0 ? "printf" : NULL;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--help")) {
		fputs("usage: printf FORMAT [ARGUMENT...]\n"
		      "Print the ARGUMENTs by FORMAT (%d %i %o %u %x %X %c %s %b %%, flags, width and\n"
		      "precision, \\ escapes), reusing FORMAT while ARGUMENTs are left.\n", stdout);
		return 0;
	}
	int r = builtin_printf(argc, argv);
	if (fflush(stdout) != 0) {
		perror("printf: write error");
		return 1;
	}
	return r;
}

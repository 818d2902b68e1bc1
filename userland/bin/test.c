/* test and [ as programs: the shell's builtin (userland/sh/test.c) run by
 * a main of its own, so scripts run by other shells (and find -exec, xargs)
 * get the same answers as the shell gives. */
#include "common.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int builtin_test(int argc, char **argv);
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The builtin's messages name themselves ("[: missing ]"). */
void sh_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/');
	argv[0] = (char *)(base ? base + 1 : argv[0]);
	bool bracket = !strcmp(argv[0], "[");
	cmd_init(bracket ? "[" : "test",
		 bracket ? "EXPRESSION ]\n" : "EXPRESSION\n");
	/* [ --help is help; test --help is a non-empty string, as in GNU */
	if (bracket && argc == 2 && !strcmp(argv[1], "--help")) {
		printf("usage: [ EXPRESSION ]\nEvaluate EXPRESSION (see test): status 0 true, 1 false, 2 an error.\n"
		       "Files: -e -f -d -h/-L -r -w -x -s -b -c -p -S -u -g -k -t FD, A -nt -ot -ef B;\n"
		       "strings: -n -z = != < >; integers: -eq -ne -lt -le -gt -ge; ! ( ) -a -o.\n");
		return 0;
	}
	return builtin_test(argc, argv);
}

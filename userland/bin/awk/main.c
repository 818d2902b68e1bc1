/* awk: the command line.
 *   awk [-F fs] [-v name=value]... 'program' [operand]...
 *   awk [-F fs] [-v name=value]... -f progfile [-f progfile]... [operand]...
 * Operands are files to read, or name=value assignments made when the
 * input reaches them (POSIX XCU awk). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "awk.h"

extern char **environ;

static void usage(FILE *f, int status)
{
	fprintf(f, "usage: awk [-F fs] [-v var=value] ['program' | -f progfile ...] [file ...]\n");
	exit(status);
}

static char *read_file(const char *path)
{
	FILE *f = !strcmp(path, "-") ? stdin : fopen(path, "r");
	if (!f) {
		fprintf(stderr, "%s: can't open %s: %s\n", progname, path, strerror(errno));
		exit(2);
	}
	Buf b = { 0 };
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	if (f != stdin)
		fclose(f);
	return buf_finish(&b);
}

/* Kept reachable to the end (the leak checker then knows they are in use). */
static Program prog;
static const char **assigns, **texts, **names;
static char **av;

int main(int argc, char **argv)
{
	const char *fs = NULL;
	assigns = xmalloc((size_t)argc * sizeof *assigns);
	texts = xmalloc((size_t)(argc + 1) * sizeof *texts);
	names = xmalloc((size_t)(argc + 1) * sizeof *names);
	int nassign = 0, nprog = 0;
	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help"))
			usage(stdout, 0);
		if (!strcmp(a, "--")) {
			i++;
			break;
		}
		if (a[0] != '-' || !a[1])
			break;
		char opt = a[1];
		if (opt != 'F' && opt != 'v' && opt != 'f') {
			fprintf(stderr, "%s: unknown option %s\n", progname, a);
			usage(stderr, 2);
		}
		const char *val = a[2] ? a + 2 : argv[++i];
		if (!val) {
			fprintf(stderr, "%s: option -%c needs a value\n", progname, opt);
			usage(stderr, 2);
		}
		if (opt == 'F') {
			fs = val;
		} else if (opt == 'v') {
			if (!strchr(val, '=') || val[0] == '=') {
				fprintf(stderr, "%s: -v needs name=value, not %s\n", progname, val);
				exit(2);
			}
			assigns[nassign++] = val;
		} else {
			texts[nprog] = read_file(val);
			names[nprog++] = val;
		}
	}
	int from_files = nprog > 0;
	if (!nprog) {
		if (i >= argc)
			usage(stderr, 2);
		texts[nprog] = argv[i++];
		names[nprog++] = "program";
	}
	/* ARGV: "awk" and the operands */
	av = xmalloc((size_t)(argc - i + 2) * sizeof *av);
	int ac = 0;
	av[ac++] = "awk";
	for (; i < argc; i++)
		av[ac++] = argv[i];
	av[ac] = NULL;
	vars_init(ac, av, environ);
	if (fs) {
		char *f = !strcmp(fs, "t") ? xstrdup("\t") : unescape(fs, strlen(fs));
		var_set(v_FS, val_str(f));
		free(f);
	}
	for (int k = 0; k < nassign; k++)
		command_assignment(assigns[k]);
	lex_init(texts, names, nprog);

	parse_program(&prog);
	run_program(&prog);
	if (from_files)
		for (int k = 0; k < nprog; k++)
			free((char *)texts[k]);
	free(texts);
	free(names);
	free(assigns);
	free(av);
	return exit_status;
}

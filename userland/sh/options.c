/* Shell options: set -e -u -x -f -n -C -v -a (and +x to clear, -o NAME),
 * their letters in $-, and the "set" builtin, which also replaces the
 * positional parameters (set -- a b c). */
#include "sh.h"
#include <string.h>

bool opt_errexit, opt_nounset, opt_xtrace, opt_noglob, opt_noexec, opt_noclobber, opt_verbose,
	opt_allexport;

static const struct {
	char letter;
	const char *name;
	bool *flag;
} options[] = {
	{ 'a', "allexport", &opt_allexport }, { 'e', "errexit", &opt_errexit },
	{ 'f', "noglob", &opt_noglob }, { 'n', "noexec", &opt_noexec },
	{ 'u', "nounset", &opt_nounset }, { 'v', "verbose", &opt_verbose },
	{ 'x', "xtrace", &opt_xtrace }, { 'C', "noclobber", &opt_noclobber },
};
#define NOPTIONS (sizeof options / sizeof options[0])

const char *options_string(void)
{
	static char buf[NOPTIONS + 2];
	size_t n = 0;
	for (size_t i = 0; i < NOPTIONS; i++)
		if (*options[i].flag)
			buf[n++] = options[i].letter;
	if (interactive)
		buf[n++] = 'i';
	buf[n] = 0;
	return buf;
}

static bool set_letter(char c, bool on)
{
	for (size_t i = 0; i < NOPTIONS; i++) {
		if (options[i].letter == c) {
			*options[i].flag = on;
			return true;
		}
	}
	return false;
}

static bool set_named(const char *name, bool on)
{
	for (size_t i = 0; i < NOPTIONS; i++) {
		if (!strcmp(options[i].name, name)) {
			*options[i].flag = on;
			return true;
		}
	}
	return false;
}

bool options_apply(const char *arg)
{
	bool on = arg[0] == '-';
	for (const char *c = arg + 1; *c; c++)
		if (!set_letter(*c, on))
			return false;
	return true;
}

/* set -o / set +o: the options by name. */
static void print_named(bool as_commands)
{
	for (size_t i = 0; i < NOPTIONS; i++) {
		if (as_commands)
			out_fmt(1, "set %co %s\n", *options[i].flag ? '-' : '+', options[i].name);
		else
			out_fmt(1, "%-15s %s\n", options[i].name, *options[i].flag ? "on" : "off");
	}
}

int builtin_set(int argc, char **argv)
{
	if (argc == 1) {
		vars_print(false, false);
		return 0;
	}
	int i = 1;
	for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
		bool on = argv[i][0] == '-';
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (!strcmp(argv[i] + 1, "o")) {
			if (i + 1 == argc) {
				print_named(!on);
				return 0;
			}
			if (!set_named(argv[++i], on)) {
				sh_error("set: Illegal option -o %s", argv[i]);
				return fatal_status(2);
			}
			continue;
		}
		if (!options_apply(argv[i])) {
			sh_error("set: Illegal option %s", argv[i]);
			return fatal_status(2);
		}
	}
	if (i < argc || (i > 1 && !strcmp(argv[i - 1], "--")))
		vars_replace_positional(argc - i, argv + i);
	return 0;
}

/* alias and unalias: names for command text.  An alias is replaced when
 * it is the first word of a simple command (parser.c asks alias_get). */
#include "sh.h"
#include <stdlib.h>
#include <string.h>

struct alias {
	char *name, *value;
};
static struct alias *aliases;
static int naliases;

const char *alias_get(const char *name)
{
	for (int i = 0; i < naliases; i++)
		if (!strcmp(aliases[i].name, name))
			return aliases[i].value;
	return NULL;
}

void alias_names(struct fields *out)
{
	for (int i = 0; i < naliases; i++)
		fields_add(out, xstrdup(aliases[i].name));
}

static void print_alias(const struct alias *a)
{
	struct str b = { 0 };
	str_adds(&b, a->name);
	str_addc(&b, '=');
	str_add_quoted(&b, a->value);
	str_addc(&b, '\n');
	out_str(1, b.s);
	free(b.s);
}

static void set_alias(const char *name, size_t n, const char *value)
{
	for (int i = 0; i < naliases; i++) {
		if (strlen(aliases[i].name) == n && !strncmp(aliases[i].name, name, n)) {
			free(aliases[i].value);
			aliases[i].value = xstrdup(value);
			return;
		}
	}
	aliases = xrealloc(aliases, (size_t)(naliases + 1) * sizeof *aliases);
	aliases[naliases].name = xstrndup(name, n);
	aliases[naliases++].value = xstrdup(value);
}

int builtin_alias(int argc, char **argv)
{
	int st = 0;
	if (argc == 1)
		for (int i = 0; i < naliases; i++)
			print_alias(&aliases[i]);
	for (int i = 1; i < argc; i++) {
		const char *eq = strchr(argv[i], '=');
		if (eq) {
			set_alias(argv[i], (size_t)(eq - argv[i]), eq + 1);
			continue;
		}
		int k = 0;
		while (k < naliases && strcmp(aliases[k].name, argv[i]))
			k++;
		if (k < naliases) {
			print_alias(&aliases[k]);
		} else {
			out_fmt(2, "alias: %s not found\n", argv[i]);     /* as dash: no "sh:" */
			st = 1;
		}
	}
	return st;
}

int builtin_unalias(int argc, char **argv)
{
	int st = 0;
	if (argc > 1 && !strcmp(argv[1], "-a")) {
		for (int i = 0; i < naliases; i++) {
			free(aliases[i].name);
			free(aliases[i].value);
		}
		naliases = 0;
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		int k = 0;
		while (k < naliases && strcmp(aliases[k].name, argv[i]))
			k++;
		if (k == naliases) {
			out_fmt(2, "unalias: %s not found\n", argv[i]);   /* as dash */
			st = 1;
			continue;
		}
		free(aliases[k].name);
		free(aliases[k].value);
		aliases[k] = aliases[--naliases];
	}
	return st;
}

/* Shell variables and positional parameters.
 *
 * One table of NAME -> value; an exported variable also goes into the
 * environment of every program started.  Variables inherited from the
 * environment start out exported.  The table is a plain array kept in
 * insertion order: shells hold a few dozen variables. */
#include "sh.h"
#include <stdlib.h>
#include <string.h>

struct var {
	char *name, *value;
	bool exported;
};
static struct var *vars;
static int nvars, capvars;

static char **positional;      /* [0] = $0, then $1.. */
static int npositional;        /* not counting $0 */

static struct var *find(const char *name)
{
	for (int i = 0; i < nvars; i++)
		if (!strcmp(vars[i].name, name))
			return &vars[i];
	return NULL;
}

void var_set(const char *name, const char *value, bool export)
{
	struct var *v = find(name);
	if (!v) {
		if (nvars == capvars) {
			capvars = capvars ? capvars * 2 : 32;
			vars = xrealloc(vars, (size_t)capvars * sizeof *vars);
		}
		v = &vars[nvars++];
		v->name = xstrdup(name);
		v->value = NULL;
		v->exported = false;
	}
	char *copy = xstrdup(value);
	free(v->value);
	v->value = copy;
	v->exported |= export;
}

const char *var_get(const char *name)
{
	struct var *v = find(name);
	return v ? v->value : NULL;
}

void var_export(const char *name)
{
	struct var *v = find(name);
	if (v)
		v->exported = true;
	else
		var_set(name, "", true);
}

void var_unset(const char *name)
{
	struct var *v = find(name);
	if (!v)
		return;
	free(v->name);
	free(v->value);
	*v = vars[--nvars];
}

bool var_assign_word(const char *word, bool export)
{
	size_t n = assignment_name_len(word);
	if (!n)
		return false;
	char *name = xstrndup(word, n);
	char *value = expand_string(word + n + 1);
	var_set(name, value, export);
	free(name);
	free(value);
	return true;
}

void vars_init(char **env)
{
	for (char **e = env; e && *e; e++) {
		const char *eq = strchr(*e, '=');
		if (!eq)
			continue;
		char *name = xstrndup(*e, (size_t)(eq - *e));
		var_set(name, eq + 1, true);
		free(name);
	}
}

/* NAME=value of an entry of extra (already expanded) matching name? */
static bool overridden(const char *name, char **extra, int nextra)
{
	size_t n = strlen(name);
	for (int i = 0; i < nextra; i++)
		if (!strncmp(extra[i], name, n) && extra[i][n] == '=')
			return true;
	return false;
}

char **vars_environ(char **extra, int nextra)
{
	char **env = xmalloc((size_t)(nvars + nextra + 1) * sizeof *env);
	int n = 0;
	for (int i = 0; i < nvars; i++) {
		if (!vars[i].exported || overridden(vars[i].name, extra, nextra))
			continue;
		struct str b = { 0 };
		str_adds(&b, vars[i].name);
		str_addc(&b, '=');
		str_adds(&b, vars[i].value);
		env[n++] = str_take(&b);
	}
	for (int i = 0; i < nextra; i++)
		env[n++] = extra[i];
	env[n] = NULL;
	return env;
}

/* For "export" without arguments: in a form the shell can read back. */
void vars_print_exported(void)
{
	for (int i = 0; i < nvars; i++) {
		if (!vars[i].exported)
			continue;
		struct str b = { 0 };
		str_adds(&b, "export ");
		str_adds(&b, vars[i].name);
		str_adds(&b, "='");
		for (const char *s = vars[i].value; *s; s++) {
			if (*s == '\'')
				str_adds(&b, "'\\''");
			else
				str_addc(&b, *s);
		}
		str_adds(&b, "'\n");
		out_str(1, b.s);
		free(b.s);
	}
}

/* ---------------------------------------------------------------- $0 $1 ... */
void vars_set_positional(int argc, char **argv)
{
	positional = argv;
	npositional = argc > 0 ? argc - 1 : 0;
}

int vars_positional_count(void)
{
	return npositional;
}

const char *vars_positional(int i)
{
	if (i < 0 || i > npositional || !positional)
		return NULL;
	return positional[i];
}

bool vars_shift(int n)
{
	if (n < 0 || n > npositional)
		return false;
	/* keep $0 where it is, move the rest down */
	char **v = xmalloc((size_t)(npositional - n + 2) * sizeof *v);
	v[0] = positional[0];
	for (int i = 1; i + n <= npositional; i++)
		v[i] = positional[i + n];
	v[npositional - n + 1] = NULL;
	positional = v;    /* the old array may be argv: never freed */
	npositional -= n;
	return true;
}

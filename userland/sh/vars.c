/* Shell variables and positional parameters.
 *
 * One table of NAME -> value; an exported variable also goes into the
 * environment of every program started.  Variables inherited from the
 * environment start out exported.  The table is a plain array kept in
 * insertion order: shells hold a few dozen variables. */
#include "sh.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct var {
	char *name, *value;
	bool exported, readonly;
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
		v->readonly = false;
	}
	char *copy = xstrdup(value);
	free(v->value);
	v->value = copy;
	v->exported |= export;
}

const char *var_get(const char *name)
{
	struct var *v = find(name);
	if (!v && !strcmp(name, "LINENO")) {
		/* $LINENO until it is assigned: the running command's line */
		static char line[16];
		snprintf(line, sizeof line, "%d", cmd_lineno);
		return line;
	}
	return v ? v->value : NULL;
}

void var_export(const char *name)
{
	struct var *v = find(name);
	if (v) {
		v->exported = true;
		return;
	}
	/* exported but still unset: it has no value until one is given */
	var_set(name, "", true);
	v = find(name);
	free(v->value);
	v->value = NULL;
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
		if (!vars[i].exported || !vars[i].value || overridden(vars[i].name, extra, nextra))
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

/* ---------------------------------------------------------------- read-only */

bool var_is_readonly(const char *name)
{
	struct var *v = find(name);
	return v && v->readonly;
}

void var_set_readonly(const char *name)
{
	if (!find(name)) {
		var_set(name, "", false);
		free(find(name)->value);
		find(name)->value = NULL;   /* read-only but unset */
	}
	find(name)->readonly = true;
}

/* var_set, refused (with a message) for a read-only variable. */
bool var_set_checked(const char *name, const char *value)
{
	if (var_is_readonly(name)) {
		sh_error("%s: is read only", name);
		return false;
	}
	var_set(name, value, false);
	return true;
}

void vars_print(bool exported_only, bool readonly_only)
{
	for (int i = 0; i < nvars; i++) {
		if ((exported_only && !vars[i].exported) || (readonly_only && !vars[i].readonly))
			continue;
		/* an unset name is listed by export -p and readonly -p only */
		if (!vars[i].value && !exported_only && !readonly_only)
			continue;
		struct str b = { 0 };
		if (exported_only)
			str_adds(&b, "export ");
		if (readonly_only)
			str_adds(&b, "readonly ");
		str_adds(&b, vars[i].name);
		if (vars[i].value) {
			str_addc(&b, '=');
			str_add_quoted(&b, vars[i].value);
		}
		str_addc(&b, '\n');
		out_str(1, b.s);
		free(b.s);
	}
}

/* ---------------------------------------------------------------- frames
 *
 * Variables set only for a while: "local" ones of a function, and the
 * NAME=value assignments before a builtin or function call.  A frame keeps
 * their old values; popping it puts them back. */

struct saved_var {
	char *name, *value;      /* value NULL: was unset */
	bool exported;
	int frame;
};
static struct saved_var *saved;
static int nsaved, depth;

void vars_push_frame(void)
{
	depth++;
}

void var_save(const char *name)
{
	for (int i = nsaved - 1; i >= 0 && saved[i].frame == depth; i--)
		if (!strcmp(saved[i].name, name))
			return;   /* the frame has its old value already */
	struct var *v = find(name);
	saved = xrealloc(saved, (size_t)(nsaved + 1) * sizeof *saved);
	saved[nsaved++] = (struct saved_var){ xstrdup(name), v && v->value ? xstrdup(v->value) : NULL,
					      v && v->exported, depth };
}

void vars_pop_frame(void)
{
	while (nsaved && saved[nsaved - 1].frame == depth) {
		struct saved_var *s = &saved[--nsaved];
		if (s->value) {
			var_set(s->name, s->value, false);
			find(s->name)->exported = s->exported;
		} else {
			var_unset(s->name);
		}
		free(s->name);
		free(s->value);
	}
	depth--;
}

bool vars_in_frame(void)
{
	return depth > 0;
}

/* ---------------------------------------------------------------- $0 $1 ...
 *
 * The parameters are owned copies; a function call swaps in its own and
 * puts the caller's back after. */
static void free_positional(void)
{
	for (int i = 0; positional && i <= npositional; i++)
		free(positional[i]);
	free(positional);
	positional = NULL;
}

/* $1... = argv[1..argc-1]; $0 = argv[0] unless keep0. */
static void set_positional(int argc, char **argv, const char *zero)
{
	char **v = xmalloc((size_t)(argc + 2) * sizeof *v);
	v[0] = xstrdup(zero);
	for (int i = 1; i < argc; i++)
		v[i] = xstrdup(argv[i]);
	v[argc > 0 ? argc : 1] = NULL;
	free_positional();
	positional = v;
	npositional = argc > 0 ? argc - 1 : 0;
}

void vars_set_positional(int argc, char **argv)
{
	set_positional(argc, argv, argc > 0 ? argv[0] : "sh");
}

/* set -- ARGS: $0 stays. */
void vars_replace_positional(int n, char **args)
{
	char **v = xmalloc((size_t)(n + 2) * sizeof *v);
	v[0] = NULL;
	for (int i = 0; i < n; i++)
		v[i + 1] = args[i];
	set_positional(n + 1, v, positional ? positional[0] : "sh");
	free(v);
}

void vars_push_positional(int argc, char **argv, struct positional_save *ps)
{
	ps->v = positional;
	ps->n = npositional;
	positional = NULL;
	set_positional(argc, argv, ps->v ? ps->v[0] : "sh");
}

void vars_pop_positional(struct positional_save *ps)
{
	free_positional();
	positional = ps->v;
	npositional = ps->n;
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
	for (int i = 1; i <= n; i++)
		free(positional[i]);
	memmove(positional + 1, positional + 1 + n, (size_t)(npositional - n + 1) * sizeof *positional);
	npositional -= n;
	return true;
}

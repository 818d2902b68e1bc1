/* Word expansion: from the raw word the lexer kept to the fields a command
 * receives.
 *
 *   'text'      literal
 *   "text"      literal except $... and \ before $ ` " \ newline
 *   \c          c, literally
 *   $NAME ${NAME} $? $$ $! $# $0..$9 $@ $*
 *   ~ ~/...     $HOME at the start of a word
 *
 * The value of an unquoted $... is split into fields at blanks (space, tab,
 * newline); a quoted one never is.  "$@" gives one field per positional
 * parameter.  There is no pathname globbing: * ? [ stay as typed. */
#include "sh.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void fields_add(struct fields *f, char *s)
{
	if (f->n + 1 >= f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->v = xrealloc(f->v, (size_t)f->cap * sizeof *f->v);
	}
	f->v[f->n++] = s;
	f->v[f->n] = NULL;
}

void fields_free(struct fields *f)
{
	for (int i = 0; i < f->n; i++)
		free(f->v[i]);
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}

/* The field being built, and whether it exists yet: "" makes an empty
 * field, an empty unquoted $X makes none. */
struct builder {
	struct fields *out;
	struct str cur;
	bool have;
	bool split;          /* split unquoted expansions (false for one-string) */
};

static void emit(struct builder *b)
{
	if (b->have)
		fields_add(b->out, str_take(&b->cur));
	b->have = false;
}

static void add_literal(struct builder *b, const char *s, size_t n)
{
	str_addn(&b->cur, s, n);
	b->have = true;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Add an expansion's value; unquoted, blanks separate fields. */
static void add_value(struct builder *b, const char *v, bool quoted)
{
	if (!v)
		return;
	if (quoted || !b->split) {
		add_literal(b, v, strlen(v));
		return;
	}
	for (; *v; v++) {
		if (is_blank(*v))
			emit(b);
		else
			add_literal(b, v, 1);
	}
}

static char numbuf[24];

static const char *num(long v)
{
	snprintf(numbuf, sizeof numbuf, "%ld", v);
	return numbuf;
}

/* The value of a special or named parameter; NULL if unset. */
static const char *param_value(const char *name)
{
	if (!strcmp(name, "?"))
		return num(last_status);
	if (!strcmp(name, "$"))
		return num(shell_pid);
	if (!strcmp(name, "!"))
		return last_bg_pid ? num(last_bg_pid) : "";
	if (!strcmp(name, "#"))
		return num(vars_positional_count());
	if (name[0] >= '0' && name[0] <= '9') {
		int i;
		return parse_int(name, &i) ? vars_positional(i) : NULL;
	}
	return var_get(name);
}

/* $@ and $*: the positional parameters.  Quoted $@ keeps each one a
 * separate field; everything else joins them with spaces (then splits,
 * when unquoted). */
static void add_positionals(struct builder *b, bool at, bool quoted)
{
	int n = vars_positional_count();
	for (int i = 1; i <= n; i++) {
		if (i > 1) {
			if (at && quoted && b->split)
				emit(b), b->have = true;   /* the next one is a field even if empty */
			else
				add_value(b, " ", quoted);
		}
		add_value(b, vars_positional(i), quoted);
	}
}

/* Expand the parameter at s (just after '$'); returns characters used. */
static size_t expand_param(struct builder *b, const char *s, bool quoted)
{
	char name[256];
	size_t used;
	if (s[0] == '{') {
		const char *close = strchr(s, '}');
		size_t n = (size_t)(close - s - 1);
		if (n == 0 || n >= sizeof name) {
			sh_error("${%.*s}: bad substitution", (int)n, s + 1);
			return (size_t)(close - s) + 1;
		}
		memcpy(name, s + 1, n);
		name[n] = 0;
		used = n + 2;
		bool ok = strchr("?$!#@*", name[0]) ? n == 1 : true;
		for (size_t i = 0; ok && i < n && !strchr("?$!#@*", name[0]); i++)
			ok = name[0] >= '0' && name[0] <= '9' ? (name[i] >= '0' && name[i] <= '9')
							   : is_name_char((unsigned char)name[i]);
		if (!ok) {
			sh_error("${%s}: bad substitution", name);
			return used;
		}
	} else if (is_name_start((unsigned char)s[0])) {
		size_t n = 1;
		while (is_name_char((unsigned char)s[n]) && n < sizeof name - 1)
			n++;
		memcpy(name, s, n);
		name[n] = 0;
		used = n;
	} else if (s[0] && strchr("?$!#@*0123456789", s[0])) {
		name[0] = s[0];
		name[1] = 0;
		used = 1;
	} else {
		add_literal(b, "$", 1);    /* a lone $ is itself */
		return 0;
	}
	if (!strcmp(name, "@") || !strcmp(name, "*"))
		add_positionals(b, name[0] == '@', quoted);
	else
		add_value(b, param_value(name), quoted);
	return used;
}

/* Inside double quotes up to the closing one; returns the index after it. */
static size_t expand_dquoted(struct builder *b, const char *w, size_t i)
{
	/* "" is an empty field, not nothing; but "$@" without parameters is
	 * no field at all */
	bool bare_at = !strncmp(w + i, "$@\"", 3) || !strncmp(w + i, "${@}\"", 5);
	if (!(bare_at && vars_positional_count() == 0))
		b->have = true;
	while (w[i] && w[i] != '"') {
		if (w[i] == '\\' && w[i + 1] && strchr("$`\"\\\n", w[i + 1])) {
			if (w[i + 1] != '\n')
				add_literal(b, w + i + 1, 1);
			i += 2;
		} else if (w[i] == '$') {
			i += 1 + expand_param(b, w + i + 1, true);
		} else {
			add_literal(b, w + i, 1);
			i++;
		}
	}
	return w[i] ? i + 1 : i;
}

static void expand_into(const char *w, struct builder *b)
{
	size_t i = 0;
	if (w[0] == '~' && (w[1] == 0 || w[1] == '/')) {
		const char *home = var_get("HOME");
		add_literal(b, home ? home : "~", strlen(home ? home : "~"));
		i = 1;
	}
	while (w[i]) {
		char c = w[i];
		if (c == '\'') {
			const char *close = strchr(w + i + 1, '\'');
			size_t n = close ? (size_t)(close - w - i - 1) : strlen(w + i + 1);
			add_literal(b, w + i + 1, n);
			i += n + (close ? 2 : 1);
		} else if (c == '"') {
			i = expand_dquoted(b, w, i + 1);
		} else if (c == '\\') {
			if (w[i + 1] && w[i + 1] != '\n')
				add_literal(b, w + i + 1, 1);
			i += w[i + 1] ? 2 : 1;
		} else if (c == '$') {
			i += 1 + expand_param(b, w + i + 1, false);
		} else {
			add_literal(b, w + i, 1);
			i++;
		}
	}
}

bool expand_word(const char *raw, struct fields *out)
{
	struct builder b = { .out = out, .split = true };
	expand_into(raw, &b);
	emit(&b);
	free(b.cur.s);
	return true;
}

char *expand_string(const char *raw)
{
	struct fields f = { 0 };
	struct builder b = { .out = &f, .split = false };
	expand_into(raw, &b);
	char *s = str_take(&b.cur);
	fields_free(&f);
	return s;
}

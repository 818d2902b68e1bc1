/* Word expansion (XCU 2.6): from the raw word the lexer kept to the fields
 * a command receives, in POSIX's order:
 *
 *   1. tilde, parameter, command substitution, arithmetic (left to right)
 *   2. field splitting of the unquoted results, by IFS
 *   3. pathname expansion of fields with unquoted * ? [
 *   4. quote removal
 *
 * Step 1 writes characters into an xbuf, each with flags saying where it
 * came from; steps 2-4 read the flags, so a quoted "*" is never a pattern
 * and a space from a quoted "$x" never splits. */
#include "sh.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* ---------------------------------------------------------------- the flagged buffer */

enum {
	F_QUOTED = 1,     /* quoted: neither split nor a pattern character */
	F_SPLIT = 2,      /* from an unquoted expansion: IFS characters split */
	F_MARK = 4,       /* zero-width: quotes were here, so the field exists */
	F_BREAK = 8,      /* zero-width: "$@" ends a field here */
	F_SOFTBREAK = 16, /* zero-width: unquoted $@ ends a non-empty field */
};

struct xbuf {
	char *c;
	unsigned char *f;
	size_t n, cap;
};

static void xadd(struct xbuf *x, char c, unsigned f)
{
	if (x->n == x->cap) {
		x->cap = x->cap ? x->cap * 2 : 64;
		x->c = xrealloc(x->c, x->cap);
		x->f = xrealloc(x->f, x->cap);
	}
	x->c[x->n] = c;
	x->f[x->n++] = (unsigned char)f;
}

static void xadds(struct xbuf *x, const char *s, unsigned f)
{
	for (; *s; s++)
		xadd(x, *s, f);
}

static void xfree(struct xbuf *x)
{
	free(x->c);
	free(x->f);
}

static bool is_zero_width(unsigned f)
{
	return f & (F_MARK | F_BREAK | F_SOFTBREAK);
}

/* The buffer as one string: fields joined by spaces; in a pattern, the
 * quoted characters escaped by a backslash. */
static char *xstring(const struct xbuf *x, bool pattern)
{
	struct str b = { 0 };
	for (size_t i = 0; i < x->n; i++) {
		if (x->f[i] & (F_BREAK | F_SOFTBREAK))
			str_addc(&b, ' ');
		if (is_zero_width(x->f[i]))
			continue;
		if (pattern && (x->f[i] & F_QUOTED) && strchr("*?[]\\", x->c[i]))
			str_addc(&b, '\\');
		str_addc(&b, x->c[i]);
	}
	return str_take(&b);
}

/* ---------------------------------------------------------------- expansion */

int subst_status;          /* the status of the last command substitution */

static bool expand_text(struct xbuf *x, const char *w, size_t n, bool dq, bool brace);

/* An expansion's value; unquoted, it may be split and globbed. */
static void add_value(struct xbuf *x, const char *v, bool dq)
{
	xadds(x, v, dq ? F_QUOTED : F_SPLIT);
}

/* A sub-word (the word of ${x:-word}, the text of $((...))) expanded to
 * one string. */
static char *expand_sub(const char *w, size_t n, bool pattern, bool *ok)
{
	struct xbuf x = { 0 };
	*ok = expand_text(&x, w, n, false, true);
	char *s = xstring(&x, pattern);
	xfree(&x);
	return s;
}

/* Run text in a child shell; its output, without trailing newlines. */
static char *command_output(const char *text)
{
	int fds[2];
	struct str out = { 0 };
	if (pipe(fds) < 0) {
		sh_error("pipe: failed");
		return xstrdup("");
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		if (fds[1] != 1) {
			dup2(fds[1], 1);
			close(fds[1]);
		}
		enter_subshell();
		child_exit(eval_string_at(text, cmd_lineno));
	}
	close(fds[1]);
	char buf[4096];
	ssize_t r;
	while ((r = read(fds[0], buf, sizeof buf)) != 0) {
		if (r < 0)
			break;
		str_addn(&out, buf, (size_t)r);
	}
	close(fds[0]);
	subst_status = pid > 0 ? waitpid_quiet(pid) : 1;
	while (out.len && out.s[out.len - 1] == '\n')
		out.s[--out.len] = 0;
	return str_take(&out);
}

/* `...`: a backslash before $ ` \ (and " inside double quotes) is
 * removed first; the rest is a command. */
static char *backquote_text(const char *s, size_t n, bool dq)
{
	struct str b = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && (strchr("$`\\", s[i + 1]) || (dq && s[i + 1] == '"')))
			i++;
		str_addc(&b, s[i]);
	}
	return str_take(&b);
}

static bool arithmetic(struct xbuf *x, const char *s, size_t n, bool dq)
{
	bool ok;
	char *text = expand_sub(s, n, false, &ok);
	long long v;
	if (ok)
		ok = arith_eval(text, &v);
	free(text);
	if (!ok) {
		last_status = 2;
		return false;
	}
	char buf[24];
	snprintf(buf, sizeof buf, "%lld", v);
	add_value(x, buf, dq);
	return true;
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
		return last_bg_pid ? num(last_bg_pid) : NULL;
	if (!strcmp(name, "#"))
		return num(vars_positional_count());
	if (!strcmp(name, "-"))
		return options_string();
	if (name[0] >= '0' && name[0] <= '9') {
		int i;
		return parse_int(name, &i) ? vars_positional(i) : NULL;
	}
	return var_get(name);
}

/* $@ and $*.  "$@" keeps each parameter a field; "$*" joins them with
 * the first character of IFS; unquoted, both give a field each, split. */
static void add_positionals(struct xbuf *x, bool at, bool dq)
{
	const char *ifs = var_get("IFS");
	char sep[2] = { ifs ? ifs[0] : ' ', 0 };
	int n = vars_positional_count();
	for (int i = 1; i <= n; i++) {
		if (i > 1) {
			if (!dq)
				xadd(x, 0, F_SOFTBREAK);
			else if (at)
				xadd(x, 0, F_BREAK);
			else if (sep[0])
				add_value(x, sep, true);
		}
		add_value(x, vars_positional(i), dq);
	}
}

/* The parameter's name at s: its length, 0 if there is none. */
static size_t param_name_len(const char *s)
{
	if (is_name_start((unsigned char)s[0])) {
		size_t n = 1;
		while (is_name_char((unsigned char)s[n]))
			n++;
		return n;
	}
	return s[0] && strchr("@*#?-$!0123456789", s[0]) ? 1 : 0;
}

/* Remove the shortest or longest prefix or suffix matching pat. */
static char *trim(const char *v, const char *pat, bool suffix, bool longest)
{
	size_t n = strlen(v);
	char *tmp = xstrdup(v);
	for (size_t k = 0; k <= n; k++) {
		/* k characters removed: try shortest first, or longest first */
		size_t len = longest ? n - k : k;
		bool m;
		if (suffix) {
			m = pattern_match(pat, v + n - len);
		} else {
			char c = tmp[len];
			tmp[len] = 0;
			m = pattern_match(pat, tmp);
			tmp[len] = c;
		}
		if (m) {
			char *r = suffix ? xstrndup(v, n - len) : xstrdup(v + len);
			free(tmp);
			return r;
		}
	}
	free(tmp);
	return xstrdup(v);
}

static bool unset_error(const char *name)
{
	sh_error("%s: parameter not set", name);
	last_status = 2;
	return false;
}

/* ${...}: s is the text between the braces.  The forms:
 *   ${x} ${#x} ${x:-w} ${x-w} ${x:=w} ${x=w} ${x:?w} ${x?w} ${x:+w} ${x+w}
 *   ${x#p} ${x##p} ${x%p} ${x%%p} */
static bool braced(struct xbuf *x, const char *s, size_t n, bool dq)
{
	bool length = false;
	if (s[0] == '#' && n > 1 && param_name_len(s + 1) == n - 1) {
		length = true;
		s++, n--;
	}
	size_t nl = param_name_len(s);
	if (nl && s[0] >= '0' && s[0] <= '9')
		while (nl < n && s[nl] >= '0' && s[nl] <= '9')
			nl++;
	char name[256];
	if (!nl || nl >= sizeof name) {
		sh_error("Bad substitution");
		last_status = 2;
		return false;
	}
	memcpy(name, s, nl);
	name[nl] = 0;
	bool special = strchr("@*", name[0]) != NULL;
	const char *v = special ? (vars_positional_count() ? "" : NULL) : param_value(name);
	const char *op = s + nl, *word = op;
	size_t oplen = 0;
	if (op < s + n) {
		oplen = (op[0] == ':' || (op[0] == '#' && op[1] == '#') || (op[0] == '%' && op[1] == '%')) ? 2 : 1;
		if (op + oplen > s + n || !strchr(":-=?+#%", op[0]) ||
		    (op[0] == ':' && !strchr("-=?+", op[1]))) {
			sh_error("Bad substitution");
			last_status = 2;
			return false;
		}
		word = op + oplen;
	}
	size_t wn = (size_t)(s + n - word);
	if (length) {
		if (!v && opt_nounset && !special)
			return unset_error(name);
		if (special) {
			/* as dash: the length of "$*", the parameters joined
			 * with IFS's first character (a space when unset) */
			const char *ifs = var_get("IFS");
			int np = vars_positional_count();
			long len = np > 1 ? (np - 1) * (ifs && !*ifs ? 0 : 1) : 0;
			for (int i = 1; i <= np; i++)
				len += (long)strlen(vars_positional(i));
			add_value(x, num(len), dq);
		} else
			add_value(x, num(v ? (long)strlen(v) : 0), dq);
		return true;
	}
	char kind = oplen ? (op[0] == ':' ? op[1] : op[0]) : 0;
	bool null_counts = oplen == 2 && op[0] == ':';
	bool unset = !v || (null_counts && !*v && (!special || true));
	if (special && null_counts && vars_positional_count() == 1 && !*vars_positional(1))
		unset = true;
	bool ok = true;
	switch (kind) {
	case '-':
		if (unset)
			return expand_text(x, word, wn, dq, true);
		break;
	case '+':
		if (!unset)
			return expand_text(x, word, wn, dq, true);
		return true;
	case '=':
		if (unset) {
			if (special || (name[0] >= '0' && name[0] <= '9')) {
				sh_error("%s: bad variable name", name);
				last_status = 2;
				return false;
			}
			char *w = expand_sub(word, wn, false, &ok);
			if (ok)
				ok = var_set_checked(name, w);
			if (ok)
				add_value(x, w, dq);
			free(w);
			return ok;
		}
		break;
	case '?':
		if (unset) {
			char *w = expand_sub(word, wn, false, &ok);
			sh_error("%s: %s", name, *w ? w : null_counts ? "parameter not set or null" : "parameter not set");
			free(w);
			last_status = 2;
			return false;
		}
		break;
	case '#': case '%': {
		if (!v && opt_nounset)
			return unset_error(name);
		char *pat = expand_sub(word, wn, true, &ok);
		char *r = trim(v ? v : "", pat, kind == '%', oplen == 2);
		add_value(x, r, dq);
		free(pat);
		free(r);
		return ok;
	}
	}
	if (!v && opt_nounset && !special)
		return unset_error(name);
	if (special)
		add_positionals(x, name[0] == '@', dq);
	else if (v)
		add_value(x, v, dq);
	return true;
}

/* The expansion at w[i] == '$' or '`'; *i is moved past it. */
static bool dollar(struct xbuf *x, const char *w, size_t n, size_t *i, bool dq)
{
	const char *s = w + *i;
	size_t end = skip_substitution(w, *i, dq);
	if (!end || end > n)
		end = n;   /* unterminated: the parser would have refused it */
	size_t len = end - *i;
	*i = end;
	if (s[0] == '`') {
		char *text = backquote_text(s + 1, len >= 2 ? len - 2 : 0, dq);
		char *out = command_output(text);
		add_value(x, out, dq);
		free(text);
		free(out);
		return true;
	}
	if (s[1] == '(' && s[2] == '(' && len >= 5 && s[len - 2] == ')')
		return arithmetic(x, s + 3, len - 5, dq);
	if (s[1] == '(') {
		char *text = xstrndup(s + 2, len >= 3 ? len - 3 : 0);
		char *out = command_output(text);
		add_value(x, out, dq);
		free(text);
		free(out);
		return true;
	}
	if (s[1] == '{')
		return braced(x, s + 2, len >= 3 ? len - 3 : 0, dq);
	size_t nl = param_name_len(s + 1);
	if (!nl) {
		xadd(x, '$', dq ? F_QUOTED : 0);   /* a lone $ is itself */
		*i = (size_t)(s - w) + 1;
		return true;
	}
	*i = (size_t)(s - w) + 1 + nl;
	char name[256];
	snprintf(name, sizeof name, "%.*s", (int)nl, s + 1);
	if (!strcmp(name, "@") || !strcmp(name, "*")) {
		add_positionals(x, name[0] == '@', dq);
		return true;
	}
	const char *v = param_value(name);
	if (!v && opt_nounset)
		return unset_error(name);
	if (v)
		add_value(x, v, dq);
	return true;
}

/* The home directory of user (n bytes), from /etc/passwd
 * ("name:password:uid:gid:gecos:home:shell"); NULL if unknown. */
static char *user_home(const char *user, size_t n)
{
	char *text = read_file("/etc/passwd"), *home = NULL;
	for (char *line = text; line && *line && !home; ) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		if (!strncmp(line, user, n) && line[n] == ':') {
			char *f = line;
			for (int i = 0; i < 5 && f; i++) {
				f = strchr(f, ':');
				if (f)
					f++;
			}
			char *end = f ? strchr(f, ':') : NULL;
			if (end)
				home = xstrndup(f, (size_t)(end - f));
		}
		line = nl ? nl + 1 : NULL;
	}
	free(text);
	return home;
}

/* ~ and ~/...: $HOME; ~user: that user's home.  Characters used. */
static size_t tilde(struct xbuf *x, const char *w, size_t n)
{
	size_t e = 1;
	while (e < n && w[e] != '/')
		e++;
	for (size_t i = 1; i < e; i++)
		if (!is_name_char((unsigned char)w[i]) && w[i] != '-' && w[i] != '.') {
			xadd(x, '~', 0);   /* quoted or expanded: not a login name */
			return 1;
		}
	if (e == 1) {
		const char *home = var_get("HOME");
		if (!home) {
			xadd(x, '~', 0);
			return 1;
		}
		xadds(x, home, F_QUOTED);
		return 1;
	}
	char *home = user_home(w + 1, e - 1);
	if (!home) {
		xadd(x, '~', 0);
		return 1;
	}
	xadds(x, home, F_QUOTED);
	free(home);
	return e;
}

/* Expand w[0..n) into x.  dq: inside double quotes.  brace: the word of a
 * ${x:-word}, where double quotes nest even inside double quotes. */
static bool expand_text(struct xbuf *x, const char *w, size_t n, bool dq, bool brace)
{
	size_t i = 0;
	if (!dq && n && w[0] == '~')
		i = tilde(x, w, n);
	while (i < n) {
		char c = w[i];
		if (c == '\'' && !dq) {
			xadd(x, 0, F_MARK);
			for (i++; i < n && w[i] != '\''; i++)
				xadd(x, w[i], F_QUOTED);
			i++;
		} else if (c == '"' && (!dq || brace)) {
			size_t end = skip_dquote(w, i);
			if (!end || end > n)
				end = n + 1;
			/* "$@" with no parameters is no field at all */
			bool bare_at = (end - i == 4 && !strncmp(w + i, "\"$@\"", 4)) ||
				       (end - i == 6 && !strncmp(w + i, "\"${@}\"", 6));
			if (!bare_at || vars_positional_count())
				xadd(x, 0, F_MARK);
			if (!expand_text(x, w + i + 1, end - i - 2, true, false))
				return false;
			i = end;
		} else if (c == '\\') {
			if (i + 1 >= n) {
				xadd(x, '\\', F_QUOTED);
				i++;
			} else if (!dq || strchr("$`\"\\\n", w[i + 1]) || (brace && w[i + 1] == '}')) {
				if (w[i + 1] != '\n')
					xadd(x, w[i + 1], F_QUOTED);
				i += 2;
			} else {
				xadd(x, '\\', F_QUOTED);
				i++;
			}
		} else if (c == '$' || c == '`') {
			if (!dollar(x, w, n, &i, dq))
				return false;
		} else {
			/* the word of an unquoted ${x:-a b} is split like a value */
			xadd(x, c, dq ? F_QUOTED : brace ? F_SPLIT : 0);
			i++;
		}
	}
	return true;
}

/* ---------------------------------------------------------------- fields */

/* One field of the splitting, with its flags kept for globbing. */
static void finish_field(struct xbuf *cur, bool *have, struct fields *out)
{
	if (!*have)
		return;
	bool magic = false;
	for (size_t i = 0; i < cur->n; i++)
		if (!(cur->f[i] & F_QUOTED) && !is_zero_width(cur->f[i]) && strchr("*?[", cur->c[i]))
			magic = true;
	if (magic && !opt_noglob) {
		char *pat = xstring(cur, true);
		bool found = glob_pattern(pat, out);
		free(pat);
		if (found) {
			cur->n = 0;
			*have = false;
			return;
		}
	}
	fields_add(out, xstring(cur, false));
	cur->n = 0;
	*have = false;
}

static bool is_ifs_white(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Field splitting (XCU 2.6.5): IFS characters that came from unquoted
 * expansions end fields; IFS white space around them is dropped; each
 * other IFS character ends a field even if it is empty. */
static void split_fields(const struct xbuf *x, struct fields *out)
{
	const char *ifs = var_get("IFS");
	if (!ifs)
		ifs = " \t\n";
	struct xbuf cur = { 0 };
	bool have = false;
	for (size_t i = 0; i < x->n; ) {
		unsigned f = x->f[i];
		char c = x->c[i];
		bool delim = (f & F_SPLIT) && c && strchr(ifs, c);
		if (f & F_BREAK) {
			have = true;
			finish_field(&cur, &have, out);
			have = true;
			i++;
		} else if (f & F_SOFTBREAK) {
			finish_field(&cur, &have, out);
			i++;
		} else if (!delim) {
			xadd(&cur, c, f);
			have = true;
			i++;
		} else {
			/* white space, at most one other IFS character, white space */
			bool hard = false;
			while (i < x->n && (x->f[i] & F_SPLIT) && strchr(ifs, x->c[i]) && x->c[i]) {
				if (!is_ifs_white(x->c[i])) {
					if (hard)
						break;
					hard = true;
				}
				i++;
			}
			if (hard)
				have = true;
			finish_field(&cur, &have, out);
		}
	}
	finish_field(&cur, &have, out);
	xfree(&cur);
}

bool expand_word(const char *raw, struct fields *out)
{
	struct xbuf x = { 0 };
	bool ok = expand_text(&x, raw, strlen(raw), false, false);
	if (ok)
		split_fields(&x, out);
	xfree(&x);
	return ok;
}

/* One string, no splitting or globbing (a redirection's file, a case
 * word); NULL after an error. */
static char *expand_one(const char *raw, bool pattern)
{
	struct xbuf x = { 0 };
	bool ok = expand_text(&x, raw, strlen(raw), false, false);
	char *s = ok ? xstring(&x, pattern) : NULL;
	xfree(&x);
	return s;
}

char *expand_string(const char *raw)
{
	char *s = expand_one(raw, false);
	return s ? s : xstrdup("");
}

char *expand_assignment(const char *raw)
{
	return expand_one(raw, false);
}

char *expand_pattern(const char *raw)
{
	char *s = expand_one(raw, true);
	return s ? s : xstrdup("");
}

/* A here-document body: $, ` and \ work as inside double quotes, but a
 * double quote is an ordinary character. */
char *expand_heredoc(const char *body)
{
	struct xbuf x = { 0 };
	size_t n = strlen(body);
	for (size_t i = 0; i < n; ) {
		if (body[i] == '\\' && i + 1 < n && strchr("$`\\\n", body[i + 1])) {
			if (body[i + 1] != '\n')
				xadd(&x, body[i + 1], F_QUOTED);
			i += 2;
		} else if (body[i] == '$' || body[i] == '`') {
			if (!dollar(&x, body, n, &i, true))
				break;
		} else {
			xadd(&x, body[i++], F_QUOTED);
		}
	}
	char *s = xstring(&x, false);
	xfree(&x);
	return s;
}

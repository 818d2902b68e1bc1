/* The lexer: splits command text into words and operators.
 *
 * A word is kept exactly as written, quotes and backslashes included: what
 * they mean (which parts are literal, where $VAR expands) is decided later
 * by expand.c.  The lexer only needs them to know where a word ends, e.g.
 * that the space in 'a b' or in $(echo a b) does not end it.
 *
 * Reserved words (if, then, {, !, ...) are ordinary words here: only the
 * parser knows whether a word stands where a reserved word may. */
#include "sh.h"
#include <stdlib.h>
#include <string.h>

void lexer_init(struct lexer *lx, const char *src)
{
	lx->src = src;
	lx->pos = 0;
	lx->continued = false;
	lx->line_pos = 0;
	lx->line = 1;
}

bool tok_is_redirect(enum tok t)
{
	return t == T_LESS || t == T_GREAT || t == T_DGREAT || t == T_LESSAND ||
	       t == T_GREATAND || t == T_CLOBBER || t == T_LESSGREAT || t == T_DLESS ||
	       t == T_DLESSDASH;
}

/* Characters that end an unquoted word. */
static bool is_meta(char c)
{
	return c == 0 || c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' ||
	       c == '|' || c == '<' || c == '>' || c == '(' || c == ')';
}

static const struct {
	const char *text;
	enum tok type;
} operators[] = {
	/* longest first, so "&&" wins over "&" */
	{ "<<-", T_DLESSDASH }, { "&&", T_AND_IF }, { "||", T_OR_IF }, { ";;", T_DSEMI },
	{ "<<", T_DLESS }, { ">>", T_DGREAT }, { ">&", T_GREATAND }, { "<&", T_LESSAND },
	{ "<>", T_LESSGREAT }, { ">|", T_CLOBBER }, { "&", T_AMP }, { "|", T_PIPE },
	{ ";", T_SEMI }, { "<", T_LESS }, { ">", T_GREAT }, { "(", T_LPAREN }, { ")", T_RPAREN },
};

/* Skip blanks, backslash-newline continuations and a comment. */
static void skip_blanks(struct lexer *lx)
{
	const char *s = lx->src;
	for (;;) {
		if (s[lx->pos] == ' ' || s[lx->pos] == '\t')
			lx->pos++;
		else if (s[lx->pos] == '\\' && s[lx->pos + 1] == '\n') {
			lx->pos += 2;
			lx->continued = s[lx->pos] == 0;
		}
		else
			break;
	}
	if (s[lx->pos] == '#')
		while (s[lx->pos] && s[lx->pos] != '\n')
			lx->pos++;
}

/* The skip_* functions take the index of an opening character and return
 * the index just past the construct it opens, or 0 when the text ends
 * first (the command continues on the next line). */
static size_t skip_dollar(const char *s, size_t i, bool in_dquote);
size_t skip_dquote(const char *s, size_t i);

static size_t skip_squote(const char *s, size_t i)
{
	const char *close = strchr(s + i + 1, '\'');
	return close ? (size_t)(close - s) + 1 : 0;
}

static size_t skip_bquote(const char *s, size_t i)
{
	for (i++; s[i] != '`'; i++) {
		if (!s[i])
			return 0;
		if (s[i] == '\\' && s[i + 1])
			i++;
	}
	return i + 1;
}

/* One step inside a quote or substitution: the index after the element
 * starting at s[i] (a nested quote or $ counts as one element). */
static size_t skip_element(const char *s, size_t i, bool in_dquote)
{
	switch (s[i]) {
	case '\\': return s[i + 1] ? i + 2 : 0;
	case '$': return skip_dollar(s, i, in_dquote);
	case '`': return skip_bquote(s, i);
	case '"': return in_dquote ? i + 1 : skip_dquote(s, i);
	case '\'': return in_dquote ? i + 1 : skip_squote(s, i);
	default: return i + 1;
	}
}

size_t skip_dquote(const char *s, size_t i)
{
	for (i++; s[i] != '"'; ) {
		if (!s[i])
			return 0;
		i = skip_element(s, i, true);
		if (!i)
			return 0;
	}
	return i + 1;
}

/* $(...) and $((...)): balanced parentheses, quotes skipped whole. */
static size_t skip_parens(const char *s, size_t i)
{
	int depth = 1;
	while (depth > 0) {
		if (!s[i])
			return 0;
		if (s[i] == '(')
			depth++;
		if (s[i] == ')')
			depth--;
		i = (s[i] == '(' || s[i] == ')') ? i + 1 : skip_element(s, i, false);
		if (!i)
			return 0;
	}
	return i;
}

static size_t skip_dollar(const char *s, size_t i, bool in_dquote)
{
	if (s[i + 1] == '(' && s[i + 2] == '(')
		return skip_parens(s, i + 2);
	if (s[i + 1] == '(') {
		size_t end = parse_subst_end(s + i + 2);
		return end ? i + 2 + end + 1 : 0;
	}
	if (s[i + 1] != '{')
		return i + 1;
	/* ${...}: a quote inside is a quote (in double quotes too: "${x:-"a b"}") */
	for (i += 2; s[i] != '}'; ) {
		if (!s[i])
			return 0;
		i = s[i] == '\'' && in_dquote ? i + 1 : skip_element(s, i, false);
		if (!i)
			return 0;
	}
	return i + 1;
}

size_t skip_substitution(const char *s, size_t i, bool in_dquote)
{
	return s[i] == '`' ? skip_bquote(s, i) : skip_dollar(s, i, in_dquote);
}

/* Scan a word from lx->pos; false if the text ends inside a quote. */
static bool scan_word(struct lexer *lx)
{
	const char *s = lx->src;
	size_t i = lx->pos;
	while (!is_meta(s[i])) {
		if (s[i] == '\\' && s[i + 1] == '\n' && !s[i + 2])
			return false;   /* backslash-newline at the very end: continued */
		i = skip_element(s, i, false);
		if (!i)
			return false;
	}
	lx->pos = i;
	return true;
}

/* The line number (from 1) of offset pos.  The parser asks for offsets
 * that only grow, so counting goes on from the last answer. */
int lexer_line(struct lexer *lx, size_t pos)
{
	if (pos < lx->line_pos) {
		lx->line_pos = 0;
		lx->line = 1;
	}
	for (size_t i = lx->line_pos; i < pos && lx->src[i]; i++)
		lx->line += lx->src[i] == '\n';
	lx->line_pos = pos;
	return lx->line;
}

struct token lexer_next(struct lexer *lx)
{
	struct token t = { .io_number = -1 };
	skip_blanks(lx);
	const char *s = lx->src;
	t.start = lx->pos;
	char c = s[lx->pos];
	if (c == 0) {
		/* "word \" + newline at the very end: more is to come */
		t.type = lx->continued ? T_INCOMPLETE : T_EOF;
		t.text = "end of file";
		t.end = t.start;
		return t;
	}
	if (c == '\n') {
		lx->pos++;
		t.type = T_NEWLINE;
		t.text = "newline";
		t.end = lx->pos;
		return t;
	}
	/* digits right before < or > name the descriptor: 2>file */
	size_t d = lx->pos;
	while (s[d] >= '0' && s[d] <= '9')
		d++;
	if (d > lx->pos && d - lx->pos < 4 && (s[d] == '<' || s[d] == '>')) {
		int n = 0;
		for (size_t i = lx->pos; i < d; i++)
			n = n * 10 + (s[i] - '0');
		t.io_number = n;
		lx->pos = d;
	}
	for (size_t k = 0; k < sizeof operators / sizeof operators[0]; k++) {
		size_t n = strlen(operators[k].text);
		if (strncmp(s + lx->pos, operators[k].text, n) == 0) {
			lx->pos += n;
			t.type = operators[k].type;
			t.text = operators[k].text;
			t.end = lx->pos;
			return t;
		}
	}
	if (!scan_word(lx)) {
		t.type = T_INCOMPLETE;
		t.text = "end of file";
		t.end = strlen(s);
		return t;
	}
	t.type = T_WORD;
	t.end = lx->pos;
	t.text = arena_strndup(s + t.start, t.end - t.start);
	return t;
}

/* Read the body of a here-document from lx->pos (the line after the one
 * with the <<): lines up to one equal to delim.  With strip, leading tabs
 * go (<<-).  If the text ends before the delimiter line: NULL, or with
 * eof_ends (the text is all there is, as dash) the rest is the body. */
char *lexer_heredoc(struct lexer *lx, const char *delim, bool strip, bool eof_ends)
{
	const char *s = lx->src;
	struct str body = { 0 };
	size_t i = lx->pos;
	for (;;) {
		if (!s[i] && eof_ends) {
			lx->pos = i;
			char *r = arena_strndup(body.s ? body.s : "", body.len);
			free(body.s);
			return r;
		}
		if (!s[i]) {
			free(body.s);
			return NULL;
		}
		if (strip)
			while (s[i] == '\t')
				i++;
		/* the delimiter may be the last line of a script, without '\n' */
		const char *nl = strchr(s + i, '\n');
		size_t n = nl ? (size_t)(nl - s) - i : strlen(s + i);
		if (n == strlen(delim) && !strncmp(s + i, delim, n)) {
			lx->pos = i + n + (nl ? 1 : 0);
			char *r = arena_strndup(body.s ? body.s : "", body.len);
			free(body.s);
			return r;
		}
		if (!nl && eof_ends) {
			str_adds(&body, s + i);
			lx->pos = i + n;
			char *r = arena_strndup(body.s ? body.s : "", body.len);
			free(body.s);
			return r;
		}
		if (!nl) {
			free(body.s);
			return NULL;   /* the text ends before the delimiter */
		}
		str_addn(&body, s + i, n + 1);
		i += n + 1;
	}
}

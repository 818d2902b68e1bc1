/* The lexer: splits command text into words and operators.
 *
 * A word is kept exactly as written, quotes and backslashes included: what
 * they mean (which parts are literal, where $VAR expands) is decided later
 * by expand.c.  The lexer only needs them to know where a word ends, e.g.
 * that the space in 'a b' does not end it. */
#include "sh.h"
#include <string.h>

void lexer_init(struct lexer *lx, const char *src)
{
	lx->src = src;
	lx->pos = 0;
	lx->continued = false;
}

bool tok_is_redirect(enum tok t)
{
	return t == T_LESS || t == T_GREAT || t == T_DGREAT || t == T_LESSAND ||
	       t == T_GREATAND || t == T_CLOBBER;
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
	{ "&&", T_AND_IF }, { "||", T_OR_IF }, { ">>", T_DGREAT }, { ">&", T_GREATAND },
	{ "<&", T_LESSAND }, { ">|", T_CLOBBER }, { "&", T_AMP }, { "|", T_PIPE },
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

/* Scan a word from lx->pos; false if the text ends inside a quote. */
static bool scan_word(struct lexer *lx)
{
	const char *s = lx->src;
	size_t i = lx->pos;
	while (!is_meta(s[i])) {
		char c = s[i];
		if (c == '\\') {
			/* a backslash-newline at the very end continues the line */
			if (!s[i + 1] || (s[i + 1] == '\n' && !s[i + 2]))
				return false;
			i += 2;
		} else if (c == '\'') {
			const char *close = strchr(s + i + 1, '\'');
			if (!close)
				return false;
			i = (size_t)(close - s) + 1;
		} else if (c == '"') {
			i++;
			while (s[i] && s[i] != '"')
				i += (s[i] == '\\' && s[i + 1]) ? 2 : 1;
			if (!s[i])
				return false;
			i++;
		} else if (c == '$' && s[i + 1] == '{') {
			const char *close = strchr(s + i, '}');
			if (!close)
				return false;
			i = (size_t)(close - s) + 1;
		} else {
			i++;
		}
	}
	lx->pos = i;
	return true;
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
		c = s[d];
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
	if (c == '!' && is_meta(s[lx->pos + 1])) {
		lx->pos++;
		t.type = T_BANG;
		t.text = "!";
		t.end = lx->pos;
		return t;
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

/* awk: the lexer.  The program texts (-f files and/or the command-line
 * program) are read as one text, each followed by a newline.  Whether a
 * '/' starts a regular expression or divides depends on the grammar, so
 * the parser asks for an ERE explicitly (lex_regex) where an operand may
 * start. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "awk.h"
#include "lex.h"

static char *src;
static const char *pos;
static int line = 1;

void lex_init(const char *const *texts, const char *const *names, int n)
{
	Buf b = { 0 };
	for (int i = 0; i < n; i++) {
		buf_adds(&b, texts[i]);
		buf_addc(&b, '\n');
	}
	src = buf_finish(&b);
	pos = src;
}

int lex_line(void)
{
	return line;
}

static const struct {
	const char *word;
	int type;
} keywords[] = {
	{ "BEGIN", T_BEGIN }, { "END", T_END }, { "function", T_FUNCTION }, { "func", T_FUNCTION },
	{ "if", T_IF }, { "else", T_ELSE }, { "while", T_WHILE }, { "for", T_FOR }, { "do", T_DO },
	{ "break", T_BREAK }, { "continue", T_CONTINUE }, { "next", T_NEXT },
	{ "nextfile", T_NEXTFILE }, { "exit", T_EXIT }, { "return", T_RETURN },
	{ "delete", T_DELETE }, { "getline", T_GETLINE }, { "print", T_PRINT },
	{ "printf", T_PRINTF }, { "in", T_IN },
};

/* One escape after a backslash in a string or ERE; *p is past the
 * backslash.  Returns the character, or -1 when it is not one awk knows
 * (the caller decides: a string drops the backslash, an ERE keeps it). */
static int escape(const char **p)
{
	const char *s = *p;
	int c = (unsigned char)*s;
	switch (c) {
	case 'n': c = '\n'; break;
	case 't': c = '\t'; break;
	case 'r': c = '\r'; break;
	case 'f': c = '\f'; break;
	case 'v': c = '\v'; break;
	case 'a': c = '\a'; break;
	case 'b': c = '\b'; break;
	case '\\': c = '\\'; break;
	case '"': c = '"'; break;
	case '/': c = '/'; break;
	default:
		if (c >= '0' && c <= '7') {
			int v = 0, k = 0;
			while (k < 3 && *s >= '0' && *s <= '7')
				v = v * 8 + (*s++ - '0'), k++;
			*p = s;
			return v & 0xff;
		}
		return -1;
	}
	*p = s + 1;
	return c;
}

/* The value of a string with awk's escapes (used for -v and operands too). */
char *unescape(const char *s, size_t n)
{
	Buf b = { 0 };
	const char *end = s + n;
	while (s < end) {
		if (*s == '\\' && s + 1 < end) {
			s++;
			int c = escape(&s);
			if (c < 0)
				buf_addc(&b, *s++);
			else
				buf_addc(&b, (char)c);
		} else {
			buf_addc(&b, *s++);
		}
	}
	return buf_finish(&b);
}

static void read_string(Token *t)
{
	Buf b = { 0 };
	for (;;) {
		char c = *pos;
		if (!c || c == '\n')
			syntax_error(line, "non-terminated string");
		pos++;
		if (c == '"')
			break;
		if (c == '\\') {
			if (*pos == '\n') {     /* continued on the next line */
				pos++, line++;
				continue;
			}
			int e = escape(&pos);
			if (e < 0)
				buf_addc(&b, *pos++);
			else
				buf_addc(&b, (char)e);
			continue;
		}
		buf_addc(&b, c);
	}
	t->type = T_STRING;
	t->text = buf_finish(&b);
}

void lex_regex(Token *t)
{
	pos = t->start + 1;
	free(t->text);
	Buf b = { 0 };
	int bracket = 0;
	for (;;) {
		char c = *pos;
		if (!c || c == '\n')
			syntax_error(line, "non-terminated regular expression");
		pos++;
		if (c == '/' && !bracket)
			break;
		if (c == '[' && !bracket) {
			bracket = 1;
			buf_addc(&b, c);
			if (*pos == '^')
				buf_addc(&b, *pos++);
			if (*pos == ']')
				buf_addc(&b, *pos++);
			continue;
		}
		if (c == ']' && bracket)
			bracket = 0;
		if (c == '\\' && *pos == '/') {
			buf_addc(&b, '/');
			pos++;
			continue;
		}
		if (c == '\\' && *pos) {        /* kept for re.c, which knows awk's escapes */
			buf_addc(&b, c);
			buf_addc(&b, *pos++);
			continue;
		}
		buf_addc(&b, c);
	}
	t->type = T_ERE;
	t->text = buf_finish(&b);
}

static void read_number(Token *t)
{
	const char *s = pos;
	while (isdigit((unsigned char)*pos))
		pos++;
	if (*pos == '.')
		for (pos++; isdigit((unsigned char)*pos); pos++)
			;
	if (*pos == 'e' || *pos == 'E') {
		const char *q = pos + 1;
		if (*q == '+' || *q == '-')
			q++;
		if (isdigit((unsigned char)*q)) {
			while (isdigit((unsigned char)*q))
				q++;
			pos = q;
		}
	}
	char *text = xstrndup(s, (size_t)(pos - s));
	t->num = strtod(text, NULL);
	free(text);
	t->type = T_NUMBER;
}

static int two(char second, int yes, int no)
{
	if (*pos == second) {
		pos++;
		return yes;
	}
	return no;
}

void lex_next(Token *t)
{
	free(t->text);
	t->text = NULL;
	for (;;) {
		while (*pos == ' ' || *pos == '\t' || *pos == '\r')
			pos++;
		if (*pos == '\\' && pos[1] == '\n') {
			pos += 2, line++;
			continue;
		}
		if (*pos == '\\' && pos[1] == '\r' && pos[2] == '\n') {
			pos += 3, line++;
			continue;
		}
		if (*pos == '#') {
			while (*pos && *pos != '\n')
				pos++;
			continue;
		}
		break;
	}
	t->start = pos;
	t->line = line;
	char c = *pos;
	if (!c) {
		t->type = T_EOF;
		return;
	}
	pos++;
	if (c == '\n') {
		line++;
		t->type = T_NEWLINE;
		return;
	}
	if (isdigit((unsigned char)c) || (c == '.' && isdigit((unsigned char)*pos))) {
		pos--;
		read_number(t);
		return;
	}
	if (isalpha((unsigned char)c) || c == '_') {
		const char *s = pos - 1;
		while (isalnum((unsigned char)*pos) || *pos == '_')
			pos++;
		t->text = xstrndup(s, (size_t)(pos - s));
		for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++)
			if (!strcmp(t->text, keywords[i].word)) {
				t->type = keywords[i].type;
				return;
			}
		int b = builtin_lookup(t->text);
		if (b >= 0) {
			t->type = T_BUILTIN;
			t->builtin = b;
		} else {
			t->type = *pos == '(' ? T_FUNC_NAME : T_NAME;
		}
		return;
	}
	switch (c) {
	case '"': read_string(t); return;
	case '{': t->type = T_LBRACE; return;
	case '}': t->type = T_RBRACE; return;
	case '(': t->type = T_LPAREN; return;
	case ')': t->type = T_RPAREN; return;
	case '[': t->type = T_LBRACKET; return;
	case ']': t->type = T_RBRACKET; return;
	case ';': t->type = T_SEMI; return;
	case ',': t->type = T_COMMA; return;
	case '?': t->type = T_QUESTION; return;
	case ':': t->type = T_COLON; return;
	case '~': t->type = T_TILDE; return;
	case '$': t->type = T_DOLLAR; return;
	case '+': t->type = *pos == '+' ? (pos++, T_INCR) : two('=', T_ADD_ASSIGN, T_PLUS); return;
	case '-': t->type = *pos == '-' ? (pos++, T_DECR) : two('=', T_SUB_ASSIGN, T_MINUS); return;
	case '*':
		if (*pos == '*') {      /* ** and **= : common spellings of ^ */
			pos++;
			t->type = two('=', T_POW_ASSIGN, T_CARET);
			return;
		}
		t->type = two('=', T_MUL_ASSIGN, T_STAR);
		return;
	case '/': t->type = two('=', T_DIV_ASSIGN, T_SLASH); return;
	case '%': t->type = two('=', T_MOD_ASSIGN, T_PERCENT); return;
	case '^': t->type = two('=', T_POW_ASSIGN, T_CARET); return;
	case '=': t->type = two('=', T_EQ, T_ASSIGN); return;
	case '<': t->type = two('=', T_LE, T_LT); return;
	case '>': t->type = *pos == '>' ? (pos++, T_APPEND) : two('=', T_GE, T_GT); return;
	case '!': t->type = *pos == '~' ? (pos++, T_NOMATCH) : two('=', T_NE, T_NOT); return;
	case '&':
		if (*pos == '&') {
			pos++;
			t->type = T_AND;
			return;
		}
		break;
	case '|': t->type = two('|', T_OR, T_PIPE); return;
	}
	syntax_error(line, "unexpected character '%c'", c);
}

const char *token_name(int type)
{
	static const char *const names[] = {
		"end of file", "newline", "{", "}", "(", ")", "[", "]", ";", ",", "+", "-", "*",
		"/", "%", "^", "!", ">", "<", "|", "?", ":", "~", "$", "=", "+=", "-=", "*=",
		"/=", "%=", "^=", "==", "<=", ">=", "!=", "!~", "++", "--", ">>", "&&", "||",
		"number", "string", "regular expression", "name", "function name", "builtin",
		"BEGIN", "END", "function", "if", "else", "while", "for", "do", "break",
		"continue", "next", "nextfile", "exit", "return", "delete", "getline", "print",
		"printf", "in",
	};
	return type >= 0 && type < (int)(sizeof names / sizeof names[0]) ? names[type] : "?";
}

/* Whether the next word of the text is "getline": after a '|', that
 * makes the '|' a command's input instead of an output pipe. */
int lex_peek_getline(void)
{
	const char *p = pos;
	while (*p == ' ' || *p == '\t')
		p++;
	return !strncmp(p, "getline", 7) && !isalnum((unsigned char)p[7]) && p[7] != '_';
}

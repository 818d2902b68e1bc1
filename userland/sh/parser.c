/* The parser: recursive descent over the lexer's tokens into a syntax
 * tree, following the grammar of POSIX XCU 2.10:
 *
 *   program   := linebreak list EOF
 *   list      := and_or { (';' | '&' | newline) linebreak and_or } [';' | '&']
 *   and_or    := pipeline { ('&&' | '||') linebreak pipeline }
 *   pipeline  := [ '!' ] command { '|' linebreak command }
 *   command   := simple | compound { redirect } | NAME '(' ')' linebreak compound
 *   compound  := '{' list '}' | '(' list ')' | if | while | until | for | case
 *   simple    := { NAME=value | redirect } { WORD | redirect }
 *
 * Reserved words are words the parser recognises where a command begins
 * (and "in", "do" where the grammar expects them).  Here-document bodies
 * are read at the newline that ends the line of their <<.
 *
 * Everything is allocated in the arena.  When the text ends where more is
 * needed (after '|', inside "if ... fi", a quote, a here-document), the
 * result is PARSE_INCOMPLETE and the caller reads another line and tries
 * again. */
#include "sh.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PENDING_HEREDOCS 16

struct parser {
	struct lexer lx;
	struct token tok;          /* the current token (one of lookahead) */
	jmp_buf fail;
	enum parse_status why;
	bool quiet;                /* finding the end of $(...): no messages */
	const char *expecting;     /* the word that should have come: messages */
	const char *message;       /* a message of its own ("Bad for loop variable") */
	long shift;                /* how much longer aliases made the source */
	bool whole;                /* the text is all there is (a script, -c) */
	int first_line;
	/* here-documents whose bodies follow the current line */
	struct redir *pending[MAX_PENDING_HEREDOCS];
	const char *delims[MAX_PENDING_HEREDOCS];
	int npending;
};

static __attribute__((noreturn)) void syntax_error(struct parser *p);

/* The bodies of the here-documents opened on the line just ended. */
static void read_heredocs(struct parser *p)
{
	for (int i = 0; i < p->npending; i++) {
		struct redir *r = p->pending[i];
		char *body = lexer_heredoc(&p->lx, p->delims[i], r->fd < 0, p->whole);
		if (!body) {
			p->tok.type = T_EOF;
			syntax_error(p);
		}
		r->fd = r->fd < 0 ? -r->fd - 1 : r->fd;
		r->target = body;
	}
	p->npending = 0;
}

static void advance(struct parser *p)
{
	p->tok = lexer_next(&p->lx);
	if (p->tok.type == T_NEWLINE && p->npending)
		read_heredocs(p);
}

/* Give up: incomplete if the text just ran out, else a syntax error that
 * names the token. */
static char eof_message[64] = "end of file unexpected";

const char *parse_eof_message(void)
{
	return eof_message;
}

static bool is_reserved(const char *w)
{
	static const char *const words[] = { "!", "case", "do", "done", "elif", "else", "esac",
					     "fi", "for", "if", "in", "then", "until", "while",
					     "{", "}", NULL };
	for (int i = 0; words[i]; i++)
		if (!strcmp(w, words[i]))
			return true;
	return false;
}

/* Give up: incomplete if the text just ran out (parse_eof_message says
 * how, for when no more will come), else a syntax error.  The messages are
 * dash's: "Syntax error: "fi" unexpected (expecting "then")", any other
 * word called "word". */
static __attribute__((noreturn)) void syntax_error(struct parser *p)
{
	char expecting[32] = "";
	if (p->expecting)
		snprintf(expecting, sizeof expecting, " (expecting \"%s\")", p->expecting);
	if (p->tok.type == T_EOF || p->tok.type == T_INCOMPLETE) {
		p->why = PARSE_INCOMPLETE;
		const char *rest = p->lx.src + p->tok.start;
		if (p->tok.type == T_INCOMPLETE && strpbrk(rest, "'\"") && !strstr(rest, "$(") &&
		    !strchr(rest, '`'))
			snprintf(eof_message, sizeof eof_message, "Unterminated quoted string");
		else
			snprintf(eof_message, sizeof eof_message, "end of file unexpected%s", expecting);
	} else {
		const char *what = p->tok.text;
		p->why = PARSE_ERROR;
		if (p->quiet)
			longjmp(p->fail, 1);
		int line = p->first_line + lexer_line(&p->lx, p->tok.start) - 1;
		if (p->message)
			sh_error_at(line, "Syntax error: %s", p->message);
		else if (p->tok.io_number >= 0)
			sh_error_at(line, "Syntax error: \"%d%s\" unexpected%s", p->tok.io_number, what, expecting);
		else if (p->tok.type == T_WORD && !is_reserved(what))
			sh_error_at(line, "Syntax error: word unexpected%s", expecting);
		else
			sh_error_at(line, "Syntax error: \"%s\" unexpected%s", what, expecting);
		p->why = PARSE_ERROR;
	}
	longjmp(p->fail, 1);
}

static void skip_newlines(struct parser *p)
{
	while (p->tok.type == T_NEWLINE)
		advance(p);
}

/* Is the current token the reserved word kw? */
static bool at_word(struct parser *p, const char *kw)
{
	return p->tok.type == T_WORD && !strcmp(p->tok.text, kw);
}

static void expect_word(struct parser *p, const char *kw)
{
	if (!at_word(p, kw)) {
		p->expecting = kw;
		syntax_error(p);
	}
	advance(p);
}

static void expect(struct parser *p, enum tok t)
{
	if (p->tok.type != t) {
		p->expecting = t == T_RPAREN ? ")" : NULL;
		syntax_error(p);
	}
	advance(p);
}

/* A growable array in the arena (commands are short: copying is fine). */
static void *grow(void *old, int n, size_t elem)
{
	void *v = arena_alloc((size_t)(n + 1) * elem);
	if (n)
		memcpy(v, old, (size_t)n * elem);
	return v;
}

static void add_word(const char ***v, int *n, const char *w)
{
	*v = grow(*v, *n, sizeof **v);
	(*v)[(*n)++] = w;
}

static void add_node(struct node ***v, int *n, struct node *c)
{
	*v = grow(*v, *n, sizeof **v);
	(*v)[(*n)++] = c;
}

static struct node *new_node(struct parser *p, enum node_type type)
{
	struct node *n = arena_alloc(sizeof *n);
	n->type = type;
	n->lineno = p->first_line + lexer_line(&p->lx, p->tok.start) - 1;
	return n;
}

static struct node *binary(struct parser *p, enum node_type type, struct node *a, struct node *b)
{
	struct node *n = new_node(p, type);
	n->a = a;
	n->b = b;
	return n;
}

/* ---------------------------------------------------------------- redirections */

/* The delimiter of a here-document: the word with its quotes removed;
 * any quoting at all makes the body literal. */
static const char *heredoc_delim(const char *w, bool *quoted)
{
	struct str b = { 0 };
	*quoted = false;
	for (size_t i = 0; w[i]; i++) {
		if (w[i] == '\'' || w[i] == '"') {
			*quoted = true;
		} else if (w[i] == '\\' && w[i + 1]) {
			*quoted = true;
			str_addc(&b, w[++i]);
		} else {
			str_addc(&b, w[i]);
		}
	}
	const char *d = arena_strndup(b.s ? b.s : "", b.len);
	free(b.s);
	return d;
}

static struct redir *parse_redirect(struct parser *p)
{
	struct redir *r = arena_alloc(sizeof *r);
	enum tok op = p->tok.type;
	int n = p->tok.io_number;
	switch (op) {
	case T_LESS: r->op = R_IN; r->fd = 0; break;
	case T_LESSAND: r->op = R_DUPIN; r->fd = 0; break;
	case T_LESSGREAT: r->op = R_RDWR; r->fd = 0; break;
	case T_DLESS: case T_DLESSDASH: r->op = R_HEREDOC; r->fd = 0; break;
	case T_GREAT: r->op = R_OUT; r->fd = 1; break;
	case T_CLOBBER: r->op = R_CLOBBER; r->fd = 1; break;
	case T_DGREAT: r->op = R_APPEND; r->fd = 1; break;
	default: r->op = R_DUPOUT; r->fd = 1; break;
	}
	if (n >= 0)
		r->fd = n;
	advance(p);
	if (p->tok.type != T_WORD)
		syntax_error(p);
	r->target = p->tok.text;
	if (r->op == R_HEREDOC) {
		if (p->npending == MAX_PENDING_HEREDOCS)
			syntax_error(p);
		/* until the body is read, a negative fd says "strip tabs" */
		if (op == T_DLESSDASH)
			r->fd = -r->fd - 1;
		p->delims[p->npending] = heredoc_delim(p->tok.text, &r->quoted);
		p->pending[p->npending++] = r;
	}
	advance(p);
	return r;
}

/* Redirections after a compound command. */
static void parse_trailing_redirects(struct parser *p, struct node *n)
{
	struct redir **tail = &n->redirs;
	while (tok_is_redirect(p->tok.type)) {
		*tail = parse_redirect(p);
		tail = &(*tail)->next;
	}
}

/* ---------------------------------------------------------------- lists */

static struct node *parse_andor(struct parser *p);
static struct node *parse_command(struct parser *p);

/* Words that end a list inside a compound command. */
static bool at_list_end(struct parser *p)
{
	static const char *const enders[] = { "then", "else", "elif", "fi", "do", "done",
					      "esac", "}" };
	if (p->tok.type == T_EOF || p->tok.type == T_RPAREN || p->tok.type == T_DSEMI)
		return true;
	for (size_t i = 0; i < sizeof enders / sizeof enders[0]; i++)
		if (at_word(p, enders[i]))
			return true;
	return false;
}

/* The source text from offset start to the current token, trimmed. */
static const char *text_since(struct parser *p, size_t start)
{
	size_t end = p->tok.start;
	while (end > start && strchr(" \t\n;&", p->lx.src[end - 1]))
		end--;
	return arena_strndup(p->lx.src + start, end - start);
}

/* A list, up to a word or operator that ends it; NULL if it is empty. */
static struct node *parse_list(struct parser *p)
{
	struct node *list = NULL;
	skip_newlines(p);
	while (!at_list_end(p)) {
		size_t start = p->tok.start;
		struct node *n = parse_andor(p);
		if (p->tok.type == T_AMP) {
			struct node *bg = new_node(p, N_BG);
			bg->a = n;
			bg->text = text_since(p, start);
			n = bg;
			advance(p);
		} else if (p->tok.type == T_SEMI) {
			advance(p);
		} else if (p->tok.type != T_NEWLINE && !at_list_end(p)) {
			syntax_error(p);
		}
		list = list ? binary(p, N_SEQ, list, n) : n;
		skip_newlines(p);
	}
	return list;
}

/* A list that must not be empty (the body of a compound command); end is
 * the word that closes it, named when the text ends first. */
static struct node *parse_body(struct parser *p, const char *end)
{
	struct node *n = parse_list(p);
	if (!n) {
		if (p->tok.type == T_EOF)
			p->expecting = end;
		syntax_error(p);
	}
	return n;
}

static struct node *parse_pipeline(struct parser *p)
{
	size_t start = p->tok.start;
	bool negate = at_word(p, "!");
	if (negate) {
		advance(p);
		if (at_word(p, "!"))
			syntax_error(p);      /* "! !" is not in the grammar */
	}
	struct node *first = parse_command(p), *pl = first;
	if (p->tok.type == T_PIPE) {
		pl = new_node(p, N_PIPE);
		add_node(&pl->cmds, &pl->ncmds, first);
		while (p->tok.type == T_PIPE) {
			advance(p);
			skip_newlines(p);
			add_node(&pl->cmds, &pl->ncmds, parse_command(p));
		}
	}
	pl->text = text_since(p, start);
	if (negate) {
		struct node *n = new_node(p, N_NOT);
		n->a = pl;
		n->text = pl->text;
		return n;
	}
	return pl;
}

static struct node *parse_andor(struct parser *p)
{
	struct node *n = parse_pipeline(p);
	while (p->tok.type == T_AND_IF || p->tok.type == T_OR_IF) {
		enum node_type t = p->tok.type == T_AND_IF ? N_AND : N_OR;
		advance(p);
		skip_newlines(p);
		n = binary(p, t, n, parse_pipeline(p));
	}
	return n;
}

/* ---------------------------------------------------------------- compound commands */

static struct node *parse_if(struct parser *p)
{
	struct node *n = new_node(p, N_IF);
	advance(p);                    /* if or elif */
	n->a = parse_body(p, "then");
	expect_word(p, "then");
	n->b = parse_body(p, "fi");
	if (at_word(p, "elif")) {
		n->c = parse_if(p);
		return n;              /* the innermost if took the fi */
	}
	if (at_word(p, "else")) {
		advance(p);
		n->c = parse_body(p, "fi");
	}
	expect_word(p, "fi");
	return n;
}

static struct node *parse_do_group(struct parser *p)
{
	expect_word(p, "do");
	struct node *body = parse_body(p, "done");
	expect_word(p, "done");
	return body;
}

static struct node *parse_loop(struct parser *p, enum node_type type)
{
	struct node *n = new_node(p, type);
	advance(p);
	n->a = parse_body(p, "do");
	n->b = parse_do_group(p);
	return n;
}

static bool is_name(const char *s)
{
	if (!is_name_start((unsigned char)*s))
		return false;
	while (*++s)
		if (!is_name_char((unsigned char)*s))
			return false;
	return true;
}

static struct node *parse_for(struct parser *p)
{
	struct node *n = new_node(p, N_FOR);
	advance(p);
	if (p->tok.type == T_WORD && !is_name(p->tok.text))
		p->message = "Bad for loop variable";
	if (p->tok.type != T_WORD || !is_name(p->tok.text))
		syntax_error(p);
	n->name = p->tok.text;
	advance(p);
	skip_newlines(p);
	if (at_word(p, "in")) {
		n->has_in = true;
		advance(p);
		while (p->tok.type == T_WORD) {
			add_word(&n->list, &n->nlist, p->tok.text);
			advance(p);
		}
		if (p->tok.type != T_SEMI && p->tok.type != T_NEWLINE)
			syntax_error(p);
		advance(p);
	} else if (p->tok.type == T_SEMI) {
		advance(p);
	}
	skip_newlines(p);
	n->b = parse_do_group(p);
	return n;
}

/* One "pattern | pattern ) list ;;" of a case. */
static struct case_item *parse_case_item(struct parser *p)
{
	struct case_item *it = arena_alloc(sizeof *it);
	if (p->tok.type == T_LPAREN)
		advance(p);
	for (;;) {
		if (p->tok.type != T_WORD) {
			if (p->tok.type == T_EOF)
				p->expecting = ")";     /* as dash says */
			syntax_error(p);
		}
		add_word(&it->pats, &it->npats, p->tok.text);
		advance(p);
		if (p->tok.type != T_PIPE)
			break;
		advance(p);
	}
	expect(p, T_RPAREN);
	it->body = parse_list(p);
	if (p->tok.type == T_DSEMI) {
		advance(p);
		skip_newlines(p);
	} else if (!at_word(p, "esac")) {
		syntax_error(p);
	}
	return it;
}

static struct node *parse_case(struct parser *p)
{
	struct node *n = new_node(p, N_CASE);
	advance(p);
	if (p->tok.type != T_WORD)
		syntax_error(p);
	n->name = p->tok.text;
	advance(p);
	skip_newlines(p);
	expect_word(p, "in");
	skip_newlines(p);
	struct case_item **tail = &n->items;
	while (!at_word(p, "esac")) {
		*tail = parse_case_item(p);
		tail = &(*tail)->next;
	}
	advance(p);
	return n;
}

static struct node *parse_group(struct parser *p, enum node_type type)
{
	struct node *n = new_node(p, type);
	advance(p);
	n->a = parse_body(p, type == N_GROUP ? "}" : ")");
	if (type == N_GROUP)
		expect_word(p, "}");
	else
		expect(p, T_RPAREN);
	return n;
}

/* A compound command at the current token, or NULL if there is none. */
static struct node *parse_compound(struct parser *p)
{
	struct node *n = NULL;
	if (p->tok.type == T_LPAREN)
		n = parse_group(p, N_SUBSHELL);
	else if (at_word(p, "{"))
		n = parse_group(p, N_GROUP);
	else if (at_word(p, "if"))
		n = parse_if(p);
	else if (at_word(p, "while"))
		n = parse_loop(p, N_WHILE);
	else if (at_word(p, "until"))
		n = parse_loop(p, N_UNTIL);
	else if (at_word(p, "for"))
		n = parse_for(p);
	else if (at_word(p, "case"))
		n = parse_case(p);
	if (n)
		parse_trailing_redirects(p, n);
	return n;
}

/* ---------------------------------------------------------------- simple commands */

/* name() compound-command, the name already read. */
static struct node *parse_function(struct parser *p, const char *name)
{
	struct node *n = new_node(p, N_FUNC);
	n->name = name;
	advance(p);
	expect(p, T_RPAREN);
	skip_newlines(p);
	n->a = parse_compound(p);
	if (!n->a)
		syntax_error(p);
	return n;
}

static struct node *parse_simple(struct parser *p)
{
	struct node *c = new_node(p, N_CMD);
	struct redir **tail = &c->redirs;
	for (;;) {
		if (tok_is_redirect(p->tok.type)) {
			*tail = parse_redirect(p);
			tail = &(*tail)->next;
		} else if (p->tok.type == T_WORD) {
			/* NAME=value before the command name is an assignment */
			if (c->nwords == 0 && assignment_name_len(p->tok.text))
				add_word(&c->assigns, &c->nassigns, p->tok.text);
			else
				add_word(&c->words, &c->nwords, p->tok.text);
			advance(p);
			if (c->nwords == 1 && !c->nassigns && !c->redirs && p->tok.type == T_LPAREN) {
				if (!is_name(c->words[0]))
					p->message = "Bad function name";
				else
					return parse_function(p, c->words[0]);
			}
		} else {
			break;
		}
	}
	if (!c->nwords && !c->nassigns && !c->redirs)
		syntax_error(p);       /* e.g. "| x", "&& x", ";;" */
	return c;
}

/* An alias where a command name may stand: its text replaces the word in
 * the source, and lexing goes on from there.  An alias whose text starts
 * with its own name (alias ls='ls -F') is not expanded again. */
static void expand_alias(struct parser *p)
{
	for (int depth = 0; depth < 16 && p->tok.type == T_WORD; depth++) {
		const char *value = alias_get(p->tok.text);
		if (!value)
			return;
		size_t n = strlen(p->tok.text);
		bool self = !strncmp(value, p->tok.text, n) && (!value[n] || strchr(" \t", value[n]));
		struct str b = { 0 };
		str_addn(&b, p->lx.src, p->tok.start);
		str_adds(&b, value);
		str_adds(&b, p->lx.src + p->tok.end);
		p->shift += (long)strlen(value) - (long)n;
		p->lx.src = arena_strndup(b.s, b.len);
		free(b.s);
		p->lx.pos = p->tok.start;
		if (self) {
			/* lex the word itself, then stop */
			p->tok = lexer_next(&p->lx);
			return;
		}
		advance(p);
	}
}

static struct node *parse_command(struct parser *p)
{
	expand_alias(p);
	struct node *n = parse_compound(p);
	if (n)
		return n;
	if ((at_list_end(p) && p->tok.type == T_WORD) || at_word(p, "!"))
		syntax_error(p);       /* "then" where a command should be; "a | ! b" */
	return parse_simple(p);
}

/* The offset of the ')' that closes the $( whose text starts src: found
 * by parsing, since a case pattern's ')' does not close it.  0 if the
 * text ends first or is not a command. */
size_t parse_subst_end(const char *src)
{
	struct parser p = { .first_line = 1, .quiet = true };
	lexer_init(&p.lx, src);
	if (setjmp(p.fail))
		return 0;
	advance(&p);
	parse_list(&p);
	return p.tok.type == T_RPAREN ? p.tok.start : 0;
}

enum parse_status parse_next(const char *src, int first_line, struct node **out, size_t *used)
{
	struct parser p = { .first_line = first_line, .whole = true };
	*out = NULL;
	*used = 0;
	lexer_init(&p.lx, src);
	if (setjmp(p.fail))
		return p.why;
	advance(&p);
	skip_newlines(&p);
	struct node *list = NULL;
	while (p.tok.type != T_EOF && p.tok.type != T_NEWLINE) {
		if (at_list_end(&p))
			syntax_error(&p);      /* "fi" or ")" with nothing open */
		size_t start = p.tok.start;
		struct node *n = parse_andor(&p);
		if (p.tok.type == T_AMP) {
			struct node *bg = new_node(&p, N_BG);
			bg->a = n;
			bg->text = text_since(&p, start);
			n = bg;
			advance(&p);
		} else if (p.tok.type == T_SEMI) {
			advance(&p);
		} else if (p.tok.type != T_NEWLINE && p.tok.type != T_EOF) {
			syntax_error(&p);
		}
		list = list ? binary(&p, N_SEQ, list, n) : n;
	}
	if (p.npending)
		read_heredocs(&p);         /* a << on the last line: an empty body */
	*used = (size_t)((long)p.lx.pos - p.shift);
	*out = list;
	return list ? PARSE_OK : PARSE_EMPTY;
}

enum parse_status parse_program(const char *src, int first_line, struct node **out)
{
	struct parser p = { .first_line = first_line };
	*out = NULL;
	lexer_init(&p.lx, src);
	if (setjmp(p.fail))
		return p.why;
	advance(&p);
	struct node *n = parse_list(&p);
	if (p.tok.type != T_EOF)
		syntax_error(&p);
	if (p.npending) {
		/* a << on the last line: its body has not come yet */
		p.why = PARSE_INCOMPLETE;
		return p.why;
	}
	*out = n;
	return n ? PARSE_OK : PARSE_EMPTY;
}

/* Does src stop inside a command (an open quote, "for" without "done", a
 * here-document without its end)?  Quiet: for reading the history file,
 * where a syntax error is just a command that was typed wrong. */
bool parse_incomplete(const char *src)
{
	struct parser p = { .first_line = 1, .quiet = true };
	struct arena_mark m = arena_mark();
	lexer_init(&p.lx, src);
	bool incomplete;
	if (setjmp(p.fail)) {
		incomplete = p.why == PARSE_INCOMPLETE;
	} else {
		advance(&p);
		parse_list(&p);
		if (p.tok.type != T_EOF)
			syntax_error(&p);
		incomplete = p.npending > 0;
	}
	arena_release(m);
	return incomplete;
}

/* The parser: recursive descent over the lexer's tokens.
 *
 *   line      := linebreak [ and_or { sep and_or } [ sep ] ] EOF
 *   sep       := ';' | '&' | newline            (newlines may repeat)
 *   and_or    := pipeline { ('&&' | '||') linebreak pipeline }
 *   pipeline  := [ '!' ] command { '|' linebreak command }
 *   command   := { NAME=value | redirect } { WORD | redirect }
 *   redirect  := [N] ('<' | '>' | '>>' | '>|' | '<&' | '>&') WORD
 *
 * Everything is allocated in the arena.  When the text ends where more is
 * needed (after '|', '&&', inside a quote), the result is PARSE_INCOMPLETE
 * and the caller reads another line and tries again. */
#include "sh.h"
#include <setjmp.h>
#include <string.h>

struct parser {
	struct lexer lx;
	struct token tok;          /* the current token (one of lookahead) */
	jmp_buf fail;
	enum parse_status why;
};

static void advance(struct parser *p)
{
	p->tok = lexer_next(&p->lx);
}

/* Give up: incomplete if the text just ran out, else a syntax error that
 * names the token. */
static __attribute__((noreturn)) void syntax_error(struct parser *p)
{
	if (p->tok.type == T_EOF || p->tok.type == T_INCOMPLETE) {
		p->why = PARSE_INCOMPLETE;
	} else {
		const char *what = p->tok.type == T_NEWLINE ? "newline" : p->tok.text;
		if (p->tok.io_number >= 0)
			sh_error("syntax error near '%d%s'", p->tok.io_number, what);
		else
			sh_error("syntax error near '%s'", what);
		p->why = PARSE_ERROR;
	}
	longjmp(p->fail, 1);
}

static void skip_newlines(struct parser *p)
{
	while (p->tok.type == T_NEWLINE)
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

static struct redir *parse_redirect(struct parser *p)
{
	struct redir *r = arena_alloc(sizeof *r);
	enum tok op = p->tok.type;
	int n = p->tok.io_number;
	switch (op) {
	case T_LESS: r->op = R_IN; r->fd = 0; break;
	case T_LESSAND: r->op = R_DUPIN; r->fd = 0; break;
	case T_GREAT: case T_CLOBBER: r->op = R_OUT; r->fd = 1; break;
	case T_DGREAT: r->op = R_APPEND; r->fd = 1; break;
	default: r->op = R_DUPOUT; r->fd = 1; break;
	}
	if (n >= 0)
		r->fd = n;
	advance(p);
	if (p->tok.type != T_WORD)
		syntax_error(p);
	r->target = p->tok.text;
	advance(p);
	return r;
}

static struct command *parse_command(struct parser *p)
{
	struct command *c = arena_alloc(sizeof *c);
	struct redir **tail = &c->redirs;
	for (;;) {
		if (tok_is_redirect(p->tok.type)) {
			*tail = parse_redirect(p);
			tail = &(*tail)->next;
		} else if (p->tok.type == T_WORD) {
			/* NAME=value before the command name is an assignment */
			if (c->nwords == 0 && assignment_name_len(p->tok.text)) {
				c->assigns = grow(c->assigns, c->nassigns, sizeof *c->assigns);
				c->assigns[c->nassigns++] = p->tok.text;
			} else {
				c->words = grow(c->words, c->nwords, sizeof *c->words);
				c->words[c->nwords++] = p->tok.text;
			}
			advance(p);
		} else {
			break;
		}
	}
	if (!c->nwords && !c->nassigns && !c->redirs)
		syntax_error(p);       /* e.g. "| x", "&& x", ";;" */
	return c;
}

/* The source text from offset start to the current token, trimmed. */
static const char *text_since(struct parser *p, size_t start)
{
	size_t end = p->tok.start;
	while (end > start && strchr(" \t\n", p->lx.src[end - 1]))
		end--;
	return arena_strndup(p->lx.src + start, end - start);
}

static struct pipeline *parse_pipeline(struct parser *p)
{
	struct pipeline *pl = arena_alloc(sizeof *pl);
	size_t start = p->tok.start;
	if (p->tok.type == T_BANG) {
		pl->negate = true;
		advance(p);
	}
	for (;;) {
		pl->cmds = grow(pl->cmds, pl->ncmds, sizeof *pl->cmds);
		pl->cmds[pl->ncmds++] = parse_command(p);
		if (p->tok.type != T_PIPE) {
			pl->text = text_since(p, start);
			return pl;
		}
		advance(p);
		skip_newlines(p);
	}
}

static struct andor *parse_andor(struct parser *p)
{
	struct andor *first = arena_alloc(sizeof *first), *last = first;
	first->pipe = parse_pipeline(p);
	while (p->tok.type == T_AND_IF || p->tok.type == T_OR_IF) {
		struct andor *a = arena_alloc(sizeof *a);
		a->op = p->tok.type == T_AND_IF ? OP_AND : OP_OR;
		advance(p);
		skip_newlines(p);
		a->pipe = parse_pipeline(p);
		last->next = a;
		last = a;
	}
	return first;
}

static bool starts_command(enum tok t)
{
	return t == T_WORD || t == T_BANG || tok_is_redirect(t);
}

enum parse_status parse_line(const char *src, struct list_item **out)
{
	struct parser p = { 0 };
	struct list_item *head = NULL, **tail = &head;
	*out = NULL;
	lexer_init(&p.lx, src);
	if (setjmp(p.fail))
		return p.why;
	advance(&p);
	skip_newlines(&p);
	while (p.tok.type != T_EOF) {
		if (!starts_command(p.tok.type))
			syntax_error(&p);
		struct list_item *it = arena_alloc(sizeof *it);
		size_t start = p.tok.start;
		it->andor = parse_andor(&p);
		it->text = text_since(&p, start);
		if (p.tok.type == T_AMP || p.tok.type == T_SEMI) {
			it->background = p.tok.type == T_AMP;
			advance(&p);
		} else if (p.tok.type != T_NEWLINE && p.tok.type != T_EOF) {
			syntax_error(&p);
		}
		skip_newlines(&p);
		*tail = it;
		tail = &it->next;
	}
	*out = head;
	return head ? PARSE_OK : PARSE_EMPTY;
}

/* awk: the parser, recursive descent over the grammar of POSIX XCU awk,
 * building the tree interp.c walks.  Precedence, lowest first:
 * assignment, ?:, ||, &&, in, ~ !~, relational, concatenation (and
 * "cmd | getline"), + -, * / %, unary + - !, ^, ++ --, $, grouping.
 * Two places need care: inside an unparenthesized print list '>' is a
 * redirection, not a comparison; and a '/' where an operand may start
 * begins a regular expression. */
#include <stdlib.h>
#include <string.h>
#include "awk.h"
#include "lex.h"

static Token tok;
static Program *prog;
static int no_gt;               /* in a print list: '>' redirects */
static int no_in;               /* in a for's first clause: 'in' is for (k in a) */
static char **params;           /* the function being parsed */
static int nparams;
static int depth;
static int in_function, in_loop;

static Node *expr(void);
static Node *ternary(void);
static Node *primary(void);
static Node *unary(void);
static Node *statement(void);
static Node *block(void);
static Node *ternary_or_assign(void);

static void advance(void)
{
	lex_next(&tok);
}

static _Noreturn void unexpected(void)
{
	if (tok.type == T_NAME || tok.type == T_FUNC_NAME)
		syntax_error(tok.line, "unexpected name '%s'", tok.text);
	syntax_error(tok.line, "unexpected %s", token_name(tok.type));
}

static void expect(int type)
{
	if (tok.type != type)
		syntax_error(tok.line, "expected %s, found %s", token_name(type), token_name(tok.type));
	advance();
}

static void opt_newlines(void)
{
	while (tok.type == T_NEWLINE)
		advance();
}

/* Every node, so that nodes the parser builds and then drops (and a tree
 * left half-built by a syntax error) stay reachable: the tree lives as
 * long as the program. */
static Node **all_nodes;
static size_t n_nodes, cap_nodes;

static Node *mk(int type, Node *a, Node *b)
{
	Node *n = xmalloc(sizeof *n);
	if (n_nodes == cap_nodes) {
		cap_nodes = cap_nodes ? cap_nodes * 2 : 256;
		all_nodes = xrealloc(all_nodes, cap_nodes * sizeof *all_nodes);
	}
	all_nodes[n_nodes++] = n;
	memset(n, 0, sizeof *n);
	n->type = type;
	n->line = tok.line;
	n->a = a;
	n->b = b;
	return n;
}

static void add_kid(Node *n, Node *k)
{
	n->kids = xrealloc(n->kids, (size_t)(n->nkids + 1) * sizeof *n->kids);
	n->kids[n->nkids++] = k;
}

static int is_lvalue(Node *n)
{
	return n->type == N_VAR || n->type == N_LOCAL || n->type == N_INDEX || n->type == N_FIELD;
}

static Func *func_get(const char *name)
{
	for (Func *f = prog->funcs; f; f = f->next)
		if (!strcmp(f->name, name))
			return f;
	Func *f = xmalloc(sizeof *f);
	memset(f, 0, sizeof *f);
	f->name = xstrdup(name);
	f->next = prog->funcs;
	f->line = tok.line;
	prog->funcs = f;
	return f;
}

static Program *the_program;
Func *func_find(const char *name)
{
	for (Func *f = the_program ? the_program->funcs : NULL; f; f = f->next)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

/* A name in an expression: a parameter of the function being parsed, or a global. */
static Node *name_node(const char *name)
{
	for (int i = 0; i < nparams; i++)
		if (!strcmp(params[i], name)) {
			Node *n = mk(N_LOCAL, NULL, NULL);
			n->local = i;
			n->str = xstrdup(name);
			return n;
		}
	for (Func *f = prog->funcs; f; f = f->next)
		if (f->defined && !strcmp(f->name, name))
			syntax_error(tok.line, "function name %s used as a variable", name);
	Node *n = mk(N_VAR, NULL, NULL);
	n->var = var_lookup(name);
	return n;
}

/* [ expr, expr ... ] after an array name */
static Node *subscripts(void)
{
	expect(T_LBRACKET);
	Node *list = mk(N_LIST, NULL, NULL);
	int save_gt = no_gt, save_in = no_in;
	no_gt = no_in = 0;
	for (;;) {
		add_kid(list, expr());
		if (tok.type != T_COMMA)
			break;
		advance();
		opt_newlines();
	}
	no_gt = save_gt, no_in = save_in;
	expect(T_RBRACKET);
	return list;
}

static Node *array_name(void)
{
	if (tok.type != T_NAME)
		syntax_error(tok.line, "expected an array name");
	Node *n = name_node(tok.text);
	advance();
	return n;
}

/* ---- expressions, from the tightest binding up */

static Node *call_args(Node *n)
{
	expect(T_LPAREN);
	opt_newlines();
	int save_gt = no_gt, save_in = no_in;
	no_gt = no_in = 0;
	if (tok.type != T_RPAREN)
		for (;;) {
			add_kid(n, expr());
			opt_newlines();
			if (tok.type != T_COMMA)
				break;
			advance();
			opt_newlines();
		}
	no_gt = save_gt, no_in = save_in;
	expect(T_RPAREN);
	return n;
}

static Node *lvalue(void)
{
	Node *n = primary();
	if (!is_lvalue(n))
		syntax_error(n->line, "expected a variable, element or field");
	return n;
}

/* getline [var] [< file]: the simple form, after 'getline' was read */
static Node *simple_getline(int kind, Node *cmd)
{
	Node *n = mk(N_GETLINE, NULL, cmd);
	n->op = kind;
	if (tok.type == T_NAME || tok.type == T_DOLLAR)
		n->a = lvalue();
	if (kind == GL_PLAIN && tok.type == T_LT) {
		advance();
		n->op = GL_FILE;
		n->b = primary();
	}
	return n;
}

static Node *primary(void)
{
	if (++depth > 400)
		syntax_error(tok.line, "expression nested too deeply");
	Node *n;
	switch (tok.type) {
	case T_NUMBER:
		n = mk(N_NUM, NULL, NULL);
		n->num = tok.num;
		advance();
		break;
	case T_STRING:
		n = mk(N_STR, NULL, NULL);
		n->str = xstrdup(tok.text);
		advance();
		break;
	case T_SLASH:
	case T_DIV_ASSIGN:
		lex_regex(&tok);
		n = mk(N_ERE, NULL, NULL);
		n->str = xstrdup(tok.text);
		n->re = re_literal(tok.text, tok.line);
		advance();
		break;
	case T_LPAREN: {
		advance();
		int save_gt = no_gt, save_in = no_in;
		no_gt = no_in = 0;
		opt_newlines();
		Node *first = expr();
		opt_newlines();
		if (tok.type == T_COMMA) {      /* (a, b) in arr, or print (a, b) */
			n = mk(N_LIST, NULL, NULL);
			add_kid(n, first);
			while (tok.type == T_COMMA) {
				advance();
				opt_newlines();
				add_kid(n, expr());
				opt_newlines();
			}
		} else {
			n = mk(N_GROUP, first, NULL);
		}
		no_gt = save_gt, no_in = save_in;
		expect(T_RPAREN);
		break;
	}
	case T_DOLLAR: {
		advance();
		Node *operand;
		if (tok.type == T_INCR || tok.type == T_DECR) {
			int t = tok.type == T_INCR ? N_PREINC : N_PREDEC;
			advance();
			operand = mk(t, lvalue(), NULL);
		} else if (tok.type == T_MINUS || tok.type == T_PLUS || tok.type == T_NOT) {
			int t = tok.type == T_MINUS ? N_NEG : tok.type == T_PLUS ? N_PLUS : N_NOT;
			advance();
			operand = mk(t, primary(), NULL);
		} else {
			operand = primary();
		}
		n = mk(N_FIELD, operand, NULL);
		break;
	}
	case T_INCR:
	case T_DECR: {
		int t = tok.type == T_INCR ? N_PREINC : N_PREDEC;
		advance();
		n = mk(t, lvalue(), NULL);
		break;
	}
	case T_MINUS:
	case T_PLUS:
	case T_NOT:
		n = unary();
		break;
	case T_NAME: {
		char *name = xstrdup(tok.text);
		advance();
		n = name_node(name);
		free(name);
		if (tok.type == T_LBRACKET) {
			Node *s = subscripts();
			n = mk(N_INDEX, n, s);
		}
		break;
	}
	case T_FUNC_NAME: {
		if (var_find(tok.text) && var_find(tok.text)->kind != K_NONE)
			syntax_error(tok.line, "%s is a variable, not a function", tok.text);
		n = mk(N_CALL, NULL, NULL);
		n->func = func_get(tok.text);
		advance();
		call_args(n);
		break;
	}
	case T_BUILTIN:
		n = mk(N_BUILTIN, NULL, NULL);
		n->op = tok.builtin;
		advance();
		if (tok.type == T_LPAREN)
			call_args(n);
		else if (n->op != B_LENGTH)
			syntax_error(n->line, "a call needs its arguments in ( )");
		break;
	case T_GETLINE:
		advance();
		n = simple_getline(GL_PLAIN, NULL);
		break;
	default:
		unexpected();
	}
	depth--;
	return n;
}

static Node *postfix(void)
{
	Node *n = primary();
	if (is_lvalue(n) && (tok.type == T_INCR || tok.type == T_DECR)) {
		n = mk(tok.type == T_INCR ? N_POSTINC : N_POSTDEC, n, NULL);
		advance();
	}
	return n;
}

static Node *power(void)
{
	Node *n = postfix();
	if (tok.type == T_CARET) {
		advance();
		n = mk(N_POW, n, unary());      /* right associative; 2^-1 is allowed */
	}
	return n;
}

static Node *unary(void)
{
	if (tok.type == T_NOT || tok.type == T_MINUS || tok.type == T_PLUS) {
		int t = tok.type == T_NOT ? N_NOT : tok.type == T_MINUS ? N_NEG : N_PLUS;
		advance();
		if (++depth > 400)
			syntax_error(tok.line, "expression nested too deeply");
		Node *n = mk(t, unary(), NULL);
		depth--;
		return n;
	}
	return power();
}

static Node *multiplicative(void)
{
	Node *n = unary();
	for (;;) {
		int t = tok.type == T_STAR ? N_MUL : tok.type == T_SLASH ? N_DIV
			: tok.type == T_PERCENT ? N_MOD : -1;
		if (t < 0)
			return n;
		advance();
		n = mk(t, n, unary());
	}
}

static Node *additive(void)
{
	Node *n = multiplicative();
	for (;;) {
		int t = tok.type == T_PLUS ? N_ADD : tok.type == T_MINUS ? N_SUB : -1;
		if (t < 0)
			return n;
		advance();
		n = mk(t, n, multiplicative());
	}
}

static int starts_operand(int t)
{
	switch (t) {
	case T_NUMBER: case T_STRING: case T_NAME: case T_FUNC_NAME: case T_BUILTIN:
	case T_DOLLAR: case T_NOT: case T_LPAREN: case T_INCR: case T_DECR:
		return 1;
	case T_IN:
		return 0;
	}
	return 0;
}

/* concatenation, and "cmd | getline [var]" (which takes a whole concatenation as the command) */
static Node *concatenation(void)
{
	Node *n = additive();
	for (;;) {
		if (tok.type == T_PIPE && lex_peek_getline()) {
			advance();
			advance();      /* getline */
			n = simple_getline(GL_CMD, n);
			continue;
		}
		if (!starts_operand(tok.type))
			return n;
		if (++depth > 400)
			syntax_error(tok.line, "expression nested too deeply");
		n = mk(N_CAT, n, additive());
		depth--;
	}
}

static Node *relational(void)
{
	Node *n = concatenation();
	int t;
	switch (tok.type) {
	case T_LT: t = N_LT; break;
	case T_LE: t = N_LE; break;
	case T_NE: t = N_NE; break;
	case T_EQ: t = N_EQ; break;
	case T_GE: t = N_GE; break;
	case T_GT:
		if (no_gt)
			return n;
		t = N_GT;
		break;
	default:
		return n;
	}
	advance();
	return mk(t, n, concatenation());
}

static Node *matching(void)
{
	Node *n = relational();
	while (tok.type == T_TILDE || tok.type == T_NOMATCH) {
		int t = tok.type == T_TILDE ? N_MATCH : N_NOMATCH;
		advance();
		n = mk(t, n, relational());
	}
	return n;
}

static Node *membership(void)
{
	Node *n = matching();
	while (tok.type == T_IN && !no_in) {
		advance();
		Node *sub = n;
		if (sub->type == N_GROUP)
			sub = sub->a;
		n = mk(N_IN, sub, array_name());
	}
	return n;
}

static Node *logical_and(void)
{
	Node *n = membership();
	while (tok.type == T_AND) {
		advance();
		opt_newlines();
		n = mk(N_AND, n, membership());
	}
	return n;
}

static Node *logical_or(void)
{
	Node *n = logical_and();
	while (tok.type == T_OR) {
		advance();
		opt_newlines();
		n = mk(N_OR, n, logical_and());
	}
	return n;
}

static Node *ternary(void)
{
	Node *n = logical_or();
	if (tok.type != T_QUESTION)
		return n;
	advance();
	opt_newlines();
	Node *c = mk(N_COND, n, NULL);
	c->b = ternary_or_assign();
	opt_newlines();
	expect(T_COLON);
	opt_newlines();
	c->c = ternary_or_assign();
	return c;
}

static int assign_op(int t)
{
	switch (t) {
	case T_ASSIGN: return 0;
	case T_ADD_ASSIGN: return N_ADD;
	case T_SUB_ASSIGN: return N_SUB;
	case T_MUL_ASSIGN: return N_MUL;
	case T_DIV_ASSIGN: return N_DIV;
	case T_MOD_ASSIGN: return N_MOD;
	case T_POW_ASSIGN: return N_POW;
	}
	return -1;
}

static Node *ternary_or_assign(void)
{
	Node *n = ternary();
	int op = assign_op(tok.type);
	if (op < 0)
		return n;
	if (!is_lvalue(n))
		syntax_error(tok.line, "assignment to something that is not a variable");
	advance();
	opt_newlines();
	if (++depth > 400)
		syntax_error(tok.line, "expression nested too deeply");
	Node *a = mk(N_ASSIGN, n, ternary_or_assign());
	depth--;
	a->op = op;
	return a;
}

static Node *expr(void)
{
	Node *n = ternary_or_assign();
	if (n->type == N_LIST)
		syntax_error(n->line, "a list ( , ) is only for 'in' and print");
	return n;
}

/* ---- statements */

static int ends_simple(int t)
{
	return t == T_SEMI || t == T_NEWLINE || t == T_RBRACE || t == T_EOF;
}

static void terminator(void)
{
	if (tok.type == T_SEMI || tok.type == T_NEWLINE)
		advance();
	else if (tok.type != T_RBRACE && tok.type != T_EOF)
		unexpected();
}

static Node *print_statement(int type)
{
	Node *n = mk(type, NULL, NULL);
	advance();
	no_gt = 1;
	if (!ends_simple(tok.type) && tok.type != T_GT && tok.type != T_APPEND && tok.type != T_PIPE) {
		for (;;) {
			Node *e = ternary_or_assign();
			if (e->type == N_LIST && n->nkids == 0 && tok.type != T_COMMA) {
				for (int i = 0; i < e->nkids; i++)
					add_kid(n, e->kids[i]);
				break;
			}
			if (e->type == N_LIST)
				syntax_error(e->line, "a list ( , ) is only for 'in' and print");
			add_kid(n, e);
			if (tok.type != T_COMMA)
				break;
			advance();
			opt_newlines();
		}
	}
	no_gt = 0;
	if (tok.type == T_GT || tok.type == T_APPEND || tok.type == T_PIPE) {
		n->op = tok.type == T_GT ? R_FILE : tok.type == T_APPEND ? R_APPEND : R_PIPE;
		advance();
		n->a = concatenation();
	}
	if (type == N_PRINTF && n->nkids == 0)
		syntax_error(n->line, "printf needs a format");
	return n;
}

static Node *simple_statement(void)
{
	Node *n;
	switch (tok.type) {
	case T_PRINT: return print_statement(N_PRINT);
	case T_PRINTF: return print_statement(N_PRINTF);
	case T_DELETE:
		advance();
		n = array_name();
		if (tok.type == T_LBRACKET)
			return mk(N_DELETE, n, subscripts());
		return mk(N_DELETEALL, n, NULL);
	default:
		return mk(N_EXPR, expr(), NULL);
	}
}

static Node *simple_or_empty(int end)
{
	if (tok.type == end)
		return NULL;
	return simple_statement();
}

static Node *for_statement(void)
{
	int line = tok.line;
	advance();
	expect(T_LPAREN);
	Node *init = NULL;
	if (tok.type != T_SEMI) {
		init = simple_statement();
		if (init->type == N_EXPR && init->a->type == N_IN && tok.type == T_RPAREN &&
		    (init->a->a->type == N_VAR || init->a->a->type == N_LOCAL)) {
			advance();
			opt_newlines();
			Node *n = mk(N_FORIN, init->a->a, init->a->b);
			n->line = line;
			in_loop++;
			n->c = statement();
			in_loop--;
			return n;
		}
	}
	expect(T_SEMI);
	opt_newlines();
	Node *cond = tok.type == T_SEMI ? NULL : expr();
	expect(T_SEMI);
	opt_newlines();
	Node *step = simple_or_empty(T_RPAREN);
	expect(T_RPAREN);
	opt_newlines();
	Node *n = mk(N_FOR, init, cond);
	n->line = line;
	n->c = step;
	in_loop++;
	n->d = statement();
	in_loop--;
	return n;
}

static Node *statement(void)
{
	Node *n;
	if (++depth > 400)
		syntax_error(tok.line, "statements nested too deeply");
	switch (tok.type) {
	case T_LBRACE:
		n = block();
		break;
	case T_SEMI:
		advance();
		n = mk(N_BLOCK, NULL, NULL);
		break;
	case T_IF:
		n = mk(N_IF, NULL, NULL);
		advance();
		expect(T_LPAREN);
		n->a = expr();
		expect(T_RPAREN);
		opt_newlines();
		n->b = statement();
		while (tok.type == T_NEWLINE || tok.type == T_SEMI)
			advance();
		if (tok.type == T_ELSE) {
			advance();
			opt_newlines();
			n->c = statement();
		}
		break;
	case T_WHILE:
		n = mk(N_WHILE, NULL, NULL);
		advance();
		expect(T_LPAREN);
		n->a = expr();
		expect(T_RPAREN);
		if (tok.type == T_SEMI) {
			advance();
			n->b = mk(N_BLOCK, NULL, NULL);
			break;
		}
		opt_newlines();
		in_loop++;
		n->b = statement();
		in_loop--;
		break;
	case T_DO:
		n = mk(N_DO, NULL, NULL);
		advance();
		opt_newlines();
		in_loop++;
		n->b = statement();
		in_loop--;
		while (tok.type == T_NEWLINE || tok.type == T_SEMI)
			advance();
		expect(T_WHILE);
		expect(T_LPAREN);
		n->a = expr();
		expect(T_RPAREN);
		terminator();
		break;
	case T_FOR:
		n = for_statement();
		break;
	case T_BREAK:
	case T_CONTINUE:
		if (!in_loop)
			syntax_error(tok.line, "%s outside a loop", token_name(tok.type));
		n = mk(tok.type == T_BREAK ? N_BREAK : N_CONTINUE, NULL, NULL);
		advance();
		terminator();
		break;
	case T_NEXT:
	case T_NEXTFILE:
		n = mk(tok.type == T_NEXT ? N_NEXT : N_NEXTFILE, NULL, NULL);
		advance();
		terminator();
		break;
	case T_EXIT:
		n = mk(N_EXIT, NULL, NULL);
		advance();
		if (!ends_simple(tok.type))
			n->a = expr();
		terminator();
		break;
	case T_RETURN:
		if (!in_function)
			syntax_error(tok.line, "return outside a function");
		n = mk(N_RETURN, NULL, NULL);
		advance();
		if (!ends_simple(tok.type))
			n->a = expr();
		terminator();
		break;
	default:
		n = simple_statement();
		terminator();
	}
	depth--;
	return n;
}

static Node *block(void)
{
	Node *n = mk(N_BLOCK, NULL, NULL);
	expect(T_LBRACE);
	for (;;) {
		while (tok.type == T_NEWLINE || tok.type == T_SEMI)
			advance();
		if (tok.type == T_RBRACE)
			break;
		if (tok.type == T_EOF)
			syntax_error(tok.line, "missing }");
		add_kid(n, statement());
	}
	advance();
	return n;
}

/* ---- the program: rules and functions */

static void function_definition(void)
{
	advance();
	if (tok.type != T_NAME && tok.type != T_FUNC_NAME)
		syntax_error(tok.line, "expected a function name");
	if (var_find(tok.text) && var_find(tok.text)->kind != K_NONE)
		syntax_error(tok.line, "%s is a variable", tok.text);
	Func *f = func_get(tok.text);
	if (f->defined)
		syntax_error(tok.line, "function %s defined twice", f->name);
	f->defined = 1;
	f->line = tok.line;
	advance();
	expect(T_LPAREN);
	opt_newlines();
	while (tok.type == T_NAME) {
		for (int i = 0; i < f->nparams; i++)
			if (!strcmp(f->params[i], tok.text))
				syntax_error(tok.line, "parameter %s twice", tok.text);
		if (!strcmp(tok.text, f->name))
			syntax_error(tok.line, "parameter %s is the function's name", tok.text);
		f->params = xrealloc(f->params, (size_t)(f->nparams + 1) * sizeof *f->params);
		f->params[f->nparams++] = xstrdup(tok.text);
		advance();
		opt_newlines();
		if (tok.type != T_COMMA)
			break;
		advance();
		opt_newlines();
	}
	expect(T_RPAREN);
	opt_newlines();
	params = f->params;
	nparams = f->nparams;
	in_function = 1;
	f->body = block();
	in_function = 0;
	params = NULL;
	nparams = 0;
}

static void append_rule(Rule **list, Rule *r)
{
	while (*list)
		list = &(*list)->next;
	*list = r;
}

static Rule *new_rule(void)
{
	Rule *r = xmalloc(sizeof *r);
	memset(r, 0, sizeof *r);
	return r;
}

void parse_program(Program *p)
{
	prog = the_program = p;
	advance();
	for (;;) {
		while (tok.type == T_NEWLINE || tok.type == T_SEMI)
			advance();
		if (tok.type == T_EOF)
			break;
		if (tok.type == T_FUNCTION) {
			function_definition();
			continue;
		}
		Rule *r = new_rule();
		if (tok.type == T_BEGIN || tok.type == T_END) {
			int begin = tok.type == T_BEGIN;
			advance();
			opt_newlines();
			if (tok.type != T_LBRACE)
				syntax_error(tok.line, "%s needs an action { }", begin ? "BEGIN" : "END");
			r->action = block();
			append_rule(begin ? &p->begin : &p->end, r);
			continue;
		}
		if (tok.type != T_LBRACE) {
			r->pattern = expr();
			if (tok.type == T_COMMA) {
				advance();
				opt_newlines();
				r->pattern2 = expr();
			}
		}
		if (tok.type == T_LBRACE)
			r->action = block();
		else if (!ends_simple(tok.type))
			unexpected();
		append_rule(&p->main, r);
	}
	for (Func *f = p->funcs; f; f = f->next)
		if (!f->defined)
			syntax_error(f->line, "function %s never defined", f->name);
}

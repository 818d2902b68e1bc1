/* Evaluating the syntax tree: lists, and-or lists, compound commands,
 * functions, and the flow of control between them (break, continue,
 * return, exit, set -e).  Processes (simple commands, pipelines,
 * subshells, background jobs) are exec.c's.
 *
 * break/continue/return do not unwind the C stack with longjmp: they set
 * `flow` and every list stops at the next command; loops and function
 * calls are where it is consumed. */
#include "sh.h"
#include <stdlib.h>
#include <string.h>

enum flow flow;
int flow_count;            /* break N / continue N: loops still to leave */
static int loop_depth;     /* loops around the running command, in this function */
int func_depth;
int cond_depth;            /* > 0 inside a condition: set -e does not apply */

bool flow_stopped(void)
{
	return flow != FLOW_NONE || exit_requested || line_interrupted;
}

/* set -e: a failed command ends the shell, except where its status is
 * being tested. */
static void check_errexit(int st)
{
	if (opt_errexit && st != 0 && cond_depth == 0 && !exit_requested) {
		exit_requested = true;
		exit_status_requested = st;
	}
}

static int eval_cond(struct node *n)
{
	cond_depth++;
	int st = eval_node(n);
	cond_depth--;
	return st;
}

/* What a loop does after its body: true to leave the loop. */
static bool loop_flow_ends(void)
{
	if (exit_requested || flow == FLOW_RETURN || line_interrupted)
		return true;
	if (flow != FLOW_BREAK && flow != FLOW_CONTINUE)
		return false;
	if (--flow_count > 0)
		return true;            /* an outer loop's break/continue */
	bool leave = flow == FLOW_BREAK;
	flow = FLOW_NONE;
	return leave;
}

static int eval_loop(struct node *n)
{
	int st = 0;
	loop_depth++;
	for (;;) {
		int c = eval_cond(n->a);
		if (flow_stopped()) {
			if (loop_flow_ends())
				break;
			continue;
		}
		if ((n->type == N_WHILE) != (c == 0))
			break;
		st = eval_node(n->b);
		if (loop_flow_ends())
			break;
	}
	loop_depth--;
	return st;
}

static int eval_for(struct node *n)
{
	struct fields words = { 0 };
	if (n->has_in) {
		for (int i = 0; i < n->nlist; i++)
			if (!expand_word(n->list[i], &words))
				return 1;
	} else {
		for (int i = 1; i <= vars_positional_count(); i++)
			fields_add(&words, xstrdup(vars_positional(i)));
	}
	int st = 0;
	loop_depth++;
	for (int i = 0; i < words.n; i++) {
		if (!var_set_checked(n->name, words.v[i])) {
			st = fatal_status(2);
			break;
		}
		st = eval_node(n->b);
		if (loop_flow_ends())
			break;
	}
	loop_depth--;
	fields_free(&words);
	return st;
}

static int eval_case(struct node *n)
{
	char *word = expand_string(n->name);
	for (struct case_item *it = n->items; it; it = it->next) {
		for (int i = 0; i < it->npats; i++) {
			char *pat = expand_pattern(it->pats[i]);
			bool m = pattern_match(pat, word);
			free(pat);
			if (m) {
				free(word);
				return it->body ? eval_node(it->body) : 0;
			}
		}
	}
	free(word);
	return 0;
}

/* ---------------------------------------------------------------- functions */

struct func {
	char *name;
	struct node *body;
};
static struct func *funcs;
static int nfuncs;

struct node *func_find(const char *name)
{
	for (int i = 0; i < nfuncs; i++)
		if (!strcmp(funcs[i].name, name))
			return funcs[i].body;
	return NULL;
}

static void func_define(const char *name, struct node *body)
{
	/* the body lives in the arena: keep it past this command line */
	arena_keep();
	for (int i = 0; i < nfuncs; i++) {
		if (!strcmp(funcs[i].name, name)) {
			funcs[i].body = body;
			return;
		}
	}
	funcs = xrealloc(funcs, (size_t)(nfuncs + 1) * sizeof *funcs);
	funcs[nfuncs].name = xstrdup(name);
	funcs[nfuncs++].body = body;
}

void func_names(struct fields *out)
{
	for (int i = 0; i < nfuncs; i++)
		fields_add(out, xstrdup(funcs[i].name));
}

void func_unset(const char *name)
{
	for (int i = 0; i < nfuncs; i++) {
		if (!strcmp(funcs[i].name, name)) {
			free(funcs[i].name);
			funcs[i] = funcs[--nfuncs];
			return;
		}
	}
}

/* Call a function: argv[1..] become its positional parameters, its
 * loops start afresh, and "return" ends it. */
int func_call(struct node *body, int argc, char **argv)
{
	struct positional_save ps;
	vars_push_positional(argc, argv, &ps);
	int saved_loops = loop_depth;
	loop_depth = 0;
	func_depth++;
	vars_push_frame();
	int st = eval_node(body);
	vars_pop_frame();
	func_depth--;
	loop_depth = saved_loops;
	if (flow == FLOW_RETURN) {
		flow = FLOW_NONE;
		st = flow_count;
	}
	vars_pop_positional(&ps);
	return st;
}

/* break N and continue N: at most as many loops as there are. */
int flow_break(enum flow f, int n)
{
	if (loop_depth == 0)
		return 0;
	flow = f;
	flow_count = n > loop_depth ? loop_depth : n;
	return 0;
}

/* ---------------------------------------------------------------- the tree */

static int eval_with_redirs(struct node *n, int (*fn)(struct node *))
{
	struct saved_fds save = { 0 };
	int st;
	if (!redirs_apply(n->redirs, &save))
		st = 2;
	else
		st = fn(n);
	redirs_restore(&save);
	return st;
}

static int eval_compound(struct node *n)
{
	switch (n->type) {
	case N_GROUP: return eval_node(n->a);
	case N_IF:
		if (eval_cond(n->a) == 0)
			return flow_stopped() ? last_status : eval_node(n->b);
		return flow_stopped() ? last_status : n->c ? eval_node(n->c) : 0;
	case N_WHILE: case N_UNTIL: return eval_loop(n);
	case N_FOR: return eval_for(n);
	case N_CASE: return eval_case(n);
	default: return 0;
	}
}

int eval_node(struct node *n)
{
	int st = 0;
	if (!n)
		return 0;
	traps_run_pending();
	cmd_lineno = n->lineno;
	switch (n->type) {
	case N_SEQ:
		eval_node(n->a);
		if (!flow_stopped())
			eval_node(n->b);
		return last_status;
	case N_AND: case N_OR:
		st = eval_cond(n->a);
		if (!flow_stopped() && (st == 0) == (n->type == N_AND))
			st = eval_node(n->b);
		break;
	case N_NOT:
		st = !eval_cond(n->a);
		break;
	case N_BG:
		st = exec_background(n->a, n->text);
		break;
	case N_CMD:
		if (opt_noexec && !interactive)
			break;          /* set -n: read commands, run none */
		st = exec_simple(n, false);
		check_errexit(st);
		break;
	case N_PIPE:
		st = exec_pipeline(n);
		check_errexit(st);
		break;
	case N_SUBSHELL:
		st = exec_subshell(n);
		check_errexit(st);
		break;
	case N_FUNC:
		func_define(n->name, n->a);
		break;
	default:
		st = n->redirs ? eval_with_redirs(n, eval_compound) : eval_compound(n);
		break;
	}
	last_status = st;
	return st;
}

/* Parse and run a string (eval, ., command substitution): all of it is
 * parsed first; a syntax error is status 2. */
int eval_string(const char *src)
{
	return eval_string_at(src, 1);
}

/* The same, its first line numbered first_line (a $(...) is numbered as
 * the line of the command it is in, as dash does). */
int eval_string_at(const char *src, int first_line)
{
	struct node *n;
	struct str text = { 0 };
	str_adds(&text, src);
	str_addc(&text, '\n');      /* a here-document may end at the very end */
	/* the tree goes as soon as it has run (see arena_mark) */
	struct arena_mark m = arena_mark();
	int saved_line = cmd_lineno;
	enum parse_status ps = parse_program(text.s, first_line, &n);
	free(text.s);
	if (ps == PARSE_INCOMPLETE) {
		sh_error("Syntax error: %s", parse_eof_message());
		ps = PARSE_ERROR;
	}
	int st;
	if (ps == PARSE_ERROR) {
		st = last_status = 2;
		if (!interactive) {
			exit_requested = true;
			exit_status_requested = 2;
		}
	} else if (ps == PARSE_EMPTY) {
		st = last_status = 0;
	} else {
		st = eval_node(n);
	}
	arena_release(m);
	cmd_lineno = saved_line;
	return st;
}

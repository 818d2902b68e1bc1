/* awk: the tree walker.  eval() gives an expression's value (the caller
 * frees it); exec() runs a statement and says how it ended (normally, or
 * by break, continue, next, nextfile, exit, return).  next, nextfile and
 * exit inside a function reach the rule that called it through
 * `pending`.  User functions get a frame of slots: a scalar argument is
 * copied, an array is shared, and an untyped variable is passed as a
 * reference, so the callee can make it an array the caller then sees. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "awk.h"

int exit_status;
int cur_line;

typedef struct {
	Var *slots;
	int n;
} Frame;

static Frame *frame;
static Val retval;
static int pending;             /* next/nextfile/exit raised inside a function */
static int call_depth;

/* ---- variables, elements and fields as places */

static Var *slot_var(Node *n)
{
	return n->type == N_LOCAL ? &frame->slots[n->local] : n->var;
}

static Var *scalar_var(Node *n)
{
	Var *v = slot_var(n);
	if (v->ref) {
		Var *t = var_resolve(v);
		if (t->kind == K_ARRAY)
			fatal("can't use array %s in scalar context", n->str ? n->str : t->name);
		v->ref = NULL;          /* used as a scalar: a local of its own */
	}
	if (v->kind == K_ARRAY)
		fatal("can't use array %s in scalar context", n->str ? n->str : v->name);
	return v;
}

static Array *node_array(Node *n)
{
	Var *v = slot_var(n);
	if (var_resolve(v)->kind == K_SCALAR)
		fatal("can't use scalar %s as array", n->str ? n->str : var_resolve(v)->name);
	return var_array(v);
}

/* split's array argument */
Array *local_array(Node *n)
{
	if (n->type != N_VAR && n->type != N_LOCAL)
		fatal("split needs an array name");
	return node_array(n);
}

/* The array a name stands for, or NULL when it is not one (length). */
Array *array_if(Node *n)
{
	Var *t = var_resolve(slot_var(n));
	return t->kind == K_ARRAY ? t->arr : NULL;
}

/* The key of a[i] or a[i, j]: the subscripts as strings joined by SUBSEP. */
static char *subscript(Node *list)
{
	if (list->type != N_LIST) {
		Val v = eval(list);
		char *s = to_str(&v);
		val_free(&v);
		return s;
	}
	Buf b = { 0 };
	for (int i = 0; i < list->nkids; i++) {
		if (i)
			buf_adds(&b, var_cstr(v_SUBSEP));
		Val v = eval(list->kids[i]);
		char *s = to_str(&v);
		buf_adds(&b, s);
		free(s);
		val_free(&v);
	}
	return buf_finish(&b);
}

typedef struct {
	int kind;               /* N_VAR, N_INDEX, N_FIELD */
	Var *var;
	Val *elem;
	long field;
} Place;

static Place place_of(Node *n)
{
	Place p = { n->type, NULL, NULL, 0 };
	switch (n->type) {
	case N_VAR:
	case N_LOCAL:
		p.kind = N_VAR;
		p.var = scalar_var(n);
		break;
	case N_INDEX: {
		Array *a = node_array(n->a);
		char *key = subscript(n->b);
		p.elem = array_get(a, key);
		free(key);
		break;
	}
	case N_FIELD: {
		Val v = eval(n->a);
		double d = to_num(&v);
		val_free(&v);
		if (d < 0 || d > 10000000)
			fatal("field index %g out of range", d);
		p.field = (long)d;
		break;
	}
	}
	return p;
}

static Val place_get(Place *p)
{
	switch (p->kind) {
	case N_VAR: return val_copy(var_get(p->var));
	case N_INDEX: return val_copy(p->elem);
	default: return val_copy(field_get(p->field));
	}
}

static void place_set(Place *p, Val v)
{
	switch (p->kind) {
	case N_VAR:
		var_set(p->var, v);
		break;
	case N_INDEX:
		val_free(p->elem);
		*p->elem = v;
		break;
	default:
		field_set(p->field, v);
	}
}

/* Assign to a variable, element or field (getline var, sub's target, for-in). */
void assign_to(Node *lv, Val v)
{
	Place p = place_of(lv);
	place_set(&p, v);
}

/* ---- arithmetic */

static double power(double x, double y)
{
	if (y == (long long)y && fabs(y) < 1024) {      /* exact, like the other awks */
		long long k = (long long)y;
		int neg = k < 0;
		if (neg)
			k = -k;
		double r = 1, b = x;
		while (k) {
			if (k & 1)
				r *= b;
			b *= b;
			k >>= 1;
		}
		return neg ? 1 / r : r;
	}
	return pow(x, y);
}

static double arith(int op, double x, double y)
{
	switch (op) {
	case N_ADD: return x + y;
	case N_SUB: return x - y;
	case N_MUL: return x * y;
	case N_DIV:
		if (y == 0)
			fatal("division by zero");
		return x / y;
	case N_MOD:
		if (y == 0)
			fatal("division by zero in %%");
		return fmod(x, y);
	default: return power(x, y);
	}
}

static Val binary_num(Node *n)
{
	Val a = eval(n->a), b = eval(n->b);
	double x = to_num(&a), y = to_num(&b);
	val_free(&a);
	val_free(&b);
	return val_num(arith(n->type, x, y));
}

static Val compare(Node *n)
{
	Val a = eval(n->a), b = eval(n->b);
	int c = val_compare(&a, &b);
	val_free(&a);
	val_free(&b);
	int r;
	switch (n->type) {
	case N_LT: r = c < 0; break;
	case N_LE: r = c <= 0; break;
	case N_NE: r = c != 0; break;
	case N_EQ: r = c == 0; break;
	case N_GT: r = c > 0; break;
	default: r = c >= 0;
	}
	return val_num(r);
}

static int matches(Node *str, Node *re)
{
	Val v = eval(str);
	char *s = to_str(&v);
	val_free(&v);
	regmatch_t m;
	int r = re_match(re_of(re), s, 0, &m);
	free(s);
	return r;
}

static Val incdec(Node *n)
{
	Place p = place_of(n->a);
	Val old = place_get(&p);
	double d = to_num(&old);
	val_free(&old);
	double nd = (n->type == N_PREINC || n->type == N_POSTINC) ? d + 1 : d - 1;
	place_set(&p, val_num(nd));
	return val_num(n->type == N_PREINC || n->type == N_PREDEC ? nd : d);
}

static Val assign(Node *n)
{
	Val v = eval(n->b);
	Place p = place_of(n->a);
	if (n->op) {
		Val old = place_get(&p);
		double x = to_num(&old), y = to_num(&v);
		val_free(&old);
		val_free(&v);
		v = val_num(arith(n->op, x, y));
	}
	Val result = val_copy(&v);
	place_set(&p, v);
	return result;
}

static Val concat(Node *n)
{
	Val a = eval(n->a), b = eval(n->b);
	char *s = to_str(&a), *t = to_str(&b);
	val_free(&a);
	val_free(&b);
	size_t ls = strlen(s), lt = strlen(t);
	char *r = xmalloc(ls + lt + 1);
	memcpy(r, s, ls);
	memcpy(r + ls, t, lt + 1);
	free(s);
	free(t);
	return val_take(r);
}

/* ---- user functions */

static Val call(Node *n)
{
	Func *f = n->func;
	if (n->nkids > f->nparams)
		fatal("function %s called with %d arguments, takes %d", f->name, n->nkids,
		      f->nparams);
	if (call_depth >= 1000)
		fatal("function calls nested too deeply (in %s)", f->name);
	Var *slots = xmalloc((size_t)(f->nparams ? f->nparams : 1) * sizeof *slots);
	memset(slots, 0, (size_t)(f->nparams ? f->nparams : 1) * sizeof *slots);
	for (int i = 0; i < n->nkids; i++) {
		Node *arg = n->kids[i];
		if (arg->type == N_VAR || arg->type == N_LOCAL) {
			Var *v = slot_var(arg), *t = var_resolve(v);
			if (t->kind == K_ARRAY) {
				slots[i].kind = K_ARRAY;
				slots[i].arr = t->arr;
				slots[i].name = NULL;
				continue;
			}
			if (t->kind == K_NONE && t->val.type == V_UNINIT) {
				slots[i].ref = t;
				continue;
			}
		}
		slots[i].kind = K_SCALAR;
		slots[i].val = eval(arg);
	}
	Frame fr = { slots, f->nparams }, *saved = frame;
	int saved_line = cur_line;
	frame = &fr;
	call_depth++;
	retval = (Val){ V_UNINIT, 0, NULL };
	int st = exec(f->body);
	call_depth--;
	frame = saved;
	cur_line = saved_line;
	if (st == S_NEXT || st == S_NEXTFILE || st == S_EXIT)
		pending = st;
	for (int i = 0; i < f->nparams; i++) {
		if (slots[i].owned)
			array_free(slots[i].arr);
		val_free(&slots[i].val);
	}
	free(slots);
	Val r = retval;
	retval = (Val){ V_UNINIT, 0, NULL };
	return r;
}

/* ---- expressions */

Val eval(Node *n)
{
	switch (n->type) {
	case N_NUM: return val_num(n->num);
	case N_STR: return val_str(n->str);
	case N_ERE: {
		regmatch_t m;
		return val_num(re_match(n->re, record_str(), 0, &m));
	}
	case N_GROUP: return eval(n->a);
	case N_VAR:
	case N_LOCAL: return val_copy(var_get(scalar_var(n)));
	case N_INDEX:
	case N_FIELD: {
		Place p = place_of(n);
		return place_get(&p);
	}
	case N_LIST: fatal("a list ( , ) used as a value");
	case N_ASSIGN: return assign(n);
	case N_COND: {
		Val c = eval(n->a);
		int t = to_bool(&c);
		val_free(&c);
		return eval(t ? n->b : n->c);
	}
	case N_OR:
	case N_AND: {
		Val a = eval(n->a);
		int t = to_bool(&a);
		val_free(&a);
		if (n->type == N_OR ? t : !t)
			return val_num(t);
		Val b = eval(n->b);
		t = to_bool(&b);
		val_free(&b);
		return val_num(t);
	}
	case N_IN: {
		Array *a = node_array(n->b);
		char *key = subscript(n->a);
		int r = array_find(a, key) != NULL;
		free(key);
		return val_num(r);
	}
	case N_MATCH: return val_num(matches(n->a, n->b));
	case N_NOMATCH: return val_num(!matches(n->a, n->b));
	case N_LT: case N_LE: case N_NE: case N_EQ: case N_GT: case N_GE: return compare(n);
	case N_CAT: return concat(n);
	case N_ADD: case N_SUB: case N_MUL: case N_DIV: case N_MOD: case N_POW:
		return binary_num(n);
	case N_NOT: {
		Val a = eval(n->a);
		int t = to_bool(&a);
		val_free(&a);
		return val_num(!t);
	}
	case N_NEG:
	case N_PLUS: {
		Val a = eval(n->a);
		double d = to_num(&a);
		val_free(&a);
		return val_num(n->type == N_NEG ? -d : d);
	}
	case N_PREINC: case N_PREDEC: case N_POSTINC: case N_POSTDEC: return incdec(n);
	case N_CALL: return call(n);
	case N_BUILTIN: return call_builtin(n);
	case N_GETLINE: return val_num(do_getline(n));
	}
	fatal("internal error: node %d", n->type);
}

/* ---- statements */

static void print(Node *n)
{
	Buf b = { 0 };
	if (n->nkids == 0) {
		buf_adds(&b, record_str());
	} else {
		for (int i = 0; i < n->nkids; i++) {
			if (i)
				buf_adds(&b, var_cstr(v_OFS));
			Val v = eval(n->kids[i]);
			char *s = to_out_str(&v);
			buf_adds(&b, s);
			free(s);
			val_free(&v);
		}
	}
	buf_adds(&b, var_cstr(v_ORS));
	FILE *f = stdout;
	if (n->op != R_NONE) {
		Val d = eval(n->a);
		char *name = to_str(&d);
		val_free(&d);
		f = output_stream(name, n->op);
		free(name);
	}
	out_write(f, b.s, b.len);
	free(b.s);
}

static void printf_stmt(Node *n)
{
	Val *args = xmalloc((size_t)n->nkids * sizeof *args);
	for (int i = 0; i < n->nkids; i++)
		args[i] = eval(n->kids[i]);
	char *fmt = to_str(&args[0]);
	size_t len;
	char *s = format_vals(fmt, args + 1, n->nkids - 1, &len);
	free(fmt);
	for (int i = 0; i < n->nkids; i++)
		val_free(&args[i]);
	free(args);
	FILE *f = stdout;
	if (n->op != R_NONE) {
		Val d = eval(n->a);
		char *name = to_str(&d);
		val_free(&d);
		f = output_stream(name, n->op);
		free(name);
	}
	out_write(f, s, len);
	free(s);
}

static int cond_true(Node *c)
{
	if (!c)
		return 1;
	Val v = eval(c);
	int t = to_bool(&v);
	val_free(&v);
	return t;
}

/* A loop body's status: 1 to leave the loop with *st (break, or a jump out). */
static int loop_exit(int *st)
{
	if (pending) {
		*st = pending;
		return 1;
	}
	if (*st == S_BREAK) {
		*st = S_NORMAL;
		return 1;
	}
	if (*st == S_CONTINUE || *st == S_NORMAL) {
		*st = S_NORMAL;
		return 0;
	}
	return 1;
}

static int forin(Node *n)
{
	Array *a = node_array(n->b);
	size_t nk;
	char **keys = array_keys(a, &nk);
	int st = S_NORMAL;
	size_t i;
	for (i = 0; i < nk; i++) {
		assign_to(n->a, val_strnum(keys[i]));
		st = exec(n->c);
		if (loop_exit(&st))
			break;
		/* preemption point */
	}
	for (size_t k = 0; k < nk; k++)
		free(keys[k]);
	free(keys);
	return st;
}

int exec(Node *n)
{
	if (!n)
		return S_NORMAL;
	if (pending)
		return pending;
	cur_line = n->line;
	int st = S_NORMAL;
	switch (n->type) {
	case N_BLOCK:
		for (int i = 0; i < n->nkids; i++) {
			st = exec(n->kids[i]);
			if (st != S_NORMAL)
				return st;
		}
		return S_NORMAL;
	case N_EXPR: {
		Val v = eval(n->a);
		val_free(&v);
		break;
	}
	case N_PRINT: print(n); break;
	case N_PRINTF: printf_stmt(n); break;
	case N_IF:
		st = exec(cond_true(n->a) ? n->b : n->c);
		break;
	case N_WHILE:
		while (!pending && cond_true(n->a)) {
			st = exec(n->b);
			if (loop_exit(&st))
				break;
		}
		break;
	case N_DO:
		do {
			st = exec(n->b);
			if (loop_exit(&st))
				break;
		} while (!pending && cond_true(n->a));
		break;
	case N_FOR:
		st = exec(n->a);
		if (st != S_NORMAL)
			break;
		while (!pending && cond_true(n->b)) {
			st = exec(n->d);
			if (loop_exit(&st))
				break;
			st = exec(n->c);
			if (st != S_NORMAL)
				break;
		}
		break;
	case N_FORIN: st = forin(n); break;
	case N_BREAK: return S_BREAK;
	case N_CONTINUE: return S_CONTINUE;
	case N_NEXT: return S_NEXT;
	case N_NEXTFILE: return S_NEXTFILE;
	case N_EXIT:
		if (n->a) {
			Val v = eval(n->a);
			exit_status = (int)to_num(&v);
			val_free(&v);
		}
		return S_EXIT;
	case N_RETURN:
		val_free(&retval);
		retval = n->a ? eval(n->a) : (Val){ V_UNINIT, 0, NULL };
		return S_RETURN;
	case N_DELETE: {
		Array *a = node_array(n->a);
		char *key = subscript(n->b);
		array_delete(a, key);
		free(key);
		break;
	}
	case N_DELETEALL: array_clear(node_array(n->a)); break;
	default: {
		Val v = eval(n);
		val_free(&v);
	}
	}
	if (pending)
		return pending;
	return st;
}

/* ---- the program */

static int take_pending(int st)
{
	if (pending) {
		st = pending;
		pending = 0;
	}
	return st;
}

static int pattern_true(Rule *r)
{
	if (!r->pattern)
		return 1;
	if (!r->pattern2)
		return cond_true(r->pattern);
	if (!r->in_range) {
		if (!cond_true(r->pattern))
			return 0;
		r->in_range = !cond_true(r->pattern2);
		return 1;
	}
	if (cond_true(r->pattern2))
		r->in_range = 0;
	return 1;
}

/* Runs the main rules on one record: S_NORMAL, S_NEXTFILE or S_EXIT. */
static int run_record(Rule *rules)
{
	for (Rule *r = rules; r; r = r->next) {
		int t = pattern_true(r);
		int st = take_pending(S_NORMAL);
		if (st == S_NORMAL && t) {
			if (r->action) {
				st = take_pending(exec(r->action));
			} else {
				Buf b = { 0 };
				buf_adds(&b, record_str());
				buf_adds(&b, var_cstr(v_ORS));
				out_write(stdout, b.s, b.len);
				free(b.s);
			}
		}
		if (st == S_NEXT)
			return S_NORMAL;
		if (st == S_NEXTFILE || st == S_EXIT)
			return st;
	}
	return S_NORMAL;
}

static int run_rules(Rule *rules)
{
	for (Rule *r = rules; r; r = r->next) {
		int st = take_pending(exec(r->action));
		if (st == S_EXIT)
			return st;
		if (st == S_NEXT || st == S_NEXTFILE)
			fatal("next used in BEGIN or END");
	}
	return S_NORMAL;
}

void run_program(Program *prog)
{
	int st = run_rules(prog->begin);
	if (st != S_EXIT && (prog->main || prog->end)) {
		char *rec;
		size_t len;
		while (main_next_record(&rec, &len)) {
			record_set(rec, len, 1);
			free(rec);
			st = run_record(prog->main);
			if (st == S_NEXTFILE)
				main_nextfile();
			else if (st == S_EXIT)
				break;
			/* preemption point */
		}
	}
	cur_line = 0;
	run_rules(prog->end);
	streams_close_all();
}

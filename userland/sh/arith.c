/* Arithmetic expansion $((...)) (XCU 2.6.4): C's integer operators on
 * signed 64-bit values, by recursive descent, one function per level of
 * precedence (lowest first):
 *
 *   assign   = ?: then (= *= /= %= += -= <<= >>= &= ^= |=)
 *   ?:  ||  &&  |  ^  &  == !=  < <= > >=  << >>  + -  * / %
 *   unary    + - ! ~ ( ) numbers (decimal, 0octal, 0xhex) and NAMEs
 *
 * A variable's value is read as a number (empty or unset is 0).  The
 * branches not taken by && || ?: are parsed but not evaluated, so their
 * assignments and divisions do not happen. */
#include "sh.h"
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arith {
	const char *s;
	size_t pos;
	int skip;            /* > 0: parsing a branch that is not evaluated */
	jmp_buf fail;
};

typedef long long num;

static __attribute__((noreturn)) void arith_fail(struct arith *a, const char *why)
{
	sh_error("arithmetic expression: %s: \"%s\"", why, a->s);
	longjmp(a->fail, 1);
}

static void blanks(struct arith *a)
{
	while (a->s[a->pos] == ' ' || a->s[a->pos] == '\t' || a->s[a->pos] == '\n')
		a->pos++;
}

/* Is the operator op next (and not the start of a longer one)? */
static bool next_is(struct arith *a, const char *op)
{
	blanks(a);
	size_t n = strlen(op);
	if (strncmp(a->s + a->pos, op, n))
		return false;
	char c = a->s[a->pos + n];
	/* "<" is not "<<" or "<=", "&" is not "&&", "=" is not "==" ... */
	if (n == 1 && (c == '=' || (c == op[0] && strchr("<>&|", c))))
		return false;
	if (n == 2 && op[0] == op[1] && strchr("<>", op[0]) && c == '=')
		return false;
	a->pos += n;
	return true;
}

static bool parse_number(const char *s, num *out)
{
	char *end;
	if (!*s) {
		*out = 0;
		return true;
	}
	*out = (num)strtoull(s, &end, 0);
	return *end == 0;
}

static num var_value(struct arith *a, const char *name)
{
	const char *v = var_get(name);
	num n;
	if (!v) {
		if (opt_nounset && !a->skip) {
			sh_error("%s: parameter not set", name);
			longjmp(a->fail, 1);
		}
		return 0;
	}
	while (*v == ' ' || *v == '\t')
		v++;
	if (!parse_number(v, &n)) {
		sh_error("Illegal number: %s", v);
		longjmp(a->fail, 1);
	}
	return n;
}

static num assign_expr(struct arith *a);

/* Names and numbers are copied to the stack: a longjmp out of an error
 * must leave nothing allocated behind. */
static void copy_name(struct arith *a, char *dst, const char *s, size_t n)
{
	if (n >= 256)
		arith_fail(a, "name too long");
	memcpy(dst, s, n);
	dst[n] = 0;
}

static num primary(struct arith *a)
{
	blanks(a);
	const char *s = a->s + a->pos;
	if (*s == '(') {
		a->pos++;
		num v = assign_expr(a);
		if (!next_is(a, ")"))
			arith_fail(a, "expecting ')'");
		return v;
	}
	if (*s >= '0' && *s <= '9') {
		size_t n = 0;
		while (is_name_char((unsigned char)s[n]))
			n++;
		char text[256];
		num v;
		copy_name(a, text, s, n);
		if (!parse_number(text, &v))
			arith_fail(a, "bad number");
		a->pos += n;
		return v;
	}
	if (is_name_start((unsigned char)*s)) {
		size_t n = 0;
		while (is_name_char((unsigned char)s[n]))
			n++;
		char name[256];
		copy_name(a, name, s, n);
		a->pos += n;
		return var_value(a, name);
	}
	arith_fail(a, "expecting primary");
}

static num unary(struct arith *a)
{
	if (next_is(a, "+"))
		return unary(a);
	if (next_is(a, "-"))
		return (num)(0ULL - (unsigned long long)unary(a));
	if (next_is(a, "!"))
		return !unary(a);
	if (next_is(a, "~"))
		return ~unary(a);
	return primary(a);
}

/* x op y for the binary operators, with C's wrap-around on overflow. */
static num apply(struct arith *a, const char *op, num x, num y)
{
	unsigned long long ux = (unsigned long long)x, uy = (unsigned long long)y;
	if ((!strcmp(op, "/") || !strcmp(op, "%")) && !a->skip) {
		if (y == 0)
			arith_fail(a, "division by zero");
		if (y == -1)
			return !strcmp(op, "/") ? (num)(0ULL - ux) : 0;
	}
	if (a->skip)
		return 0;
	switch (op[0]) {
	case '*': return (num)(ux * uy);
	case '/': return x / y;
	case '%': return x % y;
	case '+': return (num)(ux + uy);
	case '-': return (num)(ux - uy);
	case '<': return op[1] == '<' ? (num)(ux << (y & 63)) : op[1] == '=' ? x <= y : x < y;
	case '>': return op[1] == '>' ? x >> (y & 63) : op[1] == '=' ? x >= y : x > y;
	case '=': return x == y;
	case '!': return x != y;
	case '&': return x & y;
	case '^': return x ^ y;
	case '|': return x | y;
	}
	return 0;
}

/* The binary operators by level, tightest last. */
static const char *const levels[][4] = {
	{ "|" }, { "^" }, { "&" }, { "==", "!=" }, { "<=", ">=", "<", ">" },
	{ "<<", ">>" }, { "+", "-" }, { "*", "/", "%" },
};
#define NLEVELS (int)(sizeof levels / sizeof levels[0])

static num binary(struct arith *a, int level)
{
	if (level == NLEVELS)
		return unary(a);
	num x = binary(a, level + 1);
	for (;;) {
		const char *op = NULL;
		for (int i = 0; i < 4 && levels[level][i]; i++)
			if (next_is(a, levels[level][i]))
				op = levels[level][i];
		if (!op)
			return x;
		x = apply(a, op, x, binary(a, level + 1));
	}
}

static num and_expr(struct arith *a)
{
	num x = binary(a, 0);
	while (next_is(a, "&&")) {
		bool skip = !x;
		a->skip += skip;
		num y = binary(a, 0);
		a->skip -= skip;
		x = x && y;
	}
	return x;
}

static num or_expr(struct arith *a)
{
	num x = and_expr(a);
	while (next_is(a, "||")) {
		bool skip = x != 0;
		a->skip += skip;
		num y = and_expr(a);
		a->skip -= skip;
		x = x || y;
	}
	return x;
}

static num cond_expr(struct arith *a)
{
	num c = or_expr(a);
	if (!next_is(a, "?"))
		return c;
	a->skip += !c;
	num x = assign_expr(a);
	a->skip -= !c;
	if (!next_is(a, ":"))
		arith_fail(a, "expecting ':'");
	a->skip += !!c;
	num y = cond_expr(a);
	a->skip -= !!c;
	return c ? x : y;
}

static num assign_expr(struct arith *a)
{
	static const char *const ops[] = { "=", "*=", "/=", "%=", "+=", "-=", "<<=", ">>=",
					   "&=", "^=", "|=" };
	blanks(a);
	size_t save = a->pos, n = 0;
	const char *s = a->s + a->pos;
	if (is_name_start((unsigned char)*s)) {
		while (is_name_char((unsigned char)s[n]))
			n++;
		a->pos += n;
		blanks(a);
		for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
			size_t k = strlen(ops[i]);
			if (strncmp(a->s + a->pos, ops[i], k) || a->s[a->pos + k] == '=')
				continue;
			a->pos += k;
			char name[256];
			copy_name(a, name, s, n);
			num v = assign_expr(a);
			if (i > 0) {
				char op[3] = { ops[i][0], ops[i][1] == '=' ? 0 : ops[i][1], 0 };
				v = apply(a, op, var_value(a, name), v);
			}
			if (!a->skip) {
				char buf[24];
				snprintf(buf, sizeof buf, "%lld", v);
				if (!var_set_checked(name, buf))
					longjmp(a->fail, 1);
			}
			return v;
		}
		a->pos = save;
	}
	return cond_expr(a);
}

bool arith_eval(const char *expr, long long *out)
{
	struct arith a = { .s = expr };
	if (setjmp(a.fail))
		return false;
	*out = assign_expr(&a);
	blanks(&a);
	if (expr[a.pos])
		arith_fail(&a, "expecting EOF");
	return true;
}

/* expr: evaluate an expression given as separate arguments (POSIX).
 * Operators, loosest first: |  &  = != < <= > >=  + -  * / %  :  and ( ).
 * Exit status: 0 when the result is neither empty nor 0, 1 when it is,
 * 2 for a bad expression, 3 for another error. */
#include "common.h"
#include <regex.h>      /* before limits.h: the host build's RE_DUP_MAX is the libc's */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
	"EXPRESSION\n"
	"Print the value of EXPRESSION (each operand and operator a separate argument):\n"
	"  A | B   A if it is neither empty nor 0, else B     A & B   A if neither is empty nor 0, else 0\n"
	"  A = B, A != B, A < B, A <= B, A > B, A >= B   1 or 0 (as integers when both are)\n"
	"  A + B, A - B, A * B, A / B, A % B   integer arithmetic\n"
	"  A : RE   the length of RE's match at A's start (a basic regular expression),\n"
	"           or the text of its \\( \\) group\n";

static char **args;
static int nargs, pos;
/* Above zero in the operand | or & does not need (GNU evaluates neither
 * it nor its errors, only its syntax). */
static int skipping;

static _Noreturn void fail(int status, const char *msg)
{
	fprintf(stderr, "expr: %s\n", msg);
	exit(status);
}

static _Noreturn void syntax(void)
{
	if (pos < nargs)
		fprintf(stderr, "expr: syntax error: unexpected argument '%s'\n", args[pos]);
	else
		fprintf(stderr, "expr: syntax error: missing argument after '%s'\n", args[pos - 1]);
	exit(2);
}

static char *str_of_int(long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	char *s = strdup(buf);
	if (!s)
		fail(3, "out of memory");
	return s;
}

/* Whether s is an integer (optional '-', digits), and its value. */
static bool to_int(const char *s, long long *out)
{
	const char *p = s + (*s == '-');
	if (!*p)
		return false;
	long long v = 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return false;
		if (v > (LLONG_MAX - (*p - '0')) / 10)
			fail(2, "integer is too large");
		v = v * 10 + (*p - '0');
	}
	*out = *s == '-' ? -v : v;
	return true;
}

static bool is_null(const char *s)
{
	long long v;
	return !*s || (to_int(s, &v) && v == 0);
}

static bool at(const char *op)
{
	if (pos < nargs && !strcmp(args[pos], op)) {
		pos++;
		return true;
	}
	return false;
}

static char *expr_or(void);

static char *primary(void)
{
	if (pos >= nargs)
		syntax();
	if (at("(")) {
		char *v = expr_or();
		if (!at(")"))
			syntax();
		return v;
	}
	if (!strcmp(args[pos], ")"))
		syntax();
	return args[pos++];
}

static char *match(const char *s, const char *re)
{
	if (skipping)
		return "";
	regex_t rx;
	int err = regcomp(&rx, re, 0);
	if (err) {
		char msg[128];
		regerror(err, &rx, msg, sizeof msg);
		fail(2, msg);
	}
	regmatch_t m[2];
	bool ok = regexec(&rx, s, 2, m, 0) == 0 && m[0].rm_so == 0;
	char *out;
	if (rx.re_nsub > 0) {
		if (ok && m[1].rm_so >= 0)
			out = strndup(s + m[1].rm_so, (size_t)(m[1].rm_eo - m[1].rm_so));
		else
			out = strdup("");
	} else {
		out = str_of_int(ok ? m[0].rm_eo : 0);
	}
	regfree(&rx);
	if (!out)
		fail(3, "out of memory");
	return out;
}

static char *expr_match(void)
{
	char *v = primary();
	while (at(":"))
		v = match(v, primary());
	return v;
}

static long long int_arg(const char *s)
{
	long long v;
	if (skipping)
		return 1;
	if (!to_int(s, &v))
		fail(2, "non-integer argument");
	return v;
}

static char *expr_mul(void)
{
	char *v = expr_match();
	for (;;) {
		char op;
		if (at("*"))
			op = '*';
		else if (at("/"))
			op = '/';
		else if (at("%"))
			op = '%';
		else
			return v;
		char *w = expr_match();
		long long a = int_arg(v), b = int_arg(w), r;
		if (op != '*' && b == 0)
			fail(2, "division by zero");
		if (op == '*' ? __builtin_mul_overflow(a, b, &r) : (a == LLONG_MIN && b == -1))
			fail(2, "result is too large");
		if (op == '/')
			r = a / b;
		else if (op == '%')
			r = a % b;
		v = str_of_int(r);
	}
}

static char *expr_add(void)
{
	char *v = expr_mul();
	for (;;) {
		bool plus;
		if (at("+"))
			plus = true;
		else if (at("-"))
			plus = false;
		else
			return v;
		char *w = expr_mul();
		long long a = int_arg(v), b = int_arg(w), r;
		if (plus ? __builtin_add_overflow(a, b, &r) : __builtin_sub_overflow(a, b, &r))
			fail(2, "result is too large");
		v = str_of_int(r);
	}
}

static char *expr_cmp(void)
{
	static const char *const ops[] = { "=", "!=", "<", "<=", ">", ">=" };
	char *v = expr_add();
	for (;;) {
		int op = -1;
		for (int i = 0; i < 6 && op < 0; i++)
			if (at(ops[i]))
				op = i;
		if (op < 0)
			return v;
		char *w = expr_add();
		long long a, b;
		int c;
		if (skipping)
			c = 0;
		else if (to_int(v, &a) && to_int(w, &b))
			c = (a > b) - (a < b);
		else
			c = strcmp(v, w);
		bool r = op == 0 ? c == 0 : op == 1 ? c != 0 : op == 2 ? c < 0 : op == 3 ? c <= 0 : op == 4 ? c > 0 : c >= 0;
		v = r ? "1" : "0";
	}
}

static char *expr_and(void)
{
	char *v = expr_cmp();
	while (at("&")) {
		bool skip = is_null(v);
		skipping += skip;
		char *w = expr_cmp();
		skipping -= skip;
		if (is_null(v) || is_null(w))
			v = "0";
	}
	return v;
}

static char *expr_or(void)
{
	char *v = expr_and();
	while (at("|")) {
		bool skip = !is_null(v);
		skipping += skip;
		char *w = expr_and();
		skipping -= skip;
		if (is_null(v))
			v = is_null(w) ? "0" : w;
	}
	return v;
}

int main(int argc, char **argv)
{
	cmd_init("expr", help);
	if (argc == 2 && !strcmp(argv[1], "--help"))
		usage(0);
	args = argv + 1;
	nargs = argc - 1;
	if (nargs > 0 && !strcmp(args[0], "--")) {
		args++;
		nargs--;
	}
	if (nargs == 0) {
		warn("missing operand");
		return 2;
	}
	char *v = expr_or();
	if (pos < nargs)
		syntax();
	puts(v);
	if (fflush(stdout) != 0)
		die_errno("write error");
	return is_null(v) ? 1 : 0;
}

/* test EXPR and [ EXPR ] (XCU test): files, strings and integers, with
 * ! ( ) -a -o.  Like other shells, the number of arguments decides first
 * (POSIX's rules for up to four); longer expressions are parsed with -o
 * binding looser than -a. */
#include "sh.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct test {
	char **v;
	int n, i;
	bool error;
	const char *name;          /* "test" or "[", for messages */
};

static bool is_unary(const char *op)
{
	return op[0] == '-' && op[1] && !op[2] && strchr("bcdefghLnprsStuwxz", op[1]);
}

static bool is_binary(const char *op)
{
	static const char *const ops[] = { "=", "!=", "-eq", "-ne", "-lt", "-le", "-gt", "-ge",
					   "-nt", "-ot", "-ef", "<", ">" };
	for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
		if (!strcmp(op, ops[i]))
			return true;
	return false;
}

static long long integer(struct test *t, const char *s)
{
	char *end;
	errno = 0;
	while (*s == ' ' || *s == '\t')
		s++;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || errno) {
		sh_error("%s: Illegal number: %s", t->name, s);
		t->error = true;
	}
	return v;
}

static bool unary(struct test *t, const char *op, const char *arg)
{
	struct stat st;
	char c = op[1];
	if (c == 'n')
		return *arg != 0;
	if (c == 'z')
		return *arg == 0;
	if (c == 't') {
		int fd = (int)integer(t, arg);
		return isatty(fd);
	}
	if (c == 'h' || c == 'L')
		return lstat(arg, &st) == 0 && S_ISLNK(st.st_mode);
	if (stat(arg, &st) != 0)
		return false;
	switch (c) {
	case 'b': return S_ISBLK(st.st_mode);
	case 'c': return S_ISCHR(st.st_mode);
	case 'd': return S_ISDIR(st.st_mode);
	case 'e': return true;
	case 'f': return S_ISREG(st.st_mode);
	case 'g': return (st.st_mode & S_ISGID) != 0;
	case 'u': return (st.st_mode & S_ISUID) != 0;
	case 'p': return S_ISFIFO(st.st_mode);
	case 'S': return S_ISSOCK(st.st_mode);
	case 's': return st.st_size > 0;
	case 'r': return access(arg, R_OK) == 0;
	case 'w': return access(arg, W_OK) == 0;
	case 'x': return access(arg, X_OK) == 0;
	}
	return false;
}

static bool binary(struct test *t, const char *a, const char *op, const char *b)
{
	if (!strcmp(op, "="))
		return !strcmp(a, b);
	if (!strcmp(op, "!="))
		return strcmp(a, b) != 0;
	if (!strcmp(op, "<"))
		return strcmp(a, b) < 0;
	if (!strcmp(op, ">"))
		return strcmp(a, b) > 0;
	if (!strcmp(op, "-nt") || !strcmp(op, "-ot") || !strcmp(op, "-ef")) {
		struct stat sa, sb;
		bool ha = stat(a, &sa) == 0, hb = stat(b, &sb) == 0;
		if (!strcmp(op, "-ef"))
			return ha && hb && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
		if (op[1] == 'n')
			return ha && (!hb || sa.st_mtime > sb.st_mtime);
		return hb && (!ha || sa.st_mtime < sb.st_mtime);
	}
	long long x = integer(t, a), y = integer(t, b);
	if (!strcmp(op, "-eq")) return x == y;
	if (!strcmp(op, "-ne")) return x != y;
	if (!strcmp(op, "-lt")) return x < y;
	if (!strcmp(op, "-le")) return x <= y;
	if (!strcmp(op, "-gt")) return x > y;
	return x >= y;
}

static const char *peek(struct test *t, int k)
{
	return t->i + k < t->n ? t->v[t->i + k] : NULL;
}

static bool or_expr(struct test *t);

static bool primary(struct test *t)
{
	const char *a = peek(t, 0);
	if (!a) {
		t->error = true;
		return false;
	}
	if (!strcmp(a, "!")) {
		t->i++;
		return !primary(t);
	}
	if (!strcmp(a, "(") ) {
		t->i++;
		bool r = or_expr(t);
		if (!peek(t, 0) || strcmp(peek(t, 0), ")"))
			t->error = true;
		t->i++;
		return r;
	}
	if (peek(t, 1) && peek(t, 2) && is_binary(peek(t, 1))) {
		t->i += 3;
		return binary(t, a, peek(t, -2), peek(t, -1));
	}
	if (is_unary(a) && peek(t, 1)) {
		t->i += 2;
		return unary(t, a, peek(t, -1));
	}
	t->i++;
	return *a != 0;
}

static bool and_expr(struct test *t)
{
	bool r = primary(t);
	while (peek(t, 0) && !strcmp(peek(t, 0), "-a")) {
		t->i++;
		r = primary(t) && r;
	}
	return r;
}

static bool or_expr(struct test *t)
{
	bool r = and_expr(t);
	while (peek(t, 0) && !strcmp(peek(t, 0), "-o")) {
		t->i++;
		r = and_expr(t) || r;
	}
	return r;
}

/* POSIX's rules by the number of arguments. */
static bool evaluate(struct test *t)
{
	char **v = t->v;
	switch (t->n) {
	case 0: return false;
	case 1: t->i = 1; return *v[0] != 0;
	case 2:
		t->i = 2;
		if (!strcmp(v[0], "!"))
			return *v[1] == 0;
		if (is_unary(v[0]))
			return unary(t, v[0], v[1]);
		t->error = true;
		return false;
	case 3:
		if (is_binary(v[1])) {
			t->i = 3;
			return binary(t, v[0], v[1], v[2]);
		}
		if (!strcmp(v[0], "!")) {
			t->i = 1;
			struct test sub = { v + 1, 2, 0, false, t->name };
			bool r = !evaluate(&sub);
			t->error = sub.error;
			t->i = 3;
			return r;
		}
		if (!strcmp(v[0], "(") && !strcmp(v[2], ")")) {
			t->i = 3;
			return *v[1] != 0;
		}
		break;
	case 4:
		if (!strcmp(v[0], "!")) {
			struct test sub = { v + 1, 3, 0, false, t->name };
			bool r = !evaluate(&sub);
			t->error = sub.error;
			t->i = 4;
			return r;
		}
		break;
	}
	return or_expr(t);
}

int builtin_test(int argc, char **argv)
{
	if (!strcmp(argv[0], "[")) {
		if (strcmp(argv[argc - 1], "]")) {
			sh_error("[: missing ]");
			return 2;
		}
		argc--;
	}
	struct test t = { argv + 1, argc - 1, 0, false, argv[0] };
	bool r = evaluate(&t);
	if (!t.error && t.i < t.n) {
		sh_error("%s: unexpected operator", argv[0]);
		return 2;
	}
	return t.error ? 2 : !r;
}

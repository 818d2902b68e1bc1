/* find: walk directory trees and evaluate an expression on each file.
 * The expression is parsed into a tree (! binds tighter than -a, which
 * binds tighter than -o; juxtaposition is -a), then every file met in a
 * depth-first walk (children after their directory, or before it with
 * -depth and -delete) is tested.  Links are not followed. */
#include "common.h"
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
	"[PATH...] [EXPRESSION]\n"
	"Walk each PATH (. by default) and evaluate EXPRESSION on every file; -print if\n"
	"the expression has no action.  Tests: -name -iname -path PATTERN, -type bcdflps,\n"
	"-size [+-]N[ckMG], -mtime -mmin [+-]N, -newer FILE, -empty, -true, -false.\n"
	"Actions: -print -print0 -prune -delete, -exec CMD {} ; and -exec CMD {} +.\n"
	"Operators: ( ) ! -not -a -and -o -or.  Options: -maxdepth N -mindepth N -depth.\n";

enum kind {
	K_AND, K_OR, K_NOT, K_TRUE, K_FALSE, K_NAME, K_INAME, K_PATH, K_TYPE, K_SIZE, K_MTIME,
	K_MMIN, K_NEWER, K_EMPTY, K_PRINT, K_PRINT0, K_PRUNE, K_DELETE, K_EXEC, K_EXECPLUS,
};

struct node {
	enum kind kind;
	struct node *l, *r;
	const char *arg;
	char cmp;               /* '+', '-' or '=' for numbers */
	long long num;
	long long unit;         /* -size: bytes per unit */
	struct timespec when;   /* -newer */
	char **argv;            /* -exec: the command, {} in place */
	int argc;
	char **batch;           /* -exec +: paths gathered */
	int nbatch, batch_cap;
	size_t batch_bytes;
};

static char **args;
static int nargs, ai;
static long maxdepth = -1, mindepth = 0;
static bool depth_first, has_action;
static int status;
static time_t now;

static struct node *node(enum kind k, struct node *l, struct node *r)
{
	struct node *n = calloc(1, sizeof *n);
	if (!n)
		die("out of memory");
	n->kind = k;
	n->l = l;
	n->r = r;
	return n;
}

static const char *need_arg(const char *opt)
{
	if (ai >= nargs)
		die("missing argument to `%s'", opt);
	return args[ai++];
}

/* [+-]N with an optional unit suffix (for -size). */
static void number(struct node *n, const char *opt, const char *s, bool size)
{
	n->cmp = '=';
	if (*s == '+' || *s == '-')
		n->cmp = *s++;
	char *end;
	errno = 0;
	n->num = strtoll(s, &end, 10);
	if (end == s || errno)
		die("invalid argument `%s' to `%s'", s, opt);
	n->unit = 512;
	if (size && *end) {
		switch (*end++) {
		case 'c': n->unit = 1; break;
		case 'w': n->unit = 2; break;
		case 'b': n->unit = 512; break;
		case 'k': n->unit = 1024; break;
		case 'M': n->unit = 1024 * 1024; break;
		case 'G': n->unit = 1024LL * 1024 * 1024; break;
		default: die("invalid -size type `%c'", end[-1]);
		}
	}
	if (*end)
		die("invalid argument `%s' to `%s'", s, opt);
}

static struct node *parse_or(void);

static struct node *parse_primary(void)
{
	if (ai >= nargs)
		die("expected an expression");
	const char *a = args[ai++];
	if (!strcmp(a, "(")) {
		struct node *n = parse_or();
		if (ai >= nargs || strcmp(args[ai], ")"))
			die("missing `)'");
		ai++;
		return n;
	}
	if (!strcmp(a, "!") || !strcmp(a, "-not"))
		return node(K_NOT, parse_primary(), NULL);
	struct node *n = node(K_TRUE, NULL, NULL);
	if (!strcmp(a, "-true"))
		return n;
	if (!strcmp(a, "-false")) {
		n->kind = K_FALSE;
	} else if (!strcmp(a, "-name") || !strcmp(a, "-iname") || !strcmp(a, "-path") ||
		   !strcmp(a, "-wholename")) {
		n->kind = a[1] == 'n' ? K_NAME : a[1] == 'i' ? K_INAME : K_PATH;
		n->arg = need_arg(a);
	} else if (!strcmp(a, "-type")) {
		n->kind = K_TYPE;
		n->arg = need_arg(a);
		if (strlen(n->arg) != 1 || !strchr("bcdflps", n->arg[0]))
			die("Unknown argument to -type: %s", n->arg);
	} else if (!strcmp(a, "-size") || !strcmp(a, "-mtime") || !strcmp(a, "-mmin")) {
		n->kind = a[2] == 's' ? K_SIZE : a[2] == 't' ? K_MTIME : K_MMIN;
		if (a[1] == 's')
			n->kind = K_SIZE;
		number(n, a, need_arg(a), n->kind == K_SIZE);
	} else if (!strcmp(a, "-newer")) {
		n->kind = K_NEWER;
		const char *f = need_arg(a);
		struct stat st;
		if (stat(f, &st) < 0)
			die("`%s': %s", f, strerror(errno));
		n->when = st.st_mtim;
	} else if (!strcmp(a, "-empty")) {
		n->kind = K_EMPTY;
	} else if (!strcmp(a, "-print") || !strcmp(a, "-print0")) {
		n->kind = a[6] ? K_PRINT0 : K_PRINT;
		has_action = true;
	} else if (!strcmp(a, "-prune")) {
		n->kind = K_PRUNE;
	} else if (!strcmp(a, "-delete")) {
		n->kind = K_DELETE;
		has_action = depth_first = true;
	} else if (!strcmp(a, "-exec")) {
		has_action = true;
		n->kind = K_EXEC;
		n->argv = &args[ai];
		while (ai < nargs && strcmp(args[ai], ";")) {
			if (!strcmp(args[ai], "+") && ai > 0 && !strcmp(args[ai - 1], "{}")) {
				n->kind = K_EXECPLUS;
				break;
			}
			ai++;
		}
		if (ai >= nargs)
			die("missing argument to `-exec'");
		n->argc = (int)(&args[ai] - n->argv);
		if (n->argc == 0)
			die("missing argument to `-exec'");
		ai++;
	} else if (!strcmp(a, "-maxdepth") || !strcmp(a, "-mindepth")) {
		long v;
		const char *s = need_arg(a);
		if (!parse_long(s, &v) || v < 0)
			die("invalid argument `%s' to `%s'", s, a);
		*(a[2] == 'a' ? &maxdepth : &mindepth) = v;
	} else if (!strcmp(a, "-depth")) {
		depth_first = true;
	} else {
		die("unknown predicate `%s'", a);
	}
	return n;
}

static bool at_operand_end(void)
{
	return ai >= nargs || !strcmp(args[ai], ")") || !strcmp(args[ai], "-o") ||
	       !strcmp(args[ai], "-or");
}

static struct node *parse_and(void)
{
	struct node *n = parse_primary();
	while (!at_operand_end()) {
		if (!strcmp(args[ai], "-a") || !strcmp(args[ai], "-and"))
			ai++;
		n = node(K_AND, n, parse_primary());
	}
	return n;
}

static struct node *parse_or(void)
{
	struct node *n = parse_and();
	while (ai < nargs && (!strcmp(args[ai], "-o") || !strcmp(args[ai], "-or"))) {
		ai++;
		n = node(K_OR, n, parse_and());
	}
	return n;
}

/* ---- running commands */

static int run_argv(char **argv)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		warn_errno("fork");
		return -1;
	}
	if (pid == 0) {
		execvp(argv[0], argv);
		warn_errno(argv[0]);
		_exit(127);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* "{}" anywhere in an argument is the path (GNU). */
static char *expand(const char *arg, const char *path)
{
	size_t n = strlen(arg), pl = strlen(path), count = 0;
	for (const char *p = strstr(arg, "{}"); p; p = strstr(p + 2, "{}"))
		count++;
	char *out = malloc(n + count * pl + 1);
	if (!out)
		die("out of memory");
	char *o = out;
	for (const char *p = arg; *p;) {
		if (p[0] == '{' && p[1] == '}') {
			memcpy(o, path, pl);
			o += pl;
			p += 2;
		} else {
			*o++ = *p++;
		}
	}
	*o = 0;
	return out;
}

static bool exec_one(struct node *n, const char *path)
{
	char **argv = calloc((size_t)n->argc + 1, sizeof *argv);
	if (!argv)
		die("out of memory");
	for (int i = 0; i < n->argc; i++)
		argv[i] = expand(n->argv[i], path);
	int r = run_argv(argv);
	for (int i = 0; i < n->argc; i++)
		free(argv[i]);
	free(argv);
	return r == 0;
}

/* -exec ... {} +: the command with as many paths as gathered. */
static void exec_flush(struct node *n)
{
	if (!n->nbatch)
		return;
	int fixed = n->argc - 1;        /* without the "{}" */
	char **argv = calloc((size_t)(fixed + n->nbatch + 1), sizeof *argv);
	if (!argv)
		die("out of memory");
	memcpy(argv, n->argv, (size_t)fixed * sizeof *argv);
	memcpy(argv + fixed, n->batch, (size_t)n->nbatch * sizeof *argv);
	if (run_argv(argv) != 0)
		status = 1;
	free(argv);
	for (int i = 0; i < n->nbatch; i++)
		free(n->batch[i]);
	n->nbatch = 0;
	n->batch_bytes = 0;
}

static void exec_gather(struct node *n, const char *path)
{
	if (n->nbatch == n->batch_cap) {
		n->batch_cap = n->batch_cap ? n->batch_cap * 2 : 64;
		if (!(n->batch = realloc(n->batch, (size_t)n->batch_cap * sizeof *n->batch)))
			die("out of memory");
	}
	if (!(n->batch[n->nbatch++] = strdup(path)))
		die("out of memory");
	n->batch_bytes += strlen(path) + 1;
	if (n->batch_bytes > 64 * 1024)
		exec_flush(n);
}

static void flush_all(struct node *n)
{
	if (!n)
		return;
	if (n->kind == K_EXECPLUS)
		exec_flush(n);
	flush_all(n->l);
	flush_all(n->r);
}

/* ---- evaluation */

struct file {
	const char *path, *name;
	struct stat st;
	bool prune;
};

static bool is_empty(struct file *f)
{
	if (S_ISREG(f->st.st_mode))
		return f->st.st_size == 0;
	if (!S_ISDIR(f->st.st_mode))
		return false;
	DIR *d = opendir(f->path);
	if (!d)
		return false;
	struct dirent *e;
	bool empty = true;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			empty = false;
			break;
		}
	closedir(d);
	return empty;
}

static bool compare_num(const struct node *n, long long v)
{
	return n->cmp == '+' ? v > n->num : n->cmp == '-' ? v < n->num : v == n->num;
}

static bool eval(struct node *n, struct file *f)
{
	switch (n->kind) {
	case K_AND: return eval(n->l, f) && eval(n->r, f);
	case K_OR: return eval(n->l, f) || eval(n->r, f);
	case K_NOT: return !eval(n->l, f);
	case K_TRUE: return true;
	case K_FALSE: return false;
	case K_NAME: return fnmatch(n->arg, f->name, FNM_PERIOD * 0) == 0;
	case K_INAME: return fnmatch(n->arg, f->name, FNM_CASEFOLD) == 0;
	case K_PATH: return fnmatch(n->arg, f->path, 0) == 0;
	case K_TYPE: {
		mode_t m = f->st.st_mode;
		switch (n->arg[0]) {
		case 'b': return S_ISBLK(m);
		case 'c': return S_ISCHR(m);
		case 'd': return S_ISDIR(m);
		case 'f': return S_ISREG(m);
		case 'l': return S_ISLNK(m);
		case 'p': return S_ISFIFO(m);
		default: return S_ISSOCK(m);
		}
	}
	case K_SIZE: {
		long long units = (f->st.st_size + n->unit - 1) / n->unit;
		return compare_num(n, units);
	}
	case K_MTIME: {
		long long days = (long long)(now - f->st.st_mtime) / 86400;
		return compare_num(n, days);
	}
	case K_MMIN: {
		/* n minutes: more than n-1 and at most n minutes ago (GNU) */
		long long secs = (long long)(now - f->st.st_mtime);
		long long mins = secs <= 0 ? 0 : (secs + 59) / 60;
		return compare_num(n, mins);
	}
	case K_NEWER:
		return f->st.st_mtim.tv_sec > n->when.tv_sec ||
		       (f->st.st_mtim.tv_sec == n->when.tv_sec && f->st.st_mtim.tv_nsec > n->when.tv_nsec);
	case K_EMPTY: return is_empty(f);
	case K_PRINT:
		puts(f->path);
		return true;
	case K_PRINT0:
		fputs(f->path, stdout);
		putchar(0);
		return true;
	case K_PRUNE:
		f->prune = true;
		return true;
	case K_DELETE:
		if (!strcmp(f->path, "."))
			return true;
		if ((S_ISDIR(f->st.st_mode) ? rmdir(f->path) : unlink(f->path)) < 0) {
			warn("cannot delete `%s': %s", f->path, strerror(errno));
			status = 1;
			return false;
		}
		return true;
	case K_EXEC: return exec_one(n, f->path);
	case K_EXECPLUS:
		exec_gather(n, f->path);
		return true;
	}
	return false;
}

static struct node *expr;

static void visit(struct file *f, long depth)
{
	if (depth < mindepth || (maxdepth >= 0 && depth > maxdepth))
		return;
	if (!eval(expr, f) || has_action)
		return;
	puts(f->path);
}

static void walk(const char *path, const char *name, long depth)
{
	struct file f = { .path = path, .name = name };
	if (lstat(path, &f.st) < 0) {
		warn("`%s': %s", path, strerror(errno));
		status = 1;
		return;
	}
	if (!depth_first)
		visit(&f, depth);
	if (S_ISDIR(f.st.st_mode) && !f.prune && (maxdepth < 0 || depth < maxdepth)) {
		DIR *d = opendir(path);
		if (!d) {
			warn("`%s': %s", path, strerror(errno));
			status = 1;
		} else {
			/* names first: -delete may change the directory under readdir */
			char **names = NULL;
			size_t n = 0, cap = 0;
			struct dirent *e;
			while ((e = readdir(d))) {
				if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
					continue;
				if (n == cap && !(names = realloc(names, (cap = cap ? cap * 2 : 16) * sizeof *names)))
					die("out of memory");
				if (!(names[n++] = strdup(e->d_name)))
					die("out of memory");
			}
			closedir(d);
			for (size_t i = 0; i < n; i++) {
				char *child = path_join(path, names[i]);
				walk(child, names[i], depth + 1);
				free(child);
				free(names[i]);
			}
			free(names);
		}
	}
	if (depth_first)
		visit(&f, depth);
}

int main(int argc, char **argv)
{
	cmd_init("find", help);
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		usage(0);
	now = time(NULL);
	int first_expr = 1;
	while (first_expr < argc && argv[first_expr][0] != '-' && strcmp(argv[first_expr], "(") &&
	       strcmp(argv[first_expr], "!"))
		first_expr++;
	args = argv + first_expr;
	nargs = argc - first_expr;
	ai = 0;
	expr = nargs ? parse_or() : node(K_TRUE, NULL, NULL);
	if (ai < nargs)
		die("unexpected `%s'", args[ai]);
	if (first_expr == 1) {
		walk(".", ".", 0);
	} else {
		for (int i = 1; i < first_expr; i++) {
			const char *p = argv[i];
			const char *base = strrchr(p, '/');
			walk(p, base && base[1] ? base + 1 : p, 0);
		}
	}
	flush_all(expr);
	if (fflush(stdout) != 0)
		die_errno("write error");
	return status;
}

/* Builtins: commands the shell runs itself, because they change the shell
 * (cd, exit, export, unset, shift, the job commands) or because it already
 * knows the answer (pwd, history, help, echo, true, false). */
#include "sh.h"
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

bool exit_requested;
int exit_status_requested;

/* cd DIR for a relative DIR not starting with . or ..: each CDPATH
 * entry is tried first; true (and *print set) if one worked. */
static bool cd_via_cdpath(const char *dir, bool *print)
{
	const char *cdpath = var_get("CDPATH");
	if (!cdpath || dir[0] == '/' || dir[0] == '.')
		return false;
	for (const char *p = cdpath;;) {
		const char *colon = strchr(p, ':');
		size_t n = colon ? (size_t)(colon - p) : strlen(p);
		struct str full = { 0 };
		if (n) {
			str_addn(&full, p, n);
			str_addc(&full, '/');
		}
		str_adds(&full, dir);
		bool ok = chdir(full.s) == 0;
		free(full.s);
		if (ok) {
			*print = n > 0;   /* a directory found elsewhere is shown */
			return true;
		}
		if (!colon)
			return false;
		p = colon + 1;
	}
}

static int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME");
	bool dash = argc > 1 && !strcmp(argv[1], "-");
	if (dash)
		dir = var_get("OLDPWD");
	if (!dir || !*dir) {
		if (!dash)
			return 0;     /* cd without HOME: nowhere to go, as dash */
		sh_error("cd: OLDPWD not set");
		return 1;
	}
	if (cd_via_cdpath(dir, &dash)) {
		/* found through CDPATH */
	} else if (chdir(dir) < 0) {
		sh_error("cd: can't cd to %s", dir);
		return 2;
	}
	char buf[PATH_MAX];
	const char *old = var_get("PWD");
	if (old)
		var_set("OLDPWD", old, false);
	if (getcwd(buf, sizeof buf))
		var_set("PWD", buf, false);
	if (dash)
		out_fmt(1, "%s\n", buf);
	return 0;
}

static int builtin_pwd(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	char buf[PATH_MAX];
	if (!getcwd(buf, sizeof buf)) {
		sh_error("pwd: %s", strerror(errno));
		return 1;
	}
	out_fmt(1, "%s\n", buf);
	return 0;
}

static int builtin_exit(int argc, char **argv)
{
	int st = last_status;
	if (argc > 1 && !parse_int(argv[1], &st)) {
		sh_error("exit: Illegal number: %s", argv[1]);
		return fatal_status(2);
	}
	if (st < 0 && argc > 1) {
		sh_error("exit: Illegal number: %s", argv[1]);
		return fatal_status(2);
	}
	/* a second "exit" leaves even with stopped jobs */
	static bool warned;
	if (interactive && jobs_count_stopped() && !warned) {
		out_str(2, "There are stopped jobs.\n");
		warned = true;
		return 1;
	}
	/* as dash: the EXIT trap sees the whole number in $? (exit 300: 300);
	 * the process's status is cut to 8 bits by _exit */
	exit_requested = true;
	exit_status_requested = st;
	return st;
}

/* NAME or NAME=value (already expanded): set it, then mark it. */
static int mark_vars(int argc, char **argv, const char *who, bool export)
{
	int st = 0, i = 1;
	if (i < argc && !strcmp(argv[i], "-p"))
		i++;
	if (i == argc) {
		vars_print(export, !export);
		return 0;
	}
	for (; i < argc; i++) {
		size_t n = assignment_name_len(argv[i]);
		char *name = xstrndup(argv[i], n ? n : strcspn(argv[i], "="));
		if (!is_valid_name(name)) {
			sh_error("%s: %s: bad variable name", who, name);
			free(name);
			return fatal_status(2);
		}
		if (n && !var_set_checked(name, argv[i] + n + 1))
			st = 1;
		else if (export)
			var_export(name);
		else
			var_set_readonly(name);
		free(name);
	}
	return st;
}

static int builtin_export(int argc, char **argv)
{
	return mark_vars(argc, argv, "export", true);
}

static int builtin_readonly(int argc, char **argv)
{
	return mark_vars(argc, argv, "readonly", false);
}

static int builtin_unset(int argc, char **argv)
{
	int i = 1, st = 0;
	bool funcs = false;
	for (; i < argc && argv[i][0] == '-'; i++)
		funcs = !strcmp(argv[i], "-f");
	for (; i < argc; i++) {
		if (funcs) {
			func_unset(argv[i]);
		} else if (var_is_readonly(argv[i])) {
			sh_error("unset: %s: is read only", argv[i]);
			return fatal_status(2);
		} else {
			var_unset(argv[i]);
		}
	}
	return st;
}

static int builtin_local(int argc, char **argv)
{
	if (!func_depth) {
		sh_error("local: not in a function");
		return fatal_status(2);
	}
	for (int i = 1; i < argc; i++) {
		size_t n = assignment_name_len(argv[i]);
		char *name = xstrndup(argv[i], n ? n : strlen(argv[i]));
		var_save(name);
		if (n)
			var_set(name, argv[i] + n + 1, false);
		free(name);
	}
	return 0;
}

/* break [N], continue [N], return [N], exit [N]: N must be a number. */
static bool count_arg(int argc, char **argv, int dflt, int *n)
{
	*n = dflt;
	if (argc > 1 && (!parse_int(argv[1], n) || *n < 0)) {
		sh_error("%s: Illegal number: %s", argv[0], argv[1]);
		return false;
	}
	return true;
}

static int builtin_break(int argc, char **argv)
{
	int n;
	if (!count_arg(argc, argv, 1, &n))
		return fatal_status(2);
	if (n == 0) {
		sh_error("%s: Illegal number: %s", argv[0], argv[1]);
		return fatal_status(2);
	}
	return flow_break(!strcmp(argv[0], "break") ? FLOW_BREAK : FLOW_CONTINUE, n);
}

static int builtin_return(int argc, char **argv)
{
	int n;
	if (!count_arg(argc, argv, last_status, &n))
		return fatal_status(2);
	/* as dash: the whole number is $? (return 300: 300), and only an
	 * exit status of the process is cut to 8 bits */
	flow = FLOW_RETURN;
	flow_count = n;
	return n;
}

static int builtin_eval(int argc, char **argv)
{
	struct str b = { 0 };
	for (int i = 1; i < argc; i++) {
		str_adds(&b, argv[i]);
		if (i + 1 < argc)
			str_addc(&b, ' ');
	}
	char *text = str_take(&b);
	const char *saved = err_context;
	err_context = "eval";
	int st = eval_string(text);
	err_context = saved;
	free(text);
	return st;
}

/* Run the file at path in this shell ("." and the start-up files);
 * "return" ends it.  -1 if it cannot be read. */
int dot_file(const char *path)
{
	char *text = read_file(path);
	if (!text)
		return -1;
	func_depth++;   /* so that return works */
	const char *saved = err_context;
	err_context = path;
	int st = eval_string(text);
	err_context = saved;
	func_depth--;
	if (flow == FLOW_RETURN) {
		flow = FLOW_NONE;
		st = flow_count;
	}
	free(text);
	return st;
}

/* . FILE: run it in this shell; "return" ends it. */
static int builtin_dot(int argc, char **argv)
{
	if (argc < 2) {
		sh_error(".: filename argument required");
		return fatal_status(2);
	}
	char *path = NULL;
	if (strchr(argv[1], '/'))
		path = xstrdup(argv[1]);
	else
		path = path_search(argv[1], false);
	int st = path ? dot_file(path) : -1;
	free(path);
	if (st < 0) {
		if (path)
			sh_error(".: cannot open %s: %s", argv[1], errno == ENOENT ? "No such file" : strerror(errno));
		else
			sh_error(".: %s: not found", argv[1]);
		return fatal_status(2);
	}
	return st;
}

static int builtin_exec(int argc, char **argv)
{
	return 0;   /* exec with only redirections: exec.c keeps them */
}

static int builtin_umask(int argc, char **argv)
{
	mode_t m = umask(0);
	umask(m);
	if (argc < 2) {
		out_fmt(1, "%04o\n", (unsigned)m);
		return 0;
	}
	unsigned v = 0;
	for (const char *c = argv[1]; *c; c++) {
		if (*c < '0' || *c > '7') {
			sh_error("umask: Illegal number: %s", argv[1]);
			return 2;
		}
		v = v * 8 + (unsigned)(*c - '0');
	}
	umask((mode_t)(v & 0777));
	return 0;
}

/* What a command name is: "command -v" prints how it would be run,
 * "type" says it in words. */
static int describe_command(const char *name, bool verbose)
{
	static const char *const keywords[] = { "if", "then", "else", "elif", "fi", "do", "done",
						"case", "esac", "while", "until", "for", "{", "}",
						"!", "in" };
	for (size_t i = 0; i < sizeof keywords / sizeof keywords[0]; i++) {
		if (!strcmp(name, keywords[i])) {
			out_fmt(1, verbose ? "%s is a shell keyword\n" : "%s\n", name);
			return 0;
		}
	}
	if (func_find(name)) {
		out_fmt(1, verbose ? "%s is a shell function\n" : "%s\n", name);
		return 0;
	}
	if (builtin_find(name)) {
		out_fmt(1, verbose ? "%s is a %sshell builtin\n" : "%s\n", name,
			builtin_is_special(name) ? "special " : "");
		return 0;
	}
	char *path = strchr(name, '/') ? xstrdup(name) : path_search(name, true);
	if (path && access(path, X_OK) == 0) {
		if (verbose)
			out_fmt(1, "%s is %s\n", name, path);
		else
			out_fmt(1, "%s\n", path);
		free(path);
		return 0;
	}
	free(path);
	if (verbose)
		sh_error("%s: not found", name);
	return 127;
}

static int builtin_type(int argc, char **argv)
{
	int st = 0;
	for (int i = 1; i < argc; i++)
		if (describe_command(argv[i], true))
			st = 127;
	return st;
}

/* command [-v|-V] NAME [ARGS]: NAME as a builtin or program, never a
 * function. */
static int builtin_command(int argc, char **argv)
{
	int i = 1;
	bool v = false, V = false;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		v |= strchr(argv[i], 'v') != NULL;
		V |= strchr(argv[i], 'V') != NULL;
	}
	if (i == argc)
		return 0;
	if (v || V) {
		int st = 0;
		for (; i < argc; i++)
			if (describe_command(argv[i], V))
				st = 127;
		return st;
	}
	builtin_fn b = builtin_find(argv[i]);
	if (b)
		return b(argc - i, argv + i);
	return run_program(argv + i, argc - i);
}

static int builtin_getopts(int argc, char **argv)
{
	if (argc < 3) {
		sh_error("getopts: usage: getopts optstring var [arg...]");
		return 2;
	}
	const char *optstring = argv[1], *var = argv[2];
	char **args = argc > 3 ? argv + 3 : NULL;
	int nargs = argc > 3 ? argc - 3 : vars_positional_count();
	int ind;
	const char *optind = var_get("OPTIND");
	if (!optind || !parse_int(optind, &ind) || ind < 1)
		ind = 1;
	static int sub = 1;       /* index inside a bundle like -abc */
	static int last_ind;
	if (ind != last_ind)
		sub = 1;
	const char *arg = ind <= nargs ? (args ? args[ind - 1] : vars_positional(ind)) : NULL;
	bool silent = optstring[0] == ':';
	char numbuf[16];
	if (!arg || arg[0] != '-' || !arg[1] || !strcmp(arg, "--")) {
		if (arg && !strcmp(arg, "--"))
			ind++;
		snprintf(numbuf, sizeof numbuf, "%d", ind);
		var_set("OPTIND", numbuf, false);
		var_set(var, "?", false);
		last_ind = ind;
		sub = 1;
		return 1;
	}
	char c = arg[sub];
	const char *spec = c != ':' ? strchr(optstring + silent, c) : NULL;
	char opt[2] = { c, 0 };
	int st = 0;
	if (arg[++sub] == 0) {
		ind++;
		sub = 1;
	}
	if (!spec) {
		if (silent) {
			var_set("OPTARG", opt, false);
		} else {
			out_fmt(2, "Illegal option -%c\n", c);     /* as dash: no "sh:" */
			var_unset("OPTARG");
		}
		var_set(var, "?", false);
	} else if (spec[1] == ':') {
		const char *val = NULL;
		if (sub > 1) {
			val = arg + sub;
			ind++;
			sub = 1;
		} else if (ind <= nargs) {
			val = args ? args[ind - 1] : vars_positional(ind);
			ind++;
		}
		if (!val) {
			if (silent) {
				var_set("OPTARG", opt, false);
				var_set(var, ":", false);
			} else {
				out_fmt(2, "No arg for -%c option\n", c);   /* as dash: no "sh:" */
				var_unset("OPTARG");
				var_set(var, "?", false);
			}
		} else {
			var_set("OPTARG", val, false);
			var_set(var, opt, false);
		}
	} else {
		var_unset("OPTARG");
		var_set(var, opt, false);
	}
	snprintf(numbuf, sizeof numbuf, "%d", ind);
	var_set("OPTIND", numbuf, false);
	last_ind = ind;
	return st;
}

static int builtin_shift(int argc, char **argv)
{
	int n = 1;
	if (argc > 1 && !parse_int(argv[1], &n)) {
		sh_error("shift: Illegal number: %s", argv[1]);
		return fatal_status(2);
	}
	if (!vars_shift(n)) {
		sh_error("shift: can't shift that many");
		return fatal_status(2);
	}
	return 0;
}

static int builtin_true(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int builtin_false(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 1;
}

/* echo [-n] args: the arguments, separated by spaces, with the backslash
 * escapes of XSI echo (\n \t \c \0NNN ...), as dash's echo. */
static bool echo_escape(struct str *b, const char **p)
{
	const char *s = *p;
	int v = 0, k;
	switch (*s) {
	case 'a': str_addc(b, '\a'); break;
	case 'b': str_addc(b, '\b'); break;
	case 'c': return false;
	case 'f': str_addc(b, '\f'); break;
	case 'n': str_addc(b, '\n'); break;
	case 'r': str_addc(b, '\r'); break;
	case 't': str_addc(b, '\t'); break;
	case 'v': str_addc(b, '\v'); break;
	case '\\': str_addc(b, '\\'); break;
	case '0':
		for (k = 0; k < 3 && s[1] >= '0' && s[1] <= '7'; k++)
			v = v * 8 + (*++s - '0');
		str_addc(b, (char)v);
		break;
	default: str_addc(b, '\\'); s--; break;
	}
	*p = s;
	return true;
}

static int builtin_echo(int argc, char **argv)
{
	int i = 1;
	bool newline = true, more = true;
	if (argc > 1 && !strcmp(argv[1], "-n")) {
		newline = false;
		i = 2;
	}
	struct str b = { 0 };
	for (; i < argc && more; i++) {
		for (const char *p = argv[i]; *p && more; p++) {
			if (*p == '\\' && p[1]) {
				p++;
				more = echo_escape(&b, &p);
			} else {
				str_addc(&b, *p);
			}
		}
		if (i + 1 < argc && more)
			str_addc(&b, ' ');
	}
	if (newline && more)
		str_addc(&b, '\n');
	bool ok = write_all_checked(1, b.s ? b.s : "", b.len);
	free(b.s);
	if (!ok)
		sh_error("echo: I/O error");
	return ok ? 0 : 1;
}

/* hash: programs are looked up in PATH each time; nothing is remembered,
 * so there is nothing to list or forget.  "hash NAME" checks NAME exists. */
static int builtin_hash(int argc, char **argv)
{
	int st = 0;
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-')
			continue;
		char *path = builtin_find(argv[i]) ? NULL : path_search(argv[i], true);
		if (!path && !builtin_find(argv[i])) {
			sh_error("hash: %s: not found", argv[i]);
			st = 1;
		}
		free(path);
	}
	return st;
}

static int builtin_times(int argc, char **argv)
{
	out_str(1, "0m0.000000s 0m0.000000s\n0m0.000000s 0m0.000000s\n");
	return 0;
}

static int builtin_help(int argc, char **argv);

static const struct {
	const char *name;
	builtin_fn fn;
	bool special;      /* XCU 2.14: errors end a script, assignments stay */
	const char *help;
} builtins[] = {
	{ ":", builtin_true, true, ":                 do nothing, successfully" },
	{ ".", builtin_dot, true, ". FILE            run FILE in this shell" },
	{ "break", builtin_break, true, "break [N]         leave N loops" },
	{ "continue", builtin_break, true, "continue [N]      next round of the Nth loop" },
	{ "eval", builtin_eval, true, "eval ARGS         run ARGS as a command" },
	{ "exec", builtin_exec, true, "exec [CMD]        replace the shell, or keep redirections" },
	{ "exit", builtin_exit, true, "exit [N]          leave the shell with status N (default $?)" },
	{ "export", builtin_export, true, "export [NAME[=V]] give variables to the programs started" },
	{ "readonly", builtin_readonly, true, "readonly NAME[=V] make variables unchangeable" },
	{ "return", builtin_return, true, "return [N]        leave a function with status N" },
	{ "set", builtin_set, true, "set [-eufxnCv] [--] [ARGS]  options, positional parameters" },
	{ "shift", builtin_shift, true, "shift [N]         drop the first N positional parameters" },
	{ "times", builtin_times, true, "times             the time used (not measured here)" },
	{ "trap", builtin_trap, true, "trap [ACTION SIG...]  run ACTION on signal SIG (or EXIT)" },
	{ "unset", builtin_unset, true, "unset [-f] NAME...  forget variables or functions" },
	{ "cd", builtin_cd, false, "cd [DIR | -]      change the working directory (default $HOME)" },
	{ "pwd", builtin_pwd, false, "pwd               print the working directory" },
	{ "echo", builtin_echo, false, "echo [-n] ARGS    print the arguments" },
	{ "printf", builtin_printf, false, "printf FMT ARGS   formatted output" },
	{ "test", builtin_test, false, "test EXPR, [ EXPR ]  check files, strings, numbers" },
	{ "[", builtin_test, false, NULL },
	{ "read", builtin_read, false, "read [-r] NAME... a line of input into variables" },
	{ "getopts", builtin_getopts, false, "getopts OPTS NAME  parse options" },
	{ "command", builtin_command, false, "command [-v] CMD  run CMD, not a function" },
	{ "type", builtin_type, false, "type NAME         what NAME is" },
	{ "alias", builtin_alias, false, "alias [NAME=V]     define or list aliases" },
	{ "unalias", builtin_unalias, false, "unalias [-a] NAME  forget aliases" },
	{ "ulimit", builtin_ulimit, false, "ulimit [-a|-f|-n|...] [N]  resource limits" },
	{ "hash", builtin_hash, false, "hash [NAME]       check NAME is a command" },
	{ "umask", builtin_umask, false, "umask [MODE]      the file creation mask" },
	{ "local", builtin_local, false, "local NAME[=V]    a variable of this function" },
	{ "history", builtin_history, false, "history [N]       list the commands typed so far (the last N)" },
	{ "fc", builtin_fc, false, "fc -l [-nr] [FIRST [LAST]], fc -s [OLD=NEW] [FIRST]  list or rerun history" },
	{ "jobs", builtin_jobs, false, "jobs              list background and stopped jobs" },
	{ "fg", builtin_fg, false, "fg [%N]           bring a job to the foreground" },
	{ "bg", builtin_bg, false, "bg [%N]           let a stopped job go on in the background" },
	{ "wait", builtin_wait, false, "wait [%N | PID]   wait for background jobs to finish" },
	{ "kill", builtin_kill, false, "kill [-SIG] PID | %N  send a signal (kill -l lists them)" },
	{ "true", builtin_true, false, "true              succeed" },
	{ "false", builtin_false, false, "false             fail" },
	{ "help", builtin_help, false, "help              this list" },
};
#define NBUILTINS (sizeof builtins / sizeof builtins[0])

static int builtin_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct str b = { 0 };
	str_adds(&b, "Builtins:\n");
	for (size_t i = 0; i < NBUILTINS; i++) {
		if (!builtins[i].help)
			continue;
		str_adds(&b, "  ");
		str_adds(&b, builtins[i].help);
		str_addc(&b, '\n');
	}
	str_adds(&b,
		 "Syntax:\n"
		 "  cmd1 | cmd2 | ...   pipeline        cmd &        run in the background\n"
		 "  if/elif/else/fi  while/until/do/done  for x in ...  case x in p) ;; esac\n"
		 "  { list; }  ( subshell )  name() { function; }  $(cmd)  $((1+2))  <<EOF\n"
		 "  a ; b   a && b   a || b             # comment\n"
		 "  < file   > file   >> file   2> file   2>&1   N>file\n"
		 "  'literal'   \"with $VAR\"   \\c   $VAR ${VAR} $? $$ $! $# $1..   NAME=value [cmd]\n"
		 "Keys: left/right, home/end (^A/^E), Alt-b/Alt-f words, backspace, delete,\n"
		 "  ^K ^U ^W erase, up/down history, ^R search it, Tab completes names,\n"
		 "  ^C cancels the line or stops the running job, ^D on an empty line exits.\n"
		 "Start-up: /etc/profile and ~/.profile (login), $ENV; history in $HISTFILE.\n"
		 "Other commands are programs in $PATH (ls /bin).\n");
	out_str(1, b.s);
	free(b.s);
	return 0;
}

builtin_fn builtin_find(const char *name)
{
	for (size_t i = 0; i < NBUILTINS; i++)
		if (!strcmp(builtins[i].name, name))
			return builtins[i].fn;
	return NULL;
}

static int find_index(const char *name)
{
	for (size_t i = 0; i < NBUILTINS; i++)
		if (!strcmp(builtins[i].name, name))
			return (int)i;
	return -1;
}

void builtin_names(struct fields *out)
{
	for (size_t i = 0; i < NBUILTINS; i++)
		fields_add(out, xstrdup(builtins[i].name));
}

bool builtin_is_special(const char *name)
{
	int i = find_index(name);
	return i >= 0 && builtins[i].special;
}

bool is_exec_builtin(const char *name)
{
	return !strcmp(name, "exec");
}

/* Builtins: commands the shell runs itself, because they change the shell
 * (cd, exit, export, unset, shift, the job commands) or because it already
 * knows the answer (pwd, history, help, echo, true, false). */
#include "sh.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool exit_requested;
int exit_status_requested;

static int builtin_cd(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : var_get("HOME");
	bool dash = argc > 1 && !strcmp(argv[1], "-");
	if (dash)
		dir = var_get("OLDPWD");
	if (!dir || !*dir) {
		sh_error("cd: %s not set", dash ? "OLDPWD" : "HOME");
		return 1;
	}
	if (chdir(dir) < 0) {
		sh_error("cd: %s: %s", dir, strerror(errno));
		return 1;
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
		sh_error("exit: %s: numeric argument required", argv[1]);
		st = 2;
	}
	/* a second "exit" leaves even with stopped jobs */
	static bool warned;
	if (interactive && jobs_count_stopped() && !warned) {
		out_str(2, "There are stopped jobs.\n");
		warned = true;
		return 1;
	}
	exit_requested = true;
	exit_status_requested = st & 0xff;
	return st & 0xff;
}

static int builtin_export(int argc, char **argv)
{
	if (argc == 1) {
		vars_print_exported();
		return 0;
	}
	int st = 0;
	for (int i = 1; i < argc; i++) {
		/* the word was expanded already: NAME=value is taken as is */
		size_t n = assignment_name_len(argv[i]);
		if (n) {
			char *name = xstrndup(argv[i], n);
			var_set(name, argv[i] + n + 1, true);
			free(name);
		} else if (is_name_start((unsigned char)argv[i][0]) &&
			   argv[i][strspn(argv[i], "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789")] == 0) {
			var_export(argv[i]);
		} else {
			sh_error("export: %s: bad variable name", argv[i]);
			st = 1;
		}
	}
	return st;
}

static int builtin_unset(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		var_unset(argv[i]);
	return 0;
}

static int builtin_shift(int argc, char **argv)
{
	int n = 1;
	if (argc > 1 && !parse_int(argv[1], &n)) {
		sh_error("shift: %s: bad number", argv[1]);
		return 1;
	}
	if (!vars_shift(n)) {
		sh_error("shift: can't shift that many");
		return 1;
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

/* echo [-n] args: the arguments, separated by spaces. */
static int builtin_echo(int argc, char **argv)
{
	int i = 1;
	bool newline = true;
	if (argc > 1 && !strcmp(argv[1], "-n")) {
		newline = false;
		i = 2;
	}
	struct str b = { 0 };
	for (; i < argc; i++) {
		str_adds(&b, argv[i]);
		if (i + 1 < argc)
			str_addc(&b, ' ');
	}
	if (newline)
		str_addc(&b, '\n');
	if (b.len) {
		size_t done = 0;
		while (done < b.len) {
			ssize_t w = write(1, b.s + done, b.len - done);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0) {
				free(b.s);
				return 1;
			}
			done += (size_t)w;
		}
	}
	free(b.s);
	return 0;
}

static int builtin_help(int argc, char **argv);

static const struct {
	const char *name;
	builtin_fn fn;
	const char *help;
} builtins[] = {
	{ "cd", builtin_cd, "cd [DIR | -]      change the working directory (default $HOME)" },
	{ "pwd", builtin_pwd, "pwd               print the working directory" },
	{ "exit", builtin_exit, "exit [N]          leave the shell with status N (default $?)" },
	{ "export", builtin_export, "export [NAME[=V]] give variables to the programs started" },
	{ "unset", builtin_unset, "unset NAME...     forget variables" },
	{ "shift", builtin_shift, "shift [N]         drop the first N positional parameters" },
	{ "history", builtin_history, "history           list the commands typed so far" },
	{ "jobs", builtin_jobs, "jobs              list background and stopped jobs" },
	{ "fg", builtin_fg, "fg [%N]           bring a job to the foreground" },
	{ "bg", builtin_bg, "bg [%N]           let a stopped job go on in the background" },
	{ "wait", builtin_wait, "wait [%N | PID]   wait for background jobs to finish" },
	{ "kill", builtin_kill, "kill [-SIG] PID | %N  send a signal (kill -l lists them)" },
	{ "echo", builtin_echo, "echo [-n] ARGS    print the arguments" },
	{ "true", builtin_true, "true              succeed" },
	{ "false", builtin_false, "false             fail" },
	{ ":", builtin_true, ":                 do nothing, successfully" },
	{ "help", builtin_help, "help              this list" },
};
#define NBUILTINS (sizeof builtins / sizeof builtins[0])

static int builtin_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	struct str b = { 0 };
	str_adds(&b, "Builtins:\n");
	for (size_t i = 0; i < NBUILTINS; i++) {
		str_adds(&b, "  ");
		str_adds(&b, builtins[i].help);
		str_addc(&b, '\n');
	}
	str_adds(&b,
		 "Syntax:\n"
		 "  cmd1 | cmd2 | ...   pipeline        cmd &        run in the background\n"
		 "  a ; b   a && b   a || b             # comment\n"
		 "  < file   > file   >> file   2> file   2>&1   N>file\n"
		 "  'literal'   \"with $VAR\"   \\c   $VAR ${VAR} $? $$ $! $# $1..   NAME=value [cmd]\n"
		 "Keys: left/right, home/end (^A/^E), backspace, delete, up/down for history,\n"
		 "  ^C cancels the line or stops the running job, ^D on an empty line exits.\n"
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

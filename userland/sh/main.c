/* sh: start-up and the read-parse-run loop.
 *
 *   sh                    commands from stdin: interactive with a prompt and
 *                         line editing when stdin is a terminal
 *   sh FILE [ARGS...]     a script; $0 = FILE, $1... = ARGS
 *   sh -c CMD [NAME [ARGS...]]   one command string; $0 = NAME
 *   sh -l, or a $0 that begins with '-'   a login shell: /etc/profile and
 *                         $HOME/.profile are run first (init starts the
 *                         console's shell so)
 *
 * An interactive shell then runs the file named by $ENV (after parameter
 * expansion, as POSIX says), loads the history ($HISTFILE, history.c) and
 * shows $PS1, expanded before each command ('!' is the number the command
 * will have in the history, "!!" a '!').  When PS1 is not set it is made
 * "NODE:$PWD# " ("$ " for users other than root), so the prompt follows
 * cd.
 *
 * A script or -c string is parsed one complete command at a time from the
 * text (run_string).  Standard input is read a line at a time; a line that
 * leaves a command unfinished (an open quote, "if" without "fi", a trailing
 * |, && or \) is continued with the next one, at the "> " prompt when
 * interactive.  Either way each command runs before the next is parsed, so
 * a script's later syntax error does not stop the commands before it. */
#include "sh.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

extern char **environ;

/* Where commands come from: a string (sh -c, a script read whole), a
 * descriptor read in blocks, or the terminal through the line editor. */
struct input {
	const char *str;          /* string input (run_string), or NULL */
	int fd;
	char buf[4096];
	size_t blen, bpos;
	bool eof;
};

enum read_result { RD_LINE, RD_EOF, RD_CANCEL };

static enum read_result read_from_fd(struct input *in, char **line)
{
	struct str b = { 0 };
	for (;;) {
		if (in->bpos == in->blen) {
			ssize_t n = in->eof ? 0 : read(in->fd, in->buf, sizeof in->buf);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				in->eof = true;
				if (!b.len)
					return RD_EOF;
				str_addc(&b, '\n');
				break;
			}
			in->blen = (size_t)n;
			in->bpos = 0;
		}
		char c = in->buf[in->bpos++];
		str_addc(&b, c);
		if (c == '\n')
			break;
	}
	*line = str_take(&b);
	return RD_LINE;
}

/* $PS1 or $PS2 as the prompt shows it: '!' is the next history number,
 * "!!" a '!', then parameter expansion, command substitution and
 * arithmetic as in a here-document.  Expanding must not change $?. */
static char *expand_prompt(const char *ps)
{
	struct str raw = { 0 };
	for (const char *c = ps; *c; c++) {
		if (*c == '!' && c[1] == '!') {
			str_addc(&raw, '!');
			c++;
		} else if (*c == '!' && (c == ps || c[-1] != '$')) {
			char num[16];
			snprintf(num, sizeof num, "%d", history_next_number());
			str_adds(&raw, num);
		} else {
			str_addc(&raw, *c);
		}
	}
	char *text = str_take(&raw);
	int saved = last_status;
	bool saved_exit = exit_requested;
	char *p = expand_heredoc(text);
	last_status = saved;
	exit_requested = saved_exit;
	free(text);
	return p ? p : xstrdup("$ ");
}

/* The default PS1: "ringel:$PWD# " -- the node name, the working
 * directory (expanded at each prompt), # for root. */
static void default_prompt(void)
{
	if (!var_get("PS2"))
		var_set("PS2", "> ", false);
	if (var_get("PS1"))
		return;
	struct utsname u;
	struct str b = { 0 };
	str_adds(&b, uname(&u) == 0 ? u.nodename : "sh");
	str_adds(&b, ":$PWD");
	str_adds(&b, geteuid() == 0 ? "# " : "$ ");
	var_set("PS1", b.s, false);
	free(b.s);
}

static enum read_result read_line(struct input *in, bool continued, char **line)
{
	if (!interactive)
		return read_from_fd(in, line);
	const char *ps = var_get(continued ? "PS2" : "PS1");
	char *p = expand_prompt(ps ? ps : "");
	enum le_result r = lineedit_read(p, line);
	if (r == LE_ERROR) {
		/* no raw mode (not a real terminal?): plain reading */
		out_str(2, p);
		free(p);
		return read_from_fd(in, line);
	}
	free(p);
	if (r == LE_INTERRUPTED)
		return RD_CANCEL;
	return r == LE_LINE ? RD_LINE : RD_EOF;
}

/* Is the input done: exit, or return outside any function? */
static bool input_finished(void)
{
	if (flow == FLOW_RETURN) {
		/* "return" at the top of a script ends it, with its status */
		flow = FLOW_NONE;
		exit_requested = true;
		exit_status_requested = flow_count;
	}
	flow = FLOW_NONE;     /* a break outside a loop does nothing */
	return exit_requested;
}

/* A script or -c string, all there is: one complete command at a time is
 * parsed and run, so a later syntax error does not stop the ones before
 * it, and a long function body is parsed once. */
static void run_string(const char *src)
{
	size_t pos = 0;
	int line = 1;
	for (;;) {
		struct node *tree;
		size_t used;
		enum parse_status ps = parse_next(src + pos, line, &tree, &used);
		if (ps == PARSE_INCOMPLETE) {
			int last = line;
			for (const char *c = src + pos; *c; c++)
				last += *c == '\n' && c[1];
			sh_error_at(last, "Syntax error: %s", parse_eof_message());
		}
		if (ps == PARSE_INCOMPLETE || ps == PARSE_ERROR) {
			last_status = 2;
			break;
		}
		if (ps == PARSE_EMPTY)
			break;
		if (opt_verbose)
			write_all_checked(2, src + pos, used);
		for (size_t i = 0; i < used; i++)
			line += src[pos + i] == '\n';
		pos += used;
		if (!opt_noexec)
			eval_node(tree);
		arena_reset();
		traps_run_pending();
		if (input_finished())
			break;
	}
}

/* Read, parse and run until the input ends or "exit".  Lines are read
 * until they make complete commands (an "if" needs its "fi"), which then
 * run before the next line is read. */
static void run_input(struct input *in)
{
	struct str text = { 0 };
	int line = 1, first_line = 1;
	for (;;) {
		if (!text.len)
			jobs_notify();
		char *l;
		enum read_result r = read_line(in, text.len > 0, &l);
		if (r == RD_CANCEL) {
			text.len = 0;
			last_status = 130;
			continue;
		}
		if (r == RD_EOF) {
			if (text.len) {
				sh_error_at(line - 1, "Syntax error: %s", parse_eof_message());
				last_status = 2;
			}
			break;
		}
		if (!text.len)
			first_line = line;
		line++;
		if (opt_verbose)
			out_str(2, l);
		str_adds(&text, l);
		free(l);
		struct node *tree;
		enum parse_status ps = parse_program(text.s, first_line, &tree);
		if (ps == PARSE_INCOMPLETE)
			continue;
		if (interactive)
			history_add(text.s);
		text.len = 0;
		if (ps == PARSE_OK && !opt_noexec)
			eval_node(tree);
		line_interrupted = false;
		arena_reset();
		if (ps == PARSE_ERROR) {
			last_status = 2;
			if (!interactive)
				break;   /* a script with a syntax error stops there */
		}
		traps_run_pending();
		if (input_finished())
			break;
	}
	free(text.s);
	if (interactive && !exit_requested)
		out_str(2, "exit\n");
}

/* Run a start-up file in this shell, as "." would; nothing if it is not
 * there. */
static void run_startup_file(const char *path)
{
	if (!path || !*path || access(path, R_OK) != 0)
		return;
	dot_file(path);
}

/* Login: /etc/profile, then $HOME/.profile.  Interactive: the file $ENV
 * names (after parameter expansion; POSIX XCU 2.5.3, sh's ENV). */
static void startup_files(bool login)
{
	if (login) {
		run_startup_file("/etc/profile");
		const char *home = var_get("HOME");
		if (home && *home && !exit_requested) {
			struct str b = { 0 };
			str_adds(&b, home);
			str_adds(&b, "/.profile");
			run_startup_file(b.s);
			free(b.s);
		}
	}
	const char *env = var_get("ENV");
	if (interactive && env && !exit_requested) {
		char *path = expand_heredoc(env);
		run_startup_file(path);
		free(path);
	}
}

static void usage(void)
{
	out_str(2, "usage: sh [-il] [FILE [ARGS...]]\n"
		   "       sh -c COMMAND [NAME [ARGS...]]\n"
		   "Type 'help' at the prompt for the builtins and the syntax.\n");
}

int main(int argc, char **argv)
{
	struct input in = { .fd = 0 };
	bool force_interactive = false;
	bool login = argv[0] && argv[0][0] == '-';
	char *script = NULL;
	int i = 1;
	shell_pid = getpid();
	vars_init(environ);
	char cwd[PATH_MAX];
	if (getcwd(cwd, sizeof cwd))
		var_set("PWD", cwd, true);

	for (; i < argc && (argv[i][0] == '-' || argv[i][0] == '+') && argv[i][1]; i++) {
		if (!strcmp(argv[i], "-c")) {
			if (i + 1 >= argc) {
				sh_error("-c: option requires an argument");
				return 2;
			}
			in.str = argv[i + 1];
			/* $0 = NAME (or "sh"), $1... = the rest */
			if (i + 2 < argc)
				vars_set_positional(argc - (i + 2), argv + i + 2);
			else
				vars_set_positional(1, argv);
			i = argc;
			break;
		} else if (!strcmp(argv[i], "-i")) {
			force_interactive = true;
		} else if (!strcmp(argv[i], "-l")) {
			login = true;
		} else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage();
			return 0;
		} else if (argv[i][1] != '-' && options_apply(argv[i])) {
			continue;
		} else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else {
			sh_error("%s: unknown option", argv[i]);
			usage();
			return 2;
		}
	}
	if (!in.str && i < argc) {
		script = read_file(argv[i]);
		if (!script) {
			sh_error("%s: %s", argv[i], strerror(errno));
			return 127;
		}
		in.str = script;
		vars_set_positional(argc - i, argv + i);
	} else if (!in.str) {
		vars_set_positional(1, argv);
		interactive = force_interactive || (isatty(0) && isatty(2));
	}

	prompt_messages = interactive;
	if (interactive) {
		lineedit_init();
		jobs_init();
		default_prompt();
	}
	startup_files(login);
	if (interactive)
		history_load();
	if (exit_requested)
		;       /* "exit" in a start-up file */
	else if (in.str)
		run_string(in.str);
	else
		run_input(&in);
	traps_run_exit();
	free(script);
	return exit_requested ? exit_status_requested : last_status;
}

/* Running processes: simple commands, pipelines, subshells, background
 * jobs, redirections, and finding programs in PATH.
 *
 * A builtin or function runs inside the shell (so cd and export change the
 * shell itself), with its redirections undone after.  Everything else runs
 * in forked children: one process per pipeline element, all of a pipeline
 * in one job (one process group when job control is on, see jobs.c).  A
 * child that has nothing left to do after a program execs it in place. */
#include "sh.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int last_status;
pid_t shell_pid;
pid_t last_bg_pid;
bool interactive;

/* ---------------------------------------------------------------- redirections */

/* Keep a copy of fd (above the descriptors users name) so it can be put
 * back; -1 as the copy means "was closed". */
static void save_fd(int fd, struct saved_fds *save)
{
	if (!save)
		return;
	for (int i = 0; i < save->n; i++)
		if (save->v[i].fd == fd)
			return;    /* the first copy is the original */
	save->v = xrealloc(save->v, (size_t)(save->n + 1) * sizeof *save->v);
	save->v[save->n].fd = fd;
	save->v[save->n].copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	save->n++;
}

/* A here-document's text (expanded unless its delimiter was quoted) on a
 * pipe the command reads.  A body too big for the pipe is written by a
 * child, so the shell cannot block on it; jobs.c reaps that child later. */
static int heredoc_fd(const struct redir *r)
{
	char *body = r->quoted ? xstrdup(r->target) : expand_heredoc(r->target);
	int fds[2];
	if (pipe(fds) < 0) {
		free(body);
		return -1;
	}
	if (strlen(body) < 4096) {
		out_str(fds[1], body);
	} else if (fork() == 0) {
		close(fds[0]);
		out_str(fds[1], body);
		_exit(0);
	}
	close(fds[1]);
	free(body);
	return fds[0];
}

static int open_target(const struct redir *r, const char *name)
{
	struct stat sb;
	switch (r->op) {
	case R_IN: return open(name, O_RDONLY);
	case R_RDWR: return open(name, O_RDWR | O_CREAT, 0666);
	case R_OUT:
		/* set -C: do not overwrite a regular file (>| does) */
		if (opt_noclobber && stat(name, &sb) == 0 && S_ISREG(sb.st_mode)) {
			errno = EEXIST;
			return -1;
		}
		return open(name, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	case R_CLOBBER: return open(name, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	case R_APPEND: return open(name, O_WRONLY | O_CREAT | O_APPEND, 0666);
	default: return -1;
	}
}

/* n>&m, n<&m, n>&-. */
static bool apply_dup(const struct redir *r, const char *target)
{
	int from;
	if (!strcmp(target, "-")) {
		close(r->fd);
		return true;
	}
	if (!parse_int(target, &from) || from < 0) {
		sh_error("%s: bad file descriptor", target);
		return false;
	}
	if (from != r->fd && dup2(from, r->fd) < 0) {
		sh_error("%d: %s", from, strerror(errno));
		return false;
	}
	return true;
}

static bool apply_one(const struct redir *r, struct saved_fds *save)
{
	save_fd(r->fd, save);
	if (r->op == R_HEREDOC) {
		int fd = heredoc_fd(r);
		if (fd < 0 || (fd != r->fd && dup2(fd, r->fd) < 0)) {
			if (fd >= 0)
				close(fd);
			sh_error("here-document: %s", strerror(errno));
			return false;
		}
		if (fd != r->fd)
			close(fd);
		return true;
	}
	char *target = expand_string(r->target);
	bool ok = true;
	if (r->op == R_DUPIN || r->op == R_DUPOUT) {
		ok = apply_dup(r, target);
	} else {
		int fd = open_target(r, target);
		if (fd < 0) {
			/* dash's words: "cannot open F: No such file" for
			 * input, "cannot create F: Directory nonexistent" */
			bool in = r->op == R_IN;
			sh_error("cannot %s %s: %s", in ? "open" : "create", target,
				 errno != ENOENT ? strerror(errno) : in ? "No such file" : "Directory nonexistent");
			ok = false;
		} else if (fd != r->fd) {
			if (dup2(fd, r->fd) < 0) {
				sh_error("%d: %s", r->fd, strerror(errno));
				ok = false;
			}
			close(fd);
		}
	}
	free(target);
	return ok;
}

bool redirs_apply(struct redir *r, struct saved_fds *save)
{
	for (; r; r = r->next)
		if (!apply_one(r, save))
			return false;
	return true;
}

void redirs_restore(struct saved_fds *save)
{
	/* newest first, so a descriptor redirected twice ends as it began */
	for (int i = save->n - 1; i >= 0; i--) {
		if (save->v[i].copy >= 0) {
			dup2(save->v[i].copy, save->v[i].fd);
			close(save->v[i].copy);
		} else {
			close(save->v[i].fd);
		}
	}
	free(save->v);
	save->v = NULL;
	save->n = 0;
}

/* ---------------------------------------------------------------- programs */

void child_signals_default(void)
{
	static const int sigs[] = { SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGCHLD, SIGPIPE };
	for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
}

/* A file that exists but is not an ELF program: run it as a script. */
static void exec_script(const char *path, char **argv, int argc, char **env)
{
	char **v = xmalloc((size_t)(argc + 2) * sizeof *v);
	v[0] = "sh";
	v[1] = (char *)path;
	for (int i = 1; i <= argc; i++)
		v[i + 1] = argv[i];
	execve("/bin/sh", v, env);
}

static void try_exec(const char *path, char **argv, int argc, char **env)
{
	execve(path, argv, env);
	if (errno == ENOEXEC)
		exec_script(path, argv, argc, env);
}

/* Find argv[0] in PATH and exec it; returns only on failure, with the
 * exit status a shell gives: 127 not found, 126 found but not runnable. */
int exec_path(char **argv, int argc, char **env)
{
	const char *name = argv[0];
	if (strchr(name, '/')) {
		try_exec(name, argv, argc, env);
		int err = errno;
		sh_error("%s: %s", name, strerror(err));
		return err == ENOENT || err == ENOTDIR ? 127 : 126;
	}
	const char *path = var_get("PATH");
	if (!path)
		path = "/bin:/usr/bin";
	int denied = 0;
	size_t nlen = strlen(name);
	for (;;) {
		const char *colon = strchr(path, ':');
		size_t dlen = colon ? (size_t)(colon - path) : strlen(path);
		/* an empty entry means the current directory: "." takes its place */
		size_t at = dlen ? dlen : 1;
		char *full = xmalloc(at + nlen + 2);
		memcpy(full, dlen ? path : ".", at);
		full[at] = '/';
		memcpy(full + at + 1, name, nlen + 1);
		try_exec(full, argv, argc, env);
		if (errno == EACCES || errno == EISDIR || errno == ENOEXEC)
			denied = errno;
		free(full);
		if (!colon)
			break;
		path = colon + 1;
	}
	if (denied) {
		sh_error("%s: %s", name, strerror(denied));
		return 126;
	}
	sh_error("%s: not found", name);
	return 127;
}

char *path_search(const char *name, bool exec_only)
{
	const char *path = var_get("PATH");
	if (!path)
		path = "/bin:/usr/bin";
	for (;;) {
		const char *colon = strchr(path, ':');
		size_t dlen = colon ? (size_t)(colon - path) : strlen(path);
		struct str full = { 0 };
		str_addn(&full, dlen ? path : ".", dlen ? dlen : 1);
		str_addc(&full, '/');
		str_adds(&full, name);
		struct stat st;
		if (stat(full.s, &st) == 0 && S_ISREG(st.st_mode) &&
		    (!exec_only || access(full.s, X_OK) == 0))
			return str_take(&full);
		free(full.s);
		if (!colon)
			return NULL;
		path = colon + 1;
	}
}

void enter_subshell(void)
{
	child_signals_default();
	traps_reset_in_child();
	jobs_forget_all();
	job_control = false;
	interactive = false;
}

void child_exit(int st)
{
	if (exit_requested)
		st = exit_status_requested;
	traps_run_exit();
	_exit(exit_requested ? exit_status_requested : st);
}

int waitpid_quiet(pid_t pid)
{
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return 1;
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

/* ---------------------------------------------------------------- simple commands */

/* The expanded parts of a simple command. */
struct expanded {
	struct fields argv;
	struct fields assigns;   /* NAME=value, value expanded */
};

static void expanded_free(struct expanded *e)
{
	fields_free(&e->argv);
	fields_free(&e->assigns);
}

/* Expand words, then assignments; false after an expansion error.  With
 * no command word the assignments are made as they are expanded, so
 * "x=1 y=$x" sees the new x. */
static bool expand_command(const struct node *c, struct expanded *e)
{
	memset(e, 0, sizeof *e);
	for (int i = 0; i < c->nwords; i++)
		if (!expand_word(c->words[i], &e->argv))
			return false;
	for (int i = 0; i < c->nassigns; i++) {
		size_t n = assignment_name_len(c->assigns[i]);
		char *value = expand_assignment(c->assigns[i] + n + 1);
		if (!value)
			return false;
		struct str b = { 0 };
		str_addn(&b, c->assigns[i], n + 1);
		str_adds(&b, value);
		if (e->argv.n == 0) {
			bool ok = true;
			char *name = xstrndup(c->assigns[i], n);
			ok = var_set_checked(name, value);
			if (ok && opt_allexport)
				var_export(name);
			free(name);
			if (!ok) {
				free(value);
				free(b.s);
				return false;
			}
		}
		free(value);
		fields_add(&e->assigns, str_take(&b));
	}
	return true;
}

/* set -x: "+ NAME=value cmd args" on stderr. */
static void trace_command(struct expanded *e)
{
	struct str b = { 0 };
	str_adds(&b, var_get("PS4") ? var_get("PS4") : "+ ");
	for (int i = 0; i < e->assigns.n; i++) {
		str_adds(&b, e->assigns.v[i]);
		str_addc(&b, i + 1 < e->assigns.n || e->argv.n ? ' ' : '\n');
	}
	for (int i = 0; i < e->argv.n; i++) {
		str_adds(&b, e->argv.v[i]);
		str_addc(&b, i + 1 < e->argv.n ? ' ' : '\n');
	}
	if (e->assigns.n || e->argv.n)
		out_str(2, b.s);
	free(b.s);
}

/* Apply the NAME=value words to the shell; false if one is read-only. */
static bool assign_all(struct fields *assigns, bool export)
{
	for (int i = 0; i < assigns->n; i++) {
		size_t n = assignment_name_len(assigns->v[i]);
		char *name = xstrndup(assigns->v[i], n);
		if (export && vars_in_frame())
			var_save(name);   /* only for the builtin or function */
		bool ok = var_set_checked(name, assigns->v[i] + n + 1);
		if (ok && export)
			var_export(name);
		free(name);
		if (!ok)
			return false;
	}
	return true;
}

/* The shell exits after an error in a special builtin or an expansion,
 * unless it is interactive. */
int fatal_status(int st)
{
	if (!interactive) {
		exit_requested = true;
		exit_status_requested = st;
	}
	return st;
}

/* A builtin or a function, run by the shell itself.  Assignments before
 * it last only while it runs, except before a special builtin. */
static int run_in_shell(const struct node *c, struct expanded *e, builtin_fn b,
			struct node *func)
{
	struct saved_fds save = { 0 };
	bool special = b && builtin_is_special(e->argv.v[0]);
	int st;
	bool keep_redirs = b && is_exec_builtin(e->argv.v[0]) && e->argv.n == 1;
	/* a frame only when there are assignments: "local" must save into
	 * its function's frame, not one of its own */
	bool frame = !special && e->assigns.n > 0;
	if (frame)
		vars_push_frame();
	if (!assign_all(&e->assigns, !special)) {
		st = fatal_status(2);
	} else if (!redirs_apply(c->redirs, keep_redirs ? NULL : &save)) {
		st = special ? fatal_status(2) : 2;
	} else if (func) {
		st = func_call(func, e->argv.n, e->argv.v);
	} else {
		st = b(e->argv.n, e->argv.v);
	}
	redirs_restore(&save);
	if (frame)
		vars_pop_frame();
	return st;
}

/* A program, in this process (already forked, or "exec"): never returns. */
__attribute__((noreturn)) static void exec_program(const struct node *c, struct expanded *e)
{
	if (!redirs_apply(c->redirs, NULL))
		_exit(2);
	/* the assignments go into this process's variables: a PATH=... of
	 * the command is the one searched */
	if (!assign_all(&e->assigns, true))
		_exit(2);
	char **env = vars_environ(NULL, 0);
	_exit(exec_path(e->argv.v, e->argv.n, env));
}

static pid_t fork_job_process(struct job *j, bool foreground);

/* ^C that killed a foreground job at the prompt stops the whole command
 * line (while true; do sleep 1; done ends), not only that job. */
bool line_interrupted;

static int wait_foreground(struct job *j)
{
	int st = job_wait_foreground(j);
	if (interactive && st == 128 + SIGINT)
		line_interrupted = true;
	return st;
}

int run_program(char **argv, int argc)
{
	struct job *j = job_new(argv[0], false);
	pid_t pid = fork_job_process(j, true);
	if (pid == 0) {
		char **env = vars_environ(NULL, 0);
		_exit(exec_path(argv, argc, env));
	}
	return wait_foreground(j);
}

int exec_simple(struct node *c, bool forked)
{
	struct expanded e;
	subst_status = 0;
	if (!expand_command(c, &e)) {
		expanded_free(&e);
		return fatal_status(2);
	}
	if (opt_xtrace)
		trace_command(&e);
	int st;
	if (e.argv.n == 0) {
		/* assignments and redirections only: $? is a substitution's */
		int sub = subst_status;
		struct saved_fds save = { 0 };
		st = redirs_apply(c->redirs, &save) ? sub : 2;
		redirs_restore(&save);
		expanded_free(&e);
		return st;
	}
	builtin_fn b = builtin_find(e.argv.v[0]);
	struct node *func = b && builtin_is_special(e.argv.v[0]) ? NULL : func_find(e.argv.v[0]);
	if (func)
		b = NULL;
	if (b && is_exec_builtin(e.argv.v[0]) && e.argv.n > 1) {
		memmove(e.argv.v, e.argv.v + 1, (size_t)e.argv.n * sizeof *e.argv.v);
		e.argv.n--;
		err_context = "exec";     /* its messages say "exec: " */
		exec_program(c, &e);     /* exec CMD: no fork, no return */
	}
	if (b || func) {
		st = run_in_shell(c, &e, b, func);
	} else if (forked) {
		exec_program(c, &e);
	} else {
		struct job *j = job_new(c->text, false);
		pid_t pid = fork_job_process(j, true);
		if (pid == 0)
			exec_program(c, &e);
		st = wait_foreground(j);
	}
	expanded_free(&e);
	return st;
}

/* ---------------------------------------------------------------- processes */

/* Fork one process of job j.  In the child (0 returned) the signals and
 * the process group are set up; the parent records the child in j. */
static pid_t fork_job_process(struct job *j, bool foreground)
{
	pid_t pid = fork();
	if (pid < 0) {
		sh_error("fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (job_control) {
			pid_t pg = job_pgid(j) ? job_pgid(j) : getpid();
			setpgid(0, pg);
			if (foreground)
				tcsetpgrp(tty_fd, pg);
		}
		bool had_job_control = job_control;
		enter_subshell();
		if (!had_job_control && !foreground) {
			/* a background job without job control: ^C is not for it,
			 * and the terminal's input is not either */
			signal(SIGINT, SIG_IGN);
			signal(SIGQUIT, SIG_IGN);
			int fd = open("/dev/null", O_RDONLY);
			if (fd > 0) {
				dup2(fd, 0);
				close(fd);
			}
		}
		return 0;
	}
	if (job_control)
		setpgid(pid, job_pgid(j) ? job_pgid(j) : pid);   /* both sides: no race */
	job_add_proc(j, pid);
	return pid;
}

/* In a forked child: run n and exit with its status. */
__attribute__((noreturn)) static void run_in_child(struct node *n)
{
	int st = n->type == N_CMD ? exec_simple(n, true) : eval_node(n);
	child_exit(st);
}

/* Run a pipeline as a job; its status. */
int exec_pipeline(struct node *pl)
{
	struct job *j = job_new(pl->text, false);
	int in = 0;
	for (int i = 0; i < pl->ncmds; i++) {
		int fds[2] = { -1, 1 };
		bool last = i == pl->ncmds - 1;
		if (!last && pipe(fds) < 0) {
			sh_error("pipe: %s", strerror(errno));
			break;
		}
		pid_t pid = fork_job_process(j, true);
		if (pid == 0) {
			if (!last)
				close(fds[0]);
			if (in != 0) {
				dup2(in, 0);
				close(in);
			}
			if (fds[1] != 1) {
				dup2(fds[1], 1);
				close(fds[1]);
			}
			run_in_child(pl->cmds[i]);
		}
		if (in != 0)
			close(in);
		if (!last) {
			close(fds[1]);
			in = fds[0];
		}
		if (pid < 0) {
			if (in != 0)
				close(in);
			break;
		}
	}
	return wait_foreground(j);
}

int exec_subshell(struct node *n)
{
	struct job *j = job_new(n->text ? n->text : "(...)", false);
	pid_t pid = fork_job_process(j, true);
	if (pid == 0) {
		if (!redirs_apply(n->redirs, NULL))
			_exit(2);
		child_exit(eval_node(n->a));
	}
	return wait_foreground(j);
}

/* cmd &: a forked copy of the shell runs it, as one job. */
int exec_background(struct node *n, const char *text)
{
	struct job *j = job_new(text, true);
	pid_t pid = fork_job_process(j, false);
	if (pid == 0)
		run_in_child(n);
	if (pid > 0)
		last_bg_pid = pid;
	job_started_in_background(j);
	return 0;
}

/* Running commands: lists, and-or lists, pipelines, simple commands,
 * redirections, and finding programs in PATH.
 *
 * A builtin alone in the foreground runs inside the shell (so cd and
 * export change the shell itself), with its redirections undone after.
 * Everything else runs in forked children: one process per pipeline
 * element, all of a pipeline in one job (one process group when job
 * control is on, see jobs.c). */
#include "sh.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int last_status;
pid_t shell_pid;
pid_t last_bg_pid;
bool interactive;

#define MAX_SAVED 16

/* ---------------------------------------------------------------- redirections */

/* Keep a copy of fd (above the descriptors users name) so it can be put
 * back; -1 as the copy means "was closed". */
static bool save_fd(int fd, struct saved_fd *save, int *nsave, int maxsave)
{
	if (!save)
		return true;
	for (int i = 0; i < *nsave; i++)
		if (save[i].fd == fd)
			return true;    /* the first copy is the original */
	if (*nsave == maxsave) {
		sh_error("too many redirections");
		return false;
	}
	int copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	save[*nsave].fd = fd;
	save[*nsave].copy = copy;
	(*nsave)++;
	return true;
}

static int open_target(const struct redir *r, const char *name)
{
	switch (r->op) {
	case R_IN: return open(name, O_RDONLY);
	case R_OUT: return open(name, O_WRONLY | O_CREAT | O_TRUNC, 0666);
	case R_APPEND: return open(name, O_WRONLY | O_CREAT | O_APPEND, 0666);
	default: return -1;
	}
}

static bool apply_one(const struct redir *r, struct saved_fd *save, int *nsave, int maxsave)
{
	char *target = expand_string(r->target);
	bool ok = save_fd(r->fd, save, nsave, maxsave);
	if (ok && (r->op == R_DUPIN || r->op == R_DUPOUT)) {
		int from;
		if (!strcmp(target, "-")) {
			close(r->fd);
		} else if (!parse_int(target, &from) || from < 0) {
			sh_error("%s: bad file descriptor", target);
			ok = false;
		} else if (from != r->fd && dup2(from, r->fd) < 0) {
			sh_error("%d: %s", from, strerror(errno));
			ok = false;
		}
	} else if (ok) {
		int fd = open_target(r, target);
		if (fd < 0) {
			sh_error("%s: %s", target, strerror(errno));
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

bool redirs_apply(struct redir *r, struct saved_fd *save, int *nsave, int maxsave)
{
	for (; r; r = r->next)
		if (!apply_one(r, save, nsave, maxsave))
			return false;
	return true;
}

void redirs_restore(struct saved_fd *save, int nsave)
{
	/* newest first, so a descriptor redirected twice ends as it began */
	for (int i = nsave - 1; i >= 0; i--) {
		if (save[i].copy >= 0) {
			dup2(save[i].copy, save[i].fd);
			close(save[i].copy);
		} else {
			close(save[i].fd);
		}
	}
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
static int exec_path(char **argv, int argc, char **env)
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
		char *full = xmalloc(dlen + nlen + 2);
		memcpy(full, dlen ? path : ".", dlen ? dlen : 1);
		size_t at = dlen ? dlen : 1;
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

void exec_in_child(char **argv, int argc, char **env_extra, int nextra, struct redir *redirs)
{
	if (!redirs_apply(redirs, NULL, NULL, 0))
		_exit(1);
	if (argc == 0)
		_exit(0);
	builtin_fn b = builtin_find(argv[0]);
	if (b) {
		for (int i = 0; i < nextra; i++)
			var_assign_word(env_extra[i], true);
		int st = b(argc, argv);
		_exit(exit_requested ? exit_status_requested : st);
	}
	char **env = vars_environ(env_extra, nextra);
	_exit(exec_path(argv, argc, env));
}

/* ---------------------------------------------------------------- simple commands */

/* The expanded parts of a simple command. */
struct expanded {
	struct fields argv;
	struct fields assigns;   /* NAME=value, value expanded */
};

static void expand_command(const struct command *c, struct expanded *e)
{
	memset(e, 0, sizeof *e);
	for (int i = 0; i < c->nassigns; i++) {
		size_t n = assignment_name_len(c->assigns[i]);
		char *value = expand_string(c->assigns[i] + n + 1);
		struct str b = { 0 };
		str_addn(&b, c->assigns[i], n + 1);
		str_adds(&b, value);
		free(value);
		fields_add(&e->assigns, str_take(&b));
	}
	for (int i = 0; i < c->nwords; i++)
		expand_word(c->words[i], &e->argv);
}

static void expanded_free(struct expanded *e)
{
	fields_free(&e->argv);
	fields_free(&e->assigns);
}

/* A command run by the shell itself: assignments only, or a builtin. */
static int run_in_shell(const struct command *c, struct expanded *e, builtin_fn b)
{
	struct saved_fd save[MAX_SAVED];
	int nsave = 0, st;
	for (int i = 0; i < e->assigns.n; i++) {
		/* already expanded: set it as is */
		size_t n = assignment_name_len(e->assigns.v[i]);
		char *name = xstrndup(e->assigns.v[i], n);
		var_set(name, e->assigns.v[i] + n + 1, false);
		free(name);
	}
	if (!redirs_apply(c->redirs, save, &nsave, MAX_SAVED))
		st = 1;
	else
		st = b ? b(e->argv.n, e->argv.v) : 0;
	redirs_restore(save, nsave);
	return st;
}

/* Fork one process of a job: stdin/stdout from the pipe ends given. */
static pid_t fork_process(struct job *j, bool foreground, int in, int out, int close_in_child,
			  struct expanded *e, struct redir *redirs)
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
		child_signals_default();
		if (!job_control && !foreground) {
			/* a background job without job control: ^C is not for it,
			 * and the terminal's input is not either */
			signal(SIGINT, SIG_IGN);
			signal(SIGQUIT, SIG_IGN);
			if (in == 0) {
				int fd = open("/dev/null", O_RDONLY);
				if (fd > 0) {
					dup2(fd, 0);
					close(fd);
				}
			}
		}
		if (close_in_child >= 0)
			close(close_in_child);
		if (in != 0) {
			dup2(in, 0);
			close(in);
		}
		if (out != 1) {
			dup2(out, 1);
			close(out);
		}
		jobs_forget_all();
		exec_in_child(e->argv.v, e->argv.n, e->assigns.v, e->assigns.n, redirs);
	}
	if (job_control)
		setpgid(pid, job_pgid(j) ? job_pgid(j) : pid);   /* both sides: no race */
	job_add_proc(j, pid);
	return pid;
}

/* Run a pipeline as a job; its status (foreground) or 0 (background). */
static int run_job(struct pipeline *pl, bool background, const char *text)
{
	struct job *j = job_new(text, background);
	int in = 0;
	for (int i = 0; i < pl->ncmds; i++) {
		int fds[2] = { -1, 1 };
		bool last = i == pl->ncmds - 1;
		if (!last && pipe(fds) < 0) {
			sh_error("pipe: %s", strerror(errno));
			break;
		}
		struct expanded e;
		expand_command(pl->cmds[i], &e);
		pid_t pid = fork_process(j, !background, in, last ? 1 : fds[1], last ? -1 : fds[0], &e,
					 pl->cmds[i]->redirs);
		expanded_free(&e);
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
		if (last)
			last_bg_pid = background ? pid : last_bg_pid;
	}
	if (background) {
		job_started_in_background(j);
		return 0;
	}
	return job_wait_foreground(j);
}

static int run_pipeline(struct pipeline *pl, bool background, const char *text)
{
	int st;
	if (pl->ncmds == 1 && !background) {
		struct expanded e;
		expand_command(pl->cmds[0], &e);
		builtin_fn b = e.argv.n ? builtin_find(e.argv.v[0]) : NULL;
		if (b || e.argv.n == 0) {
			st = run_in_shell(pl->cmds[0], &e, b);
			expanded_free(&e);
			return pl->negate ? !st : st;
		}
		expanded_free(&e);
	}
	st = run_job(pl, background, text);
	return pl->negate && !background ? !st : st;
}

int run_andor(struct andor *a)
{
	int st = last_status;
	for (; a && !exit_requested; a = a->next) {
		if ((a->op == OP_AND && st != 0) || (a->op == OP_OR && st == 0))
			continue;
		st = run_pipeline(a->pipe, false, a->pipe->text);
		last_status = st;
	}
	return st;
}

/* An and-or list of several pipelines in the background runs in a forked
 * copy of the shell, as one job. */
static void run_background_andor(struct list_item *it)
{
	struct job *j = job_new(it->text, true);
	pid_t pid = fork();
	if (pid < 0) {
		sh_error("fork: %s", strerror(errno));
		return;
	}
	if (pid == 0) {
		if (job_control)
			setpgid(0, 0);
		child_signals_default();
		jobs_forget_all();
		job_control = false;
		interactive = false;
		_exit(run_andor(it->andor));
	}
	if (job_control)
		setpgid(pid, pid);
	job_add_proc(j, pid);
	last_bg_pid = pid;
	job_started_in_background(j);
}

void run_list(struct list_item *it)
{
	for (; it && !exit_requested; it = it->next) {
		if (!it->background) {
			last_status = run_andor(it->andor);
		} else if (!it->andor->next) {
			run_pipeline(it->andor->pipe, true, it->text);
			last_status = 0;
		} else {
			run_background_andor(it);
			last_status = 0;
		}
	}
}

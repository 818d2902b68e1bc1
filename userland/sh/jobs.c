/* Jobs: the processes of one pipeline (or background list), tracked so the
 * shell can wait for them, report how they ended, and move them between
 * foreground and background.
 *
 * With job control (an interactive shell on a terminal) every job gets its
 * own process group, whose id is its first process's pid.  The terminal's
 * foreground group decides who ^C and ^Z reach: the shell hands the
 * terminal to a foreground job (tcsetpgrp) and takes it back when the job
 * finishes or stops.  The shell itself ignores ^C (SIGINT is caught only to
 * interrupt "wait"), ^\ and ^Z, and SIGTTOU so that it may call tcsetpgrp
 * while in the background. */
#define _GNU_SOURCE       /* sigabbrev_np, sigdescr_np in glibc (the host build) */
#include "sh.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

bool job_control;
int tty_fd = -1;
volatile int got_sigint;
static pid_t shell_pgid;

enum pstate { PS_RUNNING, PS_STOPPED, PS_DONE };

struct proc_ent {
	pid_t pid;
	int status;               /* the wait status word of its last change */
	enum pstate state;
};

struct job {
	int id;
	pid_t pgid;
	char *text;
	bool background;
	bool changed;             /* finished or stopped, not reported yet */
	struct proc_ent *procs;
	int nprocs;
	struct job *next;
};
static struct job *jobs;      /* oldest first */

/* ---------------------------------------------------------------- signals */

/* Names and descriptions are the C library's (sigabbrev_np, sigdescr_np):
 * in Ringel's libc they come from the one list of signals
 * (kernel/include/uapi/signal_list.h), with glibc's wording, which the host
 * build of the shell uses. */

const char *signal_to_name(int sig)
{
	return sig > 0 ? sigabbrev_np(sig) : NULL;
}

static const char *signal_text(int sig)
{
	const char *d = sig > 0 ? sigdescr_np(sig) : NULL;
	return d ? d : "Signal";
}

int signal_from_name(const char *s)
{
	int n;
	if (parse_int(s, &n))
		return n >= 0 && n < NSIG ? n : -1;
	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (int sig = 1; signal_to_name(sig); sig++)
		if (!strcmp(s, signal_to_name(sig)))
			return sig;
	return -1;
}

static int status_to_exit(int st)
{
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (WIFSTOPPED(st))
		return 128 + WSTOPSIG(st);
	return 128 + WTERMSIG(st);
}

void report_signal_status(int st)
{
	if (!WIFSIGNALED(st))
		return;
	int sig = WTERMSIG(st);
	if (sig == SIGINT) {
		if (interactive)
			out_str(2, "\n");   /* the prompt should not follow the ^C */
	} else if (sig != SIGPIPE) {
		out_fmt(2, "%s%s\n", signal_text(sig), WCOREDUMP(st) ? " (core dumped)" : "");
	}
}

static void on_sigint(int sig)
{
	(void)sig;
	got_sigint = 1;
}

void jobs_init(void)
{
	tty_fd = fcntl(0, F_DUPFD_CLOEXEC, 10);
	if (tty_fd < 0 || !isatty(tty_fd))
		return;
	/* Started in the background by another shell: wait to be let in. */
	while ((shell_pgid = getpgrp()) != tcgetpgrp(tty_fd))
		kill(-shell_pgid, SIGTTIN);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sigint;     /* no SA_RESTART: wait must see EINTR */
	sigaction(SIGINT, &sa, NULL);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	/* Our own group (a session leader already leads one). */
	if (setpgid(0, 0) == 0 || getpgrp() == getpid())
		shell_pgid = getpid();
	tcsetpgrp(tty_fd, shell_pgid);
	job_control = true;
}

/* ---------------------------------------------------------------- the table */

struct job *job_new(const char *text, bool background)
{
	struct job *j = xmalloc(sizeof *j);
	memset(j, 0, sizeof *j);
	int id = 1;
	struct job **tail = &jobs;
	for (; *tail; tail = &(*tail)->next)
		if ((*tail)->id >= id)
			id = (*tail)->id + 1;
	j->id = id;
	j->text = xstrdup(text ? text : "");
	j->background = background;
	*tail = j;
	return j;
}

void job_add_proc(struct job *j, pid_t pid)
{
	j->procs = xrealloc(j->procs, (size_t)(j->nprocs + 1) * sizeof *j->procs);
	j->procs[j->nprocs++] = (struct proc_ent){ .pid = pid, .state = PS_RUNNING };
	if (!j->pgid)
		j->pgid = pid;
}

pid_t job_pgid(struct job *j)
{
	return j->pgid;
}

int job_id(struct job *j)
{
	return j->id;
}

static void job_remove(struct job *j)
{
	for (struct job **p = &jobs; *p; p = &(*p)->next) {
		if (*p == j) {
			*p = j->next;
			break;
		}
	}
	free(j->procs);
	free(j->text);
	free(j);
}

void jobs_forget_all(void)
{
	while (jobs)
		job_remove(jobs);
}

static enum pstate job_state(const struct job *j)
{
	bool stopped = false;
	for (int i = 0; i < j->nprocs; i++) {
		if (j->procs[i].state == PS_RUNNING)
			return PS_RUNNING;
		stopped |= j->procs[i].state == PS_STOPPED;
	}
	return stopped ? PS_STOPPED : PS_DONE;
}

/* The status of a job: its last process's. */
static int job_status(const struct job *j)
{
	return j->nprocs ? j->procs[j->nprocs - 1].status : 0;
}

int jobs_count_stopped(void)
{
	int n = 0;
	for (struct job *j = jobs; j; j = j->next)
		n += job_state(j) == PS_STOPPED;
	return n;
}

/* Note a status change that waitpid reported. */
static void record(pid_t pid, int st)
{
	for (struct job *j = jobs; j; j = j->next) {
		for (int i = 0; i < j->nprocs; i++) {
			struct proc_ent *p = &j->procs[i];
			if (p->pid != pid)
				continue;
			if (WIFCONTINUED(st)) {
				p->state = PS_RUNNING;
				return;
			}
			p->status = st;
			p->state = WIFSTOPPED(st) ? PS_STOPPED : PS_DONE;
			if (job_state(j) != PS_RUNNING)
				j->changed = true;
			return;
		}
	}
}

/* One waitpid; false when there was nothing (more) to collect. */
static bool reap(bool block)
{
	int st, flags = block ? 0 : WNOHANG;
	if (job_control)
		flags |= WUNTRACED | WCONTINUED;
	pid_t pid = waitpid(-1, &st, flags);
	if (pid <= 0)
		return false;
	record(pid, st);
	return true;
}

/* No children left to wait for, yet the table says some run: they are
 * gone (reaped elsewhere); do not wait for them forever. */
static void forget_lost(struct job *j)
{
	for (int i = 0; i < j->nprocs; i++)
		if (j->procs[i].state != PS_DONE)
			j->procs[i].state = PS_DONE;
	j->changed = true;
}

static void take_terminal_back(void)
{
	if (!job_control)
		return;
	tcsetpgrp(tty_fd, shell_pgid);
	lineedit_restore_tty();
}

static char current_mark(const struct job *j)
{
	const struct job *last = NULL, *prev = NULL;
	for (const struct job *k = jobs; k; k = k->next) {
		prev = last;
		last = k;
	}
	return j == last ? '+' : j == prev ? '-' : ' ';
}

/* "[2]+  Stopped                 sleep 100" */
static void describe(struct str *b, const struct job *j)
{
	enum pstate s = job_state(j);
	int st = job_status(j);
	char what[48], head[32];
	if (s == PS_RUNNING) {
		snprintf(what, sizeof what, "Running");
	} else if (s == PS_STOPPED) {
		int sig = SIGTSTP;
		for (int i = 0; i < j->nprocs; i++)
			if (j->procs[i].state == PS_STOPPED)
				sig = WSTOPSIG(j->procs[i].status);
		snprintf(what, sizeof what, "%s", signal_text(sig));
	} else if (WIFSIGNALED(st)) {
		snprintf(what, sizeof what, "%s", signal_text(WTERMSIG(st)));
	} else if (WEXITSTATUS(st)) {
		snprintf(what, sizeof what, "Exit %d", WEXITSTATUS(st));
	} else {
		snprintf(what, sizeof what, "Done");
	}
	snprintf(head, sizeof head, "[%d]%c  ", j->id, current_mark(j));
	str_adds(b, head);
	str_adds(b, what);
	for (size_t pad = strlen(what); pad < 24; pad++)
		str_addc(b, ' ');
	str_adds(b, j->text);
	if (s == PS_RUNNING)
		str_adds(b, " &");
	str_addc(b, '\n');
}

static void print_job(const struct job *j)
{
	struct str b = { 0 };
	describe(&b, j);
	out_str(1, b.s);
	free(b.s);
}

int job_wait_foreground(struct job *j)
{
	if (j->nprocs == 0) {
		job_remove(j);
		return 1;
	}
	if (job_control)
		tcsetpgrp(tty_fd, j->pgid);
	while (job_state(j) == PS_RUNNING) {
		if (reap(true))
			continue;
		if (errno == ECHILD)
			forget_lost(j);
	}
	take_terminal_back();
	if (job_state(j) == PS_STOPPED) {
		j->background = true;
		j->changed = false;
		out_str(1, "\n");
		print_job(j);
		int st = 0;
		for (int i = 0; i < j->nprocs; i++)
			if (j->procs[i].state == PS_STOPPED)
				st = j->procs[i].status;
		return status_to_exit(st);
	}
	int st = job_status(j);
	report_signal_status(st);
	job_remove(j);
	return status_to_exit(st);
}

void job_started_in_background(struct job *j)
{
	if (j->nprocs == 0) {
		job_remove(j);
		return;
	}
	if (interactive)
		out_fmt(2, "[%d] %d\n", j->id, (int)j->procs[j->nprocs - 1].pid);
}

void jobs_notify(void)
{
	while (reap(false))
		;
	if (!interactive)
		return;
	struct job *next;
	for (struct job *j = jobs; j; j = next) {
		next = j->next;
		if (!j->changed)
			continue;
		j->changed = false;
		print_job(j);
		if (job_state(j) == PS_DONE)
			job_remove(j);
	}
}

/* ---------------------------------------------------------------- builtins */

/* %N, %%, %+, %-, %PREFIX; fg and bg also take a bare N. */
static struct job *find_job(const char *spec, const char *who)
{
	struct job *last = NULL, *prev = NULL;
	for (struct job *k = jobs; k; k = k->next) {
		prev = last;
		last = k;
	}
	if (!spec || !strcmp(spec, "%%") || !strcmp(spec, "%+") || !strcmp(spec, "%")) {
		if (!last)
			sh_error("%s: no current job", who);
		return last;
	}
	if (!strcmp(spec, "%-")) {
		if (!prev)
			sh_error("%s: no previous job", who);
		return prev;
	}
	const char *s = spec[0] == '%' ? spec + 1 : spec;
	int id;
	for (struct job *k = jobs; k; k = k->next) {
		if (parse_int(s, &id) ? k->id == id : !strncmp(k->text, s, strlen(s)))
			return k;
	}
	sh_error("%s: %s: no such job", who, spec);
	return NULL;
}

int builtin_jobs(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	while (reap(false))
		;
	struct job *next;
	for (struct job *j = jobs; j; j = next) {
		next = j->next;
		print_job(j);
		j->changed = false;
		if (job_state(j) == PS_DONE)
			job_remove(j);
	}
	return 0;
}

static void continue_job(struct job *j)
{
	for (int i = 0; i < j->nprocs; i++)
		if (j->procs[i].state == PS_STOPPED)
			j->procs[i].state = PS_RUNNING;
	kill(-j->pgid, SIGCONT);
}

int builtin_fg(int argc, char **argv)
{
	if (!job_control) {
		sh_error("fg: no job control");
		return 1;
	}
	struct job *j = find_job(argc > 1 ? argv[1] : NULL, "fg");
	if (!j)
		return 1;
	out_fmt(1, "%s\n", j->text);
	j->background = false;
	tcsetpgrp(tty_fd, j->pgid);
	continue_job(j);
	return job_wait_foreground(j);
}

int builtin_bg(int argc, char **argv)
{
	if (!job_control) {
		sh_error("bg: no job control");
		return 1;
	}
	struct job *j = find_job(argc > 1 ? argv[1] : NULL, "bg");
	if (!j)
		return 1;
	j->background = true;
	continue_job(j);
	out_fmt(1, "[%d] %s &\n", j->id, j->text);
	return 0;
}

/* Wait until j is no longer running; false if interrupted by ^C. */
static bool wait_job(struct job *j)
{
	while (job_state(j) == PS_RUNNING) {
		if (reap(true))
			continue;
		if (errno == EINTR && got_sigint)
			return false;
		if (errno == ECHILD)
			forget_lost(j);
	}
	return true;
}

static struct job *job_of_pid(pid_t pid)
{
	for (struct job *j = jobs; j; j = j->next)
		for (int i = 0; i < j->nprocs; i++)
			if (j->procs[i].pid == pid)
				return j;
	return NULL;
}

int builtin_wait(int argc, char **argv)
{
	got_sigint = 0;
	if (argc < 2) {
		for (struct job *j = jobs; j; j = j->next)
			if (!wait_job(j))
				return 128 + SIGINT;
		struct job *next;
		for (struct job *j = jobs; j; j = next) {
			next = j->next;
			if (job_state(j) == PS_DONE)
				job_remove(j);
		}
		return 0;
	}
	int st = 0;
	for (int i = 1; i < argc; i++) {
		int pid;
		struct job *j = argv[i][0] == '%' ? find_job(argv[i], "wait")
			      : parse_int(argv[i], &pid) ? job_of_pid(pid) : NULL;
		if (!j) {
			if (argv[i][0] != '%')
				sh_error("wait: %s: not a child of this shell", argv[i]);
			st = 127;
			continue;
		}
		if (!wait_job(j))
			return 128 + SIGINT;
		st = status_to_exit(job_status(j));
		if (job_state(j) == PS_DONE)
			job_remove(j);
	}
	return st;
}

static void list_signals(void)
{
	struct str b = { 0 };
	for (int sig = 1; signal_to_name(sig); sig++) {
		str_adds(&b, signal_to_name(sig));
		str_addc(&b, signal_to_name(sig + 1) ? ' ' : '\n');
	}
	out_str(1, b.s);
	free(b.s);
}

int builtin_kill(int argc, char **argv)
{
	int sig = SIGTERM, i = 1;
	if (argc > 1 && !strcmp(argv[1], "-l")) {
		if (argc == 2) {
			list_signals();
			return 0;
		}
		/* kill -l N...: the name of each signal number (or exit status
		 * 128+N of a process it killed) */
		int st = 0;
		for (int k = 2; k < argc; k++) {
			int n;
			const char *name = NULL;
			if (parse_int(argv[k], &n)) {
				if (n > 128)
					n -= 128;
				name = signal_to_name(n);
			}
			if (name) {
				out_str(1, name);
				out_str(1, "\n");
			} else {
				sh_error("kill: %s: invalid signal number", argv[k]);
				st = 1;
			}
		}
		return st;
	}
	if (argc > 2 && !strcmp(argv[1], "-s")) {
		sig = signal_from_name(argv[2]);
		i = 3;
	} else if (argc > 1 && argv[1][0] == '-' && argv[1][1] && strcmp(argv[1], "--")) {
		sig = signal_from_name(argv[1] + 1);
		i = 2;
	}
	if (i < argc && !strcmp(argv[i], "--"))
		i++;
	if (sig < 0 && i == 2) {
		/* as dash: "-NOSUCH" is taken for options */
		sh_error("kill: Illegal option -%c", argv[1][1]);
		return 2;
	}
	if (sig < 0) {
		sh_error("kill: invalid signal number or name: %s", argv[i - 1]);
		return 2;
	}
	if (i >= argc) {
		out_str(2, "usage: kill [-s SIGNAL | -SIGNAL] PID | %JOB ...\n       kill -l\n");
		return 2;
	}
	int st = 0;
	for (; i < argc; i++) {
		int pid;
		if (argv[i][0] == '%') {
			struct job *j = find_job(argv[i], "kill");
			if (!j) {
				st = 1;
				continue;
			}
			int target = job_control ? -j->pgid : j->procs[0].pid;
			if (kill(target, sig) < 0) {
				sh_error("kill: %s: %s", argv[i], strerror(errno));
				st = 1;
			} else if (job_state(j) == PS_STOPPED && sig != SIGKILL && sig != SIGCONT) {
				continue_job(j);    /* a stopped job would never see it */
			}
		} else if (!parse_int(argv[i], &pid)) {
			sh_error("kill: %s: not a process id or job", argv[i]);
			st = 1;
		} else if (kill(pid, sig) < 0) {
			sh_error("kill: %s: %s", argv[i], strerror(errno));
			st = 1;
		}
	}
	return st;
}

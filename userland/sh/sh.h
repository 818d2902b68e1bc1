/* sh: Ringel's shell.  Declarations shared by its parts:
 *
 *   main.c      start-up, options, reading input and running it
 *   lexer.c     text -> tokens (words keep their quotes; expand.c reads them)
 *   parser.c    tokens -> a list of and-or lists of pipelines of commands
 *   expand.c    words -> fields: quotes, $VAR, ${VAR}, $?, $$, $#, $1.., ~
 *   vars.c      shell variables, exported ones, positional parameters
 *   exec.c      running lists, pipelines, redirections, fork/exec, PATH
 *   jobs.c      the job table: process groups, the terminal, waiting
 *   builtins.c  cd, pwd, exit, export, unset, history, help, jobs, fg, ...
 *   lineedit.c  the interactive line editor (raw terminal mode)
 *   history.c   the command history
 *   util.c      messages, memory, small helpers
 *
 * Written against standard C and POSIX only, so it builds with the host's
 * C library (for testing) as well as with Ringel's. */
#ifndef SH_H
#define SH_H
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* ---------------------------------------------------------------- util.c */
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void out_str(int fd, const char *s);
void out_fmt(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
bool is_name_start(int c);
bool is_name_char(int c);
/* Length of the NAME in a NAME=value word (0 if it is not an assignment). */
size_t assignment_name_len(const char *word);
/* A decimal number that fits in an int; false for anything else. */
bool parse_int(const char *s, int *out);

/* A growable string. */
struct str {
	char *s;
	size_t len, cap;
};
void str_addc(struct str *b, char c);
void str_addn(struct str *b, const char *s, size_t n);
void str_adds(struct str *b, const char *s);
char *str_take(struct str *b);     /* the NUL-terminated text; b is reset */

/* An arena: everything one command line's parse tree needs, freed at once. */
void *arena_alloc(size_t n);
char *arena_strndup(const char *s, size_t n);
void arena_reset(void);

/* ---------------------------------------------------------------- lexer.c */
enum tok {
	T_WORD, T_NEWLINE, T_EOF, T_SEMI, T_AMP, T_AND_IF, T_OR_IF, T_PIPE, T_BANG,
	T_LESS, T_GREAT, T_DGREAT, T_LESSAND, T_GREATAND, T_CLOBBER,
	T_LPAREN, T_RPAREN,
	T_INCOMPLETE,      /* the text ends inside a quote or after a backslash */
};

struct token {
	enum tok type;
	const char *text;  /* the word (raw, quotes included) or operator */
	int io_number;     /* the N of N>FILE; -1 if none */
	size_t start, end; /* offsets in the source */
};

struct lexer {
	const char *src;
	size_t pos;
	bool continued;    /* the text ended with backslash-newline */
};
void lexer_init(struct lexer *lx, const char *src);
struct token lexer_next(struct lexer *lx);
bool tok_is_redirect(enum tok t);

/* ---------------------------------------------------------------- parser.c */
enum redir_op { R_IN, R_OUT, R_APPEND, R_DUPIN, R_DUPOUT };

struct redir {
	int fd;                    /* the descriptor redirected */
	enum redir_op op;
	const char *target;        /* raw word: file name or descriptor number */
	struct redir *next;
};

struct command {
	const char **assigns;      /* NAME=value words (raw) */
	int nassigns;
	const char **words;        /* the command and its arguments (raw) */
	int nwords;
	struct redir *redirs;
};

struct pipeline {
	struct command **cmds;
	int ncmds;
	bool negate;               /* ! pipeline */
	const char *text;          /* its source text, for job messages */
};

enum andor_op { OP_NONE, OP_AND, OP_OR };

struct andor {
	struct pipeline *pipe;
	enum andor_op op;          /* how it joins the previous one */
	struct andor *next;
};

struct list_item {
	struct andor *andor;
	bool background;
	const char *text;          /* the source text, for job messages */
	struct list_item *next;
};

enum parse_status { PARSE_OK, PARSE_EMPTY, PARSE_INCOMPLETE, PARSE_ERROR };

/* Parse src (one complete command line, possibly continued over several
 * lines) into *out (allocated in the arena).  On PARSE_ERROR it has printed
 * "sh: syntax error near 'X'". */
enum parse_status parse_line(const char *src, struct list_item **out);

/* ---------------------------------------------------------------- expand.c */
struct fields {
	char **v;
	int n, cap;
};
void fields_add(struct fields *f, char *s);
void fields_free(struct fields *f);
/* Expand a raw word into fields (split unquoted expansions); false after
 * an error (already reported). */
bool expand_word(const char *raw, struct fields *out);
/* Expand a raw word into one string (assignments, redirection targets). */
char *expand_string(const char *raw);

/* ---------------------------------------------------------------- vars.c */
void vars_init(char **environ);
const char *var_get(const char *name);
void var_set(const char *name, const char *value, bool export);
void var_export(const char *name);
void var_unset(const char *name);
/* Apply a NAME=value word (value raw); export it if asked. */
bool var_assign_word(const char *word, bool export);
/* The environment for a new program: exported variables, overridden by
 * the extra NAME=value strings (already expanded). */
char **vars_environ(char **extra, int nextra);
void vars_print_exported(void);
void vars_set_positional(int argc, char **argv);
int vars_positional_count(void);
const char *vars_positional(int i);   /* $0 .. $N, NULL past the end */
bool vars_shift(int n);

/* ---------------------------------------------------------------- exec.c */
extern int last_status;               /* $? */
extern pid_t shell_pid;               /* $$ */
extern pid_t last_bg_pid;             /* $! */
extern bool interactive;
void run_list(struct list_item *list);
int run_andor(struct andor *a);
/* Run argv (already expanded) with redirections in a child and never
 * return: builtins run there, other programs are exec'd from PATH. */
__attribute__((noreturn)) void exec_in_child(char **argv, int argc, char **env_extra,
					     int nextra, struct redir *redirs);
/* Apply redirections; with a save list, the old descriptors are kept for
 * redirs_restore.  False (after a message) if one failed. */
struct saved_fd {
	int fd, copy;
};
bool redirs_apply(struct redir *r, struct saved_fd *save, int *nsave, int maxsave);
void redirs_restore(struct saved_fd *save, int nsave);
/* Reset the signals the shell changed for itself, in a new child. */
void child_signals_default(void);

/* ---------------------------------------------------------------- jobs.c */
extern bool job_control;      /* interactive with a terminal: pgids, tcsetpgrp */
extern int tty_fd;
struct job;
void jobs_init(void);
/* A new job; add its processes with job_add_proc as they are forked. */
struct job *job_new(const char *text, bool background);
void job_add_proc(struct job *j, pid_t pid);
pid_t job_pgid(struct job *j);
int job_id(struct job *j);
/* Wait for a foreground job (the terminal is its while it runs); its exit
 * status, or 128+signal if it stopped. */
int job_wait_foreground(struct job *j);
void job_started_in_background(struct job *j);
/* Collect status changes without blocking; print finished/stopped jobs. */
void jobs_notify(void);
void jobs_forget_all(void);     /* in a subshell: the parent's jobs are not ours */
int jobs_count_stopped(void);
/* The builtins that work on jobs. */
int builtin_jobs(int argc, char **argv);
int builtin_fg(int argc, char **argv);
int builtin_bg(int argc, char **argv);
int builtin_wait(int argc, char **argv);
int builtin_kill(int argc, char **argv);
/* Set by the SIGINT handler: ^C arrived while the shell itself waited. */
extern volatile int got_sigint;
/* Tell whether the status word means a signal worth reporting. */
void report_signal_status(int status);
const char *signal_to_name(int sig);     /* "INT" */
int signal_from_name(const char *s);     /* "INT", "SIGINT", "2"; -1 if unknown */

/* ---------------------------------------------------------------- builtins.c */
typedef int (*builtin_fn)(int argc, char **argv);
builtin_fn builtin_find(const char *name);
extern bool exit_requested;
extern int exit_status_requested;

/* ---------------------------------------------------------------- history.c */
void history_add(const char *line);
int history_count(void);
const char *history_get(int i);          /* 0 = oldest */
int builtin_history(int argc, char **argv);

/* ---------------------------------------------------------------- lineedit.c */
enum le_result { LE_LINE, LE_EOF, LE_INTERRUPTED, LE_ERROR };
/* Read one line from the terminal with editing; *line is malloc'd and
 * ends with '\n'. */
enum le_result lineedit_read(const char *prompt, char **line);
/* The terminal modes the shell started with, restored after every job. */
void lineedit_init(void);
void lineedit_restore_tty(void);

#endif

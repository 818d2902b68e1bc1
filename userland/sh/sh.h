/* sh: Ringel's shell.  Declarations shared by its parts:
 *
 *   main.c      start-up, reading input and running it
 *   lexer.c     text -> tokens (words keep their quotes; expand.c reads them)
 *   parser.c    tokens -> a syntax tree (XCU 2.9, 2.10)
 *   eval.c      walking the tree: lists, compound commands, functions
 *   exec.c      processes: simple commands, pipelines, redirections, PATH
 *   expand.c    words -> fields: parameters, $(...), $((...)), IFS, globs
 *   arith.c     $((...))
 *   pattern.c   * ? [...] matching and pathname expansion
 *   vars.c      shell variables, exported ones, positional parameters
 *   options.c   set -e -u -x ..., $-
 *   trap.c      trap and the signals it catches
 *   jobs.c      the job table: process groups, the terminal, waiting
 *   builtins.c  the table of builtins (special ones marked) and the small
 *               ones: cd, exit, export, readonly, unset, local, eval, ., ...
 *   printf.c test.c read.c alias.c ulimit.c   one builtin (or pair) each
 *   lineedit.c  the interactive line editor (raw terminal mode)
 *   complete.c  Tab completion of command and file names
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
/* A message on stderr: "sh: TEXT" at the prompt, "$0: LINE: TEXT" in a
 * script (the line of the command running, or the one given). */
void sh_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void sh_error_at(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
extern int cmd_lineno;             /* the running command's line: $LINENO */
extern const char *err_context;    /* "eval", a "." file: named in messages */
extern bool prompt_messages;       /* an interactive shell or its child: "sh: " */
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
bool is_valid_name(const char *s);
/* A whole file's text (malloc'd), NULL with errno on failure. */
char *read_file(const char *path);
bool write_all_checked(int fd, const char *s, size_t n);
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
void str_add_quoted(struct str *b, const char *s);   /* 'a'"'"'b' */

/* An arena: everything one command line's parse tree needs, freed at once. */
void *arena_alloc(size_t n);
char *arena_strndup(const char *s, size_t n);
void arena_reset(void);
/* Keep what the arena holds now (a function's body) past arena_reset. */
void arena_keep(void);
struct arena_mark {
	struct arena_block *block;
	size_t used;
};
struct arena_mark arena_mark(void);
void arena_release(struct arena_mark m);    /* free what came after m */

/* ---------------------------------------------------------------- lexer.c */
enum tok {
	T_WORD, T_NEWLINE, T_EOF, T_SEMI, T_DSEMI, T_AMP, T_AND_IF, T_OR_IF, T_PIPE,
	T_LESS, T_GREAT, T_DGREAT, T_LESSAND, T_GREATAND, T_CLOBBER, T_LESSGREAT,
	T_DLESS, T_DLESSDASH,
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
	size_t line_pos;   /* lexer_line's memo: offset line_pos is on line */
	int line;
};
void lexer_init(struct lexer *lx, const char *src);
struct token lexer_next(struct lexer *lx);
bool tok_is_redirect(enum tok t);
int lexer_line(struct lexer *lx, size_t pos);
char *lexer_heredoc(struct lexer *lx, const char *delim, bool strip, bool eof_ends);
/* Index past the "..." opening at s[i], or 0 if the text ends first. */
size_t skip_dquote(const char *s, size_t i);
/* Index past the $..., ${...}, $(...) or `...` at s[i]; 0 if unfinished. */
size_t skip_substitution(const char *s, size_t i, bool in_dquote);

/* ---------------------------------------------------------------- parser.c */
enum redir_op { R_IN, R_OUT, R_CLOBBER, R_APPEND, R_RDWR, R_DUPIN, R_DUPOUT, R_HEREDOC };

struct redir {
	int fd;                    /* the descriptor redirected */
	enum redir_op op;
	const char *target;        /* raw word: file name or descriptor number;
				    * R_HEREDOC: the body */
	bool quoted;               /* R_HEREDOC: delimiter quoted, body literal */
	struct redir *next;
};

/* The syntax tree.  One node type per construct of XCU 2.9; the fields
 * each uses are named beside it. */
enum node_type {
	N_CMD,         /* simple command: assigns, words, redirs */
	N_PIPE,        /* cmds[ncmds] */
	N_NOT,         /* ! a */
	N_AND, N_OR,   /* a && b, a || b */
	N_SEQ,         /* a ; b */
	N_BG,          /* a & */
	N_SUBSHELL,    /* ( a ) */
	N_GROUP,       /* { a; } */
	N_IF,          /* if a then b else c */
	N_WHILE,       /* while a do b */
	N_UNTIL,       /* until a do b */
	N_FOR,         /* for name [in list] do b */
	N_CASE,        /* case name in items esac (name is the raw word) */
	N_FUNC,        /* name() a */
};

struct case_item {
	const char **pats;
	int npats;
	struct node *body;
	struct case_item *next;
};

struct node {
	enum node_type type;
	int lineno;
	struct redir *redirs;
	const char *text;          /* source text, for job messages */
	const char **assigns, **words;
	int nassigns, nwords;
	struct node **cmds;
	int ncmds;
	struct node *a, *b, *c;
	const char *name;
	const char **list;
	int nlist;
	bool has_in;               /* N_FOR: an explicit "in" list */
	struct case_item *items;
};

enum parse_status { PARSE_OK, PARSE_EMPTY, PARSE_INCOMPLETE, PARSE_ERROR };

/* Parse src (complete commands, possibly over several lines) into *out
 * (allocated in the arena).  On PARSE_ERROR it has printed the message;
 * first_line is the line number of src's first line, for messages. */
enum parse_status parse_program(const char *src, int first_line, struct node **out);
size_t parse_subst_end(const char *src);
bool parse_incomplete(const char *src);
/* Why the last parse ran out: "end of file unexpected (expecting "fi")". */
const char *parse_eof_message(void);
/* Parse the first complete command of src (up to the newline that ends
 * it, and its here-documents); *used is how much of src it took. */
enum parse_status parse_next(const char *src, int first_line, struct node **out, size_t *used);

/* ---------------------------------------------------------------- expand.c */
struct fields {
	char **v;
	int n, cap;
};
void fields_add(struct fields *f, char *s);
void fields_free(struct fields *f);
/* Expand a raw word into fields (split, globbed); false after an error
 * (already reported). */
bool expand_word(const char *raw, struct fields *out);
/* Expand a raw word into one string (redirection targets, case words). */
char *expand_string(const char *raw);
/* The value of NAME=value; NULL after an error. */
char *expand_assignment(const char *raw);
/* A case pattern: quoted characters escaped with a backslash. */
char *expand_pattern(const char *raw);
char *expand_heredoc(const char *body);
extern int subst_status;      /* the status of the last $(...) */

/* ---------------------------------------------------------------- pattern.c */
bool pattern_match(const char *pat, const char *s);
bool pattern_has_magic(const char *pat);
bool glob_pattern(const char *pat, struct fields *out);

/* ---------------------------------------------------------------- arith.c */
bool arith_eval(const char *expr, long long *out);

/* ---------------------------------------------------------------- vars.c */
void vars_init(char **environ);
const char *var_get(const char *name);
void var_set(const char *name, const char *value, bool export);
bool var_set_checked(const char *name, const char *value);   /* refuses read-only */
void var_export(const char *name);
void var_unset(const char *name);
bool var_is_readonly(const char *name);
void var_set_readonly(const char *name);
/* Apply a NAME=value word (value raw); export it if asked. */
bool var_assign_word(const char *word, bool export);
/* The environment for a new program: exported variables, overridden by
 * the extra NAME=value strings (already expanded). */
char **vars_environ(char **extra, int nextra);
void vars_print(bool exported_only, bool readonly_only);
/* Frames of saved variables: locals, NAME=value before a builtin. */
void vars_push_frame(void);
void var_save(const char *name);
void vars_pop_frame(void);
bool vars_in_frame(void);
void vars_set_positional(int argc, char **argv);
void vars_replace_positional(int n, char **args);
struct positional_save {
	char **v;
	int n;
};
void vars_push_positional(int argc, char **argv, struct positional_save *ps);
void vars_pop_positional(struct positional_save *ps);
int vars_positional_count(void);
const char *vars_positional(int i);   /* $0 .. $N, NULL past the end */
bool vars_shift(int n);

/* ---------------------------------------------------------------- options.c */
extern bool opt_errexit, opt_nounset, opt_xtrace, opt_noglob, opt_noexec, opt_noclobber,
	opt_verbose, opt_allexport;
const char *options_string(void);          /* $- */
/* Apply "-eux" / "+x" style flags; false for an unknown one. */
bool options_apply(const char *arg);
int builtin_set(int argc, char **argv);

/* ---------------------------------------------------------------- trap.c */
void traps_run_pending(void);
void traps_reset_in_child(void);
void traps_run_exit(void);
int builtin_trap(int argc, char **argv);

/* ---------------------------------------------------------------- eval.c */
enum flow { FLOW_NONE, FLOW_BREAK, FLOW_CONTINUE, FLOW_RETURN };
extern enum flow flow;
extern int flow_count;
extern int func_depth;
extern int cond_depth;
bool flow_stopped(void);
int flow_break(enum flow f, int n);
int eval_node(struct node *n);
int eval_string(const char *src);
int eval_string_at(const char *src, int first_line);
struct node *func_find(const char *name);
void func_unset(const char *name);
void func_names(struct fields *out);
int func_call(struct node *body, int argc, char **argv);

/* ---------------------------------------------------------------- exec.c */
extern int last_status;               /* $? */
extern pid_t shell_pid;               /* $$ */
extern pid_t last_bg_pid;             /* $! */
extern bool interactive;
extern bool line_interrupted;         /* ^C killed a job: stop this line */
int exec_simple(struct node *c, bool forked);
int exec_pipeline(struct node *pl);
int exec_subshell(struct node *n);
int exec_background(struct node *n, const char *text);
/* Find argv[0] in PATH and exec it; returns only on failure, with the
 * status: 127 not found, 126 not runnable. */
int exec_path(char **argv, int argc, char **env);
/* Apply redirections; with a save list, the old descriptors are kept for
 * redirs_restore.  False (after a message) if one failed. */
struct saved_fd {
	int fd, copy;
};
struct saved_fds {
	struct saved_fd *v;
	int n;
};
bool redirs_apply(struct redir *r, struct saved_fds *save);
void redirs_restore(struct saved_fds *save);
/* The status of an error in a special builtin: a script ends with it. */
int fatal_status(int st);
/* NAME's path from PATH (executable ones only if exec_only); NULL. */
char *path_search(const char *name, bool exec_only);
/* Fork and exec argv as a foreground job; its status. */
int run_program(char **argv, int argc);
/* Reset the signals the shell changed for itself, in a new child. */
void child_signals_default(void);
/* In a forked child that runs shell code: no jobs, no terminal. */
void enter_subshell(void);
/* Leave a forked child: the EXIT trap, then _exit. */
__attribute__((noreturn)) void child_exit(int st);
/* Wait for one child; its exit status (128+N for signal N). */
int waitpid_quiet(pid_t pid);

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
bool builtin_is_special(const char *name);
int builtin_printf(int argc, char **argv);   /* printf.c */
int builtin_test(int argc, char **argv);     /* test.c */
int builtin_read(int argc, char **argv);     /* read.c */
int builtin_ulimit(int argc, char **argv);   /* ulimit.c */
int builtin_alias(int argc, char **argv);    /* alias.c */
int builtin_unalias(int argc, char **argv);
const char *alias_get(const char *name);
void alias_names(struct fields *out);
void builtin_names(struct fields *out);
bool is_exec_builtin(const char *name);
int dot_file(const char *path);           /* -1: cannot be read */
extern bool exit_requested;
extern int exit_status_requested;

/* ---------------------------------------------------------------- history.c */
void history_add(const char *line);
int history_count(void);
const char *history_get(int i);          /* 0 = oldest */
int builtin_history(int argc, char **argv);
int builtin_fc(int argc, char **argv);
void history_load(void);                 /* from $HISTFILE; then kept there */
int history_next_number(void);           /* the number the next command gets */

/* ---------------------------------------------------------------- complete.c */
/* The candidates for the word that ends at pos in line (sorted, whole
 * words, directories ending in '/'); returns where the word begins. */
size_t complete_word(const char *line, size_t pos, struct fields *out);
/* s with the characters that would split or expand it escaped. */
char *complete_escape(const char *s);

/* ---------------------------------------------------------------- lineedit.c */
enum le_result { LE_LINE, LE_EOF, LE_INTERRUPTED, LE_ERROR };
/* Read one line from the terminal with editing; *line is malloc'd and
 * ends with '\n'. */
enum le_result lineedit_read(const char *prompt, char **line);
/* The terminal modes the shell started with, restored after every job. */
void lineedit_init(void);
void lineedit_restore_tty(void);

#endif

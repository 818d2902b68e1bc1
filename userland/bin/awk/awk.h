/* awk: the declarations every part shares.  The program text is lexed
 * (lex.c), parsed into a tree of nodes (parse.c) and the tree is walked
 * (interp.c).  Values (value.c) are numbers, strings, or "strnums": input
 * strings that look like numbers and so compare as numbers, as POSIX
 * asks.  Variables and arrays live in var.c, records and fields in field.c
 * and input.c, output streams in output.c, printf in format.c, regular
 * expressions (the libc's regcomp, extended syntax) in re.c, the built-in
 * functions in builtin.c. */
#ifndef AWK_H
#define AWK_H
#include <regex.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>

/* ---- values */
enum { V_UNINIT, V_NUM, V_STR, V_STRNUM };
typedef struct {
	int type;
	double num;     /* valid for V_NUM, V_STRNUM */
	char *str;      /* owned; valid for V_STR, V_STRNUM (NULL otherwise) */
} Val;

Val val_num(double d);
Val val_str(const char *s);             /* copies s */
Val val_take(char *s);                  /* owns s (malloc'd) */
Val val_strnum(const char *s);          /* V_STRNUM if s looks numeric, else V_STR */
Val val_copy(const Val *v);
void val_free(Val *v);
double to_num(const Val *v);
char *to_str(const Val *v);             /* malloc'd, numbers through CONVFMT */
char *to_out_str(const Val *v);         /* malloc'd, numbers through OFMT */
int to_bool(const Val *v);
int val_compare(const Val *a, const Val *b);
int looks_numeric(const char *s);
double str_to_num(const char *s);
char *num_to_str(double d, const char *fmt);
char *integer_digits(double d);                 /* exact, for huge integral values */

/* ---- arrays: string keys, chained buckets (elements never move) */
typedef struct Elem {
	struct Elem *next;
	char *key;
	Val val;
} Elem;
typedef struct {
	Elem **buckets;
	size_t nbuckets, count;
} Array;

Array *array_new(void);
void array_free(Array *a);
void array_clear(Array *a);
Val *array_get(Array *a, const char *key);      /* creates the element */
Val *array_find(Array *a, const char *key);     /* NULL when absent */
void array_delete(Array *a, const char *key);
char **array_keys(Array *a, size_t *n);         /* snapshot, caller frees */

/* ---- variables */
enum { K_NONE, K_SCALAR, K_ARRAY };
enum { SV_NONE, SV_NF };
typedef struct Var {
	char *name;
	int kind;
	int special;
	Val val;
	Array *arr;
	int owned;              /* arr belongs to this variable */
	struct Var *ref;        /* a parameter standing for a caller's untyped variable */
	struct Var *next;       /* symbol table chain */
} Var;

Var *var_lookup(const char *name);              /* creates a global */
Var *var_find(const char *name);
Var *var_resolve(Var *v);                       /* follows parameter references */
Array *var_array(Var *v);                       /* makes v an array if untyped */
const Val *var_get(Var *v);
void var_set(Var *v, Val val);                  /* takes val */
void vars_init(int argc, char **argv, char **envp);
const char *var_cstr(Var *v);                   /* string of a control variable; cached */

extern Var *v_NF, *v_NR, *v_FNR, *v_FS, *v_OFS, *v_ORS, *v_RS, *v_FILENAME, *v_SUBSEP,
	*v_RSTART, *v_RLENGTH, *v_CONVFMT, *v_OFMT, *v_ENVIRON, *v_ARGC, *v_ARGV;

/* ---- the tree */
enum {
	/* expressions */
	N_NUM, N_STR, N_ERE, N_VAR, N_LOCAL, N_INDEX, N_FIELD, N_GROUP, N_LIST,
	N_ASSIGN, N_COND, N_OR, N_AND, N_IN, N_MATCH, N_NOMATCH, N_LT, N_LE, N_NE, N_EQ,
	N_GT, N_GE, N_CAT, N_ADD, N_SUB, N_MUL, N_DIV, N_MOD, N_POW, N_NOT, N_NEG, N_PLUS,
	N_PREINC, N_PREDEC, N_POSTINC, N_POSTDEC, N_CALL, N_BUILTIN, N_GETLINE,
	/* statements */
	N_BLOCK, N_EXPR, N_PRINT, N_PRINTF, N_IF, N_WHILE, N_DO, N_FOR, N_FORIN, N_BREAK,
	N_CONTINUE, N_NEXT, N_NEXTFILE, N_EXIT, N_RETURN, N_DELETE, N_DELETEALL
};

/* getline kinds (Node.op) */
enum { GL_PLAIN, GL_FILE, GL_CMD };
/* redirections (Node.op of print/printf) */
enum { R_NONE, R_FILE, R_APPEND, R_PIPE };

struct Func;
typedef struct Node {
	int type;
	int op;                 /* assignment operator, builtin number, getline/redirect kind */
	int line;
	double num;
	char *str;
	regex_t *re;            /* N_ERE */
	Var *var;               /* N_VAR, N_FORIN variable */
	int local;              /* N_LOCAL slot */
	struct Func *func;      /* N_CALL */
	struct Node *a, *b, *c, *d;     /* operands, body, ... */
	struct Node **kids;     /* N_LIST, N_BLOCK, call arguments, print list */
	int nkids;
} Node;

typedef struct Func {
	char *name;
	int nparams;
	char **params;
	Node *body;
	int defined;
	int line;
	struct Func *next;
} Func;

/* built-in functions (Node.op of N_BUILTIN) */
enum {
	B_LENGTH, B_SUBSTR, B_INDEX, B_SPLIT, B_SUB, B_GSUB, B_MATCH, B_SPRINTF, B_SIN, B_COS,
	B_ATAN2, B_EXP, B_LOG, B_SQRT, B_INT, B_RAND, B_SRAND, B_TOLOWER, B_TOUPPER, B_SYSTEM,
	B_CLOSE, B_FFLUSH
};

/* a pattern-action item */
typedef struct Rule {
	Node *pattern, *pattern2;       /* pattern2: range end */
	Node *action;                   /* NULL: print $0 */
	int in_range;
	struct Rule *next;
} Rule;

typedef struct {
	Rule *begin, *main, *end;
	Func *funcs;
} Program;

/* lex.c / parse.c */
void lex_init(const char *const *texts, const char *const *names, int n);
int lex_line(void);
char *unescape(const char *s, size_t n);      /* awk's string escapes */
void parse_program(Program *prog);
Func *func_find(const char *name);

/* interp.c */
enum { S_NORMAL, S_BREAK, S_CONTINUE, S_NEXT, S_NEXTFILE, S_EXIT, S_RETURN };
Val eval(Node *n);
int exec(Node *n);
void run_program(Program *prog);
void assign_to(Node *lvalue, Val v);            /* takes v */
Array *local_array(Node *n);                    /* a name as an array */
Array *array_if(Node *n);                       /* NULL unless an array */
extern int exit_status;
extern int cur_line;

/* field.c */
void record_set(const char *s, size_t len, int from_input);    /* $0 */
const Val *field_get(long i);
void field_set(long i, Val v);                                 /* takes v */
void nf_set(long n);
void fields_split(void);
const char *record_str(void);
size_t split_string(const char *s, Array *a, const Val *sep, int sep_is_re, regex_t *re);

/* input.c */
typedef struct Input Input;
Input *input_open_file(const char *name);
Input *input_open_cmd(const char *cmd);
int input_read(Input *in, char **rec, size_t *len);    /* 1, 0 at end, -1 error */
int input_close(Input *in);
int main_next_record(char **rec, size_t *len);          /* the ARGV files */
void main_nextfile(void);
void command_assignment(const char *arg);         /* name=value */
int do_getline(Node *n);

/* output.c */
FILE *output_stream(const char *name, int kind);
Input *input_stream(const char *name, int kind);
int stream_close(const char *name);
int stream_flush(const char *name);
void streams_flush_all(void);
void streams_close_all(void);
void out_write(FILE *f, const char *s, size_t n);

/* format.c */
char *format_vals(const char *fmt, Val *args, int nargs, size_t *len);
char *format_num(const char *fmt, double d);     /* CONVFMT, OFMT */

/* re.c */
regex_t *re_compile(const char *src, int line);        /* cached by text */
regex_t *re_literal(const char *src, int line);        /* not cached: owned by a node */
int re_match(regex_t *re, const char *s, int notbol, regmatch_t *m);
regex_t *re_of(Node *n);                               /* an ERE node or a dynamic string */

/* builtin.c */
Val call_builtin(Node *n);
int builtin_lookup(const char *name);

/* util */
void *xmalloc(size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
_Noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void syntax_error(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
extern const char *progname;

/* a growing string */
typedef struct {
	char *s;
	size_t len, cap;
} Buf;
void buf_add(Buf *b, const char *s, size_t n);
void buf_addc(Buf *b, char c);
void buf_adds(Buf *b, const char *s);
char *buf_finish(Buf *b);       /* NUL-terminated, owned by the caller */

#endif

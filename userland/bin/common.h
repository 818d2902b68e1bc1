/* Helpers every command in userland/bin shares: its name, usage text and
 * error messages in the usual Unix form ("cat: /nope: No such file or
 * directory"), and a few small parsers. */
#ifndef BIN_COMMON_H
#define BIN_COMMON_H
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

extern const char *progname;

/* Name the command and its usage text ("[-n] [STRING...]\n  -n ..."). */
void cmd_init(const char *name, const char *usage_text);
/* Print "usage: NAME USAGE" to stdout and exit 0 (status 0), or to stderr
 * and exit with status. */
_Noreturn void usage(int status);
/* "NAME: message" on stderr. */
void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "NAME: what: strerror(errno)" on stderr. */
void warn_errno(const char *what);
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void die_errno(const char *what);

/* "dir/name" (no doubled '/'), malloc'd; exits when out of memory. */
char *path_join(const char *dir, const char *name);
/* "dir/" + the last component of path ("a/b/" -> "dir/b"), malloc'd. */
char *path_into(const char *dir, const char *path);
/* SOURCE... DEST, as cp, mv and ln take them: fn(source, target) for each
 * of the n - 1 sources, target being DEST, or DEST/basename when DEST is a
 * directory (required for several sources).  The statuses or'ed. */
int for_each_source(int n, char **args, int (*fn)(const char *src, const char *dst));
/* In "key: value" lines (/proc files), the value of key: its text up to the
 * end of the line, blanks skipped, into buf; false if there is no such line. */
bool text_value(const char *text, const char *key, char *buf, size_t size);

/* Whole decimal number (optional sign); false if s is not one. */
bool parse_long(const char *s, long *out);
/* Write all n bytes (retrying short writes); 0 or -1 with errno. */
int write_all(int fd, const void *buf, size_t n);
/* Read a whole line of any length from fd-backed buffered input: see
 * struct lines.  Returns the line without its '\n' (and sets *len), or
 * NULL at the end. *had_nl tells whether it ended with a newline. */
struct lines {
	int fd;
	char *buf;
	size_t cap, start, end;
	bool eof, err;
	char *line;
	size_t line_cap;
};
void lines_init(struct lines *l, int fd);
char *lines_next(struct lines *l, size_t *len, bool *had_nl);
void lines_free(struct lines *l);
/* Open FILE for reading ("-" is standard input); -1 with a message. */
int open_input(const char *path);
/* The file loop of the filters: for each of the n names (standard input
 * when n is 0; "-" is standard input too), open it and call fn(fd, name,
 * ctx); a file that does not open is reported and counted.  Standard
 * output is flushed at the end (a write error is fatal).  Returns 1 if a
 * file could not be opened or fn returned nonzero, else 0. */
int each_input(int n, char **names, int (*fn)(int fd, const char *name, void *ctx), void *ctx);
/* each_input, line by line: fn(line, len, had_nl, ctx) for every line of
 * every file (the line without its '\n'); a read error is reported. */
int each_line(int n, char **names, void (*fn)(char *line, size_t len, bool nl, void *ctx), void *ctx);
/* All of fd's input, malloc'd (exits when out of memory); NULL with errno
 * on a read error. */
char *read_all(int fd, size_t *len);
/* The text of a small file (NUL-terminated, malloc'd) or NULL. */
char *read_file(const char *path, size_t *len);
/* "Jan  2 03:04" (or "Jan  2  1970" when far from now) for ls -l. */
void format_mtime(char *buf, size_t size, int64_t t, int64_t now);
/* Split seconds since 1970 into a civil UTC date. */
struct civil {
	int year, month, day, hour, min, sec, wday, yday;   /* month 1..12, wday 0 = Sunday */
};
void civil_from_time(int64_t t, struct civil *c);
extern const char *const month_names[12];
extern const char *const day_names[7];
#endif

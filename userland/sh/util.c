/* Messages, memory and small string helpers.
 *
 * Output goes straight to descriptors with write(): the shell forks often,
 * and unflushed stdio buffers would be printed twice, once by each side. */
#include "sh.h"
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

bool write_all_checked(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t)w;
	}
	return true;
}

static void write_all(int fd, const char *s, size_t n)
{
	write_all_checked(fd, s, n);
}

void out_str(int fd, const char *s)
{
	write_all(fd, s, strlen(s));
}

static void out_vfmt(int fd, const char *fmt, va_list ap)
{
	char small[512];
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	if (n < 0) {
		va_end(ap2);
		return;
	}
	if ((size_t)n < sizeof small) {
		write_all(fd, small, (size_t)n);
	} else {
		char *big = xmalloc((size_t)n + 1);
		vsnprintf(big, (size_t)n + 1, fmt, ap2);
		write_all(fd, big, (size_t)n);
		free(big);
	}
	va_end(ap2);
}

void out_fmt(int fd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	out_vfmt(fd, fmt, ap);
	va_end(ap);
}

/* "sh: " + message + newline on stderr. */
int cmd_lineno;
const char *err_context;
bool prompt_messages;

/* "sh: " at the prompt (and in the processes the interactive shell forks
 * for its commands); in a script or -c string, as dash: "$0: LINE: ",
 * then "eval: " or "FILE: " inside eval and ".". */
static void message(int line, const char *fmt, va_list ap)
{
	struct str b = { 0 };
	if (interactive || prompt_messages) {
		str_adds(&b, "sh: ");
	} else {
		const char *name = vars_positional(0);
		char num[24];
		snprintf(num, sizeof num, ": %d: ", line);
		str_adds(&b, name ? name : "sh");
		str_adds(&b, num);
		if (err_context) {
			str_adds(&b, err_context);
			str_adds(&b, ": ");
		}
	}
	char small[512];
	vsnprintf(small, sizeof small, fmt, ap);
	str_adds(&b, small);
	str_addc(&b, '\n');
	write_all(2, b.s, b.len);
	free(b.s);
}

void sh_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message(cmd_lineno, fmt, ap);
	va_end(ap);
}

void sh_error_at(int line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	message(line, fmt, ap);
	va_end(ap);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		out_str(2, "sh: out of memory\n");
		_exit(2);
	}
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		out_str(2, "sh: out of memory\n");
		_exit(2);
	}
	return p;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = xmalloc(n + 1);
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

bool is_name_start(int c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_name_char(int c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

bool is_valid_name(const char *s)
{
	if (!is_name_start((unsigned char)*s))
		return false;
	while (*++s)
		if (!is_name_char((unsigned char)*s))
			return false;
	return true;
}

char *read_file(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	struct str b = { 0 };
	char chunk[4096];
	ssize_t n;
	while ((n = read(fd, chunk, sizeof chunk)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;
			close(fd);
			free(b.s);
			errno = err;
			return NULL;
		}
		str_addn(&b, chunk, (size_t)n);
	}
	close(fd);
	return str_take(&b);
}

size_t assignment_name_len(const char *w)
{
	if (!is_name_start((unsigned char)w[0]))
		return 0;
	size_t i = 1;
	while (is_name_char((unsigned char)w[i]))
		i++;
	return w[i] == '=' ? i : 0;
}

bool parse_int(const char *s, int *out)
{
	long v = 0;
	bool neg = *s == '-';
	if (neg || *s == '+')
		s++;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
		if (v > 2147483647L)
			return false;
	}
	*out = (int)(neg ? -v : v);
	return true;
}

/* ---------------------------------------------------------------- strings */
static void str_reserve(struct str *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 32;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void str_addn(struct str *b, const char *s, size_t n)
{
	str_reserve(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

void str_addc(struct str *b, char c)
{
	str_addn(b, &c, 1);
}

void str_adds(struct str *b, const char *s)
{
	str_addn(b, s, strlen(s));
}

char *str_take(struct str *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

/* ---------------------------------------------------------------- arena */
struct arena_block {
	struct arena_block *next;
	size_t used, size;
	_Alignas(16) char data[];
};
static struct arena_block *arena;

void *arena_alloc(size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!arena || arena->size - arena->used < n) {
		size_t size = n > 8192 ? n : 8192;
		struct arena_block *b = xmalloc(sizeof *b + size);
		b->next = arena;
		b->used = 0;
		b->size = size;
		arena = b;
	}
	void *p = arena->data + arena->used;
	arena->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(const char *s, size_t n)
{
	char *d = arena_alloc(n + 1);
	memcpy(d, s, n);
	d[n] = 0;
	return d;
}

/* Blocks kept for function bodies: still referenced, never freed. */
static struct arena_block *kept;

void arena_keep(void)
{
	while (arena) {
		struct arena_block *next = arena->next;
		arena->next = kept;
		kept = arena;
		arena = next;
	}
}

void arena_reset(void)
{
	while (arena) {
		struct arena_block *next = arena->next;
		free(arena);
		arena = next;
	}
}

/* Where the arena is now: what is allocated after it can be freed with
 * arena_release (eval, a trap, ".": their parse trees go when they are
 * done, not when the command line that ran them ends, so a loop that runs
 * eval a million times does not keep a million trees). */
struct arena_mark arena_mark(void)
{
	return (struct arena_mark){ arena, arena ? arena->used : 0 };
}

void arena_release(struct arena_mark m)
{
	/* blocks newer than the mark go; if arena_keep took the marked block
	 * (a function was defined), everything in the arena is newer */
	while (arena && arena != m.block) {
		struct arena_block *next = arena->next;
		free(arena);
		arena = next;
	}
	if (arena)
		arena->used = m.used;
}

/* s quoted so the shell reads it back as it is, as dash writes it: runs
 * of other characters in '...', runs of single quotes in "...". */
void str_add_quoted(struct str *b, const char *s)
{
	if (!*s)
		str_adds(b, "''");
	while (*s) {
		char q = *s == '\'' ? '"' : '\'';
		str_addc(b, q);
		while (*s && (*s == '\'') == (q == '"'))
			str_addc(b, *s++);
		str_addc(b, q);
	}
}

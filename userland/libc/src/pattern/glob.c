/* Ringel libc: glob and globfree (POSIX), on fnmatch and the directory
 * streams.
 *
 * The pattern is taken one '/'-separated component at a time.  A component
 * without wildcards is only appended to the path (its backslashes taken
 * away), and the whole path looked up at the end; a component with
 * wildcards reads the directory so far and goes on with every entry it
 * matches (a leading '.' only by a '.', as the shell does).  Behaviour
 * follows glibc where POSIX leaves room: a directory that cannot be opened
 * stops the search only with GLOB_ERR or when errfunc says so, and not
 * when it is no directory at all (ENOTDIR), and only directories (or links
 * to them) that a wildcard matched are searched further; GLOB_NOCHECK
 * gives back the pattern, without a trailing '/'; GLOB_MARK marks links
 * to directories too. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <glob.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

struct names {
	char **v;
	size_t n, cap;
};

struct walk {
	int flags;
	int (*errfunc)(const char *path, int err);
	struct names out;
	bool nospace;
	bool clear;             /* aborted in a directory a wildcard found */
};

static void add(struct walk *w, char *s)
{
	if (!s) {
		w->nospace = true;
		return;
	}
	if (w->out.n == w->out.cap) {
		size_t cap = w->out.cap ? w->out.cap * 2 : 16;
		char **v = realloc(w->out.v, cap * sizeof *v);
		if (!v) {
			free(s);
			w->nospace = true;
			return;
		}
		w->out.v = v;
		w->out.cap = cap;
	}
	w->out.v[w->out.n++] = s;
}

static char *concat(const char *a, const char *b, size_t blen, const char *c)
{
	size_t la = strlen(a), lc = strlen(c);
	char *s = malloc(la + blen + lc + 1);
	if (!s)
		return NULL;
	memcpy(s, a, la);
	memcpy(s + la, b, blen);
	memcpy(s + la + blen, c, lc + 1);
	return s;
}

static bool has_magic(const char *s, size_t len, bool noescape)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && !noescape)
			i++;
		else if (s[i] == '*' || s[i] == '?' || s[i] == '[')
			return true;
	}
	return false;
}

/* A component without wildcards, its escapes taken away, malloc'd. */
static char *literal(const char *s, size_t len, bool noescape)
{
	char *out = malloc(len + 1);
	if (!out)
		return NULL;
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && !noescape && i + 1 < len)
			i++;
		out[n++] = s[i];
	}
	out[n] = 0;
	return out;
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

/* The last step: path exists (and is a directory if the pattern ended in
 * '/'): it is a match. */
static void found(struct walk *w, const char *path, bool slash)
{
	struct stat st;
	if (slash ? !is_dir(path) : lstat(path, &st) != 0)
		return;
	add(w, concat(path, "", 0, slash ? "/" : ""));
}

/* dir: the path so far ("" or ending in '/'); rest: the pattern after it;
 * below_magic: a wildcard made dir. */
static int expand(struct walk *w, const char *dir, const char *rest, bool below_magic)
{
	bool noescape = w->flags & GLOB_NOESCAPE;
	const char *slash = strchr(rest, '/');
	size_t clen = slash ? (size_t)(slash - rest) : strlen(rest);
	const char *after = NULL;
	if (slash) {
		after = slash;
		while (*after == '/')
			after++;
	}
	bool last = !after || !*after, dir_only = after && !*after;
	/* glibc's rules: a component with escapes, last or below a wildcard,
	 * is read from its directory like a wildcard; a plain one below a
	 * wildcard must exist */
	bool magic = has_magic(rest, clen, noescape) ||
		     ((last || below_magic) && !noescape && memchr(rest, '\\', clen));
	if (!magic) {
		char *name = literal(rest, clen, noescape);
		char *path = name ? concat(dir, name, strlen(name), "") : NULL;
		free(name);
		if (!path) {
			w->nospace = true;
			return 0;
		}
		int r = 0;
		if (last) {
			found(w, path, dir_only);
		} else if (!below_magic || exists(path)) {
			char *sub = concat(path, "/", 1, "");
			r = sub ? expand(w, sub, after, below_magic) : (w->nospace = true, 0);
			free(sub);
		}
		free(path);
		return r;
	}
	char *pat = malloc(clen + 1);
	if (!pat) {
		w->nospace = true;
		return 0;
	}
	memcpy(pat, rest, clen);
	pat[clen] = 0;
	DIR *d = opendir(*dir ? dir : ".");
	if (!d) {
		free(pat);
		if (errno != ENOTDIR && ((w->errfunc && w->errfunc(*dir ? dir : ".", errno)) ||
					 (w->flags & GLOB_ERR))) {
			w->clear = below_magic;
			return GLOB_ABORTED;
		}
		return 0;
	}
	/* the matches first, then onwards: a directory stream stays open only
	 * as long as its own reading */
	struct names m = { NULL, 0, 0 };
	struct dirent *e;
	int fnflags = FNM_PERIOD | (noescape ? FNM_NOESCAPE : 0);
	while ((e = readdir(d))) {
		if (fnmatch(pat, e->d_name, fnflags) != 0)
			continue;
		if (m.n == m.cap) {
			size_t cap = m.cap ? m.cap * 2 : 16;
			char **v = realloc(m.v, cap * sizeof *v);
			if (!v) {
				w->nospace = true;
				break;
			}
			m.v = v;
			m.cap = cap;
		}
		char *path = concat(dir, e->d_name, strlen(e->d_name), "");
		if (!path) {
			w->nospace = true;
			break;
		}
		m.v[m.n++] = path;
	}
	closedir(d);
	free(pat);
	int r = 0;
	for (size_t i = 0; i < m.n; i++) {
		if (!r) {
			if (last) {
				if (dir_only)
					found(w, m.v[i], true);
				else
					add(w, concat(m.v[i], "", 0, ""));
			} else if (is_dir(m.v[i])) {    /* (so a dangling link is no error) */
				char *sub = concat(m.v[i], "/", 1, "");
				r = sub ? expand(w, sub, after, true) : (w->nospace = true, 0);
				free(sub);
			}
		}
		free(m.v[i]);
	}
	free(m.v);
	return r;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int glob(const char *restrict pattern, int flags, int (*errfunc)(const char *path, int err),
	 glob_t *restrict g)
{
	struct walk w = { flags, errfunc, { NULL, 0, 0 }, false, false };
	const char *rest = pattern;
	const char *dir = "";
	if (*rest == '/') {
		dir = "/";
		while (*rest == '/')
			rest++;
	}
	int r = *rest ? expand(&w, dir, rest, false) : (*dir ? (add(&w, concat("/", "", 0, "")), 0) : 0);
	if (!r && w.out.n == 0 && (flags & GLOB_NOCHECK)) {
		/* the pattern, without a trailing '/' (as glibc gives it) */
		size_t len = strlen(pattern);
		while (len > 1 && pattern[len - 1] == '/')
			len--;
		add(&w, concat("", pattern, len, ""));
	}
	if (flags & GLOB_MARK) {
		for (size_t i = 0; i < w.out.n; i++) {
			size_t len = strlen(w.out.v[i]);
			if (len && w.out.v[i][len - 1] != '/' && is_dir(w.out.v[i])) {
				char *s = concat(w.out.v[i], "/", 1, "");
				if (!s) {
					w.nospace = true;
					continue;
				}
				free(w.out.v[i]);
				w.out.v[i] = s;
			}
		}
	}
	if (!(flags & GLOB_NOSORT) && w.out.n > 1)
		qsort(w.out.v, w.out.n, sizeof *w.out.v, by_name);

	if (r) {
		/* as glibc: an aborted search adds nothing, and one that failed in
		 * a directory a wildcard found leaves no earlier names either */
		for (size_t i = 0; i < w.out.n; i++)
			free(w.out.v[i]);
		free(w.out.v);
		if (!(flags & GLOB_APPEND) || w.clear) {
			if (flags & GLOB_APPEND)
				globfree(g);
			g->gl_pathc = 0;
			g->gl_pathv = NULL;
		}
		return r;
	}
	/* gl_pathv: the offsets, the earlier names (GLOB_APPEND), the new ones */
	if (!(flags & GLOB_APPEND)) {
		g->gl_pathc = 0;
		g->gl_pathv = NULL;
	}
	if (!(flags & GLOB_DOOFFS))
		g->gl_offs = 0;
	size_t offs = g->gl_offs, old = g->gl_pathc;
	char **v = realloc(g->gl_pathv, (offs + old + w.out.n + 1) * sizeof *v);
	if (!v) {
		for (size_t i = 0; i < w.out.n; i++)
			free(w.out.v[i]);
		free(w.out.v);
		return GLOB_NOSPACE;
	}
	if (!g->gl_pathv)
		for (size_t i = 0; i < offs; i++)
			v[i] = NULL;
	memcpy(v + offs + old, w.out.v, w.out.n * sizeof *v);
	v[offs + old + w.out.n] = NULL;
	g->gl_pathv = v;
	g->gl_pathc = old + w.out.n;
	g->gl_flags = flags;
	size_t added = w.out.n;
	free(w.out.v);
	if (w.nospace)
		return GLOB_NOSPACE;
	return added ? 0 : GLOB_NOMATCH;
}

void globfree(glob_t *g)
{
	if (!g->gl_pathv)
		return;
	for (size_t i = 0; i < g->gl_pathc; i++)
		free(g->gl_pathv[g->gl_offs + i]);
	free(g->gl_pathv);
	g->gl_pathv = NULL;
	g->gl_pathc = 0;
}

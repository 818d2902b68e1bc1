/* Pattern matching (XCU 2.13): * ? [...] [!...] with character classes,
 * for case, ${x#pattern} and pathname expansion.
 *
 * A pattern here is text where a backslash makes the next character
 * literal: expand.c writes every quoted character of a word that way, so
 * case "$x" in "*") matches only a star. */
#include "sh.h"
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool class_match(const char *name, size_t n, int c)
{
	static const struct {
		const char *name;
		int (*fn)(int);
	} classes[] = {
		{ "alnum", isalnum }, { "alpha", isalpha }, { "blank", isblank }, { "cntrl", iscntrl },
		{ "digit", isdigit }, { "graph", isgraph }, { "lower", islower }, { "print", isprint },
		{ "punct", ispunct }, { "space", isspace }, { "upper", isupper }, { "xdigit", isxdigit },
	};
	for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++)
		if (strlen(classes[i].name) == n && !strncmp(classes[i].name, name, n))
			return classes[i].fn(c) != 0;
	return false;
}

/* The bracket expression at p (just after '['): does it match c?  *end
 * is set past its ']'; false with *end = NULL if it has no ']' (then the
 * '[' is an ordinary character). */
static bool bracket_match(const char *p, int c, const char **end)
{
	bool negate = *p == '!' || *p == '^', found = false;
	if (negate)
		p++;
	const char *start = p;
	while (*p && (*p != ']' || p == start)) {
		int lo;
		if (p[0] == '[' && p[1] == ':') {
			const char *close = strstr(p + 2, ":]");
			if (!close) {
				*end = NULL;
				return false;
			}
			found |= class_match(p + 2, (size_t)(close - p - 2), c);
			p = close + 2;
			continue;
		}
		if (*p == '\\' && p[1])
			p++;
		lo = (unsigned char)*p++;
		if (p[0] == '-' && p[1] && p[1] != ']') {
			p++;
			if (*p == '\\' && p[1])
				p++;
			int hi = (unsigned char)*p++;
			found |= c >= lo && c <= hi;
		} else {
			found |= c == lo;
		}
	}
	if (!*p) {
		*end = NULL;
		return false;
	}
	*end = p + 1;
	return found != negate;
}

bool pattern_match(const char *p, const char *s)
{
	for (;;) {
		switch (*p) {
		case 0:
			return *s == 0;
		case '*':
			while (*p == '*')
				p++;
			if (!*p)
				return true;
			for (; *s; s++)
				if (pattern_match(p, s))
					return true;
			return pattern_match(p, s);
		case '?':
			if (!*s)
				return false;
			p++, s++;
			break;
		case '[': {
			const char *end;
			if (!*s)
				return false;
			bool m = bracket_match(p + 1, (unsigned char)*s, &end);
			if (end) {
				if (!m)
					return false;
				p = end, s++;
				break;
			}
			if (*s != '[')
				return false;
			p++, s++;
			break;
		}
		case '\\':
			if (p[1])
				p++;
			/* fall through */
		default:
			if (*p != *s)
				return false;
			p++, s++;
		}
	}
}

bool pattern_has_magic(const char *p)
{
	for (; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '*' || *p == '?' || *p == '[')
			return true;
	}
	return false;
}

/* The pattern with its backslashes removed (a literal path part). */
static char *unescape(const char *p, size_t n)
{
	struct str b = { 0 };
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '\\' && i + 1 < n)
			i++;
		str_addc(&b, p[i]);
	}
	return str_take(&b);
}

/* ---------------------------------------------------------------- pathnames */

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Match the path components of pat against the directory dir (the text
 * matched so far, "" for the working directory), adding whole paths. */
static void glob_in(const char *dir, const char *pat, struct fields *out)
{
	const char *slash = strchr(pat, '/');
	size_t n = slash ? (size_t)(slash - pat) : strlen(pat);
	char *comp = xstrndup(pat, n);
	if (!pattern_has_magic(comp)) {
		/* a literal component: no need to read the directory */
		char *lit = unescape(pat, n);
		struct str path = { 0 };
		str_adds(&path, dir);
		str_adds(&path, lit);
		free(lit);
		struct stat st;
		if (!slash) {
			if (lstat(path.s, &st) == 0)
				fields_add(out, str_take(&path));
		} else {
			str_addc(&path, '/');
			glob_in(path.s, slash + 1, out);
		}
		free(path.s);
		free(comp);
		return;
	}
	DIR *d = opendir(*dir ? dir : ".");
	if (!d) {
		free(comp);
		return;
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		/* a leading dot is matched only by a dot written in the pattern */
		if (e->d_name[0] == '.' && comp[0] != '.')
			continue;
		if (!pattern_match(comp, e->d_name))
			continue;
		struct str path = { 0 };
		str_adds(&path, dir);
		str_adds(&path, e->d_name);
		if (!slash) {
			fields_add(out, str_take(&path));
		} else {
			str_addc(&path, '/');
			glob_in(path.s, slash + 1, out);
			free(path.s);
		}
	}
	closedir(d);
	free(comp);
}

/* Pathname expansion of one pattern: the sorted matches added to out;
 * false (nothing added) if there were none. */
bool glob_pattern(const char *pat, struct fields *out)
{
	struct fields found = { 0 };
	if (pat[0] == '/')
		glob_in("/", pat + 1, &found);
	else
		glob_in("", pat, &found);
	if (!found.n) {
		fields_free(&found);
		return false;
	}
	qsort(found.v, (size_t)found.n, sizeof *found.v, compare_names);
	for (int i = 0; i < found.n; i++)
		fields_add(out, found.v[i]);
	free(found.v);
	return true;
}

/* Tab completion for the line editor: the candidates for the word before
 * the cursor.
 *
 * The first word of a command (at the start of the line, after ; | & ( or
 * a reserved word such as "then" or "do") is completed from the builtins,
 * the functions, the aliases and the programs in $PATH; any other word,
 * and a first word with a '/' in it, from the file names in its directory.
 * Directories get a '/' at the end.  A word may begin with "~/" (the home
 * directory) and may hold spaces escaped with a backslash; candidates with
 * characters the shell treats specially are escaped the same way. */
#include "sh.h"
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool is_delim(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '|' || c == '&' ||
	       c == '<' || c == '>' || c == '(' || c == ')';
}

/* Characters a file name must have escaped to stay one word. */
static bool needs_escape(char c)
{
	return is_delim(c) || strchr("\\'\"`$*?[]#", c) != NULL;
}

/* Where the word ending at pos begins (a backslash keeps a delimiter). */
static size_t word_start(const char *line, size_t pos)
{
	size_t s = pos;
	while (s > 0 && !(is_delim(line[s - 1]) && !(s >= 2 && line[s - 2] == '\\')))
		s--;
	return s;
}

/* Is the word at start in command position? */
static bool command_position(const char *line, size_t start)
{
	static const char *const after[] = { "if", "then", "else", "elif", "do", "while",
					     "until", "!", "{", "time", NULL };
	size_t p = start;
	while (p > 0 && (line[p - 1] == ' ' || line[p - 1] == '\t'))
		p--;
	if (p == 0)
		return true;
	char c = line[p - 1];
	if (c == ';' || c == '|' || c == '&' || c == '(' || c == '\n')
		return true;
	size_t w = word_start(line, p);
	for (int i = 0; after[i]; i++)
		if (p - w == strlen(after[i]) && !strncmp(line + w, after[i], p - w))
			return command_position(line, w);
	/* NAME=value before the command */
	if (assignment_name_len(line + w) && memchr(line + w, '=', p - w))
		return command_position(line, w);
	return false;
}

static void add_unique(struct fields *f, const char *s)
{
	for (int i = 0; i < f->n; i++)
		if (!strcmp(f->v[i], s))
			return;
	fields_add(f, xstrdup(s));
}

static void add_matching(struct fields *out, struct fields *names, const char *prefix)
{
	size_t n = strlen(prefix);
	for (int i = 0; i < names->n; i++)
		if (!strncmp(names->v[i], prefix, n))
			add_unique(out, names->v[i]);
	fields_free(names);
}

static void commands(const char *prefix, struct fields *out)
{
	struct fields names = { 0 };
	builtin_names(&names);
	add_matching(out, &names, prefix);
	func_names(&names);
	add_matching(out, &names, prefix);
	alias_names(&names);
	add_matching(out, &names, prefix);
	const char *path = var_get("PATH");
	if (!path)
		return;
	size_t n = strlen(prefix);
	for (const char *p = path;;) {
		const char *colon = strchr(p, ':');
		size_t len = colon ? (size_t)(colon - p) : strlen(p);
		char *dir = len ? xstrndup(p, len) : xstrdup(".");
		DIR *d = opendir(dir);
		struct dirent *de;
		while (d && (de = readdir(d))) {
			if (de->d_name[0] == '.' && n == 0)
				continue;
			if (strncmp(de->d_name, prefix, n))
				continue;
			struct str full = { 0 };
			str_adds(&full, dir);
			str_addc(&full, '/');
			str_adds(&full, de->d_name);
			struct stat st;
			if (stat(full.s, &st) == 0 && S_ISREG(st.st_mode) && access(full.s, X_OK) == 0)
				add_unique(out, de->d_name);
			free(full.s);
		}
		if (d)
			closedir(d);
		free(dir);
		if (!colon)
			break;
		p = colon + 1;
	}
}

/* Files for the word (backslashes removed): "dir/pre" lists dir for names
 * starting with "pre"; candidates are whole words ("dir/name", "dir/sub/"). */
static void files(const char *word, struct fields *out)
{
	const char *slash = strrchr(word, '/');
	char *shown = slash ? xstrndup(word, (size_t)(slash - word) + 1) : xstrdup("");
	const char *prefix = slash ? slash + 1 : word;
	struct str dir = { 0 };
	const char *home = var_get("HOME");
	if (shown[0] == '~' && shown[1] == '/' && home) {
		str_adds(&dir, home);
		str_adds(&dir, shown + 1);
	} else {
		str_adds(&dir, *shown ? shown : "./");
	}
	DIR *d = opendir(dir.s);
	struct dirent *de;
	size_t n = strlen(prefix);
	while (d && (de = readdir(d))) {
		const char *name = de->d_name;
		if (!strcmp(name, ".") || !strcmp(name, ".."))
			continue;
		if (name[0] == '.' && prefix[0] != '.')
			continue;       /* dot files only when asked for */
		if (strncmp(name, prefix, n))
			continue;
		struct str c = { 0 };
		str_adds(&c, shown);
		str_adds(&c, name);
		struct str full = { 0 };
		str_adds(&full, dir.s);
		str_adds(&full, name);
		struct stat st;
		if (stat(full.s, &st) == 0 && S_ISDIR(st.st_mode))
			str_addc(&c, '/');
		free(full.s);
		fields_add(out, str_take(&c));
	}
	if (d)
		closedir(d);
	free(dir.s);
	free(shown);
}

static int compare(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t complete_word(const char *line, size_t pos, struct fields *out)
{
	size_t start = word_start(line, pos);
	struct str word = { 0 };
	for (size_t i = start; i < pos; i++) {
		if (line[i] == '\\' && i + 1 < pos)
			i++;
		str_addc(&word, line[i]);
	}
	char *w = str_take(&word);
	if (command_position(line, start) && !strchr(w, '/'))
		commands(w, out);
	else
		files(w, out);
	free(w);
	if (out->n > 1)
		qsort(out->v, (size_t)out->n, sizeof out->v[0], compare);
	return start;
}

char *complete_escape(const char *s)
{
	struct str b = { 0 };
	for (const char *c = s; *c; c++) {
		/* "~/" at the start means the home directory: keep it */
		if (needs_escape(*c) && !(c == s && *c == '~'))
			str_addc(&b, '\\');
		str_addc(&b, *c);
	}
	return str_take(&b);
}

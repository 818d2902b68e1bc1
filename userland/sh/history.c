/* The command history: the commands typed at the prompt, oldest first, for
 * the line editor (up/down, ^R) and the "history" and "fc" builtins.
 *
 * At most $HISTSIZE commands are kept (500 when unset).  An interactive
 * shell loads them from $HISTFILE (default $HOME/.sh_history) when it
 * starts and appends each new command to that file at once, so the history
 * outlives the session, and a reboot too when the file is on a disk (init
 * sets HOME=/home when it mounts the persistent disk there).  Writing at
 * once rather than at exit keeps what was typed when the machine is simply
 * powered off (init kills the shell with SIGKILL).
 *
 * The file is plain text, one command after the other; a command typed
 * over several lines (a loop, a quoted newline) takes several lines, and
 * the parser tells where it ends when the file is read back.  It is
 * rewritten with only the newest $HISTSIZE commands when it grows to twice
 * that. */
#include "sh.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define HISTSIZE_DEFAULT 500
#define HISTSIZE_LIMIT 100000

static char **lines;
static int count, cap;
static int first_number = 1;     /* the number "history" shows for lines[0] */
static int file_commands;        /* commands in the history file */
static bool file_enabled;        /* history_load ran: keep the file */

static int histsize(void)
{
	int n;
	const char *v = var_get("HISTSIZE");
	if (!v || !parse_int(v, &n) || n < 0)
		return HISTSIZE_DEFAULT;
	return n > HISTSIZE_LIMIT ? HISTSIZE_LIMIT : n;
}

/* $HISTFILE, or $HOME/.sh_history; NULL when there is no home (malloc'd). */
static char *history_path(void)
{
	const char *f = var_get("HISTFILE");
	if (f)
		return *f ? xstrdup(f) : NULL;
	const char *home = var_get("HOME");
	if (!home || !*home)
		return NULL;
	struct str b = { 0 };
	str_adds(&b, home);
	if (b.s[b.len - 1] != '/')
		str_addc(&b, '/');
	str_adds(&b, ".sh_history");
	return str_take(&b);
}

/* Drop the oldest commands until at most max are left. */
static void trim(int max)
{
	if (count <= max)
		return;
	int drop = count - max;
	for (int i = 0; i < drop; i++)
		free(lines[i]);
	memmove(lines, lines + drop, (size_t)max * sizeof lines[0]);
	count = max;
	first_number += drop;
}

static void remember(char *line)
{
	if (count == cap) {
		cap = cap ? cap * 2 : 64;
		lines = xrealloc(lines, (size_t)cap * sizeof lines[0]);
	}
	lines[count++] = line;
}

/* Write every command in memory to the file, replacing it. */
static void rewrite_file(void)
{
	char *path = history_path();
	if (!path)
		return;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	free(path);
	if (fd < 0)
		return;
	struct str b = { 0 };
	for (int i = 0; i < count; i++) {
		str_adds(&b, lines[i]);
		str_addc(&b, '\n');
	}
	if (b.len)
		write_all_checked(fd, b.s, b.len);
	free(b.s);
	close(fd);
	file_commands = count;
}

static void append_file(const char *line)
{
	char *path = history_path();
	if (!path)
		return;
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	free(path);
	if (fd < 0)
		return;
	struct str b = { 0 };
	str_adds(&b, line);
	str_addc(&b, '\n');
	write_all_checked(fd, b.s, b.len);
	free(b.s);
	close(fd);
	if (++file_commands >= 2 * histsize() && file_commands > 16)
		rewrite_file();
}

void history_load(void)
{
	file_enabled = true;
	char *path = history_path();
	char *text = path ? read_file(path) : NULL;
	free(path);
	if (!text)
		return;
	/* split into commands: lines are joined while the parser says the
	 * command goes on (an open quote, a loop without its "done") */
	struct str cmd = { 0 };
	int found = 0;
	for (char *l = text; *l;) {
		char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) + 1 : strlen(l);
		str_addn(&cmd, l, n);
		l += n;
		if (*l && parse_incomplete(cmd.s))
			continue;
		while (cmd.len && cmd.s[cmd.len - 1] == '\n')
			cmd.len--;
		if (cmd.len)
			remember(xstrndup(cmd.s, cmd.len));
		cmd.len = 0;
		found++;
		/* preemption point: a long file is read in one go */
	}
	free(cmd.s);
	free(text);
	trim(histsize());
	file_commands = found;
	if (found > count)
		rewrite_file();      /* the file had more than HISTSIZE */
}

void history_add(const char *line)
{
	size_t n = strlen(line);
	while (n && (line[n - 1] == '\n' || line[n - 1] == ' '))
		n--;
	if (n == 0)
		return;
	/* the same command twice in a row is kept once */
	if (count && strlen(lines[count - 1]) == n && !strncmp(lines[count - 1], line, n))
		return;
	int max = histsize();
	if (max == 0)
		return;
	remember(xstrndup(line, n));
	trim(max);
	if (file_enabled)
		append_file(lines[count - 1]);
}

int history_count(void)
{
	return count;
}

const char *history_get(int i)
{
	return i >= 0 && i < count ? lines[i] : NULL;
}

int history_next_number(void)
{
	return first_number + count;
}

/* The index of the fc command itself (the newest entry when typed at the
 * prompt): negative numbers count back from it. */
static int fc_current(void)
{
	return count && !strncmp(lines[count - 1], "fc", 2) ? count - 1 : count;
}

/* A command given to fc as a number (negative: counted back from the fc
 * command, -1 the one before it) or as the beginning of its text; its
 * index, -1 if none. */
static int fc_find(const char *s)
{
	int n;
	if (parse_int(s, &n) || (s[0] == '-' && parse_int(s + 1, &n) && (n = -n, true))) {
		if (n < 0)
			n = fc_current() + n;
		else
			n -= first_number;
		if (n < 0)
			n = 0;
		if (n >= count)
			n = count - 1;
		return n;
	}
	for (int i = count - 1; i >= 0; i--)
		if (!strncmp(lines[i], s, strlen(s)))
			return i;
	return -1;
}

static void list(int from, int to, bool numbers, const char *sep)
{
	struct str b = { 0 };
	int step = from <= to ? 1 : -1;
	for (int i = from;; i += step) {
		if (numbers) {
			char num[24];
			/* history: "%5d  "; fc -l: "%d\t" (POSIX) */
			snprintf(num, sizeof num, *sep == '\t' ? "%d%s" : "%5d%s", first_number + i, sep);
			str_adds(&b, num);
		} else {
			str_addc(&b, '\t');
		}
		/* a command over several lines: its later lines indented */
		for (const char *c = lines[i]; *c; c++) {
			str_addc(&b, *c);
			if (*c == '\n')
				str_addc(&b, '\t');
		}
		str_addc(&b, '\n');
		if (i == to)
			break;
	}
	if (b.s)
		out_str(1, b.s);
	free(b.s);
}

/* history [N]: every command (or the last N), numbered. */
int builtin_history(int argc, char **argv)
{
	int n = count;
	if (argc > 1 && (!parse_int(argv[1], &n) || n < 0)) {
		sh_error("history: %s: bad number", argv[1]);
		return 2;
	}
	if (n > count)
		n = count;
	if (n > 0)
		list(count - n, count - 1, true, "  ");
	return 0;
}

/* fc -l [-nr] [FIRST [LAST]]: list (the last 16 by default).
 * fc -s [OLD=NEW] [FIRST]: run a command again, with OLD replaced.
 * The editor form of fc (no -l, no -s) is not offered. */
int builtin_fc(int argc, char **argv)
{
	bool l = false, n = false, r = false, s = false;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1] && !(argv[i][1] >= '0' && argv[i][1] <= '9'); i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			switch (*o) {
			case 'l': l = true; break;
			case 'n': n = true; break;
			case 'r': r = true; break;
			case 's': s = true; break;
			default:
				sh_error("fc: -%c: only -l, -n, -r and -s are offered", *o);
				return 2;
			}
		}
	}
	if (!l && !s) {
		sh_error("fc: no editor here: use fc -l to list, fc -s to run again");
		return 2;
	}
	if (s) {
		const char *repl = i < argc && strchr(argv[i], '=') ? argv[i++] : NULL;
		/* the fc -s itself may be the newest command: start before it */
		int limit = fc_current();
		int at = -1;
		if (i < argc) {
			at = fc_find(argv[i]);
			if (at >= limit && limit > 0)
				at = limit - 1;
		} else if (limit > 0) {
			at = limit - 1;
		}
		if (at < 0 || at >= count) {
			sh_error("fc: no command found");
			return 2;
		}
		struct str cmd = { 0 };
		const char *text = lines[at];
		if (repl) {
			const char *eq = strchr(repl, '=');
			size_t olen = (size_t)(eq - repl);
			char *old = xstrndup(repl, olen);
			const char *hit = olen ? strstr(text, old) : NULL;
			free(old);
			if (hit) {
				str_addn(&cmd, text, (size_t)(hit - text));
				str_adds(&cmd, eq + 1);
				str_adds(&cmd, hit + olen);
			}
		}
		if (!cmd.len)
			str_adds(&cmd, text);
		char *c = str_take(&cmd);
		out_str(2, c);
		out_str(2, "\n");
		if (limit == count - 1)     /* the history shows what ran, not "fc -s" */
			free(lines[--count]);
		history_add(c);
		int st = eval_string(c);
		free(c);
		return st;
	}
	/* the fc -l itself is not listed */
	int last = fc_current() - 1;
	if (last < 0)
		return 0;
	int from = i < argc ? fc_find(argv[i]) : (last > 15 ? last - 15 : 0);
	int to = i + 1 < argc ? fc_find(argv[i + 1]) : last;
	if (from < 0 || to < 0) {
		sh_error("fc: history specification out of range");
		return 1;
	}
	if (from > last)
		from = last;
	if (to > last)
		to = last;
	if (r) {
		int t = from;
		from = to;
		to = t;
	}
	list(from, to, !n, "\t");
	return 0;
}

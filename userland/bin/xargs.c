/* xargs: run a command with arguments read from standard input. */
#include "common.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char help[] =
	"[-0r] [-n MAX] [-I REPLACE] [COMMAND [ARG...]]\n"
	"Run COMMAND (echo by default) with ARGs and the words read from standard input\n"
	"(blank-separated, with ' \" and \\ quoting), as many at once as fit.\n"
	"  -0  items end with NUL bytes, no quoting   -n  at most MAX items per command\n"
	"  -I  once per input line, REPLACE in the ARGs becoming the line\n"
	"  -r  run nothing when the input is empty\n"
	"Exit status: 123 a command failed, 124 one exited 255, 125 a signal, 126/127\n"
	"the command could not be run.\n";

static char **items;
static size_t nitems, icap;

static void add_item(const char *s, size_t n)
{
	if (nitems == icap && !(items = realloc(items, (icap = icap ? icap * 2 : 64) * sizeof *items)))
		die("out of memory");
	if (!(items[nitems++] = strndup(s, n)))
		die("out of memory");
}

/* Split the whole input into items. */
static void read_items(const char *in, size_t len, bool nul, bool lines)
{
	char *w = malloc(len + 1);
	if (!w)
		die("out of memory");
	size_t i = 0;
	while (i < len) {
		if (nul) {
			size_t s = i;
			while (i < len && in[i])
				i++;
			add_item(in + s, i - s);
			i++;
			continue;
		}
		/* blanks separate items, or with -I only newlines (leading blanks dropped) */
		while (i < len && (in[i] == ' ' || in[i] == '\t' || in[i] == '\n'))
			i++;
		if (i >= len)
			break;
		size_t n = 0;
		char quote = 0;
		while (i < len && (quote || !(in[i] == '\n' || (!lines && (in[i] == ' ' || in[i] == '\t'))))) {
			char c = in[i++];
			if (quote) {
				if (c == quote)
					quote = 0;
				else if (c == '\n')
					die("unmatched %s quote", quote == '"' ? "double" : "single");
				else
					w[n++] = c;
			} else if (c == '\'' || c == '"') {
				quote = c;
			} else if (c == '\\' && i < len) {
				w[n++] = in[i++];
			} else {
				w[n++] = c;
			}
		}
		if (quote)
			die("unmatched %s quote", quote == '"' ? "double" : "single");
		add_item(w, n);
	}
	free(w);
}

static int worst;

static void run(char **argv)
{
	fflush(stdout);
	/* a close-on-exec pipe tells a failed exec (the errno comes through)
	 * from a command that ran and exited 126 or 127 */
	int p[2];
	if (pipe(p) < 0)
		die_errno("pipe");
	fcntl(p[0], F_SETFD, FD_CLOEXEC);
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	pid_t pid = fork();
	if (pid < 0)
		die_errno("fork");
	if (pid == 0) {
		close(p[0]);
		execvp(argv[0], argv);
		int e = errno;
		warn_errno(argv[0]);
		if (write(p[1], &e, sizeof e) < 0)
			_exit(127);
		_exit(127);
	}
	close(p[1]);
	int e = 0;
	bool exec_failed = read(p[0], &e, sizeof e) == (ssize_t)sizeof e;
	close(p[0]);
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			die_errno("waitpid");
	if (exec_failed)
		exit(e == ENOENT ? 127 : 126);
	int code = 0;
	if (WIFSIGNALED(st))
		code = 125;
	else if (WEXITSTATUS(st) == 255)
		code = 124;
	else if (WEXITSTATUS(st))
		code = 123;
	if (code > worst)
		worst = code;
	if (code == 124 || code == 125) {
		warn("%s: stopped", argv[0]);
		exit(code);
	}
}

static char *replace(const char *arg, const char *what, const char *with)
{
	size_t wl = strlen(what), n = 0;
	for (const char *p = arg; (p = strstr(p, what)); p += wl)
		n++;
	char *out = malloc(strlen(arg) + n * strlen(with) + 1), *o = out;
	if (!out)
		die("out of memory");
	for (const char *p = arg; *p;) {
		if (wl && !strncmp(p, what, wl)) {
			o = stpcpy(o, with);
			p += wl;
		} else {
			*o++ = *p++;
		}
	}
	*o = 0;
	return out;
}

int main(int argc, char **argv)
{
	cmd_init("xargs", help);
	bool nul = false, opt_r = false;
	long max = 0;
	const char *repl = NULL;
	int c;
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	while ((c = getopt(argc, argv, "+0rn:I:h")) != -1) {
		switch (c) {
		case '0': nul = true; break;
		case 'r': opt_r = true; break;
		case 'n':
			if (!parse_long(optarg, &max) || max < 1)
				die("value %s for -n option should be >= 1", optarg);
			break;
		case 'I': repl = optarg; break;
		default: usage(c == 'h' ? 0 : 1);
		}
	}
	size_t len;
	char *in = read_file("/dev/stdin", &len);
	if (!in)
		die_errno("standard input");
	read_items(in, len, nul, repl && !nul);
	free(in);
	int nfixed = argc - optind;
	char *echo[] = { "echo" };
	char **fixed = nfixed ? argv + optind : echo;
	if (!nfixed)
		nfixed = 1;
	if (nitems == 0) {
		if (!opt_r && !repl) {
			char **cmd = calloc((size_t)nfixed + 1, sizeof *cmd);
			if (!cmd)
				die("out of memory");
			memcpy(cmd, fixed, (size_t)nfixed * sizeof *cmd);
			run(cmd);
		}
		return worst;
	}
	char **cmd = calloc((size_t)nfixed + nitems + 1, sizeof *cmd);
	if (!cmd)
		die("out of memory");
	if (repl) {
		for (size_t i = 0; i < nitems; i++) {
			for (int k = 0; k < nfixed; k++)
				cmd[k] = k ? replace(fixed[k], repl, items[i]) : fixed[k];
			cmd[nfixed] = NULL;
			run(cmd);
			for (int k = 1; k < nfixed; k++)
				free(cmd[k]);
		}
		return worst;
	}
	/* batches: at most max items, and about 128 KiB of arguments */
	size_t i = 0;
	while (i < nitems) {
		int n = 0;
		size_t bytes = 0;
		memcpy(cmd, fixed, (size_t)nfixed * sizeof *cmd);
		while (i < nitems && (max == 0 || n < max) && (n == 0 || bytes + strlen(items[i]) < 128 * 1024)) {
			bytes += strlen(items[i]) + 1;
			cmd[nfixed + n++] = items[i++];
		}
		cmd[nfixed + n] = NULL;
		run(cmd);
	}
	return worst;
}

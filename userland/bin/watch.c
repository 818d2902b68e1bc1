/* watch: run a command again and again, full screen, showing its output. */
#include "common.h"
#include "term.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static const char text[] =
	"[-n SECONDS] [-t] [-c COUNT] COMMAND...\n"
	"Run COMMAND (through sh -c) every SECONDS (default 2, fractions allowed)\n"
	"and show the start of its output full screen, under a title line.  ^C ends it.\n"
	"  -t  no title    -c  stop after COUNT runs (0: never)\n";

/* The command's standard output and error, at most max bytes. */
static char *run(const char *cmd, size_t max, size_t *len)
{
	int fd[2];
	if (pipe(fd) < 0)
		die_errno("pipe");
	pid_t pid = fork();
	if (pid < 0)
		die_errno("fork");
	if (pid == 0) {
		close(fd[0]);
		dup2(fd[1], 1);
		dup2(fd[1], 2);
		close(fd[1]);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	char *buf = malloc(max + 1);
	if (!buf)
		die("out of memory");
	size_t n = 0;
	char sink[4096];
	for (;;) {
		ssize_t r = n < max ? read(fd[0], buf + n, max - n) : read(fd[0], sink, sizeof sink);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (n < max)
			n += (size_t)r;
	}
	close(fd[0]);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	cmd_init("watch", text);
	double every = 2;
	bool title = true;
	long count = 0;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			usage(0);
		else if (!strcmp(a, "--"))
			{ i++; break; }
		else if (!strcmp(a, "-t"))
			title = false;
		else if (!strncmp(a, "-n", 2) && (a[2] || i + 1 < argc)) {
			const char *v = a[2] ? a + 2 : argv[++i];
			char *end;
			every = strtod(v, &end);
			if (*end || every < 0.1)
				every = *end ? -1 : 0.1;
			if (every < 0)
				die("bad interval '%s'", v);
		} else if (!strncmp(a, "-c", 2) && (a[2] || i + 1 < argc)) {
			const char *v = a[2] ? a + 2 : argv[++i];
			if (!parse_long(v, &count) || count < 0)
				die("bad count '%s'", v);
		} else
			usage(1);
	}
	if (i >= argc)
		usage(1);
	/* the command: the words joined with spaces, for sh -c */
	size_t cl = 0;
	for (int k = i; k < argc; k++)
		cl += strlen(argv[k]) + 1;
	char *cmd = malloc(cl + 1);
	if (!cmd)
		die("out of memory");
	cmd[0] = 0;
	for (int k = i; k < argc; k++) {
		strcat(cmd, argv[k]);
		if (k + 1 < argc)
			strcat(cmd, " ");
	}
	char host[64] = "";
	gethostname(host, sizeof host);
	for (long run_no = 1;; run_no++) {
		int rows, cols;
		term_size(&rows, &cols);
		size_t len;
		char *o = run(cmd, (size_t)rows * (size_t)cols * 2 + 4096, &len);
		out_s("\033[H\033[2J");
		int row = 0;
		if (title) {
			time_t now = time(NULL);
			struct tm tm;
			localtime_r(&now, &tm);
			char right[96];
			snprintf(right, sizeof right, "%s: %04d-%02d-%02d %02d:%02d:%02d", host, tm.tm_year + 1900,
				 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
			char left[256];
			snprintf(left, sizeof left, "Every %.1fs: %s", every, cmd);
			int room = cols - (int)strlen(right) - 1;
			out_f("%-*.*s %s", room > 0 ? room : 0, room > 0 ? room : 0, left, right);
			row = 2;
		}
		/* the output, lines cut at the screen's width */
		int col = 0;
		out_move(row, 0);
		for (size_t k = 0; k < len && row < rows; k++) {
			char c = o[k];
			if (c == '\n') {
				if (++row < rows)
					out_move(row, 0);
				col = 0;
			} else if (c == '\t') {
				int w = 8 - col % 8;
				for (int s = 0; s < w && col < cols; s++, col++)
					out_c(' ');
			} else if (col < cols) {
				out_c((unsigned char)c < 0x20 ? '?' : c);
				col++;
			}
		}
		out_flush();
		free(o);
		if (count && run_no >= count)
			break;
		struct timespec ts = { (time_t)every, (long)((every - (double)(long)every) * 1e9) };
		while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
			;
	}
	out_move(0, 0);
	out_s("\n");
	out_flush();
	free(cmd);
	return 0;
}

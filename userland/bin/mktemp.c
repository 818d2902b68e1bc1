/* mktemp: create a file or directory with a new, unguessable name, and
 * print the name. */
#include "common.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

static const char text[] =
	"[-d] [-u] [-q] [-t] [-p DIR] [--suffix=SUFF] [TEMPLATE]\n"
	"Create a temporary file (or directory) named after TEMPLATE, whose trailing\n"
	"X's (3 at least) become random letters and digits; default tmp.XXXXXXXXXX\n"
	"in $TMPDIR or /tmp.  Print its name.\n"
	"  -d  a directory   -u  only print a name, create nothing   -q  no messages\n"
	"  -p DIR  put it in DIR (default $TMPDIR, else /tmp)\n"
	"  -t  TEMPLATE is a name in that directory (as without -p)\n";

static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

static void fill(char *x, size_t n)
{
	unsigned char r[64];
	while (n > 0) {
		size_t k = n < sizeof r ? n : sizeof r;
		if (getrandom(r, k, 0) != (ssize_t)k)
			die_errno("getrandom");
		for (size_t i = 0; i < k; i++)
			x[i] = chars[r[i] % (sizeof chars - 1)];
		x += k;
		n -= k;
	}
}

int main(int argc, char **argv)
{
	cmd_init("mktemp", text);
	bool dir = false, dry = false, quiet = false, t_opt = false;
	const char *tmpdir = NULL, *suffix = "";
	bool use_tmpdir = false;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help"))
			usage(0);
		else if (!strcmp(a, "--"))
			{ i++; break; }
		else if (!strncmp(a, "--suffix=", 9))
			suffix = a + 9;
		else if (!strcmp(a, "--tmpdir"))
			use_tmpdir = true;
		else if (!strncmp(a, "--tmpdir=", 9))
			{ use_tmpdir = true; tmpdir = a + 9; }
		else if (!strcmp(a, "--directory"))
			dir = true;
		else if (!strcmp(a, "--dry-run"))
			dry = true;
		else if (!strcmp(a, "--quiet"))
			quiet = true;
		else if (a[1] == '-')
			usage(1);
		else {
			for (const char *p = a + 1; *p; p++) {
				if (*p == 'd') dir = true;
				else if (*p == 'u') dry = true;
				else if (*p == 'q') quiet = true;
				else if (*p == 't') t_opt = true;
				else if (*p == 'p') {
					use_tmpdir = true;
					if (p[1])
						tmpdir = p + 1;
					else if (i + 1 < argc)
						tmpdir = argv[++i];
					else
						usage(1);
					break;
				} else
					usage(1);
			}
		}
	}
	if (argc - i > 1)
		die("too many templates");
	const char *tmpl = i < argc ? argv[i] : NULL;
	if (!tmpl) {
		tmpl = "tmp.XXXXXXXXXX";
		use_tmpdir = true;
	}
	if (t_opt)
		use_tmpdir = true;
	if (use_tmpdir && strchr(tmpl, '/') && (t_opt || tmpdir))
		die("invalid template, '%s', contains directory separator", tmpl);
	if (use_tmpdir && tmpl[0] == '/')
		die("invalid template, '%s'; with --tmpdir, it may not be absolute", tmpl);
	if (use_tmpdir && (!tmpdir || !*tmpdir)) {
		const char *env = getenv("TMPDIR");
		tmpdir = env && *env ? env : "/tmp";
	}
	char *name = use_tmpdir ? path_join(tmpdir, tmpl) : strdup(tmpl);
	size_t tl = strlen(name), sl = strlen(suffix);
	char *full = malloc(tl + sl + 1);
	if (!name || !full)
		die("out of memory");
	memcpy(full, name, tl);
	memcpy(full + tl, suffix, sl + 1);
	size_t nx = 0;
	while (nx < tl && full[tl - 1 - nx] == 'X')
		nx++;
	if (nx < 3) {
		if (!quiet)
			warn("too few X's in template '%s'", tmpl);
		return 1;
	}
	for (int tries = 0;; tries++) {
		fill(full + tl - nx, nx);
		if (dry) {
			struct stat st;
			if (lstat(full, &st) == 0 && tries < 100)
				continue;
			break;
		}
		int r = dir ? mkdir(full, 0700) : open(full, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (r >= 0) {
			if (!dir)
				close(r);
			break;
		}
		if (errno != EEXIST || tries >= 100) {
			if (!quiet)
				warn("failed to create %s via template '%s': %s", dir ? "directory" : "file", name,
				     strerror(errno));
			return 1;
		}
	}
	printf("%s\n", full);
	free(name);
	free(full);
	return fflush(stdout) ? 1 : 0;
}

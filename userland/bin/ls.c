/* ls: list directory contents. */
#include "common.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char text[] =
	"[-laAdF1] [FILE...]\n"
	"List each FILE, and the contents of each directory (. by default), sorted by name.\n"
	"  -l  long format: type and permissions, links, owner, group, size, time, name\n"
	"      (-> target for a symbolic link)\n"
	"  -a  include names starting with .   -A  the same without . and ..\n"
	"  -d  list directories themselves, not their contents\n"
	"  -F  mark directories /, executables *, symbolic links @\n"
	"  -1  one name per line (the default when the output is not a terminal)\n";

static bool opt_l, opt_a, opt_A, opt_d, opt_F, opt_1;
static int64_t now;
static int status;

struct ent {
	char *name;             /* as shown */
	char *path;             /* for stat and readlink */
	struct stat st;
	bool ok;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct ent *)a)->name, ((const struct ent *)b)->name);
}

static int by_string(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void mode_string(mode_t m, char *s)
{
	s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' : S_ISBLK(m) ? 'b' :
	       S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
	const char *rwx = "rwxrwxrwx";
	for (int i = 0; i < 9; i++)
		s[1 + i] = (m & (0400 >> i)) ? rwx[i] : '-';
	if (m & S_ISUID)
		s[3] = (m & 0100) ? 's' : 'S';
	if (m & S_ISGID)
		s[6] = (m & 0010) ? 's' : 'S';
	if (m & S_ISVTX)
		s[9] = (m & 0001) ? 't' : 'T';
	s[10] = 0;
}

static char classify(mode_t m)
{
	if (S_ISDIR(m))
		return '/';
	if (S_ISLNK(m))
		return '@';
	if (S_ISFIFO(m))
		return '|';
	if (S_ISREG(m) && (m & 0111))
		return '*';
	return 0;
}

static int digits(unsigned long long v)
{
	int n = 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

static void print_long(struct ent *e, size_t n)
{
	int wl = 1, ws = 1;
	for (size_t i = 0; i < n; i++) {
		if (!e[i].ok)
			continue;
		int l = digits((unsigned long long)e[i].st.st_nlink);
		unsigned long long sz = (unsigned long long)e[i].st.st_size;
		int s = S_ISCHR(e[i].st.st_mode) || S_ISBLK(e[i].st.st_mode) ? 8 : digits(sz);
		wl = l > wl ? l : wl;
		ws = s > ws ? s : ws;
	}
	for (size_t i = 0; i < n; i++) {
		if (!e[i].ok)
			continue;
		struct stat *st = &e[i].st;
		char mode[11], when[32], owner[16], group[16], size[32];
		mode_string(st->st_mode, mode);
		format_mtime(when, sizeof when, (int64_t)st->st_mtime, now);
		if (st->st_uid == 0)
			snprintf(owner, sizeof owner, "root");
		else
			snprintf(owner, sizeof owner, "%u", (unsigned)st->st_uid);
		if (st->st_gid == 0)
			snprintf(group, sizeof group, "root");
		else
			snprintf(group, sizeof group, "%u", (unsigned)st->st_gid);
		if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
			snprintf(size, sizeof size, "%3u, %3u", (unsigned)((st->st_rdev >> 8) & 0xfff),
				 (unsigned)((st->st_rdev & 0xff) | ((st->st_rdev >> 12) & 0xfff00)));
		else
			snprintf(size, sizeof size, "%llu", (unsigned long long)st->st_size);
		printf("%s %*lu %s %s %*s %s %s", mode, wl, (unsigned long)st->st_nlink, owner, group, ws,
		       size, when, e[i].name);
		if (S_ISLNK(st->st_mode)) {
			char target[4096];
			ssize_t len = readlink(e[i].path, target, sizeof target - 1);
			if (len >= 0) {
				target[len] = 0;
				printf(" -> %s", target);
			}
		} else if (opt_F && classify(st->st_mode)) {
			putchar(classify(st->st_mode));
		}
		putchar('\n');
	}
}

static int term_width(void)
{
	struct winsize ws;
	if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static void print_short(struct ent *e, size_t n)
{
	size_t shown = 0, maxlen = 0;
	for (size_t i = 0; i < n; i++) {
		if (!e[i].ok)
			continue;
		size_t len = strlen(e[i].name) + (opt_F && classify(e[i].st.st_mode) ? 1 : 0);
		maxlen = len > maxlen ? len : maxlen;
		shown++;
	}
	struct ent **vis = malloc((shown ? shown : 1) * sizeof *vis);
	if (!vis)
		die("out of memory");
	shown = 0;
	for (size_t i = 0; i < n; i++)
		if (e[i].ok)
			vis[shown++] = &e[i];
	size_t colw = maxlen + 2, cols = 1;
	if (!opt_1 && colw > 0)
		cols = (size_t)term_width() / colw;
	if (cols < 1)
		cols = 1;
	size_t rows = (shown + cols - 1) / cols;
	for (size_t r = 0; r < rows; r++) {
		for (size_t c = 0; c < cols; c++) {
			size_t i = c * rows + r;   /* down the columns, like ls */
			if (i >= shown)
				break;
			char mark = opt_F ? classify(vis[i]->st.st_mode) : 0;
			int len = printf("%s", vis[i]->name);
			if (mark)
				len += printf("%c", mark);
			bool last = c + 1 == cols || (c + 1) * rows + r >= shown;
			if (!last)
				printf("%*s", (int)colw - len, "");
		}
		putchar('\n');
	}
	free(vis);
}

static void print_ents(struct ent *e, size_t n)
{
	if (n)
		qsort(e, n, sizeof *e, by_name);
	if (opt_l)
		print_long(e, n);
	else
		print_short(e, n);
}

static void list_dir(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		warn("cannot open directory '%s': %s", path, strerror(errno));
		status = 2;
		return;
	}
	struct ent *e = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		const char *name = de->d_name;
		if (name[0] == '.' && !opt_a && !opt_A)
			continue;
		if (opt_A && (!strcmp(name, ".") || !strcmp(name, "..")))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			if (!(e = realloc(e, cap * sizeof *e)))
				die("out of memory");
		}
		struct ent *x = &e[n++];
		x->name = strdup(name);
		x->path = path_join(path, name);
		if (!x->name)
			die("out of memory");
		x->ok = lstat(x->path, &x->st) == 0;
		if (!x->ok) {
			/* listed but gone (or unreadable): say so, keep going */
			warn("cannot access '%s': %s", x->path, strerror(errno));
			status = 1;
		}
	}
	closedir(d);
	if (opt_l) {
		long long blocks = 0;
		for (size_t i = 0; i < n; i++)
			if (e[i].ok)
				blocks += (long long)e[i].st.st_blocks;
		printf("total %lld\n", blocks / 2);
	}
	print_ents(e, n);
	for (size_t i = 0; i < n; i++) {
		free(e[i].name);
		free(e[i].path);
	}
	free(e);
}

int main(int argc, char **argv)
{
	cmd_init("ls", text);
	int c;
	while ((c = getopt(argc, argv, "hlaAdF1")) != -1) {
		switch (c) {
		case 'l': opt_l = true; break;
		case 'a': opt_a = true; opt_A = false; break;
		case 'A': opt_A = true; opt_a = false; break;
		case 'd': opt_d = true; break;
		case 'F': opt_F = true; break;
		case '1': opt_1 = true; break;
		default: usage(c == 'h' ? 0 : 2);
		}
	}
	if (!isatty(1))
		opt_1 = true;
	struct timespec ts;
	now = clock_gettime(CLOCK_REALTIME, &ts) == 0 ? (int64_t)ts.tv_sec : 0;

	char *dot[] = { ".", NULL };
	char **args = optind < argc ? argv + optind : dot;
	int nargs = optind < argc ? argc - optind : 1;
	/* files (and with -d directories) first, in one list; then each directory */
	struct ent *files = calloc((size_t)nargs, sizeof *files);
	char **dirs = calloc((size_t)nargs, sizeof *dirs);
	if (!files || !dirs)
		die("out of memory");
	size_t nf = 0, nd = 0;
	for (int i = 0; i < nargs; i++) {
		struct stat st;
		/* a symlink named on the command line is followed unless -l/-d */
		int r = (opt_l || opt_d) ? lstat(args[i], &st) : stat(args[i], &st);
		if (r < 0 && lstat(args[i], &st) < 0) {
			warn("cannot access '%s': %s", args[i], strerror(errno));
			status = 2;
			continue;
		}
		if (S_ISDIR(st.st_mode) && !opt_d) {
			dirs[nd++] = args[i];
		} else if (S_ISLNK(st.st_mode) && opt_l && !opt_d) {
			struct stat t;
			if (stat(args[i], &t) == 0 && S_ISDIR(t.st_mode) && args[i][strlen(args[i]) - 1] == '/')
				dirs[nd++] = args[i];
			else
				files[nf++] = (struct ent){ args[i], args[i], st, true };
		} else {
			files[nf++] = (struct ent){ args[i], args[i], st, true };
		}
	}
	if (nf)
		print_ents(files, nf);
	qsort(dirs, nd, sizeof *dirs, by_string);
	for (size_t i = 0; i < nd; i++) {
		if (nf || nd > 1)
			printf("%s%s:\n", (nf || i) ? "\n" : "", dirs[i]);
		list_dir(dirs[i]);
	}
	free(files);
	free(dirs);
	if (fflush(stdout) != 0)
		die_errno("write error");
	return status;
}

/* Ringel libc host test: glob/globfree against glibc on generated trees
 * (files, directories, dot files, names with wildcard characters in them,
 * links to directories and dangling links) and generated patterns (1 to 3
 * components of wildcards, brackets, escapes and plain names; relative and
 * absolute), with every combination of GLOB_ERR, MARK,
 * NOSORT, NOCHECK, NOESCAPE, DOOFFS and a second call with APPEND.  The
 * status, the count and the names (as a set with NOSORT) must agree.
 * Left out, where glibc's answers follow its own structure rather than a
 * rule: a pattern ending in '/' (glibc gives "a/" for a directory but "f"
 * for a file or a dangling link, keeps or drops the '/' with GLOB_NOCHECK
 * depending on the components before, marks "a/" again as "a//"...); a
 * link to itself; and ".*" before another component (it climbs out of the
 * tree through "..").
 * The libc's glob reads directories through glibc here (the rl_opendir...
 * below): the directory stream is the system's part, glob is ours.
 * glibc's glob is called past ASan's interceptor (which reads the NULLs
 * of GLOB_DOOFFS as names).  Usage: libc_glob_diff [TREES [SEED]] */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <glob.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "rl.h"

int rl_passed, rl_failed;
/* glibc's glob, called past ASan's interceptor, leaves blocks LeakSanitizer
 * counts against it */
const char *__asan_default_options(void) { return "detect_leaks=0"; }
uint64_t rl_seed = 0xbb67ae8584caa73bull;

struct rl_glob {
	size_t pathc;
	char **pathv;
	size_t offs;
	int flags;
};
int rl_glob(const char *pattern, int flags, int (*errfunc)(const char *, int), struct rl_glob *g);
void rl_globfree(struct rl_glob *g);

/* The libc's directory and stat calls, answered by glibc (the same struct
 * dirent and struct stat layouts on Linux). */
DIR *rl_opendir(const char *p)
{
	DIR *d = opendir(p);
	*rl___errno_location() = errno;
	return d;
}
struct dirent *rl_readdir(DIR *d) { return readdir(d); }
int rl_closedir(DIR *d) { return closedir(d); }
int rl_stat(const char *p, struct stat *st)
{
	int r = stat(p, st);
	*rl___errno_location() = errno;
	return r;
}
int rl_lstat(const char *p, struct stat *st)
{
	int r = lstat(p, st);
	*rl___errno_location() = errno;
	return r;
}

static const char *const names[] = { "a", "b", "ab", ".h", "x.c", "y.c", "[a]", "q*", "d1", "d2", "A", "b?" };
#define NNAMES (sizeof names / sizeof *names)

static void make_tree(const char *dir, int depth)
{
	int n = 1 + (int)rl_below(6);
	for (int i = 0; i < n; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, names[rl_below(NNAMES)]);
		int k = (int)rl_below(6);
		if (k <= 1 && depth < 3) {
			if (mkdir(path, 0755) == 0)
				make_tree(path, depth + 1);
		} else if (k == 2) {
			/* to d1 (never itself: a loop is a case of its own) or nowhere */
			const char *to = rl_below(2) && strcmp(path + strlen(path) - 3, "/d1") ? "d1" : "nowhere";
			if (symlink(to, path) != 0)
				continue;
		} else {
			FILE *f = fopen(path, "w");
			if (f)
				fclose(f);
		}
	}
}

static const char *const comps[] = {
	"*", "?", "a*", "*.c", "[ab]*", "[!a]*", ".*", "d?", "\\*", "q\\*", "[[]a]", "nosuch", "a", "d1",
	"*[0-9]", "b\\?", "[a-c]", "*\\.c", "[]a]*", "?*", "A", "q*",
};

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int glibc_errs, our_errs;
static int count_glibc(const char *p, int e) { (void)p; (void)e; glibc_errs++; return 0; }
static int count_ours(const char *p, int e) { (void)p; (void)e; our_errs++; return 0; }

static void pattern(char *out, size_t size, const char *root)
{
	out[0] = 0;
	if (rl_below(5) == 0)
		snprintf(out, size, "%s/", root);
	int n = 1 + (int)rl_below(3);
	for (int i = 0; i < n; i++) {
		if (i)
			strncat(out, "/", size - strlen(out) - 1);
		const char *c = comps[rl_below(sizeof comps / sizeof *comps)];
		if (!strcmp(c, ".*") && i < n - 1)
			c = ".h";       /* not up through "..": /tmp is everybody's */
		strncat(out, c, size - strlen(out) - 1);
	}

}

int main(int argc, char **argv)
{
	int (*glibc_glob)(const char *, int, int (*)(const char *, int), glob_t *) =
		(int (*)(const char *, int, int (*)(const char *, int), glob_t *))dlsym(RTLD_NEXT, "glob");
	void (*glibc_globfree)(glob_t *) = (void (*)(glob_t *))dlsym(RTLD_NEXT, "globfree");
	if (!glibc_glob || !glibc_globfree) {
		glibc_glob = glob;
		glibc_globfree = globfree;
	}
	long trees = argc > 1 ? atol(argv[1]) : 60;
	if (argc > 2)
		rl_seed = strtoull(argv[2], NULL, 0);
	char base[] = "/tmp/globdiffXXXXXX";
	if (!mkdtemp(base)) {
		perror("mkdtemp");
		return 1;
	}
	long cases = 0;
	for (long t = 0; t < trees; t++) {
		char root[64];
		snprintf(root, sizeof root, "%s/t%ld", base, t);
		mkdir(root, 0755);
		make_tree(root, 0);
		if (chdir(root) != 0)
			return 1;
		for (int p = 0; p < 60; p++) {
			char pat[256], pat2[256];
			int flags = 0;
			static const int all[] = { GLOB_ERR, GLOB_MARK, GLOB_NOSORT, GLOB_NOCHECK, GLOB_NOESCAPE, GLOB_DOOFFS };
			for (int i = 0; i < 6; i++)
				if (rl_below(3) == 0)
					flags |= all[i];
			pattern(pat, sizeof pat, root);
			pattern(pat2, sizeof pat2, root);
			bool append = rl_below(3) == 0, use_err = rl_below(4) == 0;
			glob_t gw;
			struct rl_glob gg;
			memset(&gw, 0, sizeof gw);
			memset(&gg, 0, sizeof gg);
			gw.gl_offs = gg.offs = 2;
			glibc_errs = our_errs = 0;
			int rw = glibc_glob(pat, flags, use_err ? count_glibc : NULL, &gw);
			int rg = rl_glob(pat, flags, use_err ? count_ours : NULL, &gg);
			int rw2 = 0, rg2 = 0;
			if (append && rw != GLOB_ABORTED) {
				rw2 = glibc_glob(pat2, flags | GLOB_APPEND, NULL, &gw);
				rg2 = rl_glob(pat2, flags | GLOB_APPEND, NULL, &gg);
			}
			bool same = rw == rg && rw2 == rg2 && gw.gl_pathc == gg.pathc && glibc_errs == our_errs;
			size_t offs = flags & GLOB_DOOFFS ? 2 : 0;
			if (same && gw.gl_pathc) {
				for (size_t i = 0; i < offs; i++)
					same &= gw.gl_pathv[i] == NULL && gg.pathv[i] == NULL;
				same &= gg.pathv[offs + gg.pathc] == NULL;
				char **a = gw.gl_pathv + offs, **b = gg.pathv + offs;
				if (flags & GLOB_NOSORT) {       /* the same names, in any order */
					qsort(a, gw.gl_pathc, sizeof *a, by_name);
					qsort(b, gg.pathc, sizeof *b, by_name);
				}
				for (size_t i = 0; i < gw.gl_pathc && same; i++)
					same = !strcmp(a[i], b[i]);
			}
			RL_CHECK(same, "glob(\"%s\" then \"%s\", %#x%s): glibc %d/%d %zu names (%s...) errfunc %d, ours %d/%d %zu (%s...) errfunc %d",
				 pat, append ? pat2 : "-", flags, append ? " APPEND" : "", rw, rw2, gw.gl_pathc,
				 gw.gl_pathc ? gw.gl_pathv[offs] : "", glibc_errs, rg, rg2, gg.pathc,
				 gg.pathc ? gg.pathv[offs] : "", our_errs);
			cases++;
			glibc_globfree(&gw);
			rl_globfree(&gg);
		}
	}
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf %s", base);
	if (chdir("/") != 0 || system(cmd) != 0)
		printf("could not remove %s\n", base);
	printf("glob_diff: %ld trees, %ld patterns: %d passed, %d failed\n", trees, cases, rl_passed, rl_failed);
	return rl_failed != 0;
}

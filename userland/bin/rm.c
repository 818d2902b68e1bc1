/* rm: remove files (and, with -r, directories and what they hold). */
#include "common.h"
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char text[] =
	"[-rRf] FILE...\n"
	"Remove each FILE.\n"
	"  -r, -R  remove directories and their contents, recursively\n"
	"  -f      ignore files that do not exist, never complain about them\n";

static bool recursive, force;

static int remove_path(const char *path);

static int remove_dir(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		warn_errno(path);
		return 1;
	}
	int status = 0;
	struct dirent *e;
	/* Names are collected first: removing while reading a directory could
	 * make readdir skip entries. */
	char **names = NULL;
	size_t n = 0, cap = 0;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = realloc(names, cap * sizeof *names);
			if (!names)
				die("out of memory");
		}
		names[n++] = path_join(path, e->d_name);
	}
	closedir(d);
	for (size_t i = 0; i < n; i++) {
		status |= remove_path(names[i]);
		free(names[i]);
	}
	free(names);
	if (rmdir(path) < 0) {
		warn_errno(path);
		status = 1;
	}
	return status;
}

static int remove_path(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0) {
		if (force && errno == ENOENT)
			return 0;
		warn_errno(path);
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!recursive) {
			warn("cannot remove '%s': Is a directory", path);
			return 1;
		}
		return remove_dir(path);
	}
	if (unlink(path) < 0) {
		warn_errno(path);
		return 1;
	}
	return 0;
}

/* The last component of path, without trailing slashes, is . or .. */
static bool dot_or_dotdot(const char *path)
{
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')
		n--;
	size_t s = n;
	while (s > 0 && path[s - 1] != '/')
		s--;
	return (n - s == 1 && path[s] == '.') || (n - s == 2 && path[s] == '.' && path[s + 1] == '.');
}

int main(int argc, char **argv)
{
	cmd_init("rm", text);
	int c;
	while ((c = getopt(argc, argv, "hrRf")) != -1) {
		if (c == 'r' || c == 'R')
			recursive = true;
		else if (c == 'f')
			force = true;
		else
			usage(c == 'h' ? 0 : 1);
	}
	if (optind == argc && !force)
		usage(1);
	int status = 0;
	for (int i = optind; i < argc; i++) {
		if (dot_or_dotdot(argv[i])) {
			warn("refusing to remove '.' or '..' directory: skipping '%s'", argv[i]);
			status = 1;
			continue;
		}
		struct stat st;
		if (recursive && stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode) && !strcmp(argv[i], "/")) {
			warn("refusing to remove '/'");
			status = 1;
			continue;
		}
		status |= remove_path(argv[i]);
	}
	return status;
}

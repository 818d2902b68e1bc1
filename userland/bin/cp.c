/* cp: copy files, and with -r directories. */
#include "common.h"
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char text[] =
	"[-r] SOURCE DEST\n"
	"   or: cp [-r] SOURCE... DIRECTORY\n"
	"Copy files; into DIRECTORY under their own names.\n"
	"  -r, -R  copy directories recursively (symbolic links are copied as links)\n";

static bool recursive;

/* The directories this run made: a source entry that is one of them is a
 * copy being made inside its own source (cp -r a a/b), not copied again. */
static struct made {
	dev_t dev;
	ino_t ino;
} *made;
static size_t nmade;

static bool made_here(const struct stat *st)
{
	for (size_t i = 0; i < nmade; i++)
		if (made[i].dev == st->st_dev && made[i].ino == st->st_ino)
			return true;
	return false;
}

static int copy_file(const char *src, const char *dst, const struct stat *st)
{
	int in = open(src, O_RDONLY);
	if (in < 0) {
		warn_errno(src);
		return 1;
	}
	int out = open(dst, O_WRONLY | O_CREAT | O_TRUNC, st->st_mode & 07777);
	if (out < 0) {
		warn_errno(dst);
		close(in);
		return 1;
	}
	static char buf[16384];
	int status = 0;
	for (;;) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			warn_errno(src);
			status = 1;
			break;
		}
		if (n == 0)
			break;
		if (write_all(out, buf, (size_t)n) < 0) {
			warn_errno(dst);
			status = 1;
			break;
		}
	}
	close(in);
	if (close(out) < 0 && !status) {
		warn_errno(dst);
		status = 1;
	}
	return status;
}

static int copy_path(const char *src, const char *dst);

static int copy_dir(const char *src, const char *dst, const struct stat *st)
{
	struct stat dst_st;
	if (mkdir(dst, (st->st_mode & 07777) | 0700) < 0 && errno != EEXIST) {
		warn_errno(dst);
		return 1;
	}
	if (stat(dst, &dst_st) < 0 || !S_ISDIR(dst_st.st_mode)) {
		warn("cannot overwrite non-directory '%s' with directory '%s'", dst, src);
		return 1;
	}
	if (!(made = realloc(made, (nmade + 1) * sizeof *made)))
		die("out of memory");
	made[nmade++] = (struct made){ dst_st.st_dev, dst_st.st_ino };
	DIR *d = opendir(src);
	if (!d) {
		warn_errno(src);
		return 1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if (!(names = realloc(names, cap * sizeof *names)))
				die("out of memory");
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	int status = 0;
	for (size_t i = 0; i < n; i++) {
		char *s = path_join(src, names[i]), *t = path_join(dst, names[i]);
		struct stat sst;
		if (lstat(s, &sst) == 0 && made_here(&sst)) {
			warn("cannot copy a directory, '%s', into itself, '%s'", src, dst);
			status = 1;
		} else {
			status |= copy_path(s, t);
		}
		free(s);
		free(t);
		free(names[i]);
	}
	free(names);
	return status;
}

static int copy_path(const char *src, const char *dst)
{
	struct stat st;
	if ((recursive ? lstat(src, &st) : stat(src, &st)) < 0) {
		warn_errno(src);
		return 1;
	}
	if (S_ISDIR(st.st_mode)) {
		if (!recursive) {
			warn("-r not specified; omitting directory '%s'", src);
			return 1;
		}
		return copy_dir(src, dst, &st);
	}
	if (S_ISLNK(st.st_mode)) {
		char target[4096];
		ssize_t n = readlink(src, target, sizeof target - 1);
		if (n < 0) {
			warn_errno(src);
			return 1;
		}
		target[n] = 0;
		unlink(dst);
		if (symlink(target, dst) < 0) {
			warn_errno(dst);
			return 1;
		}
		return 0;
	}
	struct stat dst_st;
	if (stat(dst, &dst_st) == 0 && dst_st.st_dev == st.st_dev && dst_st.st_ino == st.st_ino) {
		warn("'%s' and '%s' are the same file", src, dst);
		return 1;
	}
	return copy_file(src, dst, &st);
}

int main(int argc, char **argv)
{
	cmd_init("cp", text);
	int c;
	while ((c = getopt(argc, argv, "hrR")) != -1) {
		if (c == 'r' || c == 'R')
			recursive = true;
		else
			usage(c == 'h' ? 0 : 1);
	}
	if (argc - optind < 2)
		usage(1);
	return for_each_source(argc - optind, argv + optind, copy_path);
}

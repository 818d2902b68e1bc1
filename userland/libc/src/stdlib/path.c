/* Ringel libc: realpath, and making unique temporary files. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/stat.h>

/* realpath: walk the path a component at a time from / (or the current
 * directory), dropping "." and "..", and splicing in the targets of
 * symbolic links (at most SYMLOOP_MAX of them). */
char *realpath(const char *restrict path, char *restrict resolved)
{
	if (!path) {
		errno = EINVAL;
		return NULL;
	}
	if (!*path) {
		errno = ENOENT;
		return NULL;
	}
	char out[PATH_MAX], rest[PATH_MAX];
	size_t olen = 0;
	if (strlen(path) >= sizeof(rest)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	strcpy(rest, path);
	if (rest[0] != '/') {
		if (!getcwd(out, sizeof(out)))
			return NULL;
		olen = strlen(out);
		if (olen == 1)
			olen = 0;      /* "/" is written as the empty prefix */
	}
	int links = 0;
	char *p = rest;
	while (*p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		size_t n = strcspn(p, "/");
		if (n == 1 && p[0] == '.') {
			p += n;
			continue;
		}
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (olen > 0 && out[olen - 1] != '/')
				olen--;
			if (olen > 0)
				olen--;
			p += n;
			continue;
		}
		if (olen + 1 + n >= sizeof(out)) {
			errno = ENAMETOOLONG;
			return NULL;
		}
		out[olen] = '/';
		memcpy(out + olen + 1, p, n);
		size_t prev = olen;
		olen += 1 + n;
		out[olen] = 0;
		p += n;
		struct stat st;
		if (lstat(out, &st) < 0)
			return NULL;
		if (S_ISLNK(st.st_mode)) {
			if (++links > SYMLOOP_MAX) {
				errno = ELOOP;
				return NULL;
			}
			char target[PATH_MAX];
			ssize_t t = readlink(out, target, sizeof(target) - 1);
			if (t < 0)
				return NULL;
			target[t] = 0;
			size_t rl = strlen(p);
			if ((size_t)t + rl + 2 > sizeof(rest)) {
				errno = ENAMETOOLONG;
				return NULL;
			}
			/* rest becomes target + what was left after this component */
			memmove(rest + t + 1, p, rl + 1);
			memcpy(rest, target, (size_t)t);
			rest[t] = '/';
			p = rest;
			olen = target[0] == '/' ? 0 : prev;
		} else if (*p && !S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			return NULL;
		}
	}
	if (olen == 0)
		out[olen++] = '/';
	out[olen] = 0;
	if (!resolved) {
		resolved = malloc(olen + 1);
		if (!resolved)
			return NULL;
	}
	return memcpy(resolved, out, olen + 1);
}

/* Replace the trailing XXXXXX with random letters and digits. */
static int fill(char *tmpl)
{
	size_t n = strlen(tmpl);
	if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX")) {
		errno = EINVAL;
		return -1;
	}
	static const char chars[] =
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	unsigned char r[6];
	if (getrandom(r, sizeof(r), 0) != sizeof(r)) {
		static unsigned counter;
		unsigned v = (unsigned)getpid() * 2654435761u + counter++;
		for (int i = 0; i < 6; i++, v /= 7)
			r[i] = (unsigned char)v;
	}
	for (int i = 0; i < 6; i++)
		tmpl[n - 6 + i] = chars[r[i] % 62];
	return 0;
}

int mkstemp(char *tmpl)
{
	for (int tries = 0; tries < 100; tries++) {
		if (fill(tmpl) < 0)
			return -1;
		int fd = open(tmpl, O_RDWR | O_CREAT | O_EXCL, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

char *mkdtemp(char *tmpl)
{
	for (int tries = 0; tries < 100; tries++) {
		if (fill(tmpl) < 0)
			return NULL;
		if (mkdir(tmpl, 0700) == 0)
			return tmpl;
		if (errno != EEXIST)
			return NULL;
	}
	return NULL;
}

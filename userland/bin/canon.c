/* Canonical absolute paths (canon.h).
 *
 * The path is walked a component at a time, the result so far being a
 * canonical directory.  A symbolic link's target is put in front of what is
 * left to walk (from the root when it is absolute), as the kernel's own
 * lookup does; 40 links in one walk are taken for a loop (ELOOP), as
 * Linux does. */
#include "canon.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct buf {
	char *s;
	size_t n, cap;
};

static bool put(struct buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->n + n + 1)
			cap *= 2;
		char *nb = realloc(b->s, cap);
		if (!nb)
			return false;
		b->s = nb;
		b->cap = cap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = 0;
	return true;
}

char *canonicalize(const char *path, enum canon_mode mode, bool follow)
{
	if (!*path) {
		errno = ENOENT;
		return NULL;
	}
	struct buf res = { 0 }, rest = { 0 };
	bool ok = put(&rest, path, strlen(path));
	if (ok && path[0] != '/') {
		char cwd[PATH_MAX];
		if (!getcwd(cwd, sizeof cwd))
			goto fail;
		ok = put(&res, cwd, strlen(cwd));
	} else {
		ok = ok && put(&res, "", 0);
	}
	if (!ok)
		goto nomem;
	if (res.n == 1)         /* "/" */
		res.n = 0;
	int links = 0;
	bool missing = false;   /* a component did not exist: the rest is taken as written */
	size_t at = 0;
	while (at < rest.n) {
		while (at < rest.n && rest.s[at] == '/')
			at++;
		size_t start = at;
		while (at < rest.n && rest.s[at] != '/')
			at++;
		size_t len = at - start;
		if (len == 0 || (len == 1 && rest.s[start] == '.'))
			continue;
		if (len == 2 && rest.s[start] == '.' && rest.s[start + 1] == '.') {
			while (res.n > 0 && res.s[res.n - 1] != '/')
				res.n--;
			if (res.n > 0)
				res.n--;
			res.s[res.n] = 0;
			continue;
		}
		size_t before = res.n;
		if (!put(&res, "/", 1) || !put(&res, rest.s + start, len))
			goto nomem;
		bool last = true;
		for (size_t k = at; k < rest.n; k++)
			if (rest.s[k] != '/') {
				last = false;
				break;
			}
		if (missing) {
			if (mode != CANON_ANY) {
				errno = ENOENT;
				goto fail;
			}
			continue;
		}
		struct stat st;
		/* without following links, existence is still the target's */
		if ((follow ? lstat(res.s, &st) : stat(res.s, &st)) < 0) {
			if (mode == CANON_ANY) {
				missing = true;
				continue;
			}
			if (errno != ENOENT || mode == CANON_ALL || (mode == CANON_BUT_LAST && !last))
				goto fail;
			missing = true;
			continue;
		}
		if (S_ISLNK(st.st_mode) && follow) {
			if (++links > 40) {
				if (mode == CANON_ANY) {      /* a loop: taken as a name, as GNU does */
					missing = true;
					continue;
				}
				errno = ELOOP;
				goto fail;
			}
			char target[PATH_MAX];
			ssize_t t = readlink(res.s, target, sizeof target - 1);
			if (t < 0)
				goto fail;
			/* the target, then what was left after this link */
			struct buf next = { 0 };
			if (!put(&next, target, (size_t)t) || !put(&next, "/", 1) ||
			    !put(&next, rest.s + at, rest.n - at)) {
				free(next.s);
				goto nomem;
			}
			free(rest.s);
			rest = next;
			at = 0;
			res.n = target[0] == '/' ? 0 : before;
			res.s[res.n] = 0;
			continue;
		}
		if (!last && !S_ISDIR(st.st_mode) && !S_ISLNK(st.st_mode) && mode != CANON_ANY) {
			errno = ENOTDIR;
			goto fail;
		}
	}
	if (res.n == 0 && !put(&res, "/", 1))
		goto nomem;
	free(rest.s);
	return res.s;
nomem:
	errno = ENOMEM;
fail:
	free(res.s);
	free(rest.s);
	return NULL;
}

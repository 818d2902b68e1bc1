/* Ringel libc: the environment.  environ starts as the array the kernel
 * put on the stack; the first change copies it into a malloc'ed array
 * that can grow.  Strings made by setenv are never freed: a program may
 * still hold a pointer that getenv gave it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **owned;          /* environ, once it is ours */
static size_t owned_cap;

/* The index of NAME in environ (len bytes of name), or -1. */
static long find(const char *name, size_t len)
{
	for (long i = 0; environ && environ[i]; i++)
		if (!strncmp(environ[i], name, len) && environ[i][len] == '=')
			return i;
	return -1;
}

char *getenv(const char *name)
{
	size_t len = strlen(name);
	long i = find(name, len);
	return i < 0 ? NULL : environ[i] + len + 1;
}

static size_t count(void)
{
	size_t n = 0;
	while (environ && environ[n])
		n++;
	return n;
}

/* Make room for one more entry in an environ we own. */
static int reserve(void)
{
	size_t n = count();
	if (environ == owned && n + 2 <= owned_cap)
		return 0;
	size_t cap = (n + 2) * 2;
	char **e = malloc(cap * sizeof(char *));
	if (!e)
		return -1;
	if (n)
		memcpy(e, environ, n * sizeof(char *));
	e[n] = NULL;
	if (environ == owned)
		free(owned);
	environ = owned = e;
	owned_cap = cap;
	return 0;
}

/* Put the string "NAME=value" in, replacing an entry of the same name. */
static int put(char *s, size_t namelen)
{
	long i = find(s, namelen);
	if (i >= 0 && environ == owned) {
		environ[i] = s;
		return 0;
	}
	if (reserve() < 0)
		return -1;
	i = find(s, namelen);
	if (i >= 0) {
		environ[i] = s;
	} else {
		size_t n = count();
		environ[n] = s;
		environ[n + 1] = NULL;
	}
	return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t len = strlen(name);
	if (!len || strchr(name, '=')) {
		errno = EINVAL;
		return -1;
	}
	if (!overwrite && find(name, len) >= 0)
		return 0;
	size_t vlen = strlen(value);
	char *s = malloc(len + vlen + 2);
	if (!s)
		return -1;
	memcpy(s, name, len);
	s[len] = '=';
	memcpy(s + len + 1, value, vlen + 1);
	if (put(s, len) < 0) {
		free(s);
		return -1;
	}
	return 0;
}

int putenv(char *s)
{
	char *eq = strchr(s, '=');
	if (!eq) {   /* glibc: "NAME" alone removes NAME */
		return unsetenv(s);
	}
	return put(s, (size_t)(eq - s));
}

int unsetenv(const char *name)
{
	size_t len = strlen(name);
	if (!len || strchr(name, '=')) {
		errno = EINVAL;
		return -1;
	}
	if (find(name, len) < 0)
		return 0;
	if (reserve() < 0)
		return -1;
	size_t o = 0;
	for (size_t i = 0; environ[i]; i++)
		if (strncmp(environ[i], name, len) || environ[i][len] != '=')
			environ[o++] = environ[i];
	environ[o] = NULL;
	return 0;
}

int clearenv(void)
{
	if (reserve() < 0)
		return -1;
	environ[0] = NULL;
	return 0;
}

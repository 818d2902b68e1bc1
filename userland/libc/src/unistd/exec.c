/* Ringel libc: the exec family built on execve — argument lists, and the
 * PATH search of execvp. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int execv(const char *path, char *const argv[]) { return execve(path, argv, environ); }

/* A file that exists but is not an executable image is run by the shell,
 * as POSIX asks of execvp. */
static void run_as_script(const char *path, char *const argv[], char *const envp[])
{
	int n = 0;
	while (argv[n])
		n++;
	char **a = malloc(((size_t)n + 2) * sizeof(char *));
	if (!a)
		return;
	a[0] = "sh";
	a[1] = (char *)path;
	for (int i = 1; i <= n; i++)   /* argv[n] is the NULL */
		a[i + 1] = argv[i];
	execve("/bin/sh", a, envp);
	free(a);
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/')) {
		execve(file, argv, envp);
		if (errno == ENOEXEC)
			run_as_script(file, argv, envp);
		return -1;
	}
	const char *path = getenv("PATH");
	if (!path)
		path = "/bin:/usr/bin";
	size_t flen = strlen(file);
	int seen_eacces = 0;
	for (const char *p = path;; p++) {
		/* Each element (empty means the current directory). */
		const char *end = strchrnul(p, ':');
		size_t dlen = (size_t)(end - p);
		char buf[PATH_MAX];
		if (dlen + flen + 2 <= sizeof(buf)) {
			memcpy(buf, p, dlen);
			size_t at = dlen;
			if (dlen)
				buf[at++] = '/';
			memcpy(buf + at, file, flen + 1);
			execve(buf, argv, envp);
			if (errno == ENOEXEC) {
				run_as_script(buf, argv, envp);
				return -1;
			}
			if (errno == EACCES)
				seen_eacces = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;   /* found but failed for another reason */
		}
		if (!*end)
			break;
		p = end;
	}
	errno = seen_eacces ? EACCES : ENOENT;
	return -1;
}

int execvp(const char *file, char *const argv[]) { return execvpe(file, argv, environ); }

/* The list forms: gather the arguments into an array on the stack. */
#define COLLECT(first, ap, argv)                                        \
	int n = 1;                                                      \
	va_start(ap, first);                                            \
	while (va_arg(ap, char *))                                      \
		n++;                                                    \
	va_end(ap);                                                     \
	char *argv[n + 1];                                              \
	argv[0] = (char *)first;                                        \
	va_start(ap, first);                                            \
	for (int i = 1; i <= n; i++)                                    \
		argv[i] = va_arg(ap, char *);

int execl(const char *path, const char *arg0, ...)
{
	va_list ap;
	COLLECT(arg0, ap, argv)
	va_end(ap);
	return execve(path, argv, environ);
}

int execlp(const char *file, const char *arg0, ...)
{
	va_list ap;
	COLLECT(arg0, ap, argv)
	va_end(ap);
	return execvp(file, argv);
}

int execle(const char *path, const char *arg0, ...)
{
	va_list ap;
	COLLECT(arg0, ap, argv)
	char *const *envp = va_arg(ap, char *const *);
	va_end(ap);
	return execve(path, argv, envp);
}

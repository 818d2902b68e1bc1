/* Ringel libc: basename and dirname (POSIX: they may write into path, and
 * return "." for an empty or NULL one). */
#include <libgen.h>
#include <string.h>

char *basename(char *path)
{
	if (!path || !*path)
		return ".";
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')   /* "a/b//" names b */
		path[--n] = 0;
	char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

char *dirname(char *path)
{
	if (!path || !*path)
		return ".";
	size_t n = strlen(path);
	while (n > 1 && path[n - 1] == '/')   /* trailing slashes */
		n--;
	while (n > 0 && path[n - 1] != '/')   /* the last component */
		n--;
	if (n == 0)
		return ".";
	while (n > 1 && path[n - 1] == '/')   /* the slashes before it */
		n--;
	path[n] = 0;
	return path;
}

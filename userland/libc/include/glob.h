/* Ringel libc: <glob.h>: the path names that match a pattern (POSIX).
 * The flag and error values are glibc's. */
#ifndef _GLOB_H
#define _GLOB_H
#include <stddef.h>

typedef struct {
	size_t gl_pathc;        /* names matched */
	char **gl_pathv;        /* gl_offs NULLs, the names, a NULL */
	size_t gl_offs;         /* NULLs to leave at the start (GLOB_DOOFFS) */
	int gl_flags;
} glob_t;

#define GLOB_ERR 1              /* stop at a directory that cannot be read */
#define GLOB_MARK 2             /* a '/' after each directory */
#define GLOB_NOSORT 4           /* in the order the directories give */
#define GLOB_DOOFFS 8           /* leave gl_offs NULLs first */
#define GLOB_NOCHECK 16         /* no match: the pattern itself */
#define GLOB_APPEND 32          /* add to the names of an earlier call */
#define GLOB_NOESCAPE 64        /* '\' is an ordinary character */

#define GLOB_NOSPACE 1
#define GLOB_ABORTED 2
#define GLOB_NOMATCH 3
#define GLOB_NOSYS 4

int glob(const char *restrict pattern, int flags, int (*errfunc)(const char *path, int err),
	 glob_t *restrict g);
void globfree(glob_t *g);
#endif

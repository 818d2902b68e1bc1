/* Ringel libc: <fnmatch.h>, shell wildcard patterns (* ? [...]) matched
 * against names.  The flag values are glibc's. */
#ifndef _FNMATCH_H
#define _FNMATCH_H
#define FNM_PATHNAME 1          /* '/' is matched only by '/' */
#define FNM_NOESCAPE 2          /* '\' is an ordinary character */
#define FNM_PERIOD 4            /* a leading '.' is matched only by '.' */
#define FNM_LEADING_DIR 8       /* the pattern may match a leading part ending before '/' */
#define FNM_CASEFOLD 16         /* letters match either case */
#define FNM_NOMATCH 1

int fnmatch(const char *pattern, const char *name, int flags);
#endif

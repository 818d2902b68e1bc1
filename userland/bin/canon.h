/* Canonical absolute paths (readlink -f/-e/-m, realpath): every symbolic
 * link resolved, no ".", "..", or doubled '/'. */
#ifndef BIN_CANON_H
#define BIN_CANON_H
#include <stdbool.h>

enum canon_mode {
	CANON_ALL,              /* every component must exist (-e) */
	CANON_BUT_LAST,         /* all but the last (-f, realpath's default) */
	CANON_ANY,              /* none need exist (-m) */
};

/* The canonical form of path (malloc'd), or NULL with errno.  With
 * follow false, links are not resolved (realpath -s). */
char *canonicalize(const char *path, enum canon_mode mode, bool follow);
#endif

/* Ringel libc: <regex.h>, POSIX regular expressions (basic and extended)
 * with the GNU escapes people type (\| \+ \? in basic ones, \< \> \b \B
 * \w \W \s \S \` \').  Matching is leftmost-longest, as POSIX asks; the
 * flag and error values are glibc's. */
#ifndef _REGEX_H
#define _REGEX_H
#include <stddef.h>

typedef long regoff_t;

typedef struct {
	size_t re_nsub;         /* number of parenthesized subexpressions */
	void *__prog;           /* the compiled program (src/regex/) */
} regex_t;

typedef struct {
	regoff_t rm_so, rm_eo;  /* start and end offset, -1 when unused */
} regmatch_t;

/* regcomp flags */
#define REG_EXTENDED 1
#define REG_ICASE 2
#define REG_NEWLINE 4
#define REG_NOSUB 8
/* regexec flags */
#define REG_NOTBOL 1
#define REG_NOTEOL 2
#define REG_STARTEND 4          /* search string[pmatch[0].rm_so, pmatch[0].rm_eo) */

/* results */
#define REG_NOMATCH 1
#define REG_BADPAT 2
#define REG_ECOLLATE 3
#define REG_ECTYPE 4
#define REG_EESCAPE 5
#define REG_ESUBREG 6
#define REG_EBRACK 7
#define REG_EPAREN 8
#define REG_EBRACE 9
#define REG_BADBR 10
#define REG_ERANGE 11
#define REG_ESPACE 12
#define REG_BADRPT 13

#define RE_DUP_MAX 255

int regcomp(regex_t *restrict re, const char *restrict pattern, int cflags);
int regexec(const regex_t *restrict re, const char *restrict s, size_t nmatch,
	    regmatch_t *restrict pmatch, int eflags);
size_t regerror(int err, const regex_t *restrict re, char *restrict buf, size_t size);
void regfree(regex_t *re);
#endif

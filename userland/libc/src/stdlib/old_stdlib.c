/* Ringel libc: the parts of <stdlib.h> the first programs need. */
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <unistd.h>
#include <errno.h>
#include <limits.h>

#define ATEXIT_MAX 32
static void (*atexit_fns[ATEXIT_MAX])(void);
static int atexit_n;

int atexit(void (*fn)(void))
{
	if (atexit_n == ATEXIT_MAX)
		return -1;
	atexit_fns[atexit_n++] = fn;
	return 0;
}

_Noreturn void exit(int status)
{
	while (atexit_n > 0)
		atexit_fns[--atexit_n]();
	_exit(status);
}

_Noreturn void _Exit(int status)
{
	_exit(status);
}

_Noreturn void abort(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	signal(SIGABRT, SIG_DFL);
	raise(SIGABRT);
	_exit(127);
}

static int digit(int c, int base)
{
	int v = c >= '0' && c <= '9' ? c - '0'
	      : c >= 'a' && c <= 'z' ? c - 'a' + 10
	      : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 99;
	return v < base ? v : -1;
}

/* The common part of strtol/strtoul: magnitude in *mag, 1 on overflow. */
static const char *parse(const char *s, int *base, int *neg, unsigned long *mag, int *ovf,
			 int *any)
{
	while (*s == ' ' || (*s >= '\t' && *s <= '\r'))
		s++;
	*neg = 0;
	if (*s == '+' || *s == '-')
		*neg = *s++ == '-';
	if ((*base == 0 || *base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') &&
	    digit(s[2], 16) >= 0) {
		s += 2;
		*base = 16;
	} else if (*base == 0) {
		*base = s[0] == '0' ? 8 : 10;
	}
	*mag = 0;
	*ovf = 0;
	*any = 0;
	for (int d; (d = digit(*s, *base)) >= 0; s++) {
		*any = 1;
		if (*mag > (ULONG_MAX - (unsigned)d) / (unsigned)*base)
			*ovf = 1;
		else
			*mag = *mag * (unsigned)*base + (unsigned)d;
	}
	return s;
}

unsigned long strtoul(const char *restrict s, char **restrict end, int base)
{
	int neg, ovf, any;
	unsigned long mag;
	const char *e = parse(s, &base, &neg, &mag, &ovf, &any);
	if (end)
		*end = (char *)(any ? e : s);
	if (ovf) {
		errno = ERANGE;
		return ULONG_MAX;
	}
	return neg ? -mag : mag;
}

long strtol(const char *restrict s, char **restrict end, int base)
{
	int neg, ovf, any;
	unsigned long mag;
	const char *e = parse(s, &base, &neg, &mag, &ovf, &any);
	if (end)
		*end = (char *)(any ? e : s);
	if (ovf || mag > (unsigned long)LONG_MAX + neg) {
		errno = ERANGE;
		return neg ? LONG_MIN : LONG_MAX;
	}
	return neg ? (long)-mag : (long)mag;
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }

char *getenv(const char *name)
{
	size_t n = strlen(name);
	for (char **e = environ; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

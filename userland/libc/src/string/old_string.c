/* Ringel libc: <string.h>.  Plain byte loops; issue 4 may speed them up. */
#include <string.h>
#include <stdint.h>

void *memcpy(void *restrict d, const void *restrict s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	while (n--)
		*dp++ = *sp++;
	return d;
}

void *memmove(void *d, const void *s, size_t n)
{
	unsigned char *dp = d;
	const unsigned char *sp = s;
	if (dp == sp || n == 0)
		return d;
	if (dp < sp || dp >= sp + n) {
		while (n--)
			*dp++ = *sp++;
	} else {
		while (n--)
			dp[n] = sp[n];
	}
	return d;
}

void *memset(void *d, int c, size_t n)
{
	unsigned char *dp = d;
	while (n--)
		*dp++ = (unsigned char)c;
	return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;
	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;
	for (; n; n--, p++)
		if (*p == (unsigned char)c)
			return (void *)p;
	return NULL;
}

size_t strlen(const char *s)
{
	const char *p = s;
	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;
	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (!*a)
			break;
	}
	return 0;
}

char *strcpy(char *restrict d, const char *restrict s)
{
	char *r = d;
	while ((*d++ = *s++))
		;
	return r;
}

char *strncpy(char *restrict d, const char *restrict s, size_t n)
{
	size_t i = 0;
	for (; i < n && s[i]; i++)
		d[i] = s[i];
	for (; i < n; i++)
		d[i] = 0;
	return d;
}

char *strcat(char *restrict d, const char *restrict s)
{
	strcpy(d + strlen(d), s);
	return d;
}

char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;
	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

char *strstr(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return (char *)hay;
	return n ? NULL : (char *)hay;
}

static const char *const errnames[] = {
	[0] = "Success", [1] = "Operation not permitted", [2] = "No such file or directory",
	[3] = "No such process", [4] = "Interrupted system call", [5] = "I/O error",
	[6] = "No such device or address", [7] = "Argument list too long",
	[8] = "Exec format error", [9] = "Bad file descriptor", [10] = "No child processes",
	[11] = "Resource temporarily unavailable", [12] = "Out of memory",
	[13] = "Permission denied", [14] = "Bad address", [16] = "Resource busy",
	[17] = "File exists", [18] = "Cross-device link", [19] = "No such device",
	[20] = "Not a directory", [21] = "Is a directory", [22] = "Invalid argument",
	[23] = "Too many open files in system", [24] = "Too many open files",
	[25] = "Not a tty", [27] = "File too large", [28] = "No space left on device",
	[29] = "Invalid seek", [30] = "Read-only file system", [31] = "Too many links",
	[32] = "Broken pipe", [34] = "Result not representable",
	[35] = "Resource deadlock would occur", [36] = "Filename too long",
	[38] = "Function not implemented", [39] = "Directory not empty",
	[40] = "Symbolic link loop",
};

const char *strerror(int err)
{
	if (err >= 0 && err < (int)(sizeof(errnames) / sizeof(errnames[0])) && errnames[err])
		return errnames[err];
	return "Unknown error";
}

static const char *const signames[] = {
	[1] = "SIGHUP", [2] = "SIGINT", [3] = "SIGQUIT", [4] = "SIGILL", [5] = "SIGTRAP",
	[6] = "SIGABRT", [7] = "SIGBUS", [8] = "SIGFPE", [9] = "SIGKILL", [10] = "SIGUSR1",
	[11] = "SIGSEGV", [12] = "SIGUSR2", [13] = "SIGPIPE", [14] = "SIGALRM",
	[15] = "SIGTERM", [16] = "SIGSTKFLT", [17] = "SIGCHLD", [18] = "SIGCONT",
	[19] = "SIGSTOP", [20] = "SIGTSTP", [21] = "SIGTTIN", [22] = "SIGTTOU",
	[23] = "SIGURG", [24] = "SIGXCPU", [25] = "SIGXFSZ", [26] = "SIGVTALRM",
	[27] = "SIGPROF", [28] = "SIGWINCH", [29] = "SIGIO", [30] = "SIGPWR", [31] = "SIGSYS",
};

const char *strsignal(int sig)
{
	if (sig > 0 && sig < (int)(sizeof(signames) / sizeof(signames[0])))
		return signames[sig];
	return "SIG?";
}

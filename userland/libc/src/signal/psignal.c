/* Ringel libc: psignal, perror's counterpart for signals. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

void psignal(int sig, const char *s)
{
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, strsignal(sig));
	else
		fprintf(stderr, "%s\n", strsignal(sig));
}

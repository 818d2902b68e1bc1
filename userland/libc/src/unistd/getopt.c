/* Ringel libc: getopt, POSIX style.  Options are scanned in order and
 * stop at the first operand (no reordering of argv), at "--", or at "-".
 * A leading ':' in optstring asks for ':' instead of '?' for a missing
 * argument and silences the messages. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt;
static int pos;   /* within argv[optind]: the next option letter (0: start) */

int getopt(int argc, char *const argv[], const char *optstring)
{
	/* optind = 0 or 1 from the program restarts the scan. */
	if (optind == 0) {
		optind = 1;
		pos = 0;
	}
	if (pos == 0) {
		if (optind >= argc || !argv[optind] || argv[optind][0] != '-' || !argv[optind][1])
			return -1;
		if (!strcmp(argv[optind], "--")) {
			optind++;
			return -1;
		}
		pos = 1;
	}
	const char *arg = argv[optind];
	int c = (unsigned char)arg[pos++];
	int quiet = optstring[0] == ':';
	const char *spec = c == ':' ? NULL : strchr(optstring + quiet, c);
	optopt = c;
	if (!spec) {
		if (!arg[pos]) {
			optind++;
			pos = 0;
		}
		if (opterr && !quiet)
			fprintf(stderr, "%s: invalid option -- '%c'\n", argv[0], c);
		return '?';
	}
	if (spec[1] == ':') {
		if (arg[pos]) {                 /* -ofile */
			optarg = (char *)arg + pos;
		} else if (optind + 1 < argc) { /* -o file */
			optarg = argv[++optind];
		} else {
			optind++;
			pos = 0;
			if (opterr && !quiet)
				fprintf(stderr, "%s: option requires an argument -- '%c'\n", argv[0], c);
			return quiet ? ':' : '?';
		}
		optind++;
		pos = 0;
		return c;
	}
	if (!arg[pos]) {
		optind++;
		pos = 0;
	}
	return c;
}

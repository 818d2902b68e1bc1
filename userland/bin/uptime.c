/* uptime: how long the system has run, and its load averages. */
#include "common.h"
#include "procs.h"
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char text[] =
	"[-p] [-s]\n"
	"Print the time, how long the system has been up, and the load averages\n"
	"(processes running or waiting to run, over 1, 5 and 15 minutes).\n"
	"  -p  only the time up, in words        -s  the time it came up\n";

int main(int argc, char **argv)
{
	cmd_init("uptime", text);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	bool pretty = false, since = false;
	int c;
	while ((c = getopt(argc, argv, "hps")) != -1) {
		switch (c) {
		case 'p': pretty = true; break;
		case 's': since = true; break;
		case 'h': usage(0);
		default: usage(1);
		}
	}
	if (optind < argc)
		usage(1);
	long up = (long)uptime_seconds();
	if (since) {
		time_t t = time(NULL) - up;
		struct tm tm;
		localtime_r(&t, &tm);
		printf("%04d-%02d-%02d %02d:%02d:%02d\n", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
		       tm.tm_hour, tm.tm_min, tm.tm_sec);
	} else if (pretty) {
		long v[4] = { up / 604800, up / 86400 % 7, up / 3600 % 24, up / 60 % 60 };
		static const char *const unit[4] = { "week", "day", "hour", "minute" };
		printf("up");
		bool any = false;
		for (int i = 0; i < 4; i++) {
			if (!v[i] && !(i == 3 && !any))
				continue;
			printf("%s %ld %s%s", any ? "," : "", v[i], unit[i], v[i] == 1 ? "" : "s");
			any = true;
		}
		printf("\n");
	} else {
		char line[256];
		uptime_line(line, sizeof line);
		printf(" %s\n", line);
	}
	return fflush(stdout) ? 1 : 0;
}

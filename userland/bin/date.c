/* date: print the date and time. */
#include "common.h"
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char text[] =
	"[+FORMAT]\n"
	"Print the time of CLOCK_REALTIME, in UTC.\n"
	"FORMAT: %Y %m %d %H %M %S %s %a %b %e %j %y %Z %T %D %F %n %t %%\n"
	"Ringel has no real-time clock driver yet: its clock starts at\n"
	"1970-01-01 00:00:00 UTC when the machine boots, so the date is the uptime.\n";

static void format(const char *f, int64_t t)
{
	struct civil c;
	civil_from_time(t, &c);
	for (; *f; f++) {
		if (*f != '%' || !f[1]) {
			putchar(*f);
			continue;
		}
		switch (*++f) {
		case 'Y': printf("%d", c.year); break;
		case 'y': printf("%02d", c.year % 100); break;
		case 'm': printf("%02d", c.month); break;
		case 'd': printf("%02d", c.day); break;
		case 'e': printf("%2d", c.day); break;
		case 'H': printf("%02d", c.hour); break;
		case 'M': printf("%02d", c.min); break;
		case 'S': printf("%02d", c.sec); break;
		case 'j': printf("%03d", c.yday + 1); break;
		case 's': printf("%lld", (long long)t); break;
		case 'a': fputs(day_names[c.wday], stdout); break;
		case 'b': fputs(month_names[c.month - 1], stdout); break;
		case 'Z': fputs("UTC", stdout); break;
		case 'T': printf("%02d:%02d:%02d", c.hour, c.min, c.sec); break;
		case 'D': printf("%02d/%02d/%02d", c.month, c.day, c.year % 100); break;
		case 'F': printf("%d-%02d-%02d", c.year, c.month, c.day); break;
		case 'n': putchar('\n'); break;
		case 't': putchar('\t'); break;
		case '%': putchar('%'); break;
		default: putchar('%'); putchar(*f);
		}
	}
	putchar('\n');
}

int main(int argc, char **argv)
{
	cmd_init("date", text);
	int c;
	while ((c = getopt(argc, argv, "hu")) != -1)
		if (c != 'u')
			usage(c == 'h' ? 0 : 1);
	if (argc - optind > 1 || (optind < argc && argv[optind][0] != '+'))
		usage(1);
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		die_errno("clock_gettime");
	format(optind < argc ? argv[optind] + 1 : "%a %b %e %H:%M:%S %Z %Y", (int64_t)ts.tv_sec);
	return fflush(stdout) ? 1 : 0;
}

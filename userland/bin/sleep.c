/* sleep: wait a while. */
#include "common.h"
#include <errno.h>
#include <string.h>
#include <time.h>

static const char text[] =
	"SECONDS[.FRACTION][s|m|h]...\n"
	"Wait for the sum of the given times (seconds by default).\n";

/* "1.5", "2m": nanoseconds, or -1. */
static long long parse_time(const char *s)
{
	long long sec = 0, frac = 0, scale = 1000000000LL;
	const char *p = s;
	if (*p < '0' || *p > '9') {
		if (*p != '.')
			return -1;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		sec = sec * 10 + (*p - '0');
		if (sec > 100000000LL)
			return -1;
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++)
			if (scale > 1)
				frac += (*p - '0') * (scale /= 10);
	}
	long long mult = 1;
	if (*p == 's')
		p++;
	else if (*p == 'm')
		mult = 60, p++;
	else if (*p == 'h')
		mult = 3600, p++;
	if (*p || p == s)
		return -1;
	return (sec * 1000000000LL + frac) * mult;
}

int main(int argc, char **argv)
{
	cmd_init("sleep", text);
	if (argc < 2)
		usage(1);
	if (!strcmp(argv[1], "-h"))
		usage(0);
	long long total = 0;
	for (int i = 1; i < argc; i++) {
		long long ns = parse_time(argv[i]);
		if (ns < 0)
			die("invalid time interval '%s'", argv[i]);
		total += ns;
	}
	struct timespec ts = { (time_t)(total / 1000000000LL), (long)(total % 1000000000LL) };
	while (nanosleep(&ts, &ts) < 0)
		if (errno != EINTR)
			die_errno("nanosleep");
	return 0;
}

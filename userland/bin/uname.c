/* uname: name the system. */
#include "common.h"
#include <stdio.h>
#include <sys/utsname.h>
#include <unistd.h>

static const char text[] =
	"[-asnrvm]\n"
	"Print facts about the system (the kernel name by default).\n"
	"  -a  all of them   -s  kernel name   -n  host name\n"
	"  -r  kernel release   -v  kernel version   -m  machine\n";

int main(int argc, char **argv)
{
	cmd_init("uname", text);
	enum { S = 1, N = 2, R = 4, V = 8, M = 16 };
	unsigned want = 0;
	int c;
	while ((c = getopt(argc, argv, "hasnrvm")) != -1) {
		switch (c) {
		case 'a': want |= S | N | R | V | M; break;
		case 's': want |= S; break;
		case 'n': want |= N; break;
		case 'r': want |= R; break;
		case 'v': want |= V; break;
		case 'm': want |= M; break;
		default: usage(c == 'h' ? 0 : 1);
		}
	}
	if (optind != argc)
		usage(1);
	if (!want)
		want = S;
	struct utsname u;
	if (uname(&u) < 0)
		die_errno("uname");
	const char *fields[] = { u.sysname, u.nodename, u.release, u.version, u.machine };
	const char *sep = "";
	for (int i = 0; i < 5; i++) {
		if (want & (1u << i)) {
			printf("%s%s", sep, fields[i]);
			sep = " ";
		}
	}
	putchar('\n');
	return fflush(stdout) ? 1 : 0;
}

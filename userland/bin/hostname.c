/* hostname: show or set the machine's name (uname's nodename). */
#include "common.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char text[] =
	"[-s] [NAME]\n"
	"Print the host name, or set it to NAME (sethostname).\n"
	"  -s  the short name: up to the first '.'\n";

int main(int argc, char **argv)
{
	cmd_init("hostname", text);
	bool short_name = false;
	int i = 1;
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			usage(0);
		else if (!strcmp(argv[i], "-s") || !strcmp(argv[i], "--short"))
			short_name = true;
		else
			usage(1);
	}
	if (i < argc) {
		if (i + 1 < argc)
			usage(1);
		if (sethostname(argv[i], strlen(argv[i])) < 0)
			die_errno("sethostname");
		return 0;
	}
	char name[256];
	if (gethostname(name, sizeof name) < 0)
		die_errno("gethostname");
	if (short_name)
		name[strcspn(name, ".")] = 0;
	printf("%s\n", name);
	return fflush(stdout) ? 1 : 0;
}

/* poweroff, reboot, halt (one program, named by how it is called): ask the
 * kernel through reboot(2), as `poweroff -f` does on Linux (there is no
 * service manager to stop first). */
#include "common.h"
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <unistd.h>

static const char text[] =
	"[-f] [-n]\n"
	"poweroff: switch the machine off; reboot: restart it; halt: stop it.\n"
	"The file systems are all in memory: there is nothing to write back first.\n"
	"  -f  at once (the only way here)    -n  do not sync\n";

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	int cmd = RB_POWER_OFF;
	const char *name = "poweroff";
	if (!strcmp(base, "reboot")) {
		cmd = RB_AUTOBOOT;
		name = "reboot";
	} else if (!strcmp(base, "halt")) {
		cmd = RB_HALT_SYSTEM;
		name = "halt";
	}
	cmd_init(name, text);
	bool do_sync = true;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			usage(0);
		else if (!strcmp(argv[i], "-n"))
			do_sync = false;
		else if (strcmp(argv[i], "-f") && strcmp(argv[i], "-d"))
			usage(1);
	}
	if (do_sync)
		sync();
	reboot(cmd);
	die_errno("reboot");
}

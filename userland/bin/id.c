/* id and whoami (one program, named by how it is called): the user and
 * group identities of this process, with their names from /etc/passwd and
 * /etc/group. */
#include "common.h"
#include "procs.h"
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char id_text[] =
	"[-u|-g|-G] [-n] [-r]\n"
	"Print the user and group IDs (and names) of this process.\n"
	"  -u  the user ID only    -g  the group ID only    -G  all group IDs\n"
	"  -n  names instead of numbers (with -u, -g, -G)   -r  real instead of effective IDs\n";
static const char whoami_text[] =
	"\n"
	"Print the user name of the effective user ID.\n";

static void put_id(const char *file, unsigned id, bool name, bool *first)
{
	char buf[256];
	if (!*first)
		putchar(' ');
	*first = false;
	if (name && id_name(file, id, buf, sizeof buf))
		fputs(buf, stdout);
	else
		printf("%u", id);
}

/* "N(name)", or "N" when the ID has no name */
static void put_num_name(const char *file, unsigned id)
{
	char buf[256];
	printf("%u", id);
	if (id_name(file, id, buf, sizeof buf))
		printf("(%s)", buf);
}

static void put_both(const char *label, const char *file, unsigned id)
{
	printf("%s=", label);
	put_num_name(file, id);
}

int main(int argc, char **argv)
{
	const char *base = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	if (!strcmp(base, "whoami")) {
		cmd_init("whoami", whoami_text);
		if (argc > 1)
			usage(strcmp(argv[1], "--help") ? 1 : 0);
		char buf[256];
		unsigned uid = geteuid();
		if (!id_name("/etc/passwd", uid, buf, sizeof buf))
			die("cannot find name for user ID %u", uid);
		printf("%s\n", buf);
		return fflush(stdout) ? 1 : 0;
	}
	cmd_init("id", id_text);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	int which = 0, c;
	bool name = false, real = false;
	while ((c = getopt(argc, argv, "ugGnrh")) != -1) {
		switch (c) {
		case 'u': case 'g': case 'G':
			if (which && which != c)
				die("cannot print \"only\" of more than one choice");
			which = c;
			break;
		case 'n': name = true; break;
		case 'r': real = true; break;
		case 'h': usage(0);
		default: usage(1);
		}
	}
	if (optind < argc)
		die("extra operand '%s' (only this process's IDs are shown)", argv[optind]);
	if ((name || real) && !which)
		die("cannot print only names or real IDs in default format");
	unsigned uid = real ? getuid() : geteuid(), gid = real ? getgid() : getegid();
	gid_t groups[256];
	int ng = getgroups(256, groups);
	if (ng < 0)
		ng = 0;
	bool first = true;
	if (which == 'u') {
		put_id("/etc/passwd", uid, name, &first);
	} else if (which == 'g') {
		put_id("/etc/group", gid, name, &first);
	} else if (which == 'G') {
		put_id("/etc/group", gid, name, &first);
		for (int i = 0; i < ng; i++)
			if (groups[i] != gid)
				put_id("/etc/group", groups[i], name, &first);
	} else {
		put_both("uid", "/etc/passwd", getuid());
		putchar(' ');
		put_both("gid", "/etc/group", getgid());
		if (geteuid() != getuid()) {
			putchar(' ');
			put_both("euid", "/etc/passwd", geteuid());
		}
		if (getegid() != getgid()) {
			putchar(' ');
			put_both("egid", "/etc/group", getegid());
		}
		printf(" groups=");
		put_num_name("/etc/group", getegid());
		for (int i = 0; i < ng; i++)
			if (groups[i] != getegid()) {
				putchar(',');
				put_num_name("/etc/group", groups[i]);
			}
	}
	putchar('\n');
	return fflush(stdout) ? 1 : 0;
}

/* ulimit [-H|-S] [-a | -c -d -f -n -s -t -u -v] [N | unlimited]: show or
 * set a resource limit of the shell (and so of what it starts).  Sizes are
 * in the units dash uses: blocks of 512 bytes for -f, KiB for memory. */
#include "sh.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static const struct {
	char opt;
	int resource;
	unsigned long unit;
	const char *name;
} limits[] = {
	{ 't', RLIMIT_CPU, 1, "time(seconds)" }, { 'f', RLIMIT_FSIZE, 512, "file(blocks)" },
	{ 'd', RLIMIT_DATA, 1024, "data(kbytes)" }, { 's', RLIMIT_STACK, 1024, "stack(kbytes)" },
	{ 'c', RLIMIT_CORE, 512, "coredump(blocks)" }, { 'n', RLIMIT_NOFILE, 1, "nofiles" },
	{ 'u', RLIMIT_NPROC, 1, "process" }, { 'v', RLIMIT_AS, 1024, "vmemory(kbytes)" },
};
#define NLIMITS (int)(sizeof limits / sizeof limits[0])

static void show(int k, bool hard, bool with_name)
{
	struct rlimit rl;
	if (getrlimit(limits[k].resource, &rl) < 0) {
		sh_error("ulimit: %s: cannot read", limits[k].name);
		return;
	}
	unsigned long v = hard ? rl.rlim_max : rl.rlim_cur;
	char buf[64];
	if (v == RLIM_INFINITY)
		snprintf(buf, sizeof buf, "unlimited");
	else
		snprintf(buf, sizeof buf, "%lu", v / limits[k].unit);
	if (with_name)
		out_fmt(1, "%-20s %s\n", limits[k].name, buf);
	else
		out_fmt(1, "%s\n", buf);
}

int builtin_ulimit(int argc, char **argv)
{
	bool hard = false, soft = false, all = false;
	int k = 1, i = 1;      /* -f by default */
	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		for (const char *c = argv[i] + 1; *c; c++) {
			if (*c == 'H')
				hard = true;
			else if (*c == 'S')
				soft = true;
			else if (*c == 'a')
				all = true;
			else {
				int j = 0;
				while (j < NLIMITS && limits[j].opt != *c)
					j++;
				if (j == NLIMITS) {
					sh_error("ulimit: illegal option -%c", *c);
					return 2;
				}
				k = j;
			}
		}
	}
	if (all) {
		for (int j = 0; j < NLIMITS; j++)
			show(j, hard, true);
		return 0;
	}
	if (i == argc) {
		show(k, hard, false);
		return 0;
	}
	struct rlimit rl;
	if (getrlimit(limits[k].resource, &rl) < 0)
		return 1;
	unsigned long v = RLIM_INFINITY;
	if (strcmp(argv[i], "unlimited")) {
		char *end;
		v = strtoul(argv[i], &end, 10);
		if (*end || argv[i][0] == '-') {
			sh_error("ulimit: bad number");
			return 2;
		}
		v *= limits[k].unit;
	}
	if (hard || !soft)
		rl.rlim_max = v;
	if (soft || !hard)
		rl.rlim_cur = v;
	if (setrlimit(limits[k].resource, &rl) < 0) {
		sh_error("ulimit: cannot change the limit");
		return 2;
	}
	return 0;
}

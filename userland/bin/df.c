/* df: how much room the mounted file systems have. */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/statfs.h>

static const char text[] =
	"[-h] [-a] [-T] [PATH...]\n"
	"Show each mounted file system's size, use and free room in KiB (/proc/mounts, statfs);\n"
	"with PATHs, only the ones holding them.\n"
	"  -h  readable units (K, M, G)   -a  also those without blocks (proc)   -T  the type\n";

static bool human, all, show_type;

static void size_field(unsigned long long bytes)
{
	if (!human) {
		printf(" %10llu", (bytes + 1023) / 1024);
		return;
	}
	/* Tenths, in integers: one decimal below 10 as GNU df shows. */
	const char *u = "BKMGTP";
	unsigned long long tenths = bytes * 10;
	while (tenths >= 10240 && u[1]) {
		tenths = (tenths + 1023) / 1024;
		u++;
	}
	char buf[16];
	if (tenths < 100 && *u != 'B')
		snprintf(buf, sizeof buf, "%llu.%llu%c", tenths / 10, tenths % 10, *u);
	else
		snprintf(buf, sizeof buf, "%llu%c", (tenths + 9) / 10, *u);
	printf(" %6s", buf);
}

static int show(const char *src, const char *dir, const char *type)
{
	struct statfs st;
	if (statfs(dir, &st) < 0) {
		warn_errno(dir);
		return 1;
	}
	if (!all && st.f_blocks == 0)
		return 0;
	unsigned long long bs = (unsigned long long)st.f_bsize;
	unsigned long long total = st.f_blocks * bs, avail = st.f_bavail * bs;
	unsigned long long used = (st.f_blocks - st.f_bfree) * bs;
	printf("%-16s", src);
	if (show_type)
		printf(" %-6s", type);
	size_field(total);
	size_field(used);
	size_field(avail);
	unsigned long long denom = used + avail;
	if (denom)
		printf(" %3llu%%", (used * 100 + denom - 1) / denom);
	else
		printf("    -");
	printf(" %s\n", dir);
	return 0;
}

int main(int argc, char **argv)
{
	cmd_init("df", text);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	int c;
	while ((c = getopt(argc, argv, "haTk")) != -1) {
		if (c == 'h')
			human = true;
		else if (c == 'a')
			all = true;
		else if (c == 'T')
			show_type = true;
		else if (c != 'k')
			usage(1);
	}
	char *t = read_file("/proc/mounts", NULL);
	if (!t)
		die_errno("/proc/mounts");
	printf("%-16s", "Filesystem");
	if (show_type)
		printf(" %-6s", "Type");
	printf(human ? " %6s %6s %6s %4s %s\n" : " %10s %10s %10s %4s %s\n", human ? "Size" : "1K-blocks",
	       "Used", human ? "Avail" : "Available", "Use%", "Mounted on");
	int status = 0;
	/* With PATHs: the mount whose directory is the longest prefix of each. */
	for (int i = optind; i < argc; i++) {
		char best[256] = "", bsrc[256] = "", btype[64] = "";
		char *copy = strdup(t);
		for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
			char src[256], dir[256], type[64];
			if (sscanf(line, "%255s %255s %63s", src, dir, type) != 3)
				continue;
			size_t n = strlen(dir);
			char *abs = realpath(argv[i], NULL);
			const char *p = abs ? abs : argv[i];
			bool under = !strcmp(dir, "/") || (!strncmp(p, dir, n) && (p[n] == '/' || p[n] == 0));
			free(abs);
			if (under && n >= strlen(best)) {
				strcpy(best, dir);
				strcpy(bsrc, src);
				strcpy(btype, type);
			}
		}
		free(copy);
		all = true;
		status |= best[0] ? show(bsrc, best, btype) : 1;
	}
	if (optind == argc) {
		for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
			char src[256], dir[256], type[64];
			if (sscanf(line, "%255s %255s %63s", src, dir, type) == 3)
				status |= show(src, dir, type);
		}
	}
	free(t);
	return fflush(stdout) ? 1 : status;
}

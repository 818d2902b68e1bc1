/* mount: list what is mounted, or mount a file system. */
#include "common.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/stat.h>

static const char text[] =
	"[-r] [-t TYPE] [-o OPTIONS] SOURCE DIR\n"
	"Without arguments, list the mounted file systems (/proc/mounts).  Otherwise mount\n"
	"SOURCE (a block device such as /dev/vda1; anything for tmpfs and proc) on DIR.\n"
	"  -t TYPE     vfat (the default for a block device), tmpfs, proc\n"
	"  -o OPTIONS  comma-separated: ro, rw, remount, size=N[k|m|g|%] and mode=OCTAL (tmpfs)\n"
	"  -r          read-only, as -o ro\n";

static int list(void)
{
	char *t = read_file("/proc/mounts", NULL);
	if (!t)
		die_errno("/proc/mounts");
	for (char *line = strtok(t, "\n"); line; line = strtok(NULL, "\n")) {
		char src[256], dir[256], type[64], opts[256];
		if (sscanf(line, "%255s %255s %63s %255s", src, dir, type, opts) == 4)
			printf("%s on %s type %s (%s)\n", src, dir, type, opts);
	}
	free(t);
	return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
	cmd_init("mount", text);
	if (argc > 1 && !strcmp(argv[1], "--help"))
		usage(0);
	const char *type = NULL;
	unsigned long flags = 0;
	char data[512] = "";
	int c;
	while ((c = getopt(argc, argv, "hrt:o:")) != -1) {
		if (c == 't') {
			type = optarg;
		} else if (c == 'r') {
			flags |= MS_RDONLY;
		} else if (c == 'o') {
			/* ro/rw/remount become flags, the rest goes to the file system. */
			char *o = strdup(optarg);
			for (char *w = strtok(o, ","); w; w = strtok(NULL, ",")) {
				if (!strcmp(w, "ro"))
					flags |= MS_RDONLY;
				else if (!strcmp(w, "rw"))
					flags &= ~(unsigned long)MS_RDONLY;
				else if (!strcmp(w, "remount"))
					flags |= MS_REMOUNT;
				else
					snprintf(data + strlen(data), sizeof data - strlen(data), "%s%s",
						 data[0] ? "," : "", w);
			}
			free(o);
		} else {
			usage(c == 'h' ? 0 : 1);
		}
	}
	if (optind == argc && !type && !flags && !data[0])
		return list();
	const char *source, *dir;
	if ((flags & MS_REMOUNT) && argc - optind == 1) {
		source = "none";
		dir = argv[optind];
	} else if (argc - optind == 2) {
		source = argv[optind];
		dir = argv[optind + 1];
	} else {
		usage(1);
	}
	if (!type && !(flags & MS_REMOUNT)) {
		struct stat st;
		if (stat(source, &st) == 0 && S_ISBLK(st.st_mode))
			type = "vfat";
		else
			die("%s: not a block device: say which file system with -t", source);
	}
	if (mount(source, dir, type, flags, data[0] ? data : NULL) < 0) {
		warn_errno(dir);
		return 1;
	}
	return 0;
}

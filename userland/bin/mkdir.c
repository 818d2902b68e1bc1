/* mkdir: make directories. */
#include "common.h"
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char text[] =
	"[-p] [-m MODE] DIR...\n"
	"Make each directory.\n"
	"  -p       make missing parents too; an existing directory is no error\n"
	"  -m MODE  octal permissions (default 0777 less the umask)\n";

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* mkdir -p: every prefix of path, then path itself. */
static int make_parents(char *path, mode_t mode)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/' || p[-1] == '/')
			continue;
		*p = 0;
		int r = mkdir(path, 0777);
		int err = errno;
		bool ok = r == 0 || (err == EEXIST && is_dir(path));
		if (!ok) {
			errno = err == EEXIST ? ENOTDIR : err;
			warn_errno(path);
			*p = '/';
			return 1;
		}
		*p = '/';
	}
	if (mkdir(path, mode) < 0 && !(errno == EEXIST && is_dir(path))) {
		warn_errno(path);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	cmd_init("mkdir", text);
	bool parents = false;
	mode_t mode = 0777;
	int c;
	while ((c = getopt(argc, argv, "hpm:")) != -1) {
		if (c == 'p') {
			parents = true;
		} else if (c == 'm') {
			char *end;
			unsigned long m = strtoul(optarg, &end, 8);
			if (!*optarg || *end || m > 07777)
				die("invalid mode '%s'", optarg);
			mode = (mode_t)m;
		} else {
			usage(c == 'h' ? 0 : 1);
		}
	}
	if (optind == argc)
		usage(1);
	int status = 0;
	for (int i = optind; i < argc; i++) {
		if (parents) {
			status |= make_parents(argv[i], mode);
		} else if (mkdir(argv[i], mode) < 0) {
			warn_errno(argv[i]);
			status = 1;
		}
	}
	return status;
}

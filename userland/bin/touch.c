/* touch: make files exist and set their times to now. */
#include "common.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char text[] =
	"[-c] FILE...\n"
	"Set the access and modification times of each FILE to now, making it empty\n"
	"if it does not exist.\n"
	"  -c  do not make files that do not exist\n";

int main(int argc, char **argv)
{
	cmd_init("touch", text);
	bool create = true;
	int c;
	while ((c = getopt(argc, argv, "hc")) != -1) {
		if (c == 'c')
			create = false;
		else
			usage(c == 'h' ? 0 : 1);
	}
	if (optind == argc)
		usage(1);
	int status = 0;
	for (int i = optind; i < argc; i++) {
		if (utimensat(AT_FDCWD, argv[i], NULL, 0) == 0)
			continue;
		if (errno == ENOENT && create) {
			int fd = open(argv[i], O_WRONLY | O_CREAT | O_NOCTTY, 0666);
			if (fd >= 0) {
				close(fd);
				continue;
			}
		} else if (errno == ENOENT) {
			continue;
		}
		warn("cannot touch '%s': %s", argv[i], strerror(errno));
		status = 1;
	}
	return status;
}

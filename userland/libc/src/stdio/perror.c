/* Ringel libc: perror and the file-name operations of <stdio.h>. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <stdio.h>

void perror(const char *s)
{
	const char *msg = strerror(errno);
	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}

int remove(const char *path)
{
	if (unlink(path) == 0)
		return 0;
	if (errno == EISDIR)
		return rmdir(path);
	return -1;
}

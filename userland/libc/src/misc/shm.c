/* Ringel libc: POSIX shared memory.  An object is a file in /dev/shm, the
 * tmpfs the kernel mounts there at boot (as glibc and musl do on Linux):
 * "/name" is /dev/shm/name.  The name must start with one slash and have
 * no other (EINVAL), and fit NAME_MAX (ENAMETOOLONG). */
#include <sys/mman.h>
#include <fcntl.h>
#include <unistd.h>
#include <string.h>
#include <errno.h>
#include <limits.h>

#define SHM_DIR "/dev/shm/"

static int shm_path(const char *name, char *buf)
{
	while (*name == '/')
		name++;
	size_t n = strlen(name);
	if (n == 0 || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")) {
		errno = EINVAL;
		return -1;
	}
	if (n > NAME_MAX) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, SHM_DIR, sizeof SHM_DIR - 1);
	memcpy(buf + sizeof SHM_DIR - 1, name, n + 1);
	return 0;
}

int shm_open(const char *name, int flags, mode_t mode)
{
	char path[sizeof SHM_DIR + NAME_MAX];
	if (shm_path(name, path) < 0)
		return -1;
	return open(path, flags | O_NOFOLLOW | O_CLOEXEC, mode);
}

int shm_unlink(const char *name)
{
	char path[sizeof SHM_DIR + NAME_MAX];
	if (shm_path(name, path) < 0)
		return -1;
	return unlink(path);
}

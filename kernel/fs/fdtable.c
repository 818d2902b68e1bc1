/* Descriptor tables (see <vfs.h>): 256 slots of open files with a
 * close-on-exec bit each.  dup and fork share the open file (its offset
 * and status flags); the FD_CLOEXEC bit belongs to the descriptor. */
#include <vfs.h>
#include <proc.h>
#include <mm.h>
#include <kernel.h>
#include <uapi.h>
#include <string.h>

static bool cloexec_get(struct fdtable *t, int fd)
{
	return t->cloexec[fd / 8] & (1u << (fd % 8));
}

static void cloexec_set(struct fdtable *t, int fd, bool on)
{
	if (on)
		t->cloexec[fd / 8] |= (uint8_t)(1u << (fd % 8));
	else
		t->cloexec[fd / 8] &= (uint8_t)~(1u << (fd % 8));
}

struct fdtable *fdtable_new(void)
{
	struct fdtable *t = kzalloc(sizeof *t);
	if (t)
		t->refs = 1;
	return t;
}

struct fdtable *fdtable_copy(struct fdtable *src)
{
	struct fdtable *t = fdtable_new();
	if (!t || !src)
		return t;
	for (int i = 0; i < FDTABLE_SIZE; i++)
		if (src->fd[i])
			t->fd[i] = file_get(src->fd[i]);
	memcpy(t->cloexec, src->cloexec, sizeof t->cloexec);
	return t;
}

/* A descriptor goes: the process's record locks on the file go with it
 * (POSIX), then the reference. */
static void fd_drop(struct file *f)
{
	lock_close(f);
	file_put(f);
}

void fdtable_put(struct fdtable *t)
{
	if (!t)
		return;
	if (--t->refs > 0)
		return;
	for (int i = 0; i < FDTABLE_SIZE; i++) {
		struct file *f = t->fd[i];
		t->fd[i] = NULL;
		if (f)
			fd_drop(f);
	}
	kfree(t);
}

void fdtable_close_on_exec(struct fdtable *t)
{
	for (int i = 0; i < FDTABLE_SIZE; i++) {
		if (t->fd[i] && cloexec_get(t, i)) {
			struct file *f = t->fd[i];
			t->fd[i] = NULL;
			cloexec_set(t, i, false);
			fd_drop(f);
		}
	}
}

/* Descriptors at or above RLIMIT_NOFILE are not handed out. */
static int fd_limit(void)
{
	uint64_t lim = rlimit_cur(RLIMIT_NOFILE);
	return lim < FDTABLE_SIZE ? (int)lim : FDTABLE_SIZE;
}

int fd_install(struct fdtable *t, struct file *f, int minfd, bool cloexec)
{
	if (minfd < 0)
		minfd = 0;
	int limit = fd_limit();
	for (int i = minfd; i < limit; i++) {
		if (!t->fd[i]) {
			t->fd[i] = f;
			cloexec_set(t, i, cloexec);
			return i;
		}
	}
	return -EMFILE;
}

struct file *fd_get(struct fdtable *t, int fd)
{
	if (!t || fd < 0 || fd >= FDTABLE_SIZE || !t->fd[fd])
		return NULL;
	return file_get(t->fd[fd]);
}

int fd_close(struct fdtable *t, int fd)
{
	if (fd < 0 || fd >= FDTABLE_SIZE || !t->fd[fd])
		return -EBADF;
	struct file *f = t->fd[fd];
	t->fd[fd] = NULL;
	cloexec_set(t, fd, false);
	fd_drop(f);
	return 0;
}

int fd_dup2(struct fdtable *t, int oldfd, int newfd, bool cloexec)
{
	if (oldfd < 0 || oldfd >= FDTABLE_SIZE || !t->fd[oldfd])
		return -EBADF;
	if (newfd < 0 || newfd >= fd_limit())
		return -EBADF;
	struct file *f = file_get(t->fd[oldfd]);
	struct file *old = t->fd[newfd];
	t->fd[newfd] = f;
	cloexec_set(t, newfd, cloexec);
	if (old)
		fd_drop(old);           /* after the slot is reused: a release may sleep */
	return newfd;
}

int fd_get_cloexec(struct fdtable *t, int fd)
{
	if (fd < 0 || fd >= FDTABLE_SIZE || !t->fd[fd])
		return -EBADF;
	return cloexec_get(t, fd);
}

int fd_set_cloexec(struct fdtable *t, int fd, bool on)
{
	if (fd < 0 || fd >= FDTABLE_SIZE || !t->fd[fd])
		return -EBADF;
	cloexec_set(t, fd, on);
	return 0;
}

int fdtable_open_console(struct fdtable *t)
{
	struct file *f;
	int err = vfs_openat(vfs_root(), "/dev/console", O_RDWR, 0, &f);
	if (err)
		return err;
	for (int i = 0; i < 3; i++) {
		int fd = fd_install(t, i ? file_get(f) : f, i, false);
		if (fd < 0) {
			file_put(f);    /* the reference meant for this slot */
			return fd;
		}
	}
	return 0;
}

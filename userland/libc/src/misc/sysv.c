/* Ringel libc: System V IPC (<sys/ipc.h>, <sys/shm.h>, <sys/sem.h>,
 * <sys/msg.h>): each call is its system call; ftok makes a key from a
 * file's identity as glibc does. */
#include <sys/shm.h>
#include <sys/sem.h>
#include <sys/msg.h>
#include <sys/stat.h>
#include <stdarg.h>
#include "../internal.h"

key_t ftok(const char *path, int id)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return -1;
	return (key_t)((st.st_ino & 0xffff) | ((st.st_dev & 0xff) << 16) | ((unsigned)(id & 0xff) << 24));
}

int shmget(key_t key, size_t size, int flags) { return sys(SYS_shmget, key, size, flags); }
void *shmat(int id, const void *addr, int flags) { return (void *)sys(SYS_shmat, id, addr, flags); }
int shmdt(const void *addr) { return sys(SYS_shmdt, addr); }
int shmctl(int id, int cmd, struct shmid_ds *buf) { return sys(SYS_shmctl, id, cmd, buf); }

int semget(key_t key, int nsems, int flags) { return sys(SYS_semget, key, nsems, flags); }
int semop(int id, struct sembuf *ops, size_t nops) { return sys(SYS_semop, id, ops, nops); }
int semtimedop(int id, struct sembuf *ops, size_t nops, const struct timespec *timeout)
{
	return sys(SYS_semtimedop, id, ops, nops, timeout);
}

int semctl(int id, int num, int cmd, ...)
{
	/* union semun is one register wide: take it as an unsigned long */
	unsigned long arg = 0;
	if (cmd == SETVAL || cmd == GETALL || cmd == SETALL || cmd == IPC_STAT || cmd == IPC_SET) {
		va_list ap;
		va_start(ap, cmd);
		arg = va_arg(ap, unsigned long);
		va_end(ap);
	}
	return sys(SYS_semctl, id, num, cmd, arg);
}

int msgget(key_t key, int flags) { return sys(SYS_msgget, key, flags); }
int msgsnd(int id, const void *msg, size_t size, int flags) { return sys(SYS_msgsnd, id, msg, size, flags); }
ssize_t msgrcv(int id, void *msg, size_t size, long type, int flags)
{
	return sys(SYS_msgrcv, id, msg, size, type, flags);
}
int msgctl(int id, int cmd, struct msqid_ds *buf) { return sys(SYS_msgctl, id, cmd, buf); }

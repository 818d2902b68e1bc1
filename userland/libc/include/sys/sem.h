/* Ringel libc: <sys/sem.h> */
#ifndef _SYS_SEM_H
#define _SYS_SEM_H
#include <sys/ipc.h>        /* SEM_UNDO, GETVAL.., struct sembuf, struct semid_ds */
struct timespec;
int semget(key_t key, int nsems, int flags);
int semop(int id, struct sembuf *ops, size_t nops);
int semtimedop(int id, struct sembuf *ops, size_t nops, const struct timespec *timeout);
/* The fourth argument, when the command takes one, is the caller's
 * union semun (an int, a struct semid_ds * or an unsigned short *). */
int semctl(int id, int num, int cmd, ...);
#endif

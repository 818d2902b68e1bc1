/* Ringel libc: <sys/msg.h> */
#ifndef _SYS_MSG_H
#define _SYS_MSG_H
#include <sys/ipc.h>        /* MSG_ flags, struct msqid_ds */
typedef unsigned long msgqnum_t;
typedef unsigned long msglen_t;
int msgget(key_t key, int flags);
int msgsnd(int id, const void *msg, size_t size, int flags);
ssize_t msgrcv(int id, void *msg, size_t size, long type, int flags);
int msgctl(int id, int cmd, struct msqid_ds *buf);
#endif

/* Ringel libc: <sys/ipc.h> */
#ifndef _SYS_IPC_H
#define _SYS_IPC_H
#include <sys/types.h>
#include <uapi/ipc.h>       /* IPC_ flags and commands, struct ipc_perm */
typedef int key_t;
key_t ftok(const char *path, int id);
#endif

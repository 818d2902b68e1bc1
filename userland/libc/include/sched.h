/* Ringel libc: <sched.h> */
#ifndef _SCHED_H
#define _SCHED_H
#define CLONE_VM 0x00000100
#define CLONE_FS 0x00000200
#define CLONE_FILES 0x00000400
#define CLONE_SIGHAND 0x00000800
#define CLONE_VFORK 0x00004000
#define CLONE_THREAD 0x00010000
int sched_yield(void);
#endif

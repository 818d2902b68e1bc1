/* System V IPC: the flags and commands of shmget/semget/msgget and their
 * ctl calls, the limits Linux starts with, and the 64-bit structures the
 * IPC_STAT/IPC_SET commands exchange (the layouts of Linux's ipc64_perm,
 * shmid64_ds and msqid64_ds, the same on both arches; semid64_ds differs:
 * <uapi/arch/sembuf.h>).  Field names are glibc's, so the libc uses the
 * structures as they are. */
#ifndef UAPI_IPC_H
#define UAPI_IPC_H
#include <uapi/types.h>

#define IPC_PRIVATE 0
#define IPC_CREAT 01000
#define IPC_EXCL 02000
#define IPC_NOWAIT 04000
#define IPC_RMID 0
#define IPC_SET 1
#define IPC_STAT 2
#define IPC_INFO 3

/* shm */
#define SHM_RDONLY 010000
#define SHM_RND 020000
#define SHM_REMAP 040000
#define SHM_EXEC 0100000
#define SHM_DEST 01000          /* shm_perm.mode: removed, still attached */
#define SHMMIN 1
#define SHMMNI 4096

/* sem */
#define SEM_UNDO 0x1000
#define GETPID 11
#define GETVAL 12
#define GETALL 13
#define GETNCNT 14
#define GETZCNT 15
#define SETVAL 16
#define SETALL 17
#define SEMMSL 32000            /* semaphores per set */
#define SEMOPM 500              /* operations per semop */
#define SEMVMX 32767            /* the largest value */

/* msg */
#define MSG_NOERROR 010000
#define MSG_EXCEPT 020000
#define MSG_COPY 040000
#define MSGMAX 8192             /* bytes in one message */
#define MSGMNB 16384            /* bytes in one queue */

struct __UAPI_STRUCT(ipc_perm) {
	int32_t __key;
	uint32_t uid, gid, cuid, cgid;
	uint32_t mode;
	uint16_t __seq;
	uint16_t __pad2;
	uint64_t __unused1, __unused2;
};

struct __UAPI_STRUCT(shmid_ds) {
	struct __UAPI_STRUCT(ipc_perm) shm_perm;
	uint64_t shm_segsz;
	int64_t shm_atime, shm_dtime, shm_ctime;
	int32_t shm_cpid, shm_lpid;
	uint64_t shm_nattch;
	uint64_t __unused4, __unused5;
};

struct __UAPI_STRUCT(msqid_ds) {
	struct __UAPI_STRUCT(ipc_perm) msg_perm;
	int64_t msg_stime, msg_rtime, msg_ctime;
	uint64_t __msg_cbytes, msg_qnum, msg_qbytes;
	int32_t msg_lspid, msg_lrpid;
	uint64_t __unused4, __unused5;
};

/* semop's operations */
struct __UAPI_STRUCT(sembuf) {
	uint16_t sem_num;
	int16_t sem_op;
	int16_t sem_flg;
};

#include <uapi/arch/sembuf.h>   /* struct semid_ds */
#endif

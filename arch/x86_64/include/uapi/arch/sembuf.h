/* x86-64's semid64_ds keeps a spare word after each time. */
#ifndef UAPI_ARCH_SEMBUF_H
#define UAPI_ARCH_SEMBUF_H
struct __UAPI_STRUCT(semid_ds) {
	struct __UAPI_STRUCT(ipc_perm) sem_perm;
	int64_t sem_otime;
	uint64_t __unused1;
	int64_t sem_ctime;
	uint64_t __unused2;
	uint64_t sem_nsems;
	uint64_t __unused3, __unused4;
};
#endif

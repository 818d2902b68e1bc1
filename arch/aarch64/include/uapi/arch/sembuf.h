/* AArch64 has the generic 64-bit semid64_ds: the two times side by side. */
#ifndef UAPI_ARCH_SEMBUF_H
#define UAPI_ARCH_SEMBUF_H
struct __UAPI_STRUCT(semid_ds) {
	struct __UAPI_STRUCT(ipc_perm) sem_perm;
	int64_t sem_otime;
	int64_t sem_ctime;
	uint64_t sem_nsems;
	uint64_t __unused3, __unused4;
};
#endif

/* readv/writev's vector as the kernel reads it.  (A C library's struct
 * iovec has a pointer for iov_base, so the libc keeps its own and does not
 * include this.)  The most entries one call takes is UIO_MAXIOV in
 * <uapi/limits.h>. */
#ifndef UAPI_UIO_H
#define UAPI_UIO_H
#include <uapi/types.h>
struct linux_iovec {
	uint64_t iov_base;
	uint64_t iov_len;
};
#endif

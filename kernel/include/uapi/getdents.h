/* getdents64's record as the kernel writes it.  (A C library's struct dirent
 * has the same head but a fixed-size d_name, so the libc keeps its own and
 * does not include this.) */
#ifndef UAPI_GETDENTS_H
#define UAPI_GETDENTS_H
#include <uapi/types.h>
#include <uapi/dirent.h>
struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};
#endif

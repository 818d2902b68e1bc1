/* lseek whence and access/faccessat modes (C libraries show them in
 * <unistd.h>, SEEK_ also in <stdio.h> and <fcntl.h>). */
#ifndef UAPI_UNISTD_H
#define UAPI_UNISTD_H
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4
#endif

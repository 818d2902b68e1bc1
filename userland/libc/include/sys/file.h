/* Ringel libc: <sys/file.h> */
#ifndef _SYS_FILE_H
#define _SYS_FILE_H
#include <fcntl.h>          /* LOCK_SH, LOCK_EX, LOCK_NB, LOCK_UN */
int flock(int fd, int op);
#endif

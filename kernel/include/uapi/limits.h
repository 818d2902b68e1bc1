/* The sizes and counts the kernel enforces that programs must know. */
#ifndef UAPI_LIMITS_H
#define UAPI_LIMITS_H
#define PATH_MAX 4096             /* a path, including its NUL */
#define NAME_MAX 255              /* one path component */
#define SYMLOOP_MAX 40            /* symbolic links followed in one lookup (ELOOP beyond) */
#define UIO_MAXIOV 1024           /* entries of one readv/writev */
#define OPEN_MAX 256              /* descriptors per process */
#define ARG_MAX 131072            /* bytes of execve's arguments and environment */
#endif

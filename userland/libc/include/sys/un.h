/* Ringel libc: <sys/un.h> */
#ifndef _SYS_UN_H
#define _SYS_UN_H
#include <sys/types.h>
#include <uapi/socket.h>    /* struct sockaddr_un */
#endif

/* wait4/waitid options and idtypes. */
#ifndef UAPI_WAIT_H
#define UAPI_WAIT_H
#define WNOHANG 1
#define WUNTRACED 2
#define WSTOPPED WUNTRACED
#define WEXITED 4
#define WCONTINUED 8
#define WNOWAIT 0x01000000

#define P_ALL 0
#define P_PID 1
#define P_PGID 2
#endif

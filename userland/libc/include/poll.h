/* Ringel libc: <poll.h> */
#ifndef _POLL_H
#define _POLL_H
#include <sys/types.h>
#include <uapi/poll.h>      /* events, struct pollfd */
typedef unsigned long nfds_t;
int poll(struct pollfd *fds, nfds_t n, int timeout_ms);
#endif

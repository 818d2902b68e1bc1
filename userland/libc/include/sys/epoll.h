/* Ringel libc: <sys/epoll.h> */
#ifndef _SYS_EPOLL_H
#define _SYS_EPOLL_H
#include <sys/types.h>
#include <signal.h>
#include <uapi/epoll.h>     /* EPOLL_CTL_, EPOLL*, the layout (packed on x86-64) */

typedef union epoll_data {
	void *ptr;
	int fd;
	uint32_t u32;
	uint64_t u64;
} epoll_data_t;

struct epoll_event {
	uint32_t events;
	epoll_data_t data;
} __UAPI_EPOLL_PACKED;

int epoll_create(int size);
int epoll_create1(int flags);
int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev);
int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout_ms);
int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout_ms,
		const sigset_t *mask);
#endif

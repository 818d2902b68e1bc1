/* epoll: epoll_ctl's operations, the event bits (the poll bits where they
 * overlap) and struct epoll_event, which x86-64 packs to 12 bytes and
 * AArch64 aligns to 16 (<uapi/arch/epoll.h> says which).  The structure keeps
 * its linux_ name: the libc's has a union where this has data. */
#ifndef UAPI_EPOLL_H
#define UAPI_EPOLL_H
#include <uapi/types.h>
#include <uapi/arch/epoll.h>
#define EPOLL_CLOEXEC 02000000   /* O_CLOEXEC's value */
#define EPOLL_CTL_ADD 1
#define EPOLL_CTL_DEL 2
#define EPOLL_CTL_MOD 3
#define EPOLLIN 0x001
#define EPOLLPRI 0x002
#define EPOLLOUT 0x004
#define EPOLLERR 0x008
#define EPOLLHUP 0x010
#define EPOLLRDNORM 0x040
#define EPOLLRDBAND 0x080
#define EPOLLWRNORM 0x100
#define EPOLLWRBAND 0x200
#define EPOLLMSG 0x400
#define EPOLLRDHUP 0x2000
#define EPOLLEXCLUSIVE (1u << 28)
#define EPOLLWAKEUP (1u << 29)
#define EPOLLONESHOT (1u << 30)
#define EPOLLET (1u << 31)

struct linux_epoll_event {
	uint32_t events;
	uint64_t data;
} __UAPI_EPOLL_PACKED;
#endif

/* x86-64 packs struct epoll_event (12 bytes), as the i386 ABI it came from. */
#ifndef UAPI_ARCH_EPOLL_H
#define UAPI_ARCH_EPOLL_H
#define __UAPI_EPOLL_PACKED __attribute__((__packed__))
#endif

/* AArch64 lays struct epoll_event out naturally (16 bytes). */
#ifndef UAPI_ARCH_EPOLL_H
#define UAPI_ARCH_EPOLL_H
#define __UAPI_EPOLL_PACKED
#endif

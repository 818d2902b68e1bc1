/* Sockets: address families, socket types, send/recv flags, socket options,
 * ancillary-message types and the structures around them (the values of
 * Linux's socket, generic-socket and un headers; the same on x86-64 and
 * AArch64).
 *
 * Not included by <uapi.h>: glibc spells MSG_* as enumerators with
 * self-named macros, so host code that sees both would warn.  The kernel's
 * kernel/net/ and the libc's <sys/socket.h> include it themselves. */
#ifndef UAPI_SOCKET_H
#define UAPI_SOCKET_H
#include <uapi/types.h>
#include <uapi/fcntl.h>

/* Address families (socket's domain). */
#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_LOCAL AF_UNIX
#define AF_INET 2
#define AF_INET6 10
#define AF_NETLINK 16
#define AF_PACKET 17
#define AF_MAX 46
#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX AF_UNIX
#define PF_LOCAL AF_UNIX
#define PF_INET AF_INET
#define PF_INET6 AF_INET6

/* Socket types, and the flags or'ed into socket()'s and accept4()'s type. */
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_RDM 4
#define SOCK_SEQPACKET 5
#define SOCK_DCCP 6
#define SOCK_PACKET 10
#define SOCK_TYPE_MASK 0xf
#define SOCK_NONBLOCK O_NONBLOCK
#define SOCK_CLOEXEC O_CLOEXEC

/* send/recv flags. */
#define MSG_OOB 0x1
#define MSG_PEEK 0x2
#define MSG_DONTROUTE 0x4
#define MSG_CTRUNC 0x8
#define MSG_TRUNC 0x20
#define MSG_DONTWAIT 0x40
#define MSG_EOR 0x80
#define MSG_WAITALL 0x100
#define MSG_NOSIGNAL 0x4000
#define MSG_CMSG_CLOEXEC 0x40000000

/* shutdown's how. */
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2

#define SOMAXCONN 4096

/* Socket options at level SOL_SOCKET. */
#define SOL_SOCKET 1
#define SO_DEBUG 1
#define SO_REUSEADDR 2
#define SO_TYPE 3
#define SO_ERROR 4
#define SO_DONTROUTE 5
#define SO_BROADCAST 6
#define SO_SNDBUF 7
#define SO_RCVBUF 8
#define SO_KEEPALIVE 9
#define SO_OOBINLINE 10
#define SO_LINGER 13
#define SO_REUSEPORT 15
#define SO_PASSCRED 16
#define SO_PEERCRED 17
#define SO_RCVLOWAT 18
#define SO_SNDLOWAT 19
#define SO_RCVTIMEO 20             /* a struct timeval (64-bit: the _OLD and _NEW ones agree) */
#define SO_SNDTIMEO 21
#define SO_ACCEPTCONN 30
#define SO_SNDBUFFORCE 32
#define SO_RCVBUFFORCE 33
#define SO_PROTOCOL 38
#define SO_DOMAIN 39

/* Ancillary message types at level SOL_SOCKET. */
#define SCM_RIGHTS 1
#define SCM_CREDENTIALS 2

/* The most descriptors one SCM_RIGHTS message carries (Linux's SCM_MAX_FD). */
#define SCM_MAX_FD 253

/* The generic address, and room for any. */
struct __UAPI_STRUCT(sockaddr) {
	uint16_t sa_family;
	char sa_data[14];
};
struct __UAPI_STRUCT(sockaddr_storage) {
	uint16_t ss_family;
	char __ss_padding[118];
	uint64_t __ss_align;
};

/* An AF_UNIX address: a path, or with sun_path[0] == 0 a name in the
 * abstract namespace (the bytes after it, as long as the address length
 * says). */
#define UNIX_PATH_MAX 108
struct __UAPI_STRUCT(sockaddr_un) {
	uint16_t sun_family;
	char sun_path[UNIX_PATH_MAX];
};

/* SO_PEERCRED's answer and SCM_CREDENTIALS' payload. */
struct __UAPI_STRUCT(ucred) {
	int32_t pid;
	uint32_t uid;
	uint32_t gid;
};

/* An ancillary message header, followed by its data at CMSG_ALIGN'ed
 * offset; cmsg_len counts header and data (not the padding after).  The
 * same in the kernel and the libc (size_t is 64 bits on both arches). */
struct __UAPI_STRUCT(cmsghdr) {
	uint64_t cmsg_len;
	int32_t cmsg_level;
	int32_t cmsg_type;
};

/* sendmsg/recvmsg's message as the kernel reads it (the libc's struct
 * msghdr has pointers; it keeps its own of the same layout). */
struct linux_msghdr {
	uint64_t msg_name;
	uint32_t msg_namelen;
	uint32_t __pad1;
	uint64_t msg_iov;
	uint64_t msg_iovlen;
	uint64_t msg_control;
	uint64_t msg_controllen;
	int32_t msg_flags;
	uint32_t __pad2;
};
#endif
